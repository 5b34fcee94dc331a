package web_test

import (
	"encoding/json"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/web"
)

// TestAPIErrorKinds sends a real request that ends in each error kind and
// checks the status and the typed kind in the JSON body, so no answer of
// /api/ carries a status text ("Not Found") where a kind belongs. Every
// kind of goldthread.ErrorKinds needs a row.
func TestAPIErrorKinds(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t), cheapPasswords, func(c *web.Config) { c.MaxBody = 4096 })
	f := ts.f
	peer := ts.token(t, f.Emails[goldthread.RolePeer])
	admin := ts.token(t, f.Emails[goldthread.RoleAdministrator])
	staffBody := `{"email":"` + f.Emails[goldthread.RolePeer] + `","name":"Ana Ruiz","first_name":"Ana","last_name":"Ruiz","roles":["peer"],` +
		`"password":"welcome to the team today"}`
	type scenario struct {
		name, method, path, token, body string
		before                          func(t *testing.T) // state the request needs
		status                          int
		kind                            string
		allow                           string // the Allow header a 405 names
	}
	scenarios := []scenario{
		{name: "UnreadableJSON", method: "POST", path: "/api/v1/tokens", body: `{"email":`, status: 400, kind: goldthread.EBADREQUEST},
		{name: "UnknownField", method: "PUT", path: "/api/v1/me/language", token: peer, body: `{"lang":"es"}`, status: 400, kind: goldthread.EBADREQUEST},
		{name: "EmptyBody", method: "POST", path: "/api/v1/tokens", status: 400, kind: goldthread.EBADREQUEST},
		{name: "NoToken", method: "GET", path: "/api/v1/me", status: 401, kind: goldthread.EUNAUTHORIZED},
		{name: "RoleRefused", method: "GET", path: "/api/v1/staff", token: peer, status: 403, kind: goldthread.EFORBIDDEN},
		{name: "NoSuchRoute", method: "GET", path: "/api/v1/no-such-thing", token: peer, status: 404, kind: goldthread.ENOTFOUND},
		{name: "NoSuchRecord", method: "GET", path: "/api/v1/participants/999999", token: peer, status: 404, kind: goldthread.ENOTFOUND},
		{name: "WrongMethod", method: "DELETE", path: "/api/v1/me", token: peer, status: 405, kind: goldthread.EMETHOD, allow: "GET"},
		{name: "EmailTaken", method: "POST", path: "/api/v1/staff", token: admin, body: staffBody, status: 409, kind: goldthread.ECONFLICT},
		{name: "TooLarge", method: "POST", path: "/api/v1/tokens", body: `{"email":"` + strings.Repeat("a", 8192) + `"}`, status: 413, kind: goldthread.ETOOLARGE},
		{name: "MissingField", method: "POST", path: "/api/v1/tokens", body: `{"email":"x@fixture.test"}`, status: 422, kind: goldthread.EINVALID},
		{name: "TooManyGuesses", method: "POST", path: "/api/v1/tokens", body: `{"email":"` + f.Emails[goldthread.RoleAuditor] + `","password":"guess"}`,
			before: func(t *testing.T) {
				for range 6 {
					res, _ := apiDo(t, "POST", ts.URL+"/api/v1/tokens", "", `{"email":"`+f.Emails[goldthread.RoleAuditor]+`","password":"guess"}`)
					if res.StatusCode == http.StatusTooManyRequests {
						return
					}
				}
			}, status: 429, kind: goldthread.ETHROTTLED},
		// Last: the database closes, and every later request fails.
		{name: "DatabaseGone", method: "GET", path: "/api/v1/me", token: peer,
			before: func(t *testing.T) { ts.db.Close() }, status: 500, kind: goldthread.EINTERNAL},
	}
	covered := map[string]bool{}
	for _, sc := range scenarios {
		covered[sc.kind] = true
		t.Run(sc.name, func(t *testing.T) {
			if sc.before != nil {
				sc.before(t)
			}
			res, out := apiDo(t, sc.method, ts.URL+sc.path, sc.token, sc.body)
			var body struct {
				Error struct{ Kind, Message string }
			}
			if err := json.Unmarshal([]byte(out), &body); err != nil || res.StatusCode != sc.status || body.Error.Kind != sc.kind || body.Error.Message == "" {
				t.Fatalf("%s %s: %d %s; want %d with kind %q and a message", sc.method, sc.path, res.StatusCode, out, sc.status, sc.kind)
			}
			if got := res.Header.Get("Allow"); sc.allow != "" && !strings.Contains(got, sc.allow) {
				t.Errorf("Allow: %q; want it to name %s", got, sc.allow)
			}
		})
	}
	for _, k := range goldthread.ErrorKinds {
		if !covered[k] {
			t.Errorf("no request here answers the kind %q", k)
		}
	}
}

// TestWrongMethodPage: a page that exists for GET answers a POST with 405
// and Allow (not 404, which would say the address is wrong).
func TestWrongMethodPage(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	c := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
	res, err := c.Post(ts.URL+"/today", "application/x-www-form-urlencoded", strings.NewReader(""))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed || !strings.Contains(res.Header.Get("Allow"), "GET") {
		t.Fatalf("POST /today: %d, Allow %q; want 405 naming GET", res.StatusCode, res.Header.Get("Allow"))
	}
	if res, _ := get(t, c, ts.URL+"/no/such/page"); res.StatusCode != http.StatusNotFound {
		t.Fatalf("an address that is no route: %d; want 404", res.StatusCode)
	}
}

// TestEveryErrorKindIsDocumented: the README's Errors table names every
// kind with the status that answers it, so an API client can rely on the
// table alone.
func TestEveryErrorKindIsDocumented(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n## Errors\n")
	if !ok {
		t.Fatal("README has no Errors section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	for _, k := range goldthread.ErrorKinds {
		row := regexp.MustCompile("(?m)^\\| `" + regexp.QuoteMeta(k) + "` \\| `?(\\d{3})")
		m := row.FindStringSubmatch(section)
		if m == nil {
			t.Errorf("the kind %q has no row in README's Errors table", k)
			continue
		}
		if want := web.KindStatus(k); m[1] != want {
			t.Errorf("README says %q answers %s; the server answers %s", k, m[1], want)
		}
	}
}
