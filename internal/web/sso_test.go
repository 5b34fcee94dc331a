package web_test

import (
	"context"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/locale"
	"github.com/goldthread/goldthread/internal/sso"
	"github.com/goldthread/goldthread/internal/sso/ssotest"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/totp"
	"github.com/goldthread/goldthread/internal/web"
)

// ssoServer is a Goldthread whose fixture agency signs in through a fake
// identity provider.
type ssoServer struct {
	*testServer
	idp   *ssotest.IdP
	clock *storetest.Clock
	logs  *lockedBuffer
}

const idpName = "Fixture Okta"

func newSSOServer(t *testing.T) *ssoServer {
	t.Helper()
	idp := ssotest.New(t, ssotest.User{})
	// The provider sends the browser to this address; the test delivers
	// the callback to the test server itself (its port is not known yet).
	prov, err := sso.New(context.Background(), sso.Config{Issuer: idp.Issuer, ClientID: ssotest.ClientID, ClientSecret: ssotest.ClientSecret,
		RedirectURL: "http://goldthread.test/signin/sso/callback", Name: idpName})
	if err != nil {
		t.Fatal(err)
	}
	logs := &lockedBuffer{}
	db := storetest.OpenSQLite(t)
	clock := &storetest.Clock{T: time.Now().UTC()} // ID tokens carry real times
	db.Now = clock.Now
	ts := newTestServer(t, db, func(c *web.Config) {
		c.SSO = &web.SingleSignOn{Provider: prov, Agency: "fixture"}
		c.Logger = slog.New(slog.NewJSONHandler(logs, nil))
	})
	return &ssoServer{testServer: ts, idp: idp, clock: clock, logs: logs}
}

// start asks for /signin/sso in c and returns the provider address it
// was sent to.
func (s *ssoServer) start(t *testing.T, c *http.Client) *url.URL {
	t.Helper()
	res, _ := postForm(t, c, s.URL+"/signin/sso", nil)
	loc, err := url.Parse(res.Header.Get("Location"))
	if res.StatusCode != http.StatusSeeOther || err != nil || !strings.HasPrefix(loc.String(), s.idp.URL+"/authorize?") {
		t.Fatalf("start answered %d %q; want a redirect to the provider", res.StatusCode, res.Header.Get("Location"))
	}
	return loc
}

// callback delivers the provider's answer back to Goldthread in c.
func (s *ssoServer) callback(t *testing.T, c *http.Client, back *url.URL) (*http.Response, string) {
	t.Helper()
	return get(t, c, s.URL+"/signin/sso/callback?"+back.RawQuery)
}

// signInAs runs the whole round trip as u in a fresh browser.
func (s *ssoServer) signInAs(t *testing.T, u ssotest.User) (*http.Client, *http.Response, string) {
	t.Helper()
	s.idp.SignInAs(u)
	c := s.client()
	res, body := s.callback(t, c, s.idp.Authorize(t, s.start(t, c).String()))
	return c, res, body
}

var signInError = regexp.MustCompile(`id="signin-error">([^<]*)</p>`)

// refused checks the answer is the sign-in page with status and the
// message of key, no session, and that the newest failed sign-in was
// audited with reason. It returns the message shown.
func (s *ssoServer) refused(t *testing.T, res *http.Response, body string, status int, key, reason string) string {
	t.Helper()
	m := signInError.FindStringSubmatch(body)
	if res.StatusCode != status || m == nil {
		t.Fatalf("got %d %s; want %d and the sign-in page with a message", res.StatusCode, res.Header.Get("Location"), status)
	}
	want := locale.New("en", nil).T(key)
	if strings.Contains(want, "%s") {
		want = locale.New("en", nil).T(key, idpName)
	}
	if html.UnescapeString(m[1]) != want {
		t.Errorf("message %q; want %q", html.UnescapeString(m[1]), want)
	}
	for _, c := range res.Cookies() {
		if c.Name == "gt_session" && c.Value != "" {
			t.Error("a refused sign-in set a session cookie")
		}
	}
	evs, err := s.db.AuditEvents(context.Background(), s.f.Auditor, store.AuditFilter{Action: goldthread.ActionSignInFailed, Limit: 1})
	if err != nil || len(evs) == 0 || evs[0].Detail != reason {
		t.Errorf("audited %+v, %v; want reason %s", evs, err, reason)
	}
	return html.UnescapeString(m[1])
}

func TestSingleSignOnOff(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	c := ts.client()
	if res, _ := postForm(t, c, ts.URL+"/signin/sso", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("/signin/sso answered %d without single sign-on; want 404", res.StatusCode)
	}
	if res, _ := get(t, c, ts.URL+"/signin/sso/callback?state=x&code=y"); res.StatusCode != http.StatusNotFound {
		t.Errorf("the callback answered %d without single sign-on; want 404", res.StatusCode)
	}
	if _, body := get(t, c, ts.URL+"/signin"); strings.Contains(body, "/signin/sso") {
		t.Error("the sign-in page offers single sign-on that is not configured")
	}
}

func TestSingleSignOn(t *testing.T) {
	s := newSSOServer(t)
	f := s.f
	ctx := context.Background()
	peer := ssotest.User{Subject: "okta-pat", Email: "PEER@fixture.test", EmailVerified: true, AMR: []string{"pwd", "mfa"}}

	t.Run("SignInPageOffersTheProvider", func(t *testing.T) {
		_, body := get(t, s.client(), s.URL+"/signin")
		if !strings.Contains(body, `action="/signin/sso"`) || !strings.Contains(body, "Sign in with "+idpName) {
			t.Fatal("no single sign-on button")
		}
	})
	t.Run("StartSendsStateNonceAndS256Challenge", func(t *testing.T) {
		c := s.client()
		q := s.start(t, c).Query()
		for _, k := range []string{"state", "nonce", "code_challenge"} {
			if len(q.Get(k)) < 43 {
				t.Errorf("%s = %q; want a fresh random value", k, q.Get(k))
			}
		}
		if q.Get("code_challenge_method") != "S256" || q.Get("response_type") != "code" || q.Get("client_id") != ssotest.ClientID {
			t.Errorf("authorization request %v", q)
		}
		if q.Has("code_verifier") {
			t.Error("the PKCE verifier went to the browser")
		}
		u, _ := url.Parse(s.URL + "/signin/sso")
		var bound bool
		for _, ck := range c.Jar.Cookies(u) {
			bound = bound || (ck.Name == "gt_sso" && ck.Value == q.Get("state"))
		}
		if !bound {
			t.Error("the state is not bound to the browser by a cookie")
		}
		if q2 := s.start(t, s.client()).Query(); q2.Get("state") == q.Get("state") || q2.Get("nonce") == q.Get("nonce") {
			t.Error("two sign-ins share a state or nonce")
		}
	})
	t.Run("StaffMemberSignsInAndIsLinked", func(t *testing.T) {
		c, res, _ := s.signInAs(t, peer)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/today" {
			t.Fatalf("got %d %s; want the session and /today", res.StatusCode, res.Header.Get("Location"))
		}
		if _, body := get(t, c, s.URL+"/today"); !strings.Contains(body, f.Peer.Name) {
			t.Fatal("the session is not the peer's")
		}
		evs, _ := s.db.AuditEvents(ctx, f.Auditor, store.AuditFilter{Action: goldthread.ActionSignIn, ActorID: f.Peer.UserID, Limit: 1})
		if len(evs) != 1 || evs[0].Detail != "web sso amr=pwd,mfa" {
			t.Fatalf("sign-in audited as %+v", evs)
		}
	})
	t.Run("LinkedPersonSignsInAfterEmailChangesAtProvider", func(t *testing.T) {
		moved := peer
		moved.Email, moved.EmailVerified = "pat.after.marriage@fixture-idp.example", false
		c, res, _ := s.signInAs(t, moved)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/today" {
			t.Fatalf("got %d; want the linked person in", res.StatusCode)
		}
		if _, body := get(t, c, s.URL+"/today"); !strings.Contains(body, f.Peer.Name) {
			t.Fatal("the session is not the peer's")
		}
	})
	t.Run("WrongNonceRefused", func(t *testing.T) {
		s.idp.Set(func(p *ssotest.IdP) {
			p.Tamper = func(c map[string]any) { c["nonce"] = "a-nonce-from-another-sign-in" }
		})
		defer s.idp.Set(func(p *ssotest.IdP) { p.Tamper = nil })
		_, res, body := s.signInAs(t, peer)
		s.refused(t, res, body, http.StatusUnauthorized, "sso.failed", "sso_invalid_token")
	})
	t.Run("ReplayedStateRefused", func(t *testing.T) {
		s.idp.SignInAs(peer)
		c := s.client()
		back := s.idp.Authorize(t, s.start(t, c).String())
		if res, _ := s.callback(t, c, back); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("first use answered %d", res.StatusCode)
		}
		// The same answer again, with the state cookie put back as an
		// attacker holding the browser's cookies would.
		req, _ := http.NewRequest("GET", s.URL+"/signin/sso/callback?"+back.RawQuery, nil)
		req.AddCookie(&http.Cookie{Name: "gt_sso", Value: back.Query().Get("state")})
		res, err := s.client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body := readBody(res)
		s.refused(t, res, body, http.StatusUnauthorized, "sso.expired", "sso_state_invalid")
	})
	t.Run("ExpiredStateRefused", func(t *testing.T) {
		s.idp.SignInAs(peer)
		c := s.client()
		back := s.idp.Authorize(t, s.start(t, c).String())
		s.clock.Advance(10*time.Minute + time.Second)
		res, body := s.callback(t, c, back)
		s.refused(t, res, body, http.StatusUnauthorized, "sso.expired", "sso_state_invalid")
	})
	t.Run("AnswerDeliveredToAnotherBrowserRefused", func(t *testing.T) {
		// Login CSRF: someone finishes their own sign-in in your browser.
		s.idp.SignInAs(peer)
		back := s.idp.Authorize(t, s.start(t, s.client()).String())
		res, body := s.callback(t, s.client(), back)
		s.refused(t, res, body, http.StatusUnauthorized, "sso.expired", "sso_state_mismatch")
	})
	t.Run("UnverifiedEmailRefused", func(t *testing.T) {
		_, res, body := s.signInAs(t, ssotest.User{Subject: "okta-sue", Email: f.Emails[goldthread.RoleSupervisor]})
		s.refused(t, res, body, http.StatusUnauthorized, "sso.no_account", "sso_unverified_email")
	})
	t.Run("UnknownAndInactiveAccountsLookAlike", func(t *testing.T) {
		_, res, body := s.signInAs(t, ssotest.User{Subject: "okta-stranger", Email: "stranger@fixture.test", EmailVerified: true})
		unknown := s.refused(t, res, body, http.StatusUnauthorized, "sso.no_account", "sso_unknown_account")
		if err := s.db.UpdateStaff(ctx, f.Admin, f.OtherPeer.UserID, store.StaffChange{Name: f.OtherPeer.Name, Roles: f.OtherPeer.Roles}); err != nil {
			t.Fatal(err)
		}
		_, res, body = s.signInAs(t, ssotest.User{Subject: "okta-oli", Email: "other@fixture.test", EmailVerified: true})
		if inactive := s.refused(t, res, body, http.StatusUnauthorized, "sso.no_account", "sso_inactive_account"); inactive != unknown {
			t.Errorf("inactive %q, unknown %q: the answer tells them apart", inactive, unknown)
		}
	})
	t.Run("ParticipantAccountRefused", func(t *testing.T) {
		_, res, body := s.signInAs(t, ssotest.User{Subject: "okta-marcus", Email: f.Emails[goldthread.RoleParticipant], EmailVerified: true})
		s.refused(t, res, body, http.StatusUnauthorized, "sso.no_account", "sso_participant_account")
	})
	t.Run("ProviderRefusalShownClearly", func(t *testing.T) {
		s.idp.Set(func(p *ssotest.IdP) { p.Deny = "access_denied" })
		_, res, body := s.signInAs(t, peer)
		s.refused(t, res, body, http.StatusUnauthorized, "sso.denied", "sso_provider_denied")
		s.idp.Set(func(p *ssotest.IdP) { p.Deny = "temporarily_unavailable" })
		_, res, body = s.signInAs(t, peer)
		s.refused(t, res, body, http.StatusBadGateway, "sso.provider_error", "sso_provider_error")
		s.idp.Set(func(p *ssotest.IdP) { p.Deny = "" })
	})
	t.Run("SecondFactorStillApplies", func(t *testing.T) {
		secret, _, err := s.db.StartTOTP(ctx, f.Clinician, "Goldthread")
		if err != nil {
			t.Fatal(err)
		}
		code, _ := totp.CodeAt(secret, totp.StepAt(s.clock.T))
		if err := s.db.ConfirmTOTP(ctx, f.Clinician, storetest.Password, code); err != nil {
			t.Fatal(err)
		}
		s.clock.Advance(totp.Step) // the enrolment code's step is spent
		c, res, _ := s.signInAs(t, ssotest.User{Subject: "okta-cal", Email: f.Emails[goldthread.RoleClinician], EmailVerified: true})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/signin/code" {
			t.Fatalf("got %d %s; want the code step", res.StatusCode, res.Header.Get("Location"))
		}
		var challenge *http.Cookie
		for _, ck := range res.Cookies() {
			if ck.Name == "gt_session" && ck.Value != "" {
				t.Fatal("a session opened before the second step")
			}
			if ck.Name == "gt_mfa" {
				challenge = ck
			}
		}
		// Lax, not Strict: the browser arrives from the provider's site.
		if challenge == nil || !challenge.HttpOnly || challenge.SameSite != http.SameSiteLaxMode {
			t.Fatalf("challenge cookie %+v", challenge)
		}
		if res, _ := get(t, c, s.URL+"/today"); res.StatusCode != http.StatusSeeOther {
			t.Fatal("signed in without the code")
		}
		code, _ = totp.CodeAt(secret, totp.StepAt(s.clock.T))
		res, err = c.PostForm(s.URL+"/signin/code", url.Values{"code": {code}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/today" {
			t.Fatalf("the code step answered %d %s", res.StatusCode, res.Header.Get("Location"))
		}
	})
	t.Run("LogsCarryNoEmailsCodesOrStates", func(t *testing.T) {
		auth := s.start(t, s.client())
		back := s.idp.Authorize(t, auth.String())
		s.callback(t, s.client(), back) // refused: another browser
		out := s.logs.String()
		if !strings.Contains(out, `"path":"/signin/sso/callback"`) {
			t.Fatal("no request log")
		}
		for _, secret := range []string{"PEER@fixture.test", f.Emails[goldthread.RolePeer], "stranger@fixture.test", back.Query().Get("state"), back.Query().Get("code"), auth.Query().Get("nonce"), "okta-pat"} {
			if strings.Contains(out, secret) {
				t.Errorf("the log contains %q", secret)
			}
		}
	})
}

// TestSingleSignOnProviderUnreachable: when the token endpoint cannot be
// reached the person is told so, and it is audited.
func TestSingleSignOnProviderUnreachable(t *testing.T) {
	s := newSSOServer(t)
	s.idp.SignInAs(ssotest.User{Subject: "okta-pat", Email: s.f.Emails[goldthread.RolePeer], EmailVerified: true})
	c := s.client()
	back := s.idp.Authorize(t, s.start(t, c).String())
	s.idp.Close()
	res, body := s.callback(t, c, back)
	s.refused(t, res, body, http.StatusBadGateway, "sso.unavailable", "sso_exchange_failed")
}

func readBody(res *http.Response) string {
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

// TestAdministratorUnlinksSSO: the staff page shows a colleague's link to
// the identity provider and removes it.
func TestAdministratorUnlinksSSO(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	ctx := context.Background()
	if _, err := ts.db.SignInSSO(ctx, ts.f.Agency.Slug, store.SSOIdentity{Issuer: "https://idp.example", Subject: "s1",
		Email: ts.f.Emails[goldthread.RolePeer], EmailVerified: true}, "", store.DefaultSessionPolicy); err != nil {
		t.Fatal(err)
	}
	admin := ts.signIn(t, ts.f.Emails[goldthread.RoleAdministrator])
	staffURL := ts.URL + "/staff/" + strconv.FormatInt(ts.f.Peer.UserID, 10)
	if _, body := get(t, admin, staffURL); !strings.Contains(body, "identity provider since") {
		t.Fatal("the staff page does not show the link")
	}
	res, _ := postForm(t, admin, staffURL+"/unlink-sso", nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("%d", res.StatusCode)
	}
	if _, body := get(t, admin, staffURL+"?saved=sso_unlinked"); !strings.Contains(body, "Single sign-on link removed") || strings.Contains(body, "/unlink-sso") {
		t.Fatal("the page still offers the link after removing it")
	}
}
