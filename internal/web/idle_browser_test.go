package web_test

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/web"
)

// TestBrowserIdleWarning: a signed-in page warns before the idle limit,
// "Stay signed in" keeps the session, and ignoring the warning ends on the
// sign-in page with the reason (ONC (d)(5)).
func TestBrowserIdleWarning(t *testing.T) {
	bin, axe := needBrowser(t)
	db := storetest.OpenSQLite(t)
	f := storetest.MustFixture(t, db)
	srv, err := web.New(web.Config{DB: db, Logger: slog.New(slog.NewJSONHandler(io.Discard, nil)),
		Sessions: store.SessionPolicy{Idle: 4 * time.Second, Absolute: time.Hour}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	ctx := phone(t, bin)
	err = chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/signin"),
		chromedp.SendKeys(chromedp.ID("email"), f.Emails[goldthread.RolePeer]),
		chromedp.SendKeys(chromedp.ID("password"), storetest.Password),
		chromedp.Submit(chromedp.ID("password")),
		chromedp.WaitVisible(chromedp.ID("idle-stay")))
	if err != nil {
		t.Fatalf("no idle warning appeared: %v", err)
	}
	checkAxe(t, ctx, axe, "idle warning")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("idle-stay")), chromedp.WaitNotVisible(chromedp.ID("idle-warning"))); err != nil {
		t.Fatalf("stay signed in: %v", err)
	}
	// Past the limit counted from sign-in, but not from "Stay": still in.
	time.Sleep(3 * time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/today"), chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "Hello")]`))); err != nil {
		t.Fatalf("Stay signed in did not keep the session: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("email"))); err != nil {
		t.Fatalf("never sent to sign-in after the idle limit: %v", err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if !strings.Contains(loc, "expired=1") || !strings.Contains(body, "quiet spell") {
		t.Fatalf("at %s: %q", loc, body)
	}
}
