package web_test

import "maps"

// The offline shell's routes (issue 13): public, and free of any record.
func init() {
	maps.Copy(routeAccess, map[string][]string{
		"GET /sw.js":   {"public"},
		"GET /offline": {"public"},
	})
}

// The check before signing (issue 13): the author's own drafts.
func init() {
	writers := []string{"peer", "supervisor"}
	maps.Copy(routeAccess, map[string][]string{
		"POST /notes/{id}/fix":              writers,
		"GET /api/v1/notes/{id}/sign-check": writers,
		"POST /api/v1/notes/{id}/fixes":     writers,
	})
}
