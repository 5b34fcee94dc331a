package web_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// handClock replaces the time-out's clock (window.goldthreadClock, read by
// app.js) with one the test moves by hand, in every page the tab opens, so
// fifteen idle minutes pass without waiting for them.
const handClock = `window.goldthreadClock = (function () {
  var t = Date.now(), seq = 0, due = [];
  return {
    now: function () { return t; },
    after: function (ms, fn) { var id = ++seq; due.push({id: id, at: t + ms, fn: fn}); return id; },
    cancel: function (id) { due = due.filter(function (d) { return d.id !== id; }); },
    advance: function (ms) {
      var end = t + ms;
      for (;;) {
        due.sort(function (a, b) { return a.at - b.at; });
        if (!due.length || due[0].at > end) { break; }
        var next = due.shift();
        t = next.at;
        next.fn();
      }
      t = end;
    }
  };
})();`

// advance moves the hand clock of the current page by minutes.
func advance(minutes float64) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`window.goldthreadClock.advance(` + strconv.FormatFloat(minutes*60000, 'f', 0, 64) + `)`)
}

// TestBrowserIdleWhileTyping: the idle warning never takes the keyboard
// from someone typing, typing keeps the session, and when the time is up
// the words typed last are saved before the session ends, so they are
// there after signing in again.
func TestBrowserIdleWhileTyping(t *testing.T) {
	d := newDanaPhone(t, nil)
	ts, db, ctx, step, axe := d.ts, d.db, d.tab, d.step, d.axe
	step("hand clock", withHandClock)
	d.signIn()
	step("new note", newNoteForMarcus)
	step("type", chromedp.SendKeys(chromedp.ID("peer_action"), "We met at the library"), savedState)
	editURL, _ := chromedp.Run(ctx, chromedp.Location())

	// Thirteen quiet minutes: the warning shows, and the cursor stays in
	// the text box.
	step("quiet until the warning", advance(13.1), chromedp.WaitVisible(chromedp.ID("idle-warning")))
	focus, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`))
	if err != nil || focus != "peer_action" {
		t.Fatalf("the warning took the focus to %q (%v); want it left in the text box", focus, err)
	}
	checkAxe(t, ctx, axe, "note form with the idle warning")
	step("typing through the warning", chromedp.SendKeys(chromedp.ID("peer_action"), " and looked at listings."),
		chromedp.WaitNotVisible(chromedp.ID("idle-warning")))
	text, _ := chromedp.Run(ctx, chromedp.Value(chromedp.ID("peer_action")))
	if text != "We met at the library and looked at listings." {
		t.Fatalf("keystrokes went elsewhere: the note says %q", text)
	}

	// The last words are typed, and then nothing for fifteen minutes.
	step("last words, then quiet", chromedp.SendKeys(chromedp.ID("peer_action"), " He chose two."), advance(15),
		chromedp.WaitVisible(chromedp.ID("email")))
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if !strings.Contains(loc, "expired=1") {
		t.Fatalf("after the time-out the page is %s", loc)
	}
	// The draft on the server has every word, and so does the form after
	// signing in again.
	const all = "We met at the library and looked at listings. He chose two."
	id, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(editURL, ts.URL+"/notes/"), "/edit"), 10, 64)
	if err != nil {
		t.Fatalf("draft address %s: %v", editURL, err)
	}
	if saved := noteField(t, db, id, "peer_action"); saved != all {
		t.Fatalf("the draft on the server says %q; want %q", saved, all)
	}
	step("sign in again", demoSignIn(ts.URL, "dana@riverbend.example"), chromedp.Navigate(editURL), chromedp.WaitVisible(chromedp.ID("note-form")))
	if text, _ := chromedp.Run(ctx, chromedp.Value(chromedp.ID("peer_action"))); text != all {
		t.Fatalf("after signing in again the note says %q", text)
	}
}
