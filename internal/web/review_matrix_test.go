package web_test

import "maps"

// The review feature's routes, classified for TestRoleRouteMatrix:
// supervisors review; the author replies; readers with the narrative see a
// note's review.
func init() {
	reviewers := []string{"supervisor"}
	writers := []string{"peer", "supervisor"}
	readers := []string{"peer", "supervisor", "clinician", "auditor"}
	maps.Copy(routeAccess, map[string][]string{
		"GET /review":                       reviewers,
		"POST /review/approvals":            reviewers,
		"GET /notes/{id}/review":            readers,
		"POST /notes/{id}/approve":          reviewers,
		"POST /notes/{id}/return":           reviewers,
		"POST /notes/{id}/comments":         writers,
		"POST /notes/{id}/overrides":        reviewers,
		"GET /api/v1/review-queue":          reviewers,
		"GET /api/v1/notes/{id}/review":     readers,
		"POST /api/v1/notes/approvals":      reviewers,
		"POST /api/v1/notes/{id}/return":    reviewers,
		"POST /api/v1/notes/{id}/comments":  writers,
		"POST /api/v1/notes/{id}/overrides": reviewers,
	})
}
