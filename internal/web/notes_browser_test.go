package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/demo"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// ensureMarcusPlan signs a plan for Marcus in force today when the demo
// has none yet (the plans feature's demo data may not be loaded), so the
// form has goal chips to tap.
func ensureMarcusPlan(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	step, err := db.SignIn(ctx, "dana@riverbend.example", demo.Password, "127.0.0.1", store.SessionAPI, store.DefaultSessionPolicy)
	dana := step.Actor
	if err != nil {
		t.Fatal(err)
	}
	step, err = db.SignIn(ctx, "elena.reyes@riverbend.example", demo.Password, "127.0.0.1", store.SessionAPI, store.DefaultSessionPolicy)
	reyes := step.Actor
	if err != nil {
		t.Fatal(err)
	}
	list, err := db.ListParticipants(ctx, dana, goldthread.ParticipantFilter{Query: "Marcus"})
	if err != nil || len(list) != 1 {
		t.Fatalf("Marcus: %v %d", err, len(list))
	}
	m, err := db.Participant(ctx, dana, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	program := m.Enrollments[0].ProgramID
	today := demo.Today(db.Now())
	if _, err := db.PlanInForce(ctx, dana, m.ID, program, today); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
		return
	}
	p := goldthread.Plan{ParticipantID: m.ID, ProgramID: program, Effective: goldthread.Date{Time: today.AddDate(0, -1, 0)},
		ReviewDue: goldthread.Date{Time: today.AddDate(0, 5, 0)}, Goals: []goldthread.Goal{{Words: "I want my own apartment",
			Summary: "Get my own apartment", Interventions: []goldthread.Intervention{{Description: "Practice calling landlords together"}}}}}
	if err := db.CreatePlan(ctx, dana, &p); err != nil {
		t.Fatal(err)
	}
	c := storetest.SampleCrisisPlan()
	if err := db.SetCrisisPlan(ctx, dana, p.ID, &c, nil); err != nil {
		t.Fatal(err)
	}
	for _, s := range []struct {
		a  goldthread.Actor
		in store.PlanSignatureInput
	}{{dana, store.PlanSignatureInput{Role: goldthread.SignerParticipant, Name: "Marcus Bell"}},
		{dana, store.PlanSignatureInput{Role: goldthread.SignerPeer, Password: demo.Password}},
		{reyes, store.PlanSignatureInput{Role: goldthread.SignerClinician, Password: demo.Password}}} {
		if _, err := db.SignPlan(ctx, s.a, p.ID, s.in); err != nil {
			t.Fatal(err)
		}
	}
}

// tap clicks sel and counts the tap.
func tap[S chromedp.Selectable](taps *int, sel S) chromedp.Action[chromedp.Void] {
	*taps++
	return chromedp.Click(sel)
}

// TestBrowserNoteOnPhone is journey 1 on a 360 px phone: Dana opens
// Marcus, starts a new note, taps a goal chip, writes, sees the coach flag
// "refused" as she types, applies the suggestion with one tap, hands the
// phone to Marcus on the signing page (his words, his name), signs with
// her password and sees the note locked. It counts the taps and times the
// path (reported, never asserted as a timing).
func TestBrowserNoteOnPhone(t *testing.T) {
	bin, axe := needBrowser(t)
	ts, db := demoServer(t)
	ensureMarcusPlan(t, db)
	ctx := phone(t, bin)
	ctx, cancel := context.WithTimeout(ctx, 45*time.Second)
	defer cancel()
	step := stepper(t, ctx)
	step("sign in", demoSignIn(ts.URL, "dana@riverbend.example"))
	taps := 0
	began := time.Now()
	step("open Marcus", tap(&taps, chromedp.Search(`//a[normalize-space(.)="Marcus Bell"]`)), chromedp.WaitVisible(chromedp.Search(`//h1[.="Marcus Bell"]`)))
	step("new note", tap(&taps, chromedp.ID("new-note")), chromedp.WaitVisible(chromedp.ID("note-form")))
	checkFits(t, ctx, "note form")
	checkAxe(t, ctx, axe, "note form")
	step("goal chip", tap(&taps, chromedp.CSS(`input[name="goals"]`)))
	step("write",
		chromedp.SendKeys(chromedp.ID("peer_action"), "We practiced calling landlords. At first he refused to call."),
		chromedp.SendKeys(chromedp.ID("participant_response"), `He said "I did the call myself this time."`),
		chromedp.SendKeys(chromedp.ID("next_steps"), "Visit the apartment on Friday."),
		chromedp.WaitVisible(chromedp.Search(`//div[@id="coach-peer_action"]//li[contains(., "refused")]`)))
	checkAxe(t, ctx, axe, "note form with a coach finding")
	step("apply suggestion", tap(&taps, chromedp.Search(`//div[@id="coach-peer_action"]//button[contains(., "declined")]`)))
	text, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("peer_action")))
	if err != nil || !strings.Contains(text, "he declined to call") {
		t.Fatalf("after applying: %q (%v)", text, err)
	}
	step("save and sign", tap(&taps, chromedp.ID("save-sign")), chromedp.WaitVisible(chromedp.ID("sign-button")))
	checkAxe(t, ctx, axe, "sign page")
	// Before signing, in the flow: Dana hands the phone to Marcus.
	step("hand the phone over", chromedp.SendKeys(chromedp.ID("participant_words"), "I did the call myself this time."),
		chromedp.SendKeys(chromedp.ID("participant_ack_name"), "Marcus Bell"))
	step("sign", tap(&taps, chromedp.ID("attest")), chromedp.SendKeys(chromedp.ID("password"), demo.Password), tap(&taps, chromedp.ID("sign-button")),
		chromedp.WaitVisible(chromedp.ID("note-locked")))
	took := time.Since(began)
	body, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if err != nil || !strings.Contains(body, "he declined to call") || !strings.Contains(body, "Signed by Dana Whitfield, CPSS") ||
		!strings.Contains(body, "I did the call myself this time.") || !strings.Contains(body, "Acknowledged by Marcus Bell") {
		t.Fatalf("signed note: %v\n%s", err, body)
	}
	checkFits(t, ctx, "signed note")
	checkAxe(t, ctx, axe, "signed note")
	t.Logf("journey 1 (open Marcus → signed note): %d taps besides typing, %.1f s in headless Chromium", taps, took.Seconds())
	if taps > 8 {
		t.Errorf("the main path takes %d taps; the journey allows 8", taps)
	}
}
