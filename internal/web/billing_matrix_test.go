package web_test

import "maps"

// The billing routes (issue 8), classified for TestRoleRouteMatrix:
// billing staff act, auditors read, nobody else reaches them.
func init() {
	readers := []string{"billing", "auditor"}
	maps.Copy(routeAccess, map[string][]string{
		"GET /billing":                     readers,
		"GET /billing/worklist.csv":        readers,
		"POST /billing/batches":            {"billing"},
		"POST /billing/batches/{id}/837":   {"billing"},
		"GET /claims":                      readers,
		"POST /claims/outcomes":            {"billing"},
		"GET /claims/{id}":                 readers,
		"POST /claims/{id}/outcome":        {"billing"},
		"POST /claims/{id}/correction":     {"billing"},
		"GET /api/v1/billing/services":     readers,
		"GET /api/v1/claims":               readers,
		"GET /api/v1/claims/{id}":          readers,
		"POST /api/v1/claims/{id}/outcome": {"billing"},
	})
}
