package web_test

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// routeAccess is the classified answer for every route: who may use it.
// "public" means anyone. A route missing here, or listed here but gone from
// the server, fails TestRoleRouteMatrix until someone classifies it.
var routeAccess = map[string][]string{
	"GET /healthz":                  {"public"},
	"GET /readyz":                   {"public"},
	"GET /favicon.ico":              {"public"},
	"GET /static/{file}":            {"public"},
	"GET /{$}":                      {"public"},
	"GET /signin":                   {"public"},
	"POST /signin":                  {"public"},
	"POST /signout":                 {"peer", "supervisor", "clinician", "billing", "administrator", "auditor", "participant"},
	"POST /session/keepalive":       {"peer", "supervisor", "clinician", "billing", "administrator", "auditor", "participant"},
	"GET /today":                    {"peer", "supervisor", "clinician", "billing", "administrator", "auditor", "participant"},
	"GET /participants":             {"peer", "supervisor", "clinician", "billing", "auditor", "participant"},
	"GET /participants/{id}":        {"peer", "supervisor", "clinician", "billing", "auditor", "participant"},
	"GET /staff":                    {"supervisor", "administrator"},
	"GET /programs":                 {"supervisor", "clinician", "billing", "administrator"},
	"GET /audit":                    {"administrator", "auditor"},
	"POST /api/v1/tokens":           {"public"},
	"DELETE /api/v1/tokens/current": {"peer", "supervisor", "clinician", "billing", "administrator", "auditor", "participant"},
	"GET /api/v1/me":                {"peer", "supervisor", "clinician", "billing", "administrator", "auditor", "participant"},
	"GET /api/v1/programs":          {"peer", "supervisor", "clinician", "billing", "administrator", "auditor"},
	"GET /api/v1/participants":      {"peer", "supervisor", "clinician", "billing", "auditor", "participant"},
	"GET /api/v1/participants/{id}": {"peer", "supervisor", "clinician", "billing", "auditor", "participant"},
}

// TestRoleRouteMatrix asks every route as every role (and as nobody) and
// checks the answer against routeAccess: deny by default, ONC (d)(1).
func TestRoleRouteMatrix(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	f := ts.f
	// One session and one API token per role serve that role's requests:
	// signing in afresh for each of the ~2,400 requests was most of this
	// test's 74–96 s. They are made here in the parent, before the
	// subtests that use them, so each subtest still runs alone. After a
	// route that ends sessions (its caller's, or user {id}'s) they are
	// made again; should another route end one, the later requests of that
	// role fail (sent to sign-in), never pass unseen.
	clients := map[goldthread.Role]*http.Client{}
	tokens := map[goldthread.Role]string{}
	signInAll := func() {
		for _, role := range goldthread.Roles {
			clients[role] = ts.signIn(t, f.Emails[role])
			tokens[role] = ts.token(t, f.Emails[role])
		}
	}
	signInAll()
	endsSessions := map[string]bool{"POST /signout": true, "DELETE /api/v1/tokens/current": true, "POST /staff/{id}/revoke": true, "POST /staff/{id}/reset-mfa": true}
	seen := map[string]bool{}
	for _, rt := range ts.srv.Routes() {
		key := rt.Method + " " + rt.Pattern
		seen[key] = true
		allowed, ok := routeAccess[key]
		if !ok {
			t.Errorf("route %s is not classified in routeAccess", key)
			continue
		}
		if rt.Access.Public != slices.Contains(allowed, "public") {
			t.Errorf("route %s: server says public=%v, the matrix disagrees", key, rt.Access.Public)
		}
		path := strings.NewReplacer("{id}", strconv.FormatInt(f.Mine.ID, 10), "{file}", "app.css", "{$}", "").Replace(rt.Pattern)
		api := strings.HasPrefix(path, "/api/")
		for _, role := range append([]goldthread.Role{""}, goldthread.Roles...) {
			name := string(role)
			if name == "" {
				name = "anonymous"
			}
			t.Run(key+"/"+name, func(t *testing.T) {
				req, _ := http.NewRequest(rt.Method, ts.URL+path, nil)
				c := ts.client()
				switch {
				case role == "":
				case api:
					req.Header.Set("Authorization", "Bearer "+tokens[role])
				default:
					c = clients[role]
				}
				res, err := c.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				got := res.StatusCode
				public := slices.Contains(allowed, "public")
				switch {
				case public || (role != "" && slices.Contains(allowed, string(role))):
					sentToSignIn := got == http.StatusSeeOther && res.Header.Get("Location") == "/signin" && !public
					// A public route's handler may answer 401 itself (a sign-in step
					// with nothing to complete); the guard never does for it.
					if got == http.StatusForbidden || got == http.StatusUnauthorized && !public || sentToSignIn {
						t.Fatalf("allowed, but got %d %s", got, res.Header.Get("Location"))
					}
					// A request without a body or fields is refused (4xx) or
					// answered; a 5xx is a broken handler, never "allowed".
					if got >= 500 {
						t.Fatalf("allowed, but the server failed: %d", got)
					}
				case role == "" && api:
					if got != http.StatusUnauthorized {
						t.Fatalf("anonymous API call got %d; want 401", got)
					}
				case role == "":
					if got != http.StatusSeeOther || res.Header.Get("Location") != "/signin" {
						t.Fatalf("anonymous got %d %s; want a redirect to /signin", got, res.Header.Get("Location"))
					}
				default:
					if got != http.StatusForbidden {
						t.Fatalf("role %s got %d; want 403", role, got)
					}
				}
			})
		}
		if endsSessions[key] {
			signInAll()
		}
	}
	for key := range routeAccess {
		if !seen[key] {
			t.Errorf("routeAccess lists %s, which the server no longer has", key)
		}
	}
}
