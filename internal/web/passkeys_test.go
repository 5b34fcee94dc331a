package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/passkey/passkeytest"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// postJSON posts body as JSON the way passkey.js does and returns the
// status and the answer.
func postJSON(t *testing.T, c *http.Client, u string, body any) (int, []byte) {
	t.Helper()
	var b []byte
	switch v := body.(type) {
	case []byte:
		b = v
	default:
		b, _ = json.Marshal(v)
	}
	req, _ := http.NewRequest("POST", u, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	return res.StatusCode, out
}

func errorMessage(b []byte) string {
	var e struct {
		Error struct{ Field, Message string }
	}
	json.Unmarshal(b, &e)
	return e.Error.Field + ": " + e.Error.Message
}

// TestPasskeyJourney: a peer adds a passkey from their account page, then
// signs in with it alone, and with password then passkey; a stranger's
// passkey answer and a replayed one open nothing.
func TestPasskeyJourney(t *testing.T) {
	db := storetest.OpenSQLite(t)
	ts := newTestServer(t, db)
	// Passkeys need a host name, never an IP address: talk to the server as
	// localhost, and with no PublicURL it takes the request's own origin.
	ts.URL = strings.Replace(ts.URL, "127.0.0.1", "localhost", 1)
	auth := passkeytest.New(ts.URL)
	email := ts.f.Emails[goldthread.RolePeer]
	c := ts.signIn(t, email)

	t.Run("AccountPageOffersPasskeys", func(t *testing.T) {
		res, body := get(t, c, ts.URL+"/account/mfa")
		if res.StatusCode != 200 || !strings.Contains(body, `data-passkey="register"`) || !strings.Contains(body, "/static/passkey.js") {
			t.Fatalf("%d: no passkey form", res.StatusCode)
		}
	})
	t.Run("NameIsAskedBeforeTheDevice", func(t *testing.T) {
		status, body := postJSON(t, c, ts.URL+"/account/passkeys/options", map[string]string{"name": " "})
		if status != http.StatusUnprocessableEntity || !strings.HasPrefix(errorMessage(body), "name: ") {
			t.Fatalf("%d %s", status, body)
		}
	})
	register := func(t *testing.T, c *http.Client, name string) {
		t.Helper()
		status, options := postJSON(t, c, ts.URL+"/account/passkeys/options", map[string]string{"name": name})
		if status != 200 {
			t.Fatalf("options: %d %s", status, options)
		}
		cred, err := auth.Create(options)
		if err != nil {
			t.Fatal(err)
		}
		status, body := postJSON(t, c, ts.URL+"/account/passkeys", map[string]any{"name": name, "credential": json.RawMessage(cred)})
		if status != http.StatusCreated || !strings.Contains(string(body), "/account/mfa?added=1") {
			t.Fatalf("register: %d %s", status, body)
		}
	}
	register(t, c, "My phone")
	t.Run("PasskeyIsListed", func(t *testing.T) {
		_, body := get(t, c, ts.URL+"/account/mfa?added=1")
		if !strings.Contains(body, "My phone") || !strings.Contains(body, "Passkey added") {
			t.Fatal("new passkey not listed with a notice")
		}
	})

	signInWithPasskey := func(t *testing.T) (*http.Client, int, []byte) {
		t.Helper()
		c := ts.client()
		status, options := postJSON(t, c, ts.URL+"/signin/passkey/options", nil)
		if status != 200 {
			t.Fatalf("options: %d %s", status, options)
		}
		answer, err := auth.Get(options)
		if err != nil {
			t.Fatal(err)
		}
		status, body := postJSON(t, c, ts.URL+"/signin/passkey", answer)
		return c, status, body
	}
	t.Run("PasskeyAloneSignsIn", func(t *testing.T) {
		c, status, body := signInWithPasskey(t)
		if status != 200 || !strings.Contains(string(body), `"/today"`) {
			t.Fatalf("%d %s", status, body)
		}
		if res, _ := get(t, c, ts.URL+"/today"); res.StatusCode != 200 {
			t.Fatalf("signed in but /today = %d", res.StatusCode)
		}
	})
	t.Run("ReplayedAnswerOpensNothing", func(t *testing.T) {
		c := ts.client()
		_, options := postJSON(t, c, ts.URL+"/signin/passkey/options", nil)
		answer, _ := auth.Get(options)
		if status, _ := postJSON(t, c, ts.URL+"/signin/passkey", answer); status != 200 {
			t.Fatalf("first use: %d", status)
		}
		if status, body := postJSON(t, ts.client(), ts.URL+"/signin/passkey", answer); status != http.StatusUnauthorized {
			t.Fatalf("replay: %d %s", status, body)
		}
	})
	t.Run("AnswerFromAnotherSiteIsRefusedAndAudited", func(t *testing.T) {
		c := ts.client()
		_, options := postJSON(t, c, ts.URL+"/signin/passkey/options", nil)
		phish := *auth
		phish.Origin = "https://goldthread-login.example.com"
		answer, _ := phish.Get(options)
		status, body := postJSON(t, c, ts.URL+"/signin/passkey", answer)
		if status != http.StatusUnauthorized || !strings.Contains(errorMessage(body), "That passkey did not sign you in") {
			t.Fatalf("%d %s", status, body)
		}
		if res, _ := get(t, c, ts.URL+"/today"); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("a refused passkey left a session: %d", res.StatusCode)
		}
		assertAudited(t, ts, goldthread.ActionSignInFailed, "passkey_refused")
	})
	t.Run("GarbageIsA4xx", func(t *testing.T) {
		for _, body := range []string{"", "{}", "[]", `{"response":{"clientDataJSON":"e30"}}`} {
			if status, _ := postJSON(t, ts.client(), ts.URL+"/signin/passkey", []byte(body)); status < 400 || status >= 500 {
				t.Errorf("%q: %d", body, status)
			}
		}
	})
	t.Run("PasswordThenPasskey", func(t *testing.T) {
		c := ts.client()
		res, _ := postForm(t, c, ts.URL+"/signin", url.Values{"email": {email}, "password": {storetest.Password}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/signin/code" {
			t.Fatalf("password alone: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		_, page := get(t, c, ts.URL+"/signin/code")
		if !strings.Contains(page, `data-passkey="second-step"`) || strings.Contains(page, `name="code"`) {
			t.Fatal("second step should offer the passkey and no code box to someone without an app")
		}
		status, options := postJSON(t, c, ts.URL+"/signin/code/passkey/options", nil)
		if status != 200 || !strings.Contains(string(options), "allowCredentials") {
			t.Fatalf("options: %d %s", status, options)
		}
		answer, _ := auth.Get(options)
		status, body := postJSON(t, c, ts.URL+"/signin/code/passkey", answer)
		if status != 200 {
			t.Fatalf("%d %s", status, body)
		}
		if res, _ := get(t, c, ts.URL+"/today"); res.StatusCode != 200 {
			t.Fatalf("/today = %d", res.StatusCode)
		}
		assertAudited(t, ts, goldthread.ActionSignIn, "web mfa=passkey")
	})
	t.Run("SecondStepNeedsThePassword", func(t *testing.T) {
		status, _ := postJSON(t, ts.client(), ts.URL+"/signin/code/passkey/options", nil)
		if status != http.StatusUnauthorized {
			t.Fatalf("second step without a password: %d", status)
		}
	})
	t.Run("PasskeyStandsInForThePasswordOnce", func(t *testing.T) {
		status, options := postJSON(t, c, ts.URL+"/account/passkeys/reauth/options", nil)
		if status != 200 {
			t.Fatalf("options: %d %s", status, options)
		}
		answer, _ := auth.Get(options)
		status, body := postJSON(t, c, ts.URL+"/account/passkeys/reauth", answer)
		var out struct{ Proof string }
		if json.Unmarshal(body, &out); status != 200 || out.Proof == "" {
			t.Fatalf("%d %s", status, body)
		}
		if status, _ := postJSON(t, c, ts.URL+"/account/passkeys/reauth", answer); status != http.StatusUnauthorized {
			t.Fatalf("a replayed answer gave another proof: %d", status)
		}
		other := ts.signIn(t, ts.f.Emails[goldthread.RoleSupervisor])
		if status, body := postJSON(t, other, ts.URL+"/account/passkeys/reauth/options", nil); status != http.StatusNotFound || !strings.Contains(errorMessage(body), "Type your password") {
			t.Fatalf("someone without a passkey: %d %s", status, body)
		}
	})
	t.Run("RemovingNeedsThePassword", func(t *testing.T) {
		list, err := ts.db.Passkeys(t.Context(), ts.f.Peer)
		if err != nil || len(list) != 1 {
			t.Fatal(list, err)
		}
		u := ts.URL + "/account/passkeys/" + strconv.FormatInt(list[0].ID, 10) + "/remove"
		res, body := postForm(t, c, u, url.Values{"password": {"not it"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Your password is not right") {
			t.Fatalf("%d", res.StatusCode)
		}
		res, _ = postForm(t, c, u, url.Values{"password": {storetest.Password}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%d", res.StatusCode)
		}
		if _, status, _ := signInWithPasskey(t); status != http.StatusUnauthorized {
			t.Fatalf("a removed passkey still signs in: %d", status)
		}
	})
}

// assertAudited checks the newest audit event with action has detail.
func assertAudited(t *testing.T, ts *testServer, action, detail string) {
	t.Helper()
	evs, err := ts.db.AuditEvents(t.Context(), ts.f.Auditor, store.AuditFilter{Action: action})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) == 0 || evs[0].Detail != detail {
		t.Fatalf("newest %s event: %+v; want detail %q", action, evs, detail)
	}
}

// TestPasskeysNeedAHostName: reached by IP address, the pages offer no
// passkey (a browser would refuse it) and say why; the endpoints refuse
// with the same reason instead of failing inside.
func TestPasskeysNeedAHostName(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t)) // http://127.0.0.1:port
	_, page := get(t, ts.client(), ts.URL+"/signin")
	if strings.Contains(page, `data-passkey="signin"`) {
		t.Error("sign-in page offers a passkey at an IP address")
	}
	c := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
	_, page = get(t, c, ts.URL+"/account/mfa")
	if strings.Contains(page, `data-passkey="register"`) || !strings.Contains(page, "--public-url") {
		t.Error("account page should explain that passkeys need a host name")
	}
	status, body := postJSON(t, c, ts.URL+"/account/passkeys/options", map[string]string{"name": "My phone"})
	if status != http.StatusUnprocessableEntity || !strings.Contains(errorMessage(body), "--public-url") {
		t.Errorf("%d %s", status, body)
	}
}

// TestAPITokenForAPasskeyOnlyAccount: the API cannot run a passkey
// ceremony, so an account whose only second step is a passkey gets no
// token from its password, and is told how to get one.
func TestAPITokenForAPasskeyOnlyAccount(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	ts.URL = strings.Replace(ts.URL, "127.0.0.1", "localhost", 1)
	auth := passkeytest.New(ts.URL)
	email := ts.f.Emails[goldthread.RoleBilling]
	c := ts.signIn(t, email)
	_, options := postJSON(t, c, ts.URL+"/account/passkeys/options", map[string]string{"name": "Laptop"})
	cred, err := auth.Create(options)
	if err != nil {
		t.Fatal(err)
	}
	if status, body := postJSON(t, c, ts.URL+"/account/passkeys", map[string]any{"name": "Laptop", "credential": json.RawMessage(cred)}); status != http.StatusCreated {
		t.Fatalf("%d %s", status, body)
	}
	for _, code := range []string{"", "123456"} {
		status, body := postJSON(t, ts.client(), ts.URL+"/api/v1/tokens", map[string]string{"email": email, "password": storetest.Password, "code": code})
		if status == http.StatusCreated {
			t.Fatalf("code %q: a password alone got an API token for a passkey account", code)
		}
		if code != "" && !strings.Contains(errorMessage(body), "authenticator app") {
			t.Errorf("code %q: %d %s", code, status, body)
		}
	}
}

// TestAdministratorResetsALostPhone: the staff page shows a colleague's
// second factors; after the reset their passkey opens nothing, their open
// session has ended, and the page says so.
func TestAdministratorResetsALostPhone(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	ts.URL = strings.Replace(ts.URL, "127.0.0.1", "localhost", 1)
	auth := passkeytest.New(ts.URL)
	peer := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
	_, options := postJSON(t, peer, ts.URL+"/account/passkeys/options", map[string]string{"name": "Phone"})
	cred, _ := auth.Create(options)
	if status, body := postJSON(t, peer, ts.URL+"/account/passkeys", map[string]any{"name": "Phone", "credential": json.RawMessage(cred)}); status != http.StatusCreated {
		t.Fatalf("%d %s", status, body)
	}
	admin := ts.signIn(t, ts.f.Emails[goldthread.RoleAdministrator])
	staffURL := ts.URL + "/staff/" + strconv.FormatInt(ts.f.Peer.UserID, 10)
	if _, body := get(t, admin, staffURL); !strings.Contains(body, "Passkeys: 1.") || !strings.Contains(body, "/reset-mfa") {
		t.Fatal("the staff page does not show the passkey and the reset")
	}
	res, _ := postForm(t, admin, staffURL+"/reset-mfa", nil)
	if res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "?saved=mfa_reset") {
		t.Fatalf("%d %s", res.StatusCode, res.Header.Get("Location"))
	}
	if _, body := get(t, admin, staffURL+"?saved=mfa_reset"); !strings.Contains(body, "Two-step sign-in reset") || !strings.Contains(body, "Passkeys: 0.") {
		t.Fatal("the page does not confirm the reset")
	}
	if res, _ := get(t, peer, ts.URL+"/today"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the session on the lost phone still works: %d", res.StatusCode)
	}
	c := ts.client()
	_, options = postJSON(t, c, ts.URL+"/signin/passkey/options", nil)
	answer, _ := auth.Get(options)
	if status, _ := postJSON(t, c, ts.URL+"/signin/passkey", answer); status != http.StatusUnauthorized {
		t.Fatalf("the lost phone's passkey still signs in: %d", status)
	}
}

// TestPasskeyRefusalsAreThrottled: forged passkey answers from one address
// count like wrong passwords; past the address's free attempts it must wait
// before beginning another passkey sign-in, and is told how long.
func TestPasskeyRefusalsAreThrottled(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	ts.URL = strings.Replace(ts.URL, "127.0.0.1", "localhost", 1)
	// A forger's own key for this site, answering from another origin.
	forger := passkeytest.New("https://goldthread-login.example.com")
	if _, err := forger.Create([]byte(`{"publicKey":{"challenge":"AAAA","rp":{"id":"localhost"},"user":{"id":"AAAA"}}}`)); err != nil {
		t.Fatal(err)
	}
	c := ts.client()
	for i := 0; i < 40; i++ {
		status, options := postJSON(t, c, ts.URL+"/signin/passkey/options", nil)
		if status == http.StatusTooManyRequests {
			if !regexp.MustCompile(`Wait \d+ seconds?,`).MatchString(errorMessage(options)) {
				t.Errorf("the wait is not said: %s", options)
			}
			return
		}
		if status != 200 {
			t.Fatalf("options %d: %d %s", i, status, options)
		}
		answer, err := forger.Get(options)
		if err != nil {
			t.Fatal(err)
		}
		if status, _ := postJSON(t, c, ts.URL+"/signin/passkey", answer); status != http.StatusUnauthorized {
			t.Fatalf("a forged answer got %d", status)
		}
	}
	t.Fatal("40 forged answers from one address were never slowed down")
}
