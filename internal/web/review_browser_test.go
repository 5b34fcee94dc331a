package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/goldthread/goldthread/internal/demo"
)

// TestBrowserReviewOnPhone is journey 3 on a 360 px phone: Luis opens his
// review queue from the navigation, ticks the oldest note and approves it
// with his password, then opens the next note and returns it with a
// comment. Every page passes axe and fits the screen.
func TestBrowserReviewOnPhone(t *testing.T) {
	bin, axe := needBrowser(t)
	ts, _ := demoServer(t)
	ctx := phone(t, bin)
	ctx, cancel := context.WithTimeout(ctx, 45*time.Second)
	defer cancel()
	step := stepper(t, ctx)
	step("sign in", demoSignIn(ts.URL, "luis@riverbend.example"))
	step("open the queue", chromedp.Click(chromedp.Search(`//nav//a[.="Review"]`)), chromedp.WaitVisible(chromedp.ID("approve-selected")))
	checkFits(t, ctx, "review queue")
	checkAxe(t, ctx, axe, "review queue")
	step("approve the oldest", chromedp.Click(chromedp.CSS(`.review-list input[name="note_ids"]`)),
		chromedp.SendKeys(chromedp.ID("password"), demo.Password), chromedp.Click(chromedp.ID("approve-selected")),
		chromedp.WaitVisible(chromedp.Search(`//p[@role="status"][contains(., "Approved 1 note")]`)))
	step("open the next note", chromedp.Click(chromedp.CSS(`.review-list .review-head a`)), chromedp.WaitVisible(chromedp.ID("return-note")))
	checkFits(t, ctx, "note review")
	checkAxe(t, ctx, axe, "note review")
	step("return it", chromedp.SendKeys(chromedp.ID("comment"), "Please name the goal this visit served in an addendum."),
		chromedp.Click(chromedp.ID("return-note")),
		chromedp.WaitVisible(chromedp.Search(`//p[@role="status"][contains(., "returned to its author")]`)))
	body, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if err != nil || !strings.Contains(body, "Please name the goal this visit served") {
		t.Fatalf("the returned note is not listed with its comment: %v", err)
	}
	checkFits(t, ctx, "review queue after return")
	checkAxe(t, ctx, axe, "review queue after return")
}
