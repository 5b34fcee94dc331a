package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserBillingIdentityOnPhone: Morgan, the demo administrator, on a
// 360 px phone, follows Today's warning to the billing identity (the
// demo's is a placeholder), types a five-digit ZIP and sees the error
// beside the field, then saves ZIP+4 and unmarks it; then opens Dana's
// staff page, where her first and last names are typed apart. Ana, in
// billing, reaches the identity from Billing and reads it. Each state
// passes axe and fits the screen.
func TestBrowserBillingIdentityOnPhone(t *testing.T) {
	bin, axe := needBrowser(t)
	ts, _ := demoServer(t)
	ctx := phone(t, bin)
	ctx, cancel := context.WithTimeout(ctx, 45*time.Second)
	defer cancel()
	step := stepper(t, ctx)
	text := func(name string, sel chromedp.CSS, want ...string) {
		t.Helper()
		body, err := chromedp.Run(ctx, chromedp.Text(sel))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the page lacks %q", name, w)
			}
		}
	}
	zip := chromedp.CSS(`[id="address.postal_code"]`)
	save := chromedp.Click(chromedp.Search(`//button[.="Save billing identity"]`))

	step("sign in", demoSignIn(ts.URL, "morgan@riverbend.example"))
	step("follow Today's warning", chromedp.Click(chromedp.Search(`//a[.="Review the billing identity"]`)),
		chromedp.WaitVisible(chromedp.Search(`//h1[.="Billing identity"]`)))
	text("placeholder identity", chromedp.CSS("main"), "Marked placeholder.", "(required)", "(optional)")
	if name, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("legal_name"))); err != nil || name != "Riverbend Recovery Partners, Inc." {
		t.Fatalf("legal name %q (%v)", name, err)
	}
	checkFits(t, ctx, "identity page")
	checkAxe(t, ctx, axe, "identity page")

	step("type a five-digit ZIP", chromedp.Clear(zip), chromedp.SendKeys(zip, "28801"), save,
		chromedp.WaitVisible(chromedp.CSS(`[id="address.postal_code-error"]`)))
	text("refused ZIP", chromedp.CSS(`[id="address.postal_code-error"]`), "ZIP+4")
	checkFits(t, ctx, "refused ZIP")
	checkAxe(t, ctx, axe, "refused ZIP")

	step("save ZIP+4, confirmed", chromedp.Clear(zip), chromedp.SendKeys(zip, "28801-2416"),
		chromedp.Click(chromedp.ID("placeholder")), save,
		chromedp.WaitVisible(chromedp.Search(`//p[@role="status"][contains(., "Billing identity saved.")]`)))
	body, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if err != nil || strings.Contains(body, "Marked placeholder") {
		t.Fatalf("the saved identity is still a placeholder (%v)", err)
	}
	checkAxe(t, ctx, axe, "saved identity")

	step("open Dana's staff page", chromedp.Click(chromedp.Search(`//nav//a[.="Staff"]`)),
		chromedp.Click(chromedp.Search(`//a[.="Dana Whitfield"]`)), chromedp.WaitVisible(chromedp.ID("last_name")))
	first, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("first_name")))
	last, err2 := chromedp.Run(ctx, chromedp.Value(chromedp.ID("last_name")))
	if err != nil || err2 != nil || first != "Dana" || last != "Whitfield" {
		t.Fatalf("Dana's names: %q %q (%v %v)", first, last, err, err2)
	}
	checkFits(t, ctx, "staff page")
	checkAxe(t, ctx, axe, "staff page")

	step("Morgan signs out", chromedp.Click(chromedp.Search(`//button[.="Sign out"]`)), chromedp.WaitVisible(chromedp.ID("email")))
	step("Ana signs in", demoSignIn(ts.URL, "ana@riverbend.example"))
	step("Billing, then the identity", chromedp.Click(chromedp.Search(`//nav//a[.="Billing"]`)),
		chromedp.Click(chromedp.Search(`//main//a[.="Billing identity"]`)), chromedp.WaitVisible(chromedp.Search(`//h1[.="Billing identity"]`)))
	text("Ana's view", chromedp.CSS("main"), "You can read the billing identity", "56-2718304", "PO Box 2210")
	ana := ctx
	checkFits(t, ana, "identity read by billing")
	checkAxe(t, ana, axe, "identity read by billing")
}
