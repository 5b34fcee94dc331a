package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/goldthread/goldthread/internal/demo"
)

// TestBrowserGroupOfNine is journey 2 on a 360 px phone: Dana starts the
// "Coping skills" group, checks nine people present (one of them Jordan's
// participant: a group is open to its program), writes the shared
// description once and a line for each, taps a goal of each member's own
// plan, and the page saves itself: after a reload every line is still
// there. She signs once and nine notes are written. Taps and page height
// are reported.
func TestBrowserGroupOfNine(t *testing.T) {
	d := newDanaPhone(t, nil)
	tab, step, axe := d.tab, d.step, d.axe
	d.signIn()
	taps := 0
	step("groups", tap(&taps, chromedp.CSS(`nav a[href="/groups"]`)), chromedp.WaitVisible(chromedp.Search(`//h1[.="Group sessions"]`)))
	step("new group", tap(&taps, chromedp.Search(`//a[.="Start a group session"]`)), chromedp.WaitVisible(chromedp.ID("group-form")))
	checkFits(t, tab, "new group")
	checkAxe(t, tab, axe, "new group")
	step("topic and what the group did", chromedp.SendKeys(chromedp.ID("topic"), "Coping skills"),
		chromedp.SendKeys(chromedp.ID("shared_description"), "We practised three grounding skills and each member chose one for the week."),
		chromedp.SendKeys(chromedp.ID("next_steps"), "Practise the chosen skill once a day."))
	members := []string{"Marcus Bell", "Renee Alvarez", "Toby Greene", "Keisha Monroe", "Wren Callahan", "Harold Pritchett",
		"Lucía Ortega", "Darnell Hayes", "Noah Redcloud"}
	for _, name := range members {
		step("present: "+name, tap(&taps, chromedp.Search(`//label[normalize-space(.)="`+name+`"]/input`)))
	}
	step("start", tap(&taps, chromedp.ID("group-start")), chromedp.WaitVisible(chromedp.ID("roster")))
	lines, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`[...document.querySelectorAll("fieldset.attendee")].map(f => f.id)`))
	if err != nil || len(lines) != 9 {
		body, _ := chromedp.Run(tab, chromedp.Text(chromedp.CSS("main")))
		t.Fatalf("the roster has %d lines (%v); want 9\n%s", len(lines), err, body)
	}
	// Before anything is written, the sign section already says what would
	// stop signing: nine lines without a response.
	if n, _ := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll("#group-problems li").length`)); n != 9 {
		t.Errorf("%d problems listed before the lines are written; want 9", n)
	}
	for i, id := range lines {
		sel := "#" + id
		step("line "+id, chromedp.SendKeys(chromedp.CSS(sel+` textarea`), "Chose skill "+string(rune('A'+i))+" for the week."))
		if n, _ := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll("`+sel+` input[name^='goal.']").length`)); n > 0 {
			step("goal "+id, tap(&taps, chromedp.CSS(sel+` input[name^="goal."]`)))
		}
	}
	step("saved by itself", chromedp.WaitVisible(chromedp.CSS(`#autosave-status[data-state="saved"]`)))
	if n, _ := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll("#group-problems li").length`)); n != 0 {
		body, _ := chromedp.Run(tab, chromedp.Text(chromedp.ID("group-problems")))
		t.Errorf("after every line is written the sign section still lists: %s", body)
	}
	checkFits(t, tab, "group of nine")
	checkAxe(t, tab, axe, "group of nine")
	height, _ := chromedp.Run(tab, chromedp.Evaluate[int](`document.documentElement.scrollHeight`))
	step("reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.ID("roster")))
	kept, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`[...document.querySelectorAll("fieldset.attendee textarea")].map(t => t.value)`))
	if err != nil || len(kept) != 9 {
		t.Fatalf("after reload %d lines (%v)", len(kept), err)
	}
	for i, text := range kept {
		if text != "Chose skill "+string(rune('A'+i))+" for the week." {
			t.Errorf("line %d after reload: %q", i, text)
		}
	}
	goals, _ := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll("fieldset.attendee input[name^='goal.']:checked").length`))
	step("sign once", tap(&taps, chromedp.ID("attest")), chromedp.SendKeys(chromedp.ID("password"), demo.Password),
		tap(&taps, chromedp.ID("group-sign")), chromedp.WaitVisible(chromedp.Search(`//p[contains(., "Signed: 9 notes written")]`)))
	body, _ := chromedp.Run(tab, chromedp.Text(chromedp.CSS("main")))
	if !strings.Contains(body, "Noah Redcloud") || !strings.Contains(body, "Chose skill I for the week.") {
		t.Fatalf("the signed session:\n%s", body)
	}
	t.Logf("journey 2 (Groups → 9 notes signed): %d taps besides typing (%d goal chips); the form of nine is %d px tall at 360 px", taps, goals, height)
	if taps > 25 {
		t.Errorf("the group of nine takes %d taps", taps)
	}
	if height > 6000 {
		t.Errorf("the form of nine is %d px tall on a phone; it was about 6,000 px when each member was a form of their own", height)
	}
}
