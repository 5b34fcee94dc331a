package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/goldthread/goldthread/internal/web"
)

// TestBrowserBillingPhoneAndDesk walks Ana's billing pages with the demo
// agency on a 360 px phone and then on a desk-sized window: the worklist
// while its services are still being checked (the server answers at once),
// the worklist, the claims list and one claim; each passes axe and fits
// the screen.
func TestBrowserBillingPhoneAndDesk(t *testing.T) {
	bin, axe := needBrowser(t)
	ts, _ := demoServer(t, func(c *web.Config) { c.BillingWait = 0 })
	ctx := phone(t, bin)
	do := stepper(t, ctx)
	do("sign in", demoSignIn(ts.URL, "ana@riverbend.example"))
	for _, size := range []struct {
		name          string
		width, height int64
	}{{"phone", 360, 740}, {"desk", 1280, 900}} {
		do(size.name, chromedp.EmulateViewport(size.width, size.height))
		if size.name == "phone" {
			// The first read of a period: the notice, then the page once checked.
			do("worklist being checked", chromedp.Navigate(ts.URL+"/billing?from=2025-01-01&to=2025-12-31"), chromedp.WaitVisible(chromedp.ID("bl-pending")))
			checkFits(t, ctx, "worklist being checked")
			checkAxe(t, ctx, axe, "worklist being checked")
			do("billing dashboard being checked", chromedp.Navigate(ts.URL+"/dashboards/billing?from=2025-01-01&to=2025-12-31"),
				chromedp.WaitVisible(chromedp.ID("dash-pending")))
			checkFits(t, ctx, "billing dashboard being checked")
			checkAxe(t, ctx, axe, "billing dashboard being checked")
		}
		do("worklist on "+size.name, chromedp.Navigate(ts.URL+"/billing"), chromedp.WaitVisible(chromedp.ID("bl-ready-title")))
		checkFits(t, ctx, "worklist on "+size.name)
		checkAxe(t, ctx, axe, "worklist on "+size.name)
		do("claims on "+size.name, chromedp.Navigate(ts.URL+"/claims"), chromedp.WaitVisible(chromedp.CSS(`a[href^="/claims/"]`)))
		checkFits(t, ctx, "claims on "+size.name)
		checkAxe(t, ctx, axe, "claims on "+size.name)
		do("a claim on "+size.name, chromedp.Click(chromedp.CSS(`a[href^="/claims/"]`)), chromedp.WaitVisible(chromedp.CSS("h1")))
		checkFits(t, ctx, "a claim on "+size.name)
		checkAxe(t, ctx, axe, "a claim on "+size.name)
	}
}
