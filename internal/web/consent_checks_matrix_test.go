package web_test

import "maps"

// The consent check routes (issue 15), classified for TestRoleRouteMatrix.
func init() {
	writers := []string{"peer", "supervisor", "clinician"}
	maps.Copy(routeAccess, map[string][]string{
		"POST /consents/{id}/document":            writers,
		"GET /consents/{id}/document":             writers,
		"POST /consents/{id}/verify":              {"supervisor", "clinician"},
		"POST /api/v1/consents/{id}/verification": {"supervisor", "clinician"},
		"POST /settings/part2-consent-check":      {"administrator"},
	})
}
