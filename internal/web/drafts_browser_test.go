package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// savedState waits until the form's status line says every change reached
// the server.
var savedState = chromedp.WaitVisible(chromedp.CSS(`#autosave-status[data-state="saved"]`))

// TestBrowserAutosave: on a 360 px phone Dana types in a new note and does
// nothing else; the status line says it is saved, and after a reload the
// text is there (the script used to send a form the server could not read
// and answer 422 on every save).
func TestBrowserAutosave(t *testing.T) {
	bin, axe := needBrowser(t)
	ts, db := demoServer(t)
	ensureMarcusPlan(t, db)
	ctx := phone(t, bin)
	step := stepper(t, ctx)
	step("sign in", demoSignIn(ts.URL, "dana@riverbend.example"))
	step("new note", chromedp.Click(chromedp.Search(`//a[contains(., "Marcus Bell")]`)), chromedp.WaitVisible(chromedp.ID("new-note")),
		chromedp.Click(chromedp.ID("new-note")), chromedp.WaitVisible(chromedp.ID("note-form")))
	step("type and wait", chromedp.SendKeys(chromedp.ID("peer_action"), "We looked at two apartment listings together."),
		chromedp.WaitVisible(chromedp.CSS(`#autosave-status[data-state="unsaved"]`)), savedState)
	status, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("autosave-status")))
	if err != nil || !strings.Contains(status, "All changes saved at") {
		t.Fatalf("status line: %q (%v)", status, err)
	}
	checkAxe(t, ctx, axe, "note form, saved")
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if !strings.Contains(loc, "/notes/") || !strings.HasSuffix(loc, "/edit") {
		t.Fatalf("after the first save the page is at %s; want the draft's own address", loc)
	}
	step("reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.ID("note-form")))
	text, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("peer_action")))
	if err != nil || text != "We looked at two apartment listings together." {
		t.Fatalf("after reload the note says %q (%v)", text, err)
	}
}
