package web_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/totp"
	"github.com/goldthread/goldthread/internal/web"
)

// behindProxy trusts the loopback address as the agency's reverse proxy,
// so tests can speak for clients at other addresses.
func behindProxy(c *web.Config) {
	c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
}

// forwardedFor adds the header a trusted proxy writes.
type forwardedFor struct{ addr string }

func (f forwardedFor) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("X-Forwarded-For", f.addr)
	return http.DefaultTransport.RoundTrip(r)
}

// clientAt is a client with its own cookies whose requests the proxy
// forwards from addr (redirects not followed).
func clientAt(addr string) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Transport: forwardedFor{addr}, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func send(t *testing.T, c *http.Client, method, u, contentType, body string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(method, u, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// newestAudit returns the newest audit event with action.
func newestAudit(t *testing.T, ts *testServer, action string) goldthread.AuditEvent {
	t.Helper()
	evs, err := ts.db.AuditEvents(t.Context(), ts.f.Auditor, store.AuditFilter{Action: action})
	if err != nil || len(evs) == 0 {
		t.Fatalf("no %s event: %v", action, err)
	}
	return evs[0]
}

// TestClientAddressFromTrustedProxyOnly: behind a named proxy each client
// is throttled and audited at its own address (the nearest one the proxy
// did not add itself); without one the header is ignored, so nobody picks
// their own address.
func TestClientAddressFromTrustedProxyOnly(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts := newTestServer(t, db, behindProxy)
		peer := ts.f.Emails[goldthread.RolePeer]
		wrong := url.Values{"email": {peer}, "password": {"guess"}}.Encode()
		t.Run("AuditCarriesTheClient", func(t *testing.T) {
			send(t, clientAt("198.51.100.20, 203.0.113.9"), "POST", ts.URL+"/signin", "application/x-www-form-urlencoded", wrong)
			if ev := newestAudit(t, ts, goldthread.ActionSignInFailed); ev.IP != "203.0.113.9" {
				t.Fatalf("audited address %q; want the client's 203.0.113.9", ev.IP)
			}
		})
		t.Run("OneClientThrottledAlone", func(t *testing.T) {
			var res *http.Response
			for range 7 {
				res, _ = send(t, clientAt("203.0.113.50"), "POST", ts.URL+"/signin", "application/x-www-form-urlencoded", wrong)
			}
			if res.StatusCode != http.StatusTooManyRequests {
				t.Fatalf("7th guess from one client: %d; want 429", res.StatusCode)
			}
			res, _ = send(t, clientAt("203.0.113.51"), "POST", ts.URL+"/signin", "application/x-www-form-urlencoded",
				url.Values{"email": {peer}, "password": {storetest.Password}}.Encode())
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("another client behind the same proxy: %d; want signed in", res.StatusCode)
			}
		})
	})
	t.Run("UntrustedHeaderIgnored", func(t *testing.T) {
		ts := newTestServer(t, storetest.OpenSQLite(t))
		send(t, clientAt("203.0.113.9"), "POST", ts.URL+"/signin", "application/x-www-form-urlencoded",
			url.Values{"email": {ts.f.Emails[goldthread.RolePeer]}, "password": {"guess"}}.Encode())
		if ev := newestAudit(t, ts, goldthread.ActionSignInFailed); ev.IP != "127.0.0.1" {
			t.Fatalf("audited address %q; a client chose its own address", ev.IP)
		}
	})
}

// TestWrongCodesLimitedAcrossChallenges: someone with the password who
// guesses the authenticator code from many addresses, through the API or
// the web, gets ten wrong codes in all; then even a right password starts
// no new challenge, the answer is 429 with Retry-After, and it is audited.
func TestWrongCodesLimitedAcrossChallenges(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts := newTestServer(t, db, behindProxy)
		ctx := t.Context()
		email := ts.f.Emails[goldthread.RoleClinician]
		secret, _, err := db.StartTOTP(ctx, ts.f.Clinician, "Goldthread")
		if err != nil {
			t.Fatal(err)
		}
		code, _ := totp.CodeAt(secret, totp.StepAt(db.Now()))
		if err := db.ConfirmTOTP(ctx, ts.f.Clinician, storetest.Password, code); err != nil {
			t.Fatal(err)
		}
		tokenBody := `{"email":"` + email + `","password":"` + storetest.Password + `","code":"000000"}`
		for i := range 5 { // five through the API, each a new challenge
			res, body := send(t, clientAt("203.0.113."+string(rune('1'+i))), "POST", ts.URL+"/api/v1/tokens", "application/json", tokenBody)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("wrong code %d: %d %s", i, res.StatusCode, body)
			}
		}
		for i := range 5 { // five on the web, each after a right password
			c := clientAt("198.51.100." + string(rune('1'+i)))
			res, _ := send(t, c, "POST", ts.URL+"/signin", "application/x-www-form-urlencoded", url.Values{"email": {email}, "password": {storetest.Password}}.Encode())
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/signin/code" {
				t.Fatalf("password %d: %d", i, res.StatusCode)
			}
			if res, _ := send(t, c, "POST", ts.URL+"/signin/code", "application/x-www-form-urlencoded", "code=000000"); res.StatusCode != http.StatusUnauthorized {
				t.Fatalf("web wrong code %d: %d", i, res.StatusCode)
			}
		}
		t.Run("API", func(t *testing.T) {
			right, _ := totp.CodeAt(secret, totp.StepAt(db.Now())+1)
			res, body := send(t, clientAt("192.0.2.77"), "POST", ts.URL+"/api/v1/tokens", "application/json",
				`{"email":"`+email+`","password":"`+storetest.Password+`","code":"`+right+`"}`)
			var e struct{ Error struct{ Kind, Field string } }
			json.Unmarshal([]byte(body), &e)
			if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" || e.Error.Kind != goldthread.ETHROTTLED || e.Error.Field != "code" {
				t.Fatalf("11th try: %d Retry-After %q %s", res.StatusCode, res.Header.Get("Retry-After"), body)
			}
		})
		t.Run("Web", func(t *testing.T) {
			res, body := send(t, clientAt("192.0.2.78"), "POST", ts.URL+"/signin", "application/x-www-form-urlencoded",
				url.Values{"email": {email}, "password": {storetest.Password}}.Encode())
			if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" || !strings.Contains(body, "Too many wrong codes") {
				t.Fatalf("password after ten wrong codes: %d %s", res.StatusCode, res.Header.Get("Location"))
			}
		})
		if ev := newestAudit(t, ts, goldthread.ActionSignInFailed); ev.Detail != "too_many_codes" || ev.ActorID != ts.f.Clinician.UserID {
			t.Fatalf("newest failure %+v; want too_many_codes for the clinician", ev)
		}
	})
}

// TestPasswordGivenAgainThrottled: a session holder guessing the password
// where it is asked again (here the password change) is stopped after ten
// wrong ones with 429 and Retry-After, whatever address they use.
func TestPasswordGivenAgainThrottled(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts := newTestServer(t, db, behindProxy)
		c := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
		form := url.Values{"current_password": {"guess"}, "new_password": {"a brand new passphrase 2026"}, "confirm_password": {"a brand new passphrase 2026"}}
		var res *http.Response
		var body string
		for range 11 {
			res, body = postForm(t, c, ts.URL+"/account/password", form)
		}
		if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" || !strings.Contains(body, "Too many wrong passwords") {
			t.Fatalf("11th wrong password: %d Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
		}
	})
}

// TestSessionCookieHostPrefixUnderTLS: served over TLS the session cookie
// is __Host-: Secure, on path / and without a Domain, and only that name
// opens the session (a plain-HTTP page or a sibling subdomain cannot set
// one that shadows it).
func TestSessionCookieHostPrefixUnderTLS(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts := newTestServer(t, db, func(c *web.Config) { c.SecureCookies = true })
		res, _ := send(t, ts.client(), "POST", ts.URL+"/signin", "application/x-www-form-urlencoded",
			url.Values{"email": {ts.f.Emails[goldthread.RolePeer]}, "password": {storetest.Password}}.Encode())
		var session *http.Cookie
		for _, c := range res.Cookies() {
			if strings.Contains(c.Name, "gt_session") {
				session = c
			}
		}
		if session == nil || session.Name != "__Host-gt_session" || !session.Secure || session.Path != "/" || session.Domain != "" || session.Value == "" {
			t.Fatalf("session cookie %+v; want __Host-gt_session, Secure, path /, no domain", session)
		}
		open := func(name string) int {
			req, _ := http.NewRequest("GET", ts.URL+"/today", nil)
			req.AddCookie(&http.Cookie{Name: name, Value: session.Value})
			res, err := ts.client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return res.StatusCode
		}
		if got := open("__Host-gt_session"); got != http.StatusOK {
			t.Fatalf("Today with the __Host- cookie: %d", got)
		}
		if got := open("gt_session"); got == http.StatusOK {
			t.Fatal("the unprefixed cookie name opened the session under TLS")
		}
	})
}
