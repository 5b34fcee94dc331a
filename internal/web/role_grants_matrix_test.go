package web_test

import "maps"

// The role grant routes (issue 15), classified for TestRoleRouteMatrix.
func init() {
	maps.Copy(routeAccess, map[string][]string{
		"POST /staff/grants/{id}/approve": {"administrator"},
		"POST /staff/grants/{id}/decline": {"administrator"},
	})
}
