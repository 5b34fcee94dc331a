package web_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// missingKey matches the marker locale.Printer.T leaves for a key that is
// not in the catalog.
var missingKey = regexp.MustCompile(`\[[a-z_]+\.[a-z_.]+\]`)

// TestEveryPageRenders opens every page as every role that may open it and
// checks it renders whole: status 200, one h1, the layout's landmarks, and
// no message key missing from the catalog.
func TestEveryPageRenders(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts := newTestServer(t, db, withDemoList)
		id := strconv.FormatInt(ts.f.Mine.ID, 10)
		pages := map[string][]goldthread.Role{
			"/today":                     goldthread.Roles,
			"/participants":              {goldthread.RolePeer, goldthread.RoleSupervisor, goldthread.RoleClinician, goldthread.RoleBilling, goldthread.RoleAuditor, goldthread.RoleParticipant},
			"/participants/" + id:        {goldthread.RolePeer, goldthread.RoleSupervisor, goldthread.RoleClinician, goldthread.RoleParticipant},
			"/staff":                     {goldthread.RoleAdministrator, goldthread.RoleSupervisor},
			"/programs":                  {goldthread.RoleAdministrator, goldthread.RoleBilling},
			"/audit":                     {goldthread.RoleAuditor, goldthread.RoleAdministrator},
			"/groups":                    {goldthread.RolePeer, goldthread.RoleSupervisor},
			"/groups/new":                {goldthread.RolePeer, goldthread.RoleSupervisor},
			"/account/mfa":               goldthread.Roles,
			"/settings/security":         {goldthread.RoleAdministrator},
			"/settings/agency":           {goldthread.RoleAdministrator},
			"/settings/billing-identity": {goldthread.RoleAdministrator, goldthread.RoleBilling, goldthread.RoleAuditor},
			"/emergency-access":          {goldthread.RolePeer, goldthread.RoleSupervisor, goldthread.RoleClinician},
			"/account":                   goldthread.Roles,
			"/staff/new":                 {goldthread.RoleAdministrator},
			"/staff/" + strconv.FormatInt(ts.f.Peer.UserID, 10): {goldthread.RoleAdministrator},
		}
		check := func(t *testing.T, path, body string) {
			t.Helper()
			if strings.Count(body, "<h1") != 1 || !strings.Contains(body, `<main id="main"`) || !strings.Contains(body, `lang="en"`) {
				t.Errorf("%s: page lacks one h1, main landmark or lang", path)
			}
			if m := missingKey.FindString(body); m != "" {
				t.Errorf("%s: message %s is missing from the catalog", path, m)
			}
		}
		res, body := get(t, ts.client(), ts.URL+"/signin")
		if res.StatusCode != 200 {
			t.Fatalf("/signin: %d", res.StatusCode)
		}
		check(t, "/signin", body)
		for path, roles := range pages {
			for _, role := range roles {
				c := ts.signIn(t, ts.f.Emails[role])
				res, body := get(t, c, ts.URL+path)
				if res.StatusCode != 200 {
					t.Errorf("%s as %s: %d", path, role, res.StatusCode)
					continue
				}
				check(t, path+" as "+string(role), body)
			}
		}
		res, body = get(t, ts.client(), ts.URL+"/nope")
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("an unknown page answered %d; want 404", res.StatusCode)
		}
		check(t, "404", body)
	})
}

func TestParticipantPagesKeepScope(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	c := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
	t.Run("OwnParticipant", func(t *testing.T) {
		res, body := get(t, c, ts.URL+"/participants/"+strconv.FormatInt(ts.f.Mine.ID, 10))
		if res.StatusCode != 200 || !strings.Contains(body, "Marcus Bell") || !strings.Contains(body, "900000001Q") {
			t.Fatalf("%d", res.StatusCode)
		}
	})
	for name, p := range map[string]goldthread.Participant{"OtherPeersParticipant": ts.f.Others, "OtherAgency": ts.f.Foreign} {
		t.Run(name+"IsNotFound", func(t *testing.T) {
			res, body := get(t, c, ts.URL+"/participants/"+strconv.FormatInt(p.ID, 10))
			if res.StatusCode != 404 || strings.Contains(body, p.LastName) {
				t.Fatalf("%d", res.StatusCode)
			}
		})
	}
	t.Run("MalformedIDIsNotFound", func(t *testing.T) {
		if res, _ := get(t, c, ts.URL+"/participants/abc"); res.StatusCode != 404 {
			t.Fatalf("%d", res.StatusCode)
		}
	})
	t.Run("SearchFindsOnlyInReach", func(t *testing.T) {
		_, body := get(t, c, ts.URL+"/participants?q=o")
		if strings.Contains(body, "Tom Others") || strings.Contains(body, "Far Away") {
			t.Fatal("search shows participants out of reach")
		}
	})
}

func TestAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts := newTestServer(t, db)
		token := ts.token(t, ts.f.Emails[goldthread.RolePeer])
		t.Run("Me", func(t *testing.T) {
			res, body := apiGet(t, ts.URL+"/api/v1/me", token)
			if res.StatusCode != 200 || !strings.Contains(body, `"peer"`) {
				t.Fatalf("%d %s", res.StatusCode, body)
			}
		})
		t.Run("ParticipantsInReach", func(t *testing.T) {
			res, body := apiGet(t, ts.URL+"/api/v1/participants", token)
			var out struct{ Participants []goldthread.Participant }
			json.Unmarshal([]byte(body), &out)
			if res.StatusCode != 200 || len(out.Participants) != 2 {
				t.Fatalf("%d, %d participants", res.StatusCode, len(out.Participants))
			}
		})
		t.Run("OutOfReachIs404", func(t *testing.T) {
			res, body := apiGet(t, ts.URL+"/api/v1/participants/"+strconv.FormatInt(ts.f.Others.ID, 10), token)
			if res.StatusCode != 404 || !strings.Contains(body, `"kind":"not_found"`) {
				t.Fatalf("%d %s", res.StatusCode, body)
			}
		})
		t.Run("BadLimitNamesTheField", func(t *testing.T) {
			res, body := apiGet(t, ts.URL+"/api/v1/participants?limit=lots", token)
			if res.StatusCode != 422 || !strings.Contains(body, `"field":"limit"`) {
				t.Fatalf("%d %s", res.StatusCode, body)
			}
		})
		t.Run("CookieDoesNotAuthenticateAPI", func(t *testing.T) {
			c := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
			res, _ := get(t, c, ts.URL+"/api/v1/me")
			if res.StatusCode != http.StatusUnauthorized {
				t.Fatalf("cookie reached the API: %d", res.StatusCode)
			}
		})
		t.Run("BadTokenRequest", func(t *testing.T) {
			// A body that is not this call's JSON is a bad request (400); a
			// missing value is refused naming its field (422).
			for body, want := range map[string]struct {
				status int
				text   string
			}{
				``:                                       {400, "Send a JSON object"},
				`{"email":"x"}`:                          {422, `"field":"password"`},
				`{"email":"x","password":"y","extra":1}`: {400, "unknown field"},
				`{"password":"y"}`:                       {422, `"field":"email"`},
			} {
				res, err := http.Post(ts.URL+"/api/v1/tokens", "application/json", strings.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				b := make([]byte, 512)
				n, _ := res.Body.Read(b)
				res.Body.Close()
				if res.StatusCode != want.status || !strings.Contains(string(b[:n]), want.text) {
					t.Errorf("%q: %d %s", body, res.StatusCode, b[:n])
				}
			}
		})
		t.Run("RevokedTokenRefused", func(t *testing.T) {
			tok := ts.token(t, ts.f.Emails[goldthread.RolePeer])
			req, _ := http.NewRequest("DELETE", ts.URL+"/api/v1/tokens/current", nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			res, err := http.DefaultClient.Do(req)
			if err != nil || res.StatusCode != http.StatusNoContent {
				t.Fatalf("delete: %v %d", err, res.StatusCode)
			}
			if res, _ := apiGet(t, ts.URL+"/api/v1/me", tok); res.StatusCode != 401 {
				t.Fatalf("revoked token: %d", res.StatusCode)
			}
		})
	})
}
