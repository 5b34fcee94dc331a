package web_test

import (
	"bytes"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/web"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}
func (l *lockedBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

// TestLogsCarryNoPHIOrSecrets: the request log names ids, never names,
// searches, emails, passwords or tokens (ONC (d)(12), HIPAA).
func TestLogsCarryNoPHIOrSecrets(t *testing.T) {
	var logs lockedBuffer
	db := storetest.OpenSQLite(t)
	f := storetest.MustFixture(t, db)
	srv, err := web.New(web.Config{DB: db, Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	ts := &testServer{Server: httptest.NewServer(srv.Handler()), srv: srv, db: db, f: f}
	defer ts.Close()
	email := f.Emails[goldthread.RolePeer]
	c := ts.signIn(t, email)
	ts.client().PostForm(ts.URL+"/signin", url.Values{"email": {email}, "password": {"a wrong secret guess"}})
	get(t, c, ts.URL+"/participants?q=Marcus")
	get(t, c, ts.URL+"/participants/"+strconv.FormatInt(f.Mine.ID, 10))
	token := ts.token(t, email)
	apiGet(t, ts.URL+"/api/v1/participants?q=Bell", token)
	out := logs.String()
	if !strings.Contains(out, `"path":"/participants/`) {
		t.Fatalf("the request log is missing: %s", out)
	}
	for _, secret := range []string{storetest.Password, "a wrong secret guess", token, email, "Marcus", "Bell", "900000001Q", "q="} {
		if strings.Contains(out, secret) {
			t.Errorf("the log contains %q", secret)
		}
	}
}
