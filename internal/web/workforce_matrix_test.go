package web_test

import "maps"

// The workforce routes (issue 7), classified for TestRoleRouteMatrix.
func init() {
	staffRoles := []string{"peer", "supervisor", "clinician", "billing", "administrator", "auditor"}
	writers := []string{"peer", "supervisor", "clinician", "billing", "administrator"}
	managers := []string{"supervisor", "administrator"}
	maps.Copy(routeAccess, map[string][]string{
		"GET /team":                               managers,
		"POST /team/settings":                     {"administrator"},
		"GET /staff/{id}/credentials":             staffRoles,
		"POST /staff/{id}/credentials":            writers,
		"POST /staff/{id}/ce":                     writers,
		"GET /credentials/{id}/edit":              writers,
		"POST /credentials/{id}":                  writers,
		"POST /credentials/{id}/verify":           managers,
		"GET /supervision":                        {"peer", "supervisor", "administrator", "auditor"},
		"GET /supervision/new":                    {"supervisor"},
		"POST /supervision":                       {"supervisor"},
		"GET /caseloads":                          managers,
		"POST /caseloads":                         managers,
		"GET /api/v1/team":                        managers,
		"GET /api/v1/credential-alerts":           staffRoles,
		"GET /api/v1/staff/{id}/credentials":      staffRoles,
		"POST /api/v1/staff/{id}/credentials":     writers,
		"GET /api/v1/staff/{id}/credential-check": staffRoles,
		"GET /api/v1/supervision":                 {"peer", "supervisor", "administrator", "auditor"},
		"POST /api/v1/supervision":                managers,
		"POST /api/v1/caseloads":                  managers,
	})
}
