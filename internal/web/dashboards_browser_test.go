package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/goldthread/goldthread/internal/demo"
)

// TestBrowserDashboards opens every dashboard, and the peer's Today with
// its visit and BARC-10 forms, on the demo agency at 360 px (a phone: no
// sideways scroll) and at 1280 px (a desk: the page uses the width and
// tables stay tables), with every chart's numbers opened too; axe reports
// no WCAG A/AA violation anywhere.
func TestBrowserDashboards(t *testing.T) {
	bin, axe := needBrowser(t)
	ts, _ := demoServer(t)
	ctx := phoneFor(t, bin, 4*time.Minute)
	signIn := func(email string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/signin"), chromedp.WaitVisible(chromedp.ID("email")),
			chromedp.SendKeys(chromedp.ID("email"), email), chromedp.SendKeys(chromedp.ID("password"), demo.Password),
			chromedp.Submit(chromedp.ID("password")), chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "Hello")]`))); err != nil {
			t.Fatalf("sign in %s: %v", email, err)
		}
	}
	signOut := func() {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.Search(`//button[.="Sign out"]`)), chromedp.WaitVisible(chromedp.ID("email"))); err != nil {
			t.Fatalf("sign out: %v", err)
		}
	}
	size := func(w, h int64, mobile bool) {
		t.Helper()
		opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
		if mobile {
			opts = []chromedp.EmulateViewportOption{chromedp.EmulateScale(2), chromedp.EmulateMobile}
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, h, opts...)); err != nil {
			t.Fatal(err)
		}
	}
	// check looks at the current page on a phone and on a desk.
	check := func(page string) {
		t.Helper()
		size(360, 740, true)
		checkFits(t, ctx, page)
		checkAxe(t, ctx, axe, page+" at 360 px")
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("details").forEach(d => d.open = true); null`)); err != nil {
			t.Fatal(err)
		}
		checkFits(t, ctx, page+" with the numbers open")
		checkAxe(t, ctx, axe, page+" with the numbers open")
		size(1280, 900, false)
		checkAxe(t, ctx, axe, page+" at 1280 px")
		wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("main").getBoundingClientRect().width > 1000`))
		if err != nil || !wide {
			t.Errorf("%s at 1280 px: the page keeps a narrow column (%v)", page, err)
		}
		tables, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`[...document.querySelectorAll(".dash-table tr")].every(r => getComputedStyle(r).display === "table-row")`))
		if err != nil || !tables {
			t.Errorf("%s at 1280 px: a table is drawn as cards (%v)", page, err)
		}
		size(360, 740, true)
	}
	open := func(path, h1 string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+path), chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "`+h1+`")]`))); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		check(path)
	}

	signIn("dana@riverbend.example")
	check("Today (Dana)")
	body, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if err != nil || !strings.Contains(body, "Your day") || !strings.Contains(body, "Next visits") {
		t.Errorf("Dana's Today has no day section: %v %q", err, body)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/participants"), chromedp.WaitVisible(chromedp.CSS("ul.people")),
		chromedp.Click(chromedp.Search(`//a[contains(., "Marcus Bell")]`)), chromedp.WaitVisible(chromedp.Search(`//h1[.="Marcus Bell"]`))); err != nil {
		t.Fatal(err)
	}
	check("participant page")
	for _, link := range []struct{ text, h1 string }{{"Plan a visit", "Plan a visit"}, {"Record a BARC-10", "Record a BARC-10"}} {
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/participants"), chromedp.WaitVisible(chromedp.CSS("ul.people")),
			chromedp.Click(chromedp.Search(`//a[contains(., "Marcus Bell")]`)), chromedp.WaitVisible(chromedp.Search(`//h1[.="Marcus Bell"]`)),
			chromedp.Click(chromedp.Search(`//a[.="`+link.text+`"]`)), chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "`+link.h1+`")]`))); err != nil {
			t.Fatalf("%s: %v", link.text, err)
		}
		check(link.text + " form")
	}
	signOut()

	for _, who := range []struct {
		email string
		pages map[string]string
	}{
		{"luis@riverbend.example", map[string]string{"/dashboards/supervisor": "Team dashboard", "/dashboards/director": "Program dashboard"}},
		{"ana@riverbend.example", map[string]string{"/dashboards/billing": "Billing dashboard"}},
		{"morgan@riverbend.example", map[string]string{"/dashboards/supervisor": "Team dashboard", "/dashboards/billing": "Billing dashboard", "/dashboards/director": "Program dashboard"}},
		// rows=10: the second part of the demo's rows, with the count shown and the pager's link back.
		{"elena.reyes@riverbend.example", map[string]string{"/dashboards/director": "Program dashboard", "/dashboards/director?rows=10": "Program dashboard"}},
		{"avery@riverbend.example", map[string]string{"/dashboards/billing": "Billing dashboard", "/audit": "Audit"}},
	} {
		signIn(who.email)
		for path, h1 := range who.pages {
			open(path, h1)
		}
		signOut()
	}

	// The audit trail on a desk: each time on one line (it wrapped onto
	// five in a 720 px column).
	signIn("avery@riverbend.example")
	size(1280, 900, false)
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/audit"), chromedp.WaitVisible(chromedp.CSS("table.dash-table"))); err != nil {
		t.Fatal(err)
	}
	lines, err := chromedp.Run(ctx, chromedp.Evaluate[int](`(() => { const r = document.createRange();
		r.selectNodeContents(document.querySelector("td.nowrap-desk")); return r.getClientRects().length })()`))
	if err != nil || lines != 1 {
		t.Errorf("an audit time takes %d lines at 1280 px (%v)", lines, err)
	}
}
