package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserPortalInvitationOnPhone, on 360 px phones: Dana invites Renee
// from her page and reads her the code; Renee, on her own phone (a fresh
// browser), joins with it, chooses a username and a password, is welcomed
// with the optional second step, signs out and in again with her new
// sign-in and reads her plan in her own words; Dana turns the account off
// (phone lost) and Renee's session ends at once. Every page passes axe and
// fits the screen.
func TestBrowserPortalInvitationOnPhone(t *testing.T) {
	bin, axe := needBrowser(t)
	ts, _ := demoServer(t)
	dana := phone(t, bin)
	dana, cancel := context.WithTimeout(dana, 40*time.Second)
	defer cancel()
	renee := phone(t, bin)
	renee, cancel2 := context.WithTimeout(renee, 40*time.Second)
	defer cancel2()
	on := func(ctx context.Context) func(name string, actions ...chromedp.Action[chromedp.Void]) {
		return func(name string, actions ...chromedp.Action[chromedp.Void]) {
			t.Helper()
			stepper(t, ctx)(name, actions...)
			checkFits(t, ctx, name)
			checkAxe(t, ctx, axe, name)
		}
	}
	danaStep, reneeStep := on(dana), on(renee)

	danaStep("sign in", demoSignIn(ts.URL, "dana@riverbend.example"))
	danaStep("Renee's page", chromedp.Navigate(ts.URL+"/participants?q=Renee"),
		chromedp.Click(chromedp.Search(`//a[contains(., "Renee Alvarez")]`)), chromedp.WaitVisible(chromedp.ID("portal-account-state")))
	danaStep("portal account", chromedp.Click(chromedp.ID("manage-portal-account")), chromedp.WaitVisible(chromedp.ID("send-invitation")))
	danaStep("invitation", chromedp.Click(chromedp.ID("send-invitation")), chromedp.WaitVisible(chromedp.ID("invitation-code")))
	code, err := chromedp.Run(dana, chromedp.Text(chromedp.ID("invitation-code")))
	if err != nil || len(strings.TrimSpace(code)) != 11 {
		t.Fatalf("the code on Dana's screen: %q (%v)", code, err)
	}

	reneeStep("join page", chromedp.Navigate(ts.URL+"/portal/join"), chromedp.WaitVisible(chromedp.ID("code")))
	const pw = "green tea on the porch at dawn"
	reneeStep("joined", chromedp.SendKeys(chromedp.ID("code"), strings.ToLower(code)),
		chromedp.SendKeys(chromedp.ID("sign_in_name"), "renee.alvarez"),
		chromedp.SendKeys(chromedp.ID("password"), pw), chromedp.SendKeys(chromedp.ID("confirm_password"), pw),
		chromedp.Click(chromedp.ID("join-button")), chromedp.WaitVisible(chromedp.ID("add-second-step")))
	// Renee's record says she speaks Spanish, so her portal is in Spanish
	// from her first page on.
	if lang, err := chromedp.Run(renee, chromedp.Evaluate[string](`document.documentElement.lang`)); err != nil || lang != "es" {
		t.Errorf("Renee's portal is in %q (%v); want her record's Spanish", lang, err)
	}
	reneeStep("signed out", chromedp.Click(chromedp.Search(`//button[.="Cerrar sesión"]`)), chromedp.WaitVisible(chromedp.ID("email")))
	reneeStep("signed in", chromedp.SendKeys(chromedp.ID("email"), "renee.alvarez"), chromedp.SendKeys(chromedp.ID("password"), pw),
		chromedp.Submit(chromedp.ID("password")), chromedp.WaitVisible(chromedp.ID("my-record")))
	reneeStep("her plan", chromedp.Click(chromedp.ID("my-record")), chromedp.WaitVisible(chromedp.ID("rec-plans-title")))
	words, err := chromedp.Run(renee, chromedp.Text(chromedp.CSS(".goal-words")))
	if err != nil || !strings.HasPrefix(strings.TrimSpace(words), "I want") {
		t.Fatalf("her plan in her words: %q (%v)", words, err)
	}

	danaStep("account active", chromedp.Navigate(ts.URL+"/participants?q=Renee"),
		chromedp.Click(chromedp.Search(`//a[contains(., "Renee Alvarez")]`)), chromedp.Click(chromedp.ID("manage-portal-account")),
		chromedp.WaitVisible(chromedp.ID("disable-portal-account")))
	danaStep("turned off", chromedp.Click(chromedp.ID("reason-lost_device")), chromedp.Click(chromedp.ID("disable-portal-account")),
		chromedp.WaitVisible(chromedp.ID("enable-portal-account")))
	reneeStep("session ended", chromedp.Navigate(ts.URL+"/today"), chromedp.WaitVisible(chromedp.ID("email")))
	if loc, err := chromedp.Run(renee, chromedp.Location()); err != nil || !strings.Contains(loc, "/signin?expired=1") {
		t.Fatalf("Renee is at %s (%v); want sent to sign in", loc, err)
	}
}
