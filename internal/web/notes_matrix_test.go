package web_test

import "maps"

// The notes feature's routes, classified for TestRoleRouteMatrix: peers and
// supervisors write; every role that reads records reads (in scope).
func init() {
	writers := []string{"peer", "supervisor"}
	readers := []string{"peer", "supervisor", "clinician", "billing", "auditor", "participant"}
	maps.Copy(routeAccess, map[string][]string{
		"GET /participants/{id}/notes/new": writers,
		"POST /participants/{id}/notes":    writers,
		"POST /notes/coach":                writers,
		"GET /notes/{id}":                  readers,
		"GET /notes/{id}/edit":             writers,
		"POST /notes/{id}":                 writers,
		"POST /notes/{id}/words":           writers,
		"POST /notes/{id}/dismiss":         writers,
		"GET /notes/{id}/sign":             writers,
		"POST /notes/{id}/sign":            writers,
		"GET /notes/{id}/addenda/new":      writers,
		"POST /notes/{id}/addenda":         writers,
		"GET /api/v1/notes":                readers,
		"POST /api/v1/notes":               writers,
		"GET /api/v1/notes/{id}":           readers,
		"PUT /api/v1/notes/{id}":           writers,
		"POST /api/v1/notes/{id}/sign":     writers,
		"POST /api/v1/reauth":              writers,
		"POST /api/v1/notes/{id}/addenda":  writers,
	})
}
