package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/demo"
	"github.com/goldthread/goldthread/internal/store"
)

// englishWords are interface words of the pages these journeys visit
// that must not be left in English on a Spanish page (data, such as names
// and the plan's own goal text, may be in any language).
var englishWords = []string{"Sign out", "Today", "Participants", "Save draft", "Service date", "Start time",
	"Next steps", "Signed by", "Password", "Sign the", "Peer specialist", "Signatures", "My account"}

// checkSpanish fails when the page does not declare Spanish, shows one of
// the English interface words, or shows any English message of the
// catalogs whose Spanish differs, or a message that did not render
// (untranslated).
func checkSpanish(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	lang, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
	if err != nil {
		t.Fatal(err)
	}
	if lang != "es" {
		t.Errorf("%s: <html lang=%q>; want es", page, lang)
	}
	body, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range englishWords {
		if strings.Contains(body, w) {
			t.Errorf("%s: English %q left on a Spanish page", page, w)
		}
	}
	for _, u := range untranslated(t, ctx) {
		t.Errorf("%s: %s", page, u)
	}
}

// TestBrowserSpanishPeerNote is journey 1 in Spanish on a 360 px phone:
// Dana chooses Español on her account page, then opens Marcus, writes a
// note, reads the coach's finding on "refused" in Spanish as she types,
// checks it on the signing page, hands the phone over for his words and
// signs it. Every page
// declares Spanish, shows none of the English interface words, fits the
// screen and passes axe.
func TestBrowserSpanishPeerNote(t *testing.T) {
	bin, axe := needBrowser(t)
	ts, db := demoServer(t)
	ensureMarcusPlan(t, db)
	ctx := phone(t, bin)
	step := stepper(t, ctx)
	check := func(page string) {
		t.Helper()
		checkSpanish(t, ctx, page)
		checkFits(t, ctx, page)
		checkAxe(t, ctx, axe, page)
	}
	step("sign in", demoSignIn(ts.URL, "dana@riverbend.example"))
	step("choose Spanish", chromedp.Navigate(ts.URL+"/account"), chromedp.WaitVisible(chromedp.Search(`//input[@name="language"][@value="es"]`)),
		chromedp.Click(chromedp.Search(`//input[@name="language"][@value="es"]`)),
		chromedp.Submit(chromedp.Search(`//input[@name="language"][@value="es"]`)),
		chromedp.WaitVisible(chromedp.Search(`//p[@role="status"][contains(., "Su idioma quedó guardado")]`)))
	check("account page")
	step("Today", chromedp.Navigate(ts.URL+"/today"), chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "Hola")]`)))
	check("Today")
	step("open Marcus", chromedp.Click(chromedp.Search(`//a[normalize-space(.)="Marcus Bell"]`)), chromedp.WaitVisible(chromedp.Search(`//h1[.="Marcus Bell"]`)))
	check("participant")
	step("new note", chromedp.Click(chromedp.ID("new-note")), chromedp.WaitVisible(chromedp.ID("note-form")))
	check("note form")
	step("write", chromedp.Click(chromedp.CSS(`input[name="goals"]`)),
		chromedp.SendKeys(chromedp.ID("peer_action"), "We practiced calling landlords together. At first he refused to call."),
		chromedp.SendKeys(chromedp.ID("participant_response"), `He said "I did the call myself this time."`),
		chromedp.SendKeys(chromedp.ID("next_steps"), "Visit the apartment on Friday."),
		chromedp.WaitVisible(chromedp.Search(`//div[@id="coach-peer_action"]//li[contains(., "se lee como un juicio")]`)))
	check("note form with the coach's finding")
	step("save and sign", chromedp.Click(chromedp.ID("save-sign")), chromedp.WaitVisible(chromedp.ID("sign-button")))
	check("sign page")
	step("hand the phone over", chromedp.SendKeys(chromedp.ID("participant_words"), "Lo hice yo solo esta vez."),
		chromedp.SendKeys(chromedp.ID("participant_ack_name"), "Marcus Bell"))
	step("sign", chromedp.Click(chromedp.ID("attest")), chromedp.SendKeys(chromedp.ID("password"), demo.Password),
		chromedp.Click(chromedp.ID("sign-button")), chromedp.WaitVisible(chromedp.ID("note-locked")))
	body, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if err != nil || !strings.Contains(body, "Firmada por Dana Whitfield, CPSS") || !strings.Contains(body, "Dada por conocida por Marcus Bell") {
		t.Fatalf("signed note in Spanish: %v\n%s", err, body)
	}
	check("signed note")
}

// TestBrowserSpanishParticipantSignsPlan: Marcus's record says he speaks
// Spanish, so his portal reads in Spanish without any setting; he opens
// the new version of his plan, which still needs his signature, and signs
// it with his password on his own phone. The plan's goal stays in his
// own words.
func TestBrowserSpanishParticipantSignsPlan(t *testing.T) {
	bin, axe := needBrowser(t)
	ts, db := demoServer(t)
	ensureMarcusPlan(t, db)
	planID := marcusDraftInSpanish(t, db)
	ctx := phone(t, bin)
	step := stepper(t, ctx)
	check := func(page string) {
		t.Helper()
		checkSpanish(t, ctx, page)
		checkFits(t, ctx, page)
		checkAxe(t, ctx, axe, page)
	}
	step("sign in", chromedp.Navigate(ts.URL+"/signin"), chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), "marcus@riverbend.example"), chromedp.SendKeys(chromedp.ID("password"), demo.Password),
		chromedp.Submit(chromedp.ID("password")), chromedp.WaitVisible(chromedp.ID("my-record")))
	check("portal Today")
	page := ts.URL + "/plans/" + strconv.FormatInt(planID, 10)
	step("the plan to sign", chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("sign-participant")))
	check("plan to sign")
	body, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if err != nil || !strings.Contains(body, "my own apartment") || !strings.Contains(body, "Firmar como participante") {
		t.Fatalf("the plan page lacks his goal in his words or the Spanish signing button: %v\n%s", err, body)
	}
	step("sign", chromedp.SendKeys(chromedp.ID("sign-password-participant"), demo.Password),
		chromedp.Click(chromedp.Search(`//form[@id="sign-participant"]//button`)),
		chromedp.WaitVisible(chromedp.Search(`//*[@role="status"][contains(., "Firma guardada")]`)))
	check("plan signed")
	pl, err := db.Plan(context.Background(), marcusActor(t, db), planID)
	if err != nil || !pl.SignedBy(goldthread.SignerParticipant) {
		t.Fatalf("the plan is not signed by the participant: %v", err)
	}
}

// marcusDraftInSpanish records Spanish as Marcus's language and starts a
// new version of his plan in force, which needs his signature again.
func marcusDraftInSpanish(t *testing.T, db *store.DB) int64 {
	t.Helper()
	ctx := context.Background()
	step, err := db.SignIn(ctx, "dana@riverbend.example", demo.Password, "127.0.0.1", store.SessionAPI, store.DefaultSessionPolicy)
	dana := step.Actor
	if err != nil {
		t.Fatal(err)
	}
	m := marcusActor(t, db)
	pt, err := db.Participant(ctx, dana, m.ParticipantID)
	if err != nil {
		t.Fatal(err)
	}
	pt.Language = "Spanish"
	if _, err := db.UpdateParticipant(ctx, dana, pt.ID, pt); err != nil {
		t.Fatal(err)
	}
	today := demo.Today(db.Now())
	in, err := db.PlanInForce(ctx, dana, pt.ID, pt.Enrollments[0].ProgramID, today)
	if err != nil {
		t.Fatal(err)
	}
	draft, err := db.NewPlanVersion(ctx, dana, in.ID, today)
	if err != nil {
		t.Fatal(err)
	}
	return draft.ID
}

// marcusActor is Marcus's own portal account.
func marcusActor(t *testing.T, db *store.DB) goldthread.Actor {
	t.Helper()
	step, err := db.SignIn(context.Background(), "marcus@riverbend.example", demo.Password, "127.0.0.1", store.SessionAPI, store.DefaultSessionPolicy)
	m := step.Actor
	if err != nil {
		t.Fatal(err)
	}
	return m
}
