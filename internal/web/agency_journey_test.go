package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// stepWait bounds one step of a journey, so a page that never comes fails
// that step while the phone can still show where it stopped; phoneBudget
// bounds all of one person's steps (generous: CI shares two cores).
const (
	stepWait    = 30 * time.Second
	phoneBudget = 4 * time.Minute
)

// journey walks the named steps of several people, each on a 360 px phone
// of their own; it checks every page a step leads to with axe and for
// sideways scrolling, and counts the taps (clicks and submits, never
// typing) of each part.
type journey struct {
	t          *testing.T
	bin, axe   string
	base       string
	phones     map[string]context.Context
	ctx        context.Context // the phone in hand
	name       string          // the part being counted
	taps       int
	tapsByPart []string
}

func newJourney(t *testing.T, bin, axe, base string) *journey {
	return &journey{t: t, bin: bin, axe: axe, base: base, phones: map[string]context.Context{}}
}

// on hands the journey to who's phone, started on first use.
func (j *journey) on(who string) {
	ctx, ok := j.phones[who]
	if !ok {
		ctx = phoneFor(j.t, j.bin, phoneBudget)
		// axe-core loads with every page of this phone instead of being
		// sent over for each check: the journey checks some fifty pages,
		// and sending half a megabyte each time was most of its time.
		if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: j.axe}); err != nil {
			j.t.Fatalf("%s's phone: %v", who, err)
		}
		j.phones[who] = ctx
	}
	j.ctx = ctx
}

// part starts counting the taps of the next part of the journey.
func (j *journey) part(name string) {
	j.done()
	j.name, j.taps = name, 0
}

// done ends the part being counted and keeps its taps for the report.
func (j *journey) done() {
	if j.name != "" {
		j.tapsByPart = append(j.tapsByPart, j.name+": "+strconv.Itoa(j.taps)+" taps")
		j.name = ""
	}
}

func (j *journey) open(path string) chromedp.Action[chromedp.Void] {
	return chromedp.Navigate(j.base + path)
}

// tap clicks what xpath finds and counts the tap.
func (j *journey) tap(xpath string) chromedp.Action[chromedp.Void] {
	j.taps++
	return chromedp.Click(chromedp.Search(xpath))
}

// button taps the button whose text is label.
func (j *journey) button(label string) chromedp.Action[chromedp.Void] {
	return j.tap(`//button[normalize-space(.)="` + label + `"]`)
}

// link taps the first link whose text holds label.
func (j *journey) link(label string) chromedp.Action[chromedp.Void] {
	return j.tap(`//a[contains(normalize-space(.), "` + label + `")]`)
}

// nav taps label in the navigation.
func (j *journey) nav(label string) chromedp.Action[chromedp.Void] {
	return j.tap(`//nav//a[.="` + label + `"]`)
}

// status waits for the page's status message holding text.
func status(text string) chromedp.Action[chromedp.Void] {
	return chromedp.WaitVisible(chromedp.Search(`//*[@role="status"][contains(., "` + text + `")]`))
}

// heading waits for the page's h1 holding text.
func heading(text string) chromedp.Action[chromedp.Void] {
	return chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "` + text + `")]`))
}

// signIn signs email in on the sign-in page (one submit) and waits for
// Today.
func (j *journey) signIn(email, password string) {
	j.t.Helper()
	j.taps++
	j.step("sign in as "+email, j.open("/signin"), chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), email), chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Submit(chromedp.ID("password")), heading("Hello"))
}

// step runs actions, then checks the page they lead to. A step that does
// not reach its page fails within stepWait, naming the step and showing
// the page it stopped on.
func (j *journey) step(name string, actions ...chromedp.Action[chromedp.Void]) {
	j.t.Helper()
	ctx, cancel := context.WithTimeout(j.ctx, stepWait)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		body, _ := chromedp.Run(j.ctx, chromedp.Text(chromedp.CSS("main")))
		j.t.Fatalf("%s: %v\n%s", name, err, body)
	}
	checkFits(j.t, j.ctx, name)
	checkAxe(j.t, j.ctx, "", name) // axe is on the page already (see on)
}

// do runs actions that lead to no new page.
func (j *journey) do(actions ...chromedp.Action[chromedp.Void]) {
	j.t.Helper()
	ctx, cancel := context.WithTimeout(j.ctx, stepWait)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		j.t.Fatal(err)
	}
}

// sees fails unless the page's main text holds each of want.
func (j *journey) sees(want ...string) {
	j.t.Helper()
	body, err := chromedp.Run(j.ctx, chromedp.Text(chromedp.CSS("main")))
	if err != nil {
		j.t.Fatal(err)
	}
	for _, w := range want {
		if !strings.Contains(body, w) {
			j.t.Errorf("the page lacks %q:\n%s", w, body)
		}
	}
}

// fill clears the field with id and types value, as a person correcting
// a form would.
func (j *journey) fill(id, value string) {
	j.t.Helper()
	j.do(chromedp.Evaluate[chromedp.Void](`document.getElementById(`+strconv.Quote(id)+`).value = ""; null`),
		chromedp.SendKeys(chromedp.CSS(`[id="`+id+`"]`), value))
}

// untick taps the checkbox with id when it is ticked, and reports that a
// person had to (the form's default said something untrue).
func (j *journey) untick(id string) {
	j.t.Helper()
	on, err := chromedp.Run(j.ctx, chromedp.Evaluate[bool](`document.getElementById(`+strconv.Quote(id)+`).checked`))
	if err != nil {
		j.t.Fatalf("%s: %v", id, err)
	}
	if on {
		j.t.Errorf("%s is ticked before anyone ticks it", id)
		j.do(j.tap(`//input[@id="` + id + `"]`))
	}
}

// choose picks the option of the select with id whose text starts with
// label, as a person picking from the list would (one tap).
func (j *journey) choose(id, label string) {
	j.t.Helper()
	j.taps++
	ok, err := chromedp.Run(j.ctx, chromedp.Evaluate[bool](`(() => {
		const s = document.getElementById(`+strconv.Quote(id)+`);
		const o = [...s.options].find(o => o.text.trim().startsWith(`+strconv.Quote(label)+`));
		if (!o) return false;
		s.value = o.value;
		s.dispatchEvent(new Event("change", {bubbles: true}));
		return true;
	})()`))
	if err != nil || !ok {
		j.t.Fatalf("no %q in the %s list (%v)", label, id, err)
	}
}

// date fills the date field with id, as the phone's date picker does.
func (j *journey) date(id string, d time.Time) {
	j.t.Helper()
	j.do(chromedp.SetValue(chromedp.CSS(`[id="`+id+`"]`), d.Format("2006-01-02")))
}

// download taps the link or button whose text holds label and returns the
// file it serves. A headless phone keeps no downloads, so the page fetches
// the address with its own session, as the tap would.
func (j *journey) download(label string) string {
	j.t.Helper()
	j.taps++
	file, err := chromedp.Run(j.ctx, chromedp.Evaluate[string](`(async () => {
		const c = [...document.querySelectorAll("a, form button")].find(c => c.textContent.includes(`+strconv.Quote(label)+`));
		if (!c) throw new Error("no link or button " + `+strconv.Quote(label)+`);
		// A download that discloses or marks claims exported is a form
		// posted, as the button would; a plain one is a link.
		const url = c.form ? c.form.action : c.href;
		const res = c.form ? await fetch(url, {method: "POST", body: new URLSearchParams(new FormData(c.form))}) : await fetch(url);
		if (!res.ok) throw new Error(url + ": " + res.status);
		return await res.text();
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		j.t.Fatalf("download %s: %v", label, err)
	}
	return file
}

// axeRuns proves the preloaded axe-core is judging the phone in hand: an
// image without a text alternative planted on the page must be reported.
func (j *journey) axeRuns() {
	j.t.Helper()
	j.do(chromedp.Evaluate[chromedp.Void](`document.querySelector("main").appendChild(document.createElement("img")); null`))
	if v := axeViolations(j.t, j.ctx, "", "planted violation"); len(v) == 0 {
		j.t.Fatal("axe reported nothing on a page with an unlabelled image: the journey's accessibility check is not running")
	}
}
