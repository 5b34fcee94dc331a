package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/goldthread/goldthread/internal/demo"
	"github.com/goldthread/goldthread/internal/password"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/web"
)

// demoTemplate is the demo agency loaded once per test binary into a
// SQLite file; each browser test gets its own copy, so tests that sign,
// approve or bill never see each other's changes and the 200-note demo is
// not rebuilt for every test.
var demoTemplate struct {
	once sync.Once
	data []byte
	err  error
}

// demoServer serves a private copy of the demo agency, stopped when t ends.
func demoServer(t *testing.T, mut ...func(*web.Config)) (*httptest.Server, *store.DB) {
	t.Helper()
	return demoServerWrapped(t, nil, mut...)
}

// demoServerWrapped is demoServer with the handler wrapped by wrap (nil:
// as it is), for tests that need to stand between the phone and the server.
func demoServerWrapped(t *testing.T, wrap func(http.Handler) http.Handler, mut ...func(*web.Config)) (*httptest.Server, *store.DB) {
	t.Helper()
	ctx := context.Background()
	demoTemplate.once.Do(func() {
		dir, err := os.MkdirTemp("", "goldthread-demo-")
		if err != nil {
			demoTemplate.err = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "demo.db")
		db, err := store.Open(ctx, path)
		if err == nil {
			_, err = db.Migrate(ctx)
		}
		if err == nil {
			_, err = demo.Load(ctx, db, demo.Today(time.Now()), password.Params{Memory: 64, Time: 1, Threads: 1})
		}
		if err == nil {
			_, err = db.ExecRaw(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
		}
		if db != nil {
			db.Close()
		}
		if err == nil {
			demoTemplate.data, err = os.ReadFile(path)
		}
		demoTemplate.err = err
	})
	if demoTemplate.err != nil {
		t.Fatalf("demo agency: %v", demoTemplate.err)
	}
	path := filepath.Join(t.TempDir(), "demo.db")
	if err := os.WriteFile(path, demoTemplate.data, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	// Pages show what is known after the billing check they start, as
	// newTestServerTB's (TestBrowserBillingPhoneAndDesk also reads at once).
	cfg := web.Config{DB: db, Logger: slog.New(slog.NewJSONHandler(io.Discard, nil)), BillingWait: time.Minute}
	for _, m := range mut {
		m(&cfg)
	}
	srv, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	h := srv.Handler()
	if wrap != nil {
		h = wrap(h)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts, db
}

// demoSignIn signs a demo account in on the sign-in page and waits for
// Today.
func demoSignIn(base, email string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(chromedp.Navigate(base+"/signin"), chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), email), chromedp.SendKeys(chromedp.ID("password"), demo.Password),
		chromedp.Submit(chromedp.ID("password")), chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "Hello")]`)))
}

// stepper runs the named steps of a browser journey in ctx and fails the
// test naming the step that did not work.
func stepper(t *testing.T, ctx context.Context) func(name string, actions ...chromedp.Action[chromedp.Void]) {
	return func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
}
