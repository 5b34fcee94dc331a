package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/goldthread/goldthread/internal/demo"
)

// TestBrowserParticipantOnPhone is journey 6 on a 360 px phone: Marcus
// signs in, opens his record (his plan in his words, his crisis plan, the
// notes about him), reads one note, downloads his record as a PDF, asks for
// a correction to it, and sees who looked at his record. Every page passes
// axe and fits the screen.
func TestBrowserParticipantOnPhone(t *testing.T) {
	bin, axe := needBrowser(t)
	ts, _ := demoServer(t)
	ctx := phone(t, bin)
	ctx, cancel := context.WithTimeout(ctx, 45*time.Second)
	defer cancel()
	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		checkFits(t, ctx, name)
		checkAxe(t, ctx, axe, name)
	}
	step("sign in", chromedp.Navigate(ts.URL+"/signin"), chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), "marcus@riverbend.example"), chromedp.SendKeys(chromedp.ID("password"), demo.Password),
		chromedp.Submit(chromedp.ID("password")), chromedp.WaitVisible(chromedp.ID("my-record")))
	step("my record", chromedp.Click(chromedp.ID("my-record")), chromedp.WaitVisible(chromedp.ID("download-pdf")))
	body, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if err != nil || !strings.Contains(body, "Notes about me") || !strings.Contains(body, "Integrity verified") || !strings.Contains(body, "My crisis plan") {
		t.Fatalf("the record page lacks the plan, notes or integrity: %v", err)
	}
	kind, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(document.getElementById("download-form").action, {method: "POST"}).then(r => r.headers.get("content-type"))`, chromedp.EvalAwaitPromise))
	if err != nil || kind != "application/pdf" {
		t.Fatalf("the PDF download answered %q (%v)", kind, err)
	}
	step("a note", chromedp.Click(chromedp.CSS(`.note-card h3 a`)), chromedp.WaitVisible(chromedp.ID("ask-correction")))
	step("ask for a correction", chromedp.Click(chromedp.ID("ask-correction")), chromedp.WaitVisible(chromedp.ID("what_is_wrong")))
	step("request sent", chromedp.SendKeys(chromedp.ID("what_is_wrong"), "It says Friday."),
		chromedp.SendKeys(chromedp.ID("should_say"), "The visit is on Saturday."),
		chromedp.Click(chromedp.ID("send-request")),
		chromedp.WaitVisible(chromedp.Search(`//p[@role="status"][contains(., "Your request was sent")]`)))
	step("who looked", chromedp.Navigate(ts.URL+"/today"), chromedp.WaitVisible(chromedp.ID("my-record")),
		chromedp.Click(chromedp.Search(`//main//a[.="Who looked at my record"]`)),
		chromedp.WaitVisible(chromedp.Search(`//h1[.="Who looked at my record"]`)))
	body, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if err != nil || !strings.Contains(body, "Emergency access") {
		t.Fatalf("the emergency access is not shown: %v", err)
	}
}
