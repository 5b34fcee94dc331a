package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/web"
)

// secondServer is another server on the database under ts, as a second
// `goldthread serve` behind the same load balancer: db is its own store.DB
// (its own pools) opened on the same database.
func secondServer(t *testing.T, db *store.DB, mut ...func(*web.Config)) *httptest.Server {
	t.Helper()
	cfg := web.Config{DB: db, Logger: slog.New(slog.NewJSONHandler(io.Discard, nil))}
	for _, m := range mut {
		m(&cfg)
	}
	srv, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// TestTwoServersShareTheThrottles: guesses made through server A count on
// server B (the guessing address is refused there, even with the right
// password, while another address signs in), anonymous passkey starts
// split between them are capped once, and a session made on A is
// honoured on B.
func TestTwoServersShareTheThrottles(t *testing.T) {
	storetest.EnginesTwice(t, func(t *testing.T, dbA, dbB *store.DB) {
		a := newTestServer(t, dbA, behindProxy)
		b := secondServer(t, dbB, behindProxy)
		peer := a.f.Emails[goldthread.RolePeer]
		form := func(pw string) string { return url.Values{"email": {peer}, "password": {pw}}.Encode() }
		t.Run("FailuresOnACountOnB", func(t *testing.T) {
			// Ten wrong passwords on A: the tenth starts a wait of 16 s.
			for range 10 {
				send(t, clientAt("203.0.113.70"), "POST", a.URL+"/signin", "application/x-www-form-urlencoded", form("guess"))
			}
			res, _ := send(t, clientAt("203.0.113.70"), "POST", b.URL+"/signin", "application/x-www-form-urlencoded", form(storetest.Password))
			if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
				t.Fatalf("the guessing address on server B: %d; want 429 with Retry-After", res.StatusCode)
			}
			res, _ = send(t, clientAt("203.0.113.71"), "POST", b.URL+"/signin", "application/x-www-form-urlencoded", form(storetest.Password))
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("the person from another address on server B: %d; want signed in", res.StatusCode)
			}
		})
		t.Run("StartsCappedOnceAcrossServers", func(t *testing.T) {
			start := func(base string) *http.Response {
				res, _ := send(t, clientAt("203.0.113.72"), "POST", strings.Replace(base, "127.0.0.1", "localhost", 1)+"/signin/passkey/options", "application/json", "")
				return res
			}
			for i := range store.StartsPerWindow {
				if res := start([]string{a.URL, b.URL}[i%2]); res.StatusCode != http.StatusOK {
					t.Fatalf("start %d: %d", i+1, res.StatusCode)
				}
			}
			for _, base := range []string{a.URL, b.URL} {
				if res := start(base); res.StatusCode != http.StatusTooManyRequests {
					t.Fatalf("start %d: %d; want 429 on both servers", store.StartsPerWindow+1, res.StatusCode)
				}
			}
		})
		t.Run("SessionMadeOnAHonouredOnB", func(t *testing.T) {
			c := a.signIn(t, a.f.Emails[goldthread.RoleSupervisor])
			// One cookie jar: cookies are per host, not per port, so B
			// gets the session cookie A set.
			res, err := c.Get(b.URL + "/today")
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Fatalf("server B answered the session made on A with %d", res.StatusCode)
			}
		})
	})
}
