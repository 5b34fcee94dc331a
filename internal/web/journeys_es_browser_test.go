package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/goldthread/goldthread/internal/demo"
	"github.com/goldthread/goldthread/internal/store"
)

// The journeys of JOURNEYS.md in Spanish on a 360 px phone, with accounts
// that chose Spanish: every page declares Spanish, shows no English
// message of the catalogs whose Spanish differs and no message left
// unrendered (checkSpanish), fits the screen and passes axe. Journey 1
// (the peer's note) is TestBrowserSpanishPeerNote, the participant's plan
// signature TestBrowserSpanishParticipantSignsPlan.

// spanishAccount records Spanish as the language of a demo account.
func spanishAccount(t *testing.T, db *store.DB, email string) {
	t.Helper()
	ctx := context.Background()
	step, err := db.SignIn(ctx, email, demo.Password, "127.0.0.1", store.SessionAPI, store.DefaultSessionPolicy)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetAccountLanguage(ctx, step.Actor, "es"); err != nil {
		t.Fatal(err)
	}
}

// spanishSignIn signs in on the sign-in page and waits for Today's
// Spanish greeting (or the portal's record link for a participant).
func spanishSignIn(base, email string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(chromedp.Navigate(base+"/signin"), chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), email), chromedp.SendKeys(chromedp.ID("password"), demo.Password),
		chromedp.Submit(chromedp.ID("password")), chromedp.WaitVisible(chromedp.CSS(`form.signout`)))
}

// spanishChecker returns the check of every page of a Spanish journey.
func spanishChecker(t *testing.T, ctx context.Context, axe string) func(page string) {
	return func(page string) {
		t.Helper()
		checkSpanish(t, ctx, page)
		checkFits(t, ctx, page)
		checkAxe(t, ctx, axe, page)
	}
}

// open navigates to path and waits for its h1.
func open(base, path string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS("h1")))
}

// TestBrowserSpanishSupervisorReviews is journey 3 in Spanish: Luis opens
// Today and his review queue, approves the oldest note with his password,
// opens the next and returns it with a comment, then reads his team's
// dashboard, the coaching report, his team and the supervision log.
func TestBrowserSpanishSupervisorReviews(t *testing.T) {
	bin, axe := needBrowser(t)
	ts, db := demoServer(t)
	spanishAccount(t, db, "luis@riverbend.example")
	ctx := phoneFor(t, bin, 3*time.Minute)
	step, check := stepper(t, ctx), spanishChecker(t, ctx, axe)
	step("sign in", spanishSignIn(ts.URL, "luis@riverbend.example"))
	check("Today")
	step("the queue", open(ts.URL, "/review"), chromedp.WaitVisible(chromedp.ID("approve-selected")))
	check("review queue")
	step("approve the oldest", chromedp.Click(chromedp.CSS(`.review-list input[name="note_ids"]`)),
		chromedp.SendKeys(chromedp.ID("password"), demo.Password), chromedp.Click(chromedp.ID("approve-selected")),
		chromedp.WaitVisible(chromedp.Search(`//p[@role="status"][contains(., "Se aprobó 1 nota.")]`)))
	check("review queue after approving")
	step("open the next note", chromedp.Click(chromedp.CSS(`.review-list .review-head a`)), chromedp.WaitVisible(chromedp.ID("return-note")))
	check("note review")
	step("return it", chromedp.SendKeys(chromedp.ID("comment"), "Por favor, nombre la meta de esta visita en un anexo."),
		chromedp.Click(chromedp.ID("return-note")), chromedp.WaitVisible(chromedp.CSS(`p[role="status"]`)))
	check("review queue after returning")
	for _, page := range []string{"/dashboards/supervisor", "/coaching", "/team", "/supervision", "/supervision/new", "/participants"} {
		step(page, open(ts.URL, page))
		check(page)
	}
}

// TestBrowserSpanishBillingExports is journey 4 in Spanish: Ana reads the
// worklist with its blocked reasons, claims the ready services in a batch,
// downloads its 837P file from the claims page, then opens a claim, the
// remittances, the billing dashboard and the exports.
func TestBrowserSpanishBillingExports(t *testing.T) {
	bin, axe := needBrowser(t)
	ts, db := demoServer(t)
	spanishAccount(t, db, "ana@riverbend.example")
	ctx := phoneFor(t, bin, 3*time.Minute)
	step, check := stepper(t, ctx), spanishChecker(t, ctx, axe)
	step("sign in", spanishSignIn(ts.URL, "ana@riverbend.example"))
	check("Today")
	step("worklist", open(ts.URL, "/billing"), chromedp.WaitVisible(chromedp.ID("bl-ready-title")))
	check("worklist")
	// The demo's ready services are of the last months: the period widens to them.
	program, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("program").value`))
	if err != nil {
		t.Fatal(err)
	}
	today := demo.Today(db.Now())
	step("worklist of the last four months", open(ts.URL, "/billing?program="+program+"&from="+today.AddDate(0, -4, 0).Format("2006-01-02")+"&to="+today.Format("2006-01-02")),
		chromedp.WaitVisible(chromedp.Search(`//form[@action="/billing/batches"]//button`)))
	check("worklist of the last four months")
	step("claim the ready services", chromedp.Click(chromedp.Search(`//form[@action="/billing/batches"]//button`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action$="/837"] button`)))
	check("claims after the batch")
	file, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
	  const f = document.querySelector('form[action$="/837"]');
	  const r = await fetch(f.action, {method: 'POST', body: new URLSearchParams(new FormData(f)), credentials: 'same-origin'});
	  return r.status + ' ' + (await r.text()).slice(0, 3);
	})()`, chromedp.EvalAwaitPromise))
	if err != nil || file != "200 ISA" {
		t.Fatalf("the batch's 837P file: %q (%v)", file, err)
	}
	step("claims after the export", open(ts.URL, "/claims"))
	check("claims after the export")
	step("a claim", chromedp.Click(chromedp.CSS(`main a[href^="/claims/"]`)), chromedp.WaitVisible(chromedp.CSS("h1")))
	check("a claim")
	for _, page := range []string{"/remittances", "/dashboards/billing", "/exports"} {
		step(page, open(ts.URL, page))
		check(page)
	}
}

// TestBrowserSpanishParticipantPortal is journey 6 in Spanish: Marcus,
// whose record says Spanish, reads his portal, his plan in his own words,
// his crisis plan, his record with the notes about him, who looked at it,
// downloads his record as a PDF and opens the form to ask for a
// correction.
func TestBrowserSpanishParticipantPortal(t *testing.T) {
	bin, axe := needBrowser(t)
	ts, db := demoServer(t)
	ensureMarcusPlan(t, db)
	marcusDraftInSpanish(t, db) // records Spanish as his language
	ctx := phoneFor(t, bin, 3*time.Minute)
	step, check := stepper(t, ctx), spanishChecker(t, ctx, axe)
	step("sign in", spanishSignIn(ts.URL, "marcus@riverbend.example"), chromedp.WaitVisible(chromedp.ID("my-record")))
	check("portal Today")
	m := marcusActor(t, db)
	id := strconv.FormatInt(m.ParticipantID, 10)
	for _, page := range []string{"/me/record", "/participants/" + id, "/participants/" + id + "/crisis", "/participants/" + id + "/access-log", "/amendments/new"} {
		step(page, open(ts.URL, page))
		check(page)
	}
	step("his plan", open(ts.URL, "/participants/"+id), chromedp.Click(chromedp.CSS(`main a[href^="/plans/"]`)), chromedp.WaitVisible(chromedp.CSS("h1")))
	check("his plan")
	body, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if err != nil || !strings.Contains(body, "my own apartment") {
		t.Errorf("his plan does not show his goal in his own words: %v\n%s", err, body)
	}
	pdf, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
	  const r = await fetch('/participants/`+id+`/record.pdf', {method: 'POST', credentials: 'same-origin'});
	  return r.status + ' ' + r.headers.get('Content-Type');
	})()`, chromedp.EvalAwaitPromise))
	if err != nil || pdf != "200 application/pdf" {
		t.Errorf("his record as a PDF: %q (%v)", pdf, err)
	}
}

// TestSpanishCheckFindsEnglish: the check of the Spanish journeys can
// fail: an English message of the catalogs, one with values filled in,
// and an unrendered plural choice planted on a Spanish page are named.
func TestSpanishCheckFindsEnglish(t *testing.T) {
	bin, _ := needBrowser(t)
	ts, db := demoServer(t)
	spanishAccount(t, db, "luis@riverbend.example")
	ctx := phone(t, bin)
	step := stepper(t, ctx)
	step("sign in", spanishSignIn(ts.URL, "luis@riverbend.example"))
	if got := untranslated(t, ctx); len(got) != 0 {
		t.Fatalf("Spanish Today already reports: %v", got)
	}
	step("plant", chromedp.Evaluate[chromedp.Void](`for (const s of ["Sign out", "3 notes wait for your review.", "4 %{note|notes}"]) {
	  const p = document.createElement("p"); p.textContent = s; document.querySelector("main").appendChild(p);
	}; null`))
	got := strings.Join(untranslated(t, ctx), "\n")
	for _, want := range []string{`"Sign out"`, `"3 notes wait for your review."`, "unrendered %{"} {
		if !strings.Contains(got, want) {
			t.Errorf("the check does not name %s; it reports:\n%s", want, got)
		}
	}
}
