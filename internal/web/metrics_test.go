package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/web"
)

// get asks the server's handler directly, from remote, so the caller's
// address is the test's to choose.
func getFrom(ts *testServer, remote, path string, header map[string]string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodGet, path, nil)
	r.RemoteAddr = remote
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	ts.srv.Handler().ServeHTTP(w, r)
	return w
}

func TestMetrics(t *testing.T) {
	db := storetest.OpenSQLite(t)
	ts := newTestServer(t, db, func(c *web.Config) { c.MetricsToken = "metrics-token-for-tests" })
	// Another server in the same process, on its own database, must not
	// take this one's store timings away (the observer is the DB's).
	newTestServer(t, storetest.OpenSQLite(t))
	writes := func() string {
		for _, line := range strings.Split(getFrom(ts, "127.0.0.1:40000", "/metrics", nil).Body.String(), "\n") {
			if strings.HasPrefix(line, `goldthread_db_transaction_duration_seconds_count{kind="write"} `) {
				return line
			}
		}
		return ""
	}
	before := writes()
	// One signed-in request, so a route, transactions and audit appends
	// have been timed.
	res, err := ts.signIn(t, ts.f.Emails["peer"]).Get(ts.URL + "/today")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()

	t.Run("LoopbackReadsThePrometheusExposition", func(t *testing.T) {
		// The request is timed when its handler returns, which may be just
		// after the client has read the whole answer: wait for it to be
		// counted (once) rather than race it.
		today := `goldthread_http_request_duration_seconds_bucket{route="GET /today",le="+Inf"} 1`
		var w *httptest.ResponseRecorder
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			w = getFrom(ts, "127.0.0.1:40000", "/metrics", nil)
			if strings.Contains(w.Body.String(), today) || time.Now().After(deadline) {
				break
			}
		}
		if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain; version=0.0.4") {
			t.Fatalf("%d %s", w.Code, w.Header().Get("Content-Type"))
		}
		body := w.Body.String()
		if after := writes(); after == before {
			t.Errorf("signing in and opening Today counted no write transaction of this server's database (%q before and after)", after)
		}
		for _, want := range []string{
			today,
			`# TYPE goldthread_db_transaction_duration_seconds histogram`,
			`goldthread_db_transaction_duration_seconds_count{kind="write"}`,
			`goldthread_db_writer_wait_seconds_count`,
			`goldthread_audit_append_duration_seconds_count`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("no %q in\n%s", want, body)
			}
		}
	})
	t.Run("OthersGetNothing", func(t *testing.T) {
		if w := getFrom(ts, "198.51.100.7:40000", "/metrics", nil); w.Code != http.StatusNotFound {
			t.Fatalf("a remote caller: %d", w.Code)
		}
		// Through a proxy on this machine the caller is someone else.
		if w := getFrom(ts, "127.0.0.1:40000", "/metrics", map[string]string{"X-Forwarded-For": "198.51.100.7"}); w.Code != http.StatusNotFound {
			t.Fatalf("a caller forwarded by a local proxy: %d", w.Code)
		}
		if w := getFrom(ts, "198.51.100.7:40000", "/metrics", map[string]string{"Authorization": "Bearer wrong"}); w.Code != http.StatusNotFound {
			t.Fatalf("a wrong token: %d", w.Code)
		}
	})
	t.Run("TheTokenOpensItFromAnywhere", func(t *testing.T) {
		if w := getFrom(ts, "198.51.100.7:40000", "/metrics", map[string]string{"Authorization": "Bearer metrics-token-for-tests"}); w.Code != http.StatusOK {
			t.Fatalf("with the token: %d", w.Code)
		}
	})
	t.Run("ProfilerOffUnlessAskedFor", func(t *testing.T) {
		if w := getFrom(ts, "127.0.0.1:40000", "/debug/pprof/", nil); w.Code != http.StatusNotFound {
			t.Fatalf("pprof without --pprof: %d", w.Code)
		}
	})
}

func TestProfilerLoopbackOnly(t *testing.T) {
	db := storetest.OpenSQLite(t)
	ts := newTestServer(t, db, func(c *web.Config) { c.Pprof = true })
	if w := getFrom(ts, "127.0.0.1:40000", "/debug/pprof/", nil); w.Code != http.StatusOK {
		t.Fatalf("pprof from loopback: %d", w.Code)
	}
	if w := getFrom(ts, "198.51.100.7:40000", "/debug/pprof/", nil); w.Code != http.StatusNotFound {
		t.Fatalf("pprof from elsewhere: %d", w.Code)
	}
}
