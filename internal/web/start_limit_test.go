package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestAnonymousPasskeyStartsLimited: a loop of anonymous passkey sign-in
// starts from one address (each writes a ceremony row) is stopped after
// 30 in ten minutes with 429 and Retry-After; another address is not.
func TestAnonymousPasskeyStartsLimited(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts := newTestServer(t, db, behindProxy)
		base := strings.Replace(ts.URL, "127.0.0.1", "localhost", 1)
		start := func(addr string) *http.Response {
			res, _ := send(t, clientAt(addr), "POST", base+"/signin/passkey/options", "application/json", "")
			return res
		}
		for i := range 30 {
			if res := start("203.0.113.30"); res.StatusCode != http.StatusOK {
				t.Fatalf("start %d: %d", i, res.StatusCode)
			}
		}
		if res := start("203.0.113.30"); res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
			t.Fatalf("31st start: %d; want 429 with Retry-After", res.StatusCode)
		}
		if res := start("203.0.113.31"); res.StatusCode != http.StatusOK {
			t.Fatalf("another address: %d", res.StatusCode)
		}
	})
}
