package web_test

import "maps"

// The offline shell's routes (issue 13): public, and free of any record.
func init() {
	maps.Copy(routeAccess, map[string][]string{
		"GET /sw.js":   {"public"},
		"GET /offline": {"public"},
	})
}
