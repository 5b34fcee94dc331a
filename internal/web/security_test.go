package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/totp"
)

var secretRE = regexp.MustCompile(`<code class="secret">([A-Z2-7]+)</code>`)

// TestTwoStepSignIn: set up TOTP in the browser pages, then sign-in needs the
// code; the API needs it too.
func TestTwoStepSignIn(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	email := ts.f.Emails[goldthread.RoleClinician]
	c := ts.signIn(t, email)
	res, body := postForm(t, c, ts.URL+"/account/mfa/start", nil)
	m := secretRE.FindStringSubmatch(body)
	if res.StatusCode != 200 || m == nil || !strings.Contains(body, "otpauth://totp/") {
		t.Fatalf("set-up page: %d", res.StatusCode)
	}
	secret := m[1]
	code, _ := totp.CodeAt(secret, totp.StepAt(ts.db.Now()))
	if res, _ := postForm(t, c, ts.URL+"/account/mfa/confirm", url.Values{"code": {code}, "secret": {secret}, "password": {storetest.Password}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d", res.StatusCode)
	}
	// The next 30-second step, so the code is not the one just used.
	next, _ := totp.CodeAt(secret, totp.StepAt(ts.db.Now())+1)
	t.Run("PasswordLeadsToCodeStep", func(t *testing.T) {
		c := ts.client()
		res, _ := postForm(t, c, ts.URL+"/signin", url.Values{"email": {email}, "password": {storetest.Password}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/signin/code" {
			t.Fatalf("%d %s", res.StatusCode, res.Header.Get("Location"))
		}
		if res, _ := get(t, c, ts.URL+"/today"); res.StatusCode != http.StatusSeeOther {
			t.Fatal("the password alone opened Today")
		}
		res, body := postForm(t, c, ts.URL+"/signin/code", url.Values{"code": {"000001"}})
		if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `id="code-error"`) {
			t.Fatalf("wrong code: %d", res.StatusCode)
		}
		res, _ = postForm(t, c, ts.URL+"/signin/code", url.Values{"code": {next}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/today" {
			t.Fatalf("right code: %d", res.StatusCode)
		}
		if res, _ := get(t, c, ts.URL+"/today"); res.StatusCode != 200 {
			t.Fatalf("Today after the code: %d", res.StatusCode)
		}
	})
	t.Run("APINeedsTheCode", func(t *testing.T) {
		res, err := http.Post(ts.URL+"/api/v1/tokens", "application/json", strings.NewReader(`{"email":"`+email+`","password":"`+storetest.Password+`"}`))
		if err != nil {
			t.Fatal(err)
		}
		var body struct{ Error struct{ Field string } }
		json.NewDecoder(res.Body).Decode(&body)
		res.Body.Close()
		if res.StatusCode != 422 || body.Error.Field != "code" {
			t.Fatalf("%d %+v", res.StatusCode, body)
		}
	})
}

// TestAgencyRequiresMFA: a role under the policy is sent to set-up before
// anything else, and the API refuses it.
func TestAgencyRequiresMFA(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	admin := ts.signIn(t, ts.f.Emails[goldthread.RoleAdministrator])
	if res, _ := postForm(t, admin, ts.URL+"/settings/security", url.Values{"roles": {"billing"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save policy: %d", res.StatusCode)
	}
	billing := ts.signIn(t, ts.f.Emails[goldthread.RoleBilling])
	res, _ := get(t, billing, ts.URL+"/participants")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/account/mfa") {
		t.Fatalf("billing without TOTP reached a record page: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	if res, _ := get(t, billing, ts.URL+"/account/mfa?required=1"); res.StatusCode != 200 {
		t.Fatalf("the set-up page itself: %d", res.StatusCode)
	}
	tok := ts.token(t, ts.f.Emails[goldthread.RoleBilling])
	if res, _ := apiGet(t, ts.URL+"/api/v1/participants", tok); res.StatusCode != http.StatusForbidden {
		t.Fatalf("API without TOTP: %d", res.StatusCode)
	}
	if res, _ := get(t, ts.signIn(t, ts.f.Emails[goldthread.RolePeer]), ts.URL+"/participants"); res.StatusCode != 200 {
		t.Fatal("the policy caught a role it does not name")
	}
}

func TestEmergencyAccessPages(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	peer := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
	others := strconv.FormatInt(ts.f.Others.ID, 10)
	if res, _ := get(t, peer, ts.URL+"/participants/"+others); res.StatusCode != 404 {
		t.Fatalf("reached before: %d", res.StatusCode)
	}
	res, body := postForm(t, peer, ts.URL+"/emergency-access", url.Values{"medicaid_id": {"900000003Q"}, "last_name": {"Others"}, "reason": {"short"}})
	if res.StatusCode != 422 || !strings.Contains(body, `id="reason-error"`) {
		t.Fatalf("short reason: %d", res.StatusCode)
	}
	res, _ = postForm(t, peer, ts.URL+"/emergency-access", url.Values{"medicaid_id": {"900000003Q"}, "last_name": {"Others"},
		"reason": {"He called the crisis line and his peer is away today."}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/participants/"+others {
		t.Fatalf("grant: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	res, body = get(t, peer, ts.URL+"/participants/"+others)
	if res.StatusCode != 200 || !strings.Contains(body, "Emergency access until") {
		t.Fatalf("record with grant: %d", res.StatusCode)
	}
	sup := ts.signIn(t, ts.f.Emails[goldthread.RoleSupervisor])
	if _, body := get(t, sup, ts.URL+"/today"); !strings.Contains(body, "crisis line") {
		t.Fatal("the supervisor's Today does not show the team's emergency access")
	}
	_ = context.Background()
}
