package web_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/goldthread/goldthread"
)

// TestBrowserRemittancePhone walks Ana's 835 import on a 360 px phone with
// the demo agency: the upload page, the preview of a file paying one of
// the demo's sent claims and naming one that is not ours, and the applied
// payment, then one click each to the claim, its note and the note's
// golden thread. Each page fits the screen and passes axe.
func TestBrowserRemittancePhone(t *testing.T) {
	bin, axe := needBrowser(t)
	ts, db := demoServer(t)
	var c goldthread.Claim
	row := db.QueryRowRaw(context.Background(), `SELECT c.id, c.total_cents FROM claim c
		WHERE (SELECT s.status FROM claim_status s WHERE s.claim_id = c.id ORDER BY s.id DESC LIMIT 1) IN ('exported', 'accepted')
		ORDER BY c.id LIMIT 1`)
	if err := row.Scan(&c.ID, &c.TotalCents); err != nil {
		t.Fatalf("the demo has no sent claim: %v", err)
	}
	c.Number = goldthread.ClaimNumber(c.ID)
	c.Lines = []goldthread.ClaimLine{{NoteID: 0, ChargeCents: c.TotalCents}}
	file := filepath.Join(t.TempDir(), "april.835")
	if err := os.WriteFile(file, []byte(an835(t, "CHK-BROWSER", c)), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := phone(t, bin)
	do := stepper(t, ctx)
	do("sign in", demoSignIn(ts.URL, "ana@riverbend.example"))
	do("remittances", chromedp.Navigate(ts.URL+"/remittances"), chromedp.WaitVisible(chromedp.ID("remit-file")))
	checkFits(t, ctx, "remittances")
	checkAxe(t, ctx, axe, "remittances")
	do("preview", chromedp.SetUploadFiles(chromedp.ID("remit-file"), []string{file}),
		chromedp.Click(chromedp.CSS(`form[action="/remittances/preview"] button`)), chromedp.WaitVisible(chromedp.ID("remit-preview")))
	checkFits(t, ctx, "preview")
	checkAxe(t, ctx, axe, "preview")
	do("apply", chromedp.Click(chromedp.CSS(`form[action="/remittances"] button`)),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(., "applied to its matched claims")]`)))
	checkFits(t, ctx, "applied payment")
	checkAxe(t, ctx, axe, "applied payment")
	// One click on: the claim, its first line's note, and the note's thread.
	do("claim", chromedp.Click(chromedp.CSS(`.remit-claim a[href^="/claims/"]`)), chromedp.WaitVisible(chromedp.ID("lines-title")))
	checkFits(t, ctx, "claim")
	checkAxe(t, ctx, axe, "claim")
	do("note", chromedp.Click(chromedp.CSS(`#lines-title ~ ol a[href^="/notes/"]`)), chromedp.WaitVisible(chromedp.ID("service-thread")))
	checkFits(t, ctx, "note with its thread")
	checkAxe(t, ctx, axe, "note with its thread")
}
