package web_test

import "maps"

// The plan feature's routes, classified for TestRoleRouteMatrix. Billing
// reads eligibility (claims carry the diagnosis codes and authorizations)
// but no plan, crisis plan, consent or care team; only clinicians enter
// eligibility; the administrator reads no record.
func init() {
	var (
		readers = []string{"peer", "supervisor", "clinician", "auditor", "participant"}
		writers = []string{"peer", "supervisor", "clinician"}
		signers = []string{"peer", "clinician", "participant"}
		billing = []string{"peer", "supervisor", "clinician", "billing", "auditor", "participant"}
		clinic  = []string{"clinician"}
	)
	maps.Copy(routeAccess, map[string][]string{
		"GET /participants/{id}/crisis":          readers,
		"GET /participants/{id}/plans/new":       writers,
		"POST /participants/{id}/plans":          writers,
		"GET /plans/{id}":                        readers,
		"GET /plans/{id}/edit":                   writers,
		"POST /plans/{id}/edit":                  writers,
		"POST /plans/{id}/sign":                  signers,
		"POST /plans/{id}/versions":              writers,
		"POST /plans/{id}/reviews":               writers,
		"GET /plans/{id}/crisis/edit":            writers,
		"POST /plans/{id}/crisis":                writers,
		"GET /plans/{id}/wrap":                   readers,
		"GET /participants/{id}/eligibility":     billing,
		"POST /participants/{id}/assessments":    clinic,
		"POST /participants/{id}/diagnoses":      clinic,
		"POST /participants/{id}/orders":         clinic,
		"POST /participants/{id}/authorizations": clinic,
		"GET /participants/{id}/consents":        readers,
		"POST /participants/{id}/consents":       writers,
		"POST /consents/{id}/revoke":             writers,
		"GET /participants/{id}/careteam":        readers,
		"POST /participants/{id}/careteam":       writers,
		"GET /participants/{id}/discharge":       readers,
		"POST /participants/{id}/discharge":      writers,

		"GET /api/v1/participants/{id}/plans":           readers,
		"POST /api/v1/participants/{id}/plans":          writers,
		"GET /api/v1/plans/{id}":                        readers,
		"PUT /api/v1/plans/{id}":                        writers,
		"POST /api/v1/plans/{id}/signatures":            signers,
		"POST /api/v1/plans/{id}/versions":              writers,
		"PUT /api/v1/plans/{id}/crisis":                 writers,
		"GET /api/v1/plans/{id}/wrap":                   readers,
		"POST /api/v1/plans/{id}/reviews":               writers,
		"GET /api/v1/plan-reviews/due":                  writers,
		"GET /api/v1/participants/{id}/thread":          readers,
		"GET /api/v1/participants/{id}/eligibility":     billing,
		"POST /api/v1/participants/{id}/assessments":    clinic,
		"POST /api/v1/participants/{id}/diagnoses":      clinic,
		"POST /api/v1/participants/{id}/service-orders": clinic,
		"POST /api/v1/participants/{id}/authorizations": clinic,
		"GET /api/v1/participants/{id}/consents":        readers,
		"POST /api/v1/participants/{id}/consents":       writers,
		"POST /api/v1/consents/{id}/revocation":         writers,
		"GET /api/v1/participants/{id}/care-team":       readers,
		"POST /api/v1/participants/{id}/care-team":      writers,
		"GET /api/v1/participants/{id}/discharges":      readers,
		"POST /api/v1/participants/{id}/discharges":     writers,
	})
}
