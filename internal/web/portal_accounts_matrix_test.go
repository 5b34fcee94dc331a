package web_test

import "maps"

// Portal accounts, classified for TestRoleRouteMatrix: the staff who serve
// a participant invite them and turn their account off and on (the store
// narrows to those they reach); anyone may open the join page; the
// participant who joined sees the welcome. Turning an account off needs a
// reason, so the matrix's empty requests change nothing.
func init() {
	managers := []string{"peer", "supervisor", "clinician"}
	maps.Copy(routeAccess, map[string][]string{
		"GET /participants/{id}/portal-account":             managers,
		"POST /participants/{id}/portal-account/invitation": managers,
		"POST /participants/{id}/portal-account/disable":    managers,
		"POST /participants/{id}/portal-account/enable":     managers,
		"GET /portal/join":    {"public"},
		"POST /portal/join":   {"public"},
		"GET /portal/welcome": {"participant"},
		"POST /api/v1/participants/{id}/portal-invitation":      managers,
		"GET /api/v1/participants/{id}/portal-account":          managers,
		"POST /api/v1/participants/{id}/portal-account/disable": managers,
		"POST /api/v1/participants/{id}/portal-account/enable":  managers,
		"POST /api/v1/portal/join":                              {"public"},
	})
}
