package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserBillingSettingsOnPhone: Ana, on a 360 px phone, reaches a
// program's payer settings and rates in two taps from the navigation
// (Billing, then the page's link), changes a rate, mistypes it once and
// sees the error beside the field, then saves it and sees it as money. Each
// state passes axe and fits the screen.
func TestBrowserBillingSettingsOnPhone(t *testing.T) {
	bin, axe := needBrowser(t)
	ts, _ := demoServer(t)
	ctx := phone(t, bin)
	ctx, cancel := context.WithTimeout(ctx, 45*time.Second)
	defer cancel()
	step := stepper(t, ctx)
	step("sign in", demoSignIn(ts.URL, "ana@riverbend.example"))
	step("tap Billing", chromedp.Click(chromedp.Search(`//nav//a[.="Billing"]`)), chromedp.WaitVisible(chromedp.ID("bl-ready-title")))
	step("tap the settings", chromedp.Click(chromedp.Search(`//main//a[.="Payer settings and rates"]`)),
		chromedp.WaitVisible(chromedp.ID("bset-rates-title")))
	checkFits(t, ctx, "settings page")
	checkAxe(t, ctx, axe, "settings page")

	step("change the first rate", chromedp.Click(chromedp.CSS(`#rates a[href*="change="]`)), chromedp.WaitVisible(chromedp.ID("rate-form")))
	code, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("procedure")))
	if err != nil || len(code) != 5 {
		t.Fatalf("the change form is not filled with the rate's code: %q %v", code, err)
	}
	step("mistype it", chromedp.Clear(chromedp.ID("rate")), chromedp.SendKeys(chromedp.ID("rate"), "18.525"),
		chromedp.Click(chromedp.CSS(`#rate-form button[type="submit"]`)), chromedp.WaitVisible(chromedp.ID("rate-error")))
	msg, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("rate-error")))
	if err != nil || !strings.Contains(msg, "two decimals") {
		t.Fatalf("the rate error says %q (%v)", msg, err)
	}
	checkFits(t, ctx, "refused rate")
	checkAxe(t, ctx, axe, "refused rate")

	step("save it", chromedp.Clear(chromedp.ID("rate")), chromedp.SendKeys(chromedp.ID("rate"), "$18.52"),
		chromedp.Click(chromedp.CSS(`#rate-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.Search(`//p[@role="status"][contains(., "Rate saved: `+code+`")]`)))
	body, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("rates")))
	if err != nil || !strings.Contains(body, code) || !strings.Contains(body, "$18.52 per unit") {
		t.Fatalf("the rates list does not show the saved rate: %v\n%s", err, body)
	}
	checkFits(t, ctx, "saved rate")
	checkAxe(t, ctx, axe, "saved rate")
}
