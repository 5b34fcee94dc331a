package web_test

import "maps"

// The participant's side of the record, classified for
// TestRoleRouteMatrix: the participant reads and downloads their own
// record, asks for corrections and writes statements; the care team and
// auditors read disclosures and requests; peers, supervisors and clinicians
// release copies under consent; clinicians, auditors and the participant
// see who looked; supervisors and clinicians decide requests.
func init() {
	own := []string{"participant"}
	holders := []string{"peer", "supervisor", "clinician", "auditor", "participant"}
	releasers := []string{"peer", "supervisor", "clinician"}
	access := []string{"clinician", "auditor", "participant"}
	deciders := []string{"supervisor", "clinician"}
	maps.Copy(routeAccess, map[string][]string{
		"GET /me/record":                             own,
		"POST /participants/{id}/record.pdf":         own,
		"GET /participants/{id}/disclosures":         holders,
		"POST /participants/{id}/disclosures":        releasers,
		"GET /participants/{id}/access-log":          access,
		"GET /amendments/new":                        own,
		"POST /amendments":                           own,
		"GET /amendments/{id}":                       holders,
		"POST /amendments/{id}/decision":             deciders,
		"POST /amendments/{id}/statement":            own,
		"GET /api/v1/participants/{id}/record":       holders,
		"GET /api/v1/participants/{id}/disclosures":  holders,
		"POST /api/v1/participants/{id}/disclosures": {"participant", "peer", "supervisor", "clinician"},
		"GET /api/v1/participants/{id}/access-log":   access,
		"GET /api/v1/participants/{id}/amendments":   holders,
		"POST /api/v1/amendments":                    own,
		"GET /api/v1/amendments/{id}":                holders,
		"POST /api/v1/amendments/{id}/decision":      deciders,
		"POST /api/v1/amendments/{id}/statement":     own,
	})
}
