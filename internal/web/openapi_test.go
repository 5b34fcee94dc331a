package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestOpenAPIMatchesRoutes: /api/openapi.json describes every API route
// (every route under /api/) with its roles and error answers, and
// describes no operation that has no route.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	res, err := http.Get(ts.URL + "/api/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var doc struct {
		OpenAPI string `json:"openapi"`
		Info    struct{ Description string }
		Paths   map[string]map[string]struct {
			Summary   string
			Roles     []string `json:"x-roles"`
			Security  *[]any
			Responses map[string]any
		}
	}
	if res.StatusCode != 200 || json.NewDecoder(res.Body).Decode(&doc) != nil || doc.OpenAPI != "3.1.0" {
		t.Fatalf("GET /api/openapi.json: %d %+v", res.StatusCode, doc.OpenAPI)
	}
	routes := map[string]bool{}
	for _, rt := range ts.srv.Routes() {
		if !strings.HasPrefix(rt.Pattern, "/api/") {
			continue
		}
		key := rt.Method + " " + rt.Pattern
		routes[key] = true
		op, ok := doc.Paths[rt.Pattern][strings.ToLower(rt.Method)]
		if !ok {
			t.Errorf("route %s has no description (add it to apiDocs in openapi_routes.go)", key)
			continue
		}
		if strings.TrimSpace(op.Summary) == "" || op.Responses["500"] == nil {
			t.Errorf("%s: no summary or no error answers: %+v", key, op)
		}
		switch {
		case rt.Access.Public && (op.Security == nil || len(*op.Security) != 0):
			t.Errorf("%s is public but the description asks for a token", key)
		case !rt.Access.Public && (len(op.Roles) != len(rt.Access.Roles) || op.Responses["401"] == nil || op.Responses["403"] == nil):
			t.Errorf("%s: roles %v, want %v, with 401 and 403", key, op.Roles, rt.Access.Roles)
		}
	}
	for _, key := range ts.srv.APIDescriptions() {
		if !routes[key] {
			t.Errorf("a description names %s, which is no route", key)
		}
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			if key := strings.ToUpper(method) + " " + path; !routes[key] {
				t.Errorf("the description has %s, which is no route", key)
			}
		}
	}
	for _, kind := range []string{"invalid", "not_found", "forbidden", "unauthorized", "conflict", "internal"} {
		if !strings.Contains(doc.Info.Description, kind) {
			t.Errorf("the error kind %s is not listed", kind)
		}
	}
}
