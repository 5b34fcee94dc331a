package web_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/web"
)

// testServer is a running Goldthread over a fixture agency.
type testServer struct {
	*httptest.Server
	srv *web.Server
	db  *store.DB
	f   *storetest.Fixture
}

func newTestServer(t *testing.T, db *store.DB, mut ...func(*web.Config)) *testServer {
	t.Helper()
	return newTestServerTB(t, db, mut...)
}

// newTestServerTB is newTestServer for benchmarks and fuzz targets too.
func newTestServerTB(t testing.TB, db *store.DB, mut ...func(*web.Config)) *testServer {
	t.Helper()
	f := storetest.MustFixture(t, db)
	// A page read right after a write shows what the write did: it waits
	// for the billing check it starts (TestBillingPageAnswersAtOnce reads
	// without waiting).
	cfg := web.Config{DB: db, Logger: slog.New(slog.NewJSONHandler(io.Discard, nil)), BillingWait: time.Minute}
	for _, m := range mut {
		m(&cfg)
	}
	srv, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &testServer{Server: ts, srv: srv, db: db, f: f}
}

// client returns an HTTP client with its own cookie jar that does not
// follow redirects, so tests see them.
func (ts *testServer) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// signIn returns a client signed in as email.
func (ts *testServer) signIn(t *testing.T, email string) *http.Client {
	t.Helper()
	return ts.signInTB(t, email)
}

func (ts *testServer) signInTB(t testing.TB, email string) *http.Client {
	t.Helper()
	c := ts.client()
	res, err := c.PostForm(ts.URL+"/signin", url.Values{"email": {email}, "password": {storetest.Password}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/today" {
		t.Fatalf("sign in as %s: %d %s", email, res.StatusCode, res.Header.Get("Location"))
	}
	return c
}

// token returns an API bearer token for email.
func (ts *testServer) token(t *testing.T, email string) string {
	t.Helper()
	return ts.tokenTB(t, email)
}

func (ts *testServer) tokenTB(t testing.TB, email string) string {
	t.Helper()
	res, err := http.Post(ts.URL+"/api/v1/tokens", "application/json",
		strings.NewReader(`{"email":"`+email+`","password":"`+storetest.Password+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct{ Token string }
	json.NewDecoder(res.Body).Decode(&body)
	if res.StatusCode != http.StatusCreated || body.Token == "" {
		t.Fatalf("token for %s: %d", email, res.StatusCode)
	}
	return body.Token
}

func get(t *testing.T, c *http.Client, u string) (*http.Response, string) {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func apiGet(t *testing.T, u, token string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func TestSignInFlow(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	peer := ts.f.Emails[goldthread.RolePeer]
	t.Run("AnonymousIsSentToSignIn", func(t *testing.T) {
		res, _ := get(t, ts.client(), ts.URL+"/today")
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/signin" {
			t.Fatalf("got %d %s", res.StatusCode, res.Header.Get("Location"))
		}
	})
	t.Run("PeerSeesTheirCaseload", func(t *testing.T) {
		c := ts.signIn(t, peer)
		res, body := get(t, c, ts.URL+"/today")
		if res.StatusCode != 200 || !strings.Contains(body, "Marcus Bell") || !strings.Contains(body, "Renee Alvarez") {
			t.Fatalf("today: %d\n%s", res.StatusCode, body)
		}
		if strings.Contains(body, "Tom Others") {
			t.Fatal("a peer's Today shows another peer's participant")
		}
	})
	t.Run("WrongPasswordGetsGenericMessage", func(t *testing.T) {
		for _, email := range []string{peer, "nobody@fixture.test"} {
			res, err := ts.client().PostForm(ts.URL+"/signin", url.Values{"email": {email}, "password": {"nope"}})
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusUnauthorized || !strings.Contains(string(b), "do not match an account") {
				t.Fatalf("%s: %d", email, res.StatusCode)
			}
			if res.Header.Get("Set-Cookie") != "" {
				t.Fatal("a failed sign-in set a cookie")
			}
		}
	})
	t.Run("MissingFieldsNamed", func(t *testing.T) {
		res, err := ts.client().PostForm(ts.URL+"/signin", url.Values{"email": {peer}})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(b), "Both fields are required") {
			t.Fatalf("%d", res.StatusCode)
		}
	})
	t.Run("SignOutEndsTheSession", func(t *testing.T) {
		c := ts.signIn(t, peer)
		u, _ := url.Parse(ts.URL)
		stolen := c.Jar.Cookies(u)
		req, _ := http.NewRequest("POST", ts.URL+"/signout", nil)
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Clear-Site-Data"), "cache") {
			t.Fatalf("sign out: %d, Clear-Site-Data %q", res.StatusCode, res.Header.Get("Clear-Site-Data"))
		}
		// The old cookie, replayed, no longer works.
		c2 := ts.client()
		c2.Jar.SetCookies(u, stolen)
		res, _ = get(t, c2, ts.URL+"/today")
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("replayed cookie after sign-out: %d", res.StatusCode)
		}
	})
	t.Run("CookieIsHttpOnlyAndLax", func(t *testing.T) {
		res, err := ts.client().PostForm(ts.URL+"/signin", url.Values{"email": {peer}, "password": {storetest.Password}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		sc := res.Header.Get("Set-Cookie")
		if !strings.Contains(sc, "HttpOnly") || !strings.Contains(sc, "SameSite=Lax") {
			t.Fatalf("Set-Cookie = %q", sc)
		}
	})
}

func TestSecurityHeaders(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	c := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
	res, _ := get(t, c, ts.URL+"/participants")
	h := res.Header
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self'", "frame-ancestors 'none'", "default-src 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") {
		t.Error("CSP allows inline script or style")
	}
	if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Cache-Control") != "no-store" {
		t.Errorf("nosniff %q, cache %q", h.Get("X-Content-Type-Options"), h.Get("Cache-Control"))
	}
	if h.Get("Strict-Transport-Security") != "" {
		t.Error("HSTS sent over plain HTTP")
	}
	t.Run("HSTSWhenTLS", func(t *testing.T) {
		ts := newTestServer(t, storetest.OpenSQLite(t), func(c *web.Config) { c.SecureCookies = true })
		res, _ := get(t, ts.client(), ts.URL+"/signin")
		if !strings.Contains(res.Header.Get("Strict-Transport-Security"), "max-age=") {
			t.Fatal("no HSTS behind TLS")
		}
	})
}

func TestCrossOriginPostRefused(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	req, _ := http.NewRequest("POST", ts.URL+"/signin", strings.NewReader("email=a&password=b"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Origin", "https://evil.example")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden || !strings.Contains(string(b), "another site") {
		t.Fatalf("cross-site POST: %d", res.StatusCode)
	}
}

func TestOversizedFormRefused(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t), func(c *web.Config) { c.MaxBody = 1024 })
	body := "email=" + strings.Repeat("a", 4096) + "&password=x"
	res, err := ts.client().Post(ts.URL+"/signin", "application/x-www-form-urlencoded", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(b), "too large") {
		t.Fatalf("oversized form: %d", res.StatusCode)
	}
}

func TestHealth(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	for _, p := range []string{"/healthz", "/readyz"} {
		res, body := get(t, ts.client(), ts.URL+p)
		if res.StatusCode != 200 || !strings.Contains(body, "status") {
			t.Errorf("%s: %d %s", p, res.StatusCode, body)
		}
	}
	ts.db.Close()
	if res, _ := get(t, ts.client(), ts.URL+"/readyz"); res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("readyz with the database closed: %d; want 503", res.StatusCode)
	}
}

func TestNotFoundPage(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	res, body := get(t, ts.client(), ts.URL+"/no/such/page")
	if res.StatusCode != 404 || !strings.Contains(body, "could not find") {
		t.Fatalf("%d", res.StatusCode)
	}
}

func TestSignInThrottled(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	peer := ts.f.Emails[goldthread.RolePeer]
	var last *http.Response
	for i := 0; i < 7; i++ {
		res, err := ts.client().PostForm(ts.URL+"/signin", url.Values{"email": {peer}, "password": {"guess"}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		last = res
	}
	if last.StatusCode != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" {
		t.Fatalf("7th wrong guess: %d, Retry-After %q; want 429 with a wait", last.StatusCode, last.Header.Get("Retry-After"))
	}
	res, _ := http.Post(ts.URL+"/api/v1/tokens", "application/json", strings.NewReader(`{"email":"`+peer+`","password":"`+storetest.Password+`"}`))
	res.Body.Close()
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("the API lets the same address keep guessing: %d", res.StatusCode)
	}
}
