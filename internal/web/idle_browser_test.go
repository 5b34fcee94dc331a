package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/web"
)

// withHandClock puts the hand-moved clock (handClock) in every page the
// tab opens.
var withHandClock = chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
	_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: handClock})
	return err
})

// TestBrowserIdleWarning: a signed-in page warns before the idle limit,
// "Stay signed in" keeps the session, and ignoring the warning ends it on
// the sign-in page with the reason (ONC (d)(5)). The page's clock is moved
// by hand, so fifteen minutes pass without waiting for them.
func TestBrowserIdleWarning(t *testing.T) {
	bin, axe := needBrowser(t)
	db := storetest.OpenSQLite(t)
	f := storetest.MustFixture(t, db)
	srv, err := web.New(web.Config{DB: db, Logger: slog.New(slog.NewJSONHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	ctx := phone(t, bin)
	step := stepper(t, ctx)
	step("sign in", withHandClock, chromedp.Navigate(ts.URL+"/signin"),
		chromedp.SendKeys(chromedp.ID("email"), f.Emails[goldthread.RolePeer]),
		chromedp.SendKeys(chromedp.ID("password"), storetest.Password),
		chromedp.Submit(chromedp.ID("password")),
		chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "Hello")]`)))
	step("thirteen quiet minutes", advance(13.1), chromedp.WaitVisible(chromedp.ID("idle-stay")))
	checkAxe(t, ctx, axe, "idle warning")
	step("stay signed in", chromedp.Click(chromedp.ID("idle-stay")), chromedp.WaitNotVisible(chromedp.ID("idle-warning")))
	// Thirteen minutes after "Stay", the warning again, not before.
	step("quiet again", advance(12.9))
	if shown, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`!document.getElementById("idle-warning").hidden`)); shown {
		t.Fatal("the warning came back before thirteen minutes from Stay")
	}
	step("still quiet", advance(0.3), chromedp.WaitVisible(chromedp.ID("idle-stay")))
	step("ignored until the end", advance(2), chromedp.WaitVisible(chromedp.ID("email")))
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if !strings.Contains(loc, "expired=1") || !strings.Contains(body, "quiet spell") {
		t.Fatalf("at %s: %q", loc, body)
	}
	// The session really ended on the server, not just on the page.
	step("today needs signing in", chromedp.Navigate(ts.URL+"/today"), chromedp.WaitVisible(chromedp.ID("email")))
}
