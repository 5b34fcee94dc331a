package web_test

import "maps"

// The routes of issue 17 (planned visits, dashboards), classified for
// TestRoleRouteMatrix.
func init() {
	planners := []string{"peer", "supervisor"}
	maps.Copy(routeAccess, map[string][]string{
		"GET /participants/{id}/visits/new":               planners,
		"POST /participants/{id}/visits":                  planners,
		"POST /visits/{id}/cancel":                        planners,
		"GET /dashboards/supervisor":                      {"supervisor", "administrator"},
		"GET /dashboards/supervisor/export":               {"supervisor", "administrator"},
		"GET /dashboards/billing":                         {"billing", "administrator", "auditor"},
		"GET /dashboards/billing/export":                  {"billing", "administrator", "auditor"},
		"GET /participants/{id}/recovery-capital/new":     {"peer", "supervisor", "clinician"},
		"POST /participants/{id}/recovery-capital":        {"peer", "supervisor", "clinician"},
		"GET /api/v1/dashboards/supervisor":               {"supervisor", "administrator"},
		"GET /api/v1/dashboards/billing":                  {"billing", "administrator", "auditor"},
		"GET /api/v1/dashboards/director":                 {"supervisor", "clinician", "administrator", "auditor"},
		"GET /api/v1/today":                               planners,
		"POST /api/v1/visits":                             planners,
		"POST /api/v1/participants/{id}/recovery-capital": {"peer", "supervisor", "clinician"},
		"GET /dashboards/director":                        {"supervisor", "clinician", "administrator", "auditor"},
		"GET /dashboards/director/export":                 {"supervisor", "clinician", "administrator", "auditor"},
	})
}
