package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/demo"
	"github.com/goldthread/goldthread/internal/store"
)

// danaAt signs Dana in through the store (for test setup) with the demo's
// clock standing at h:00 today on the agency's clock.
func danaAt(t *testing.T, db *store.DB, h int) goldthread.Actor {
	t.Helper()
	zone, err := goldthread.LoadTimeZone("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	now := demo.Today(time.Now()).At(h, 0, zone)
	db.Now = func() time.Time { return now }
	step, err := db.SignIn(context.Background(), "dana@riverbend.example", demo.Password, "127.0.0.1", store.SessionAPI, store.DefaultSessionPolicy)
	dana := step.Actor
	if err != nil {
		t.Fatal(err)
	}
	return dana
}

// TestBrowserPresignFixes: a draft that signing would refuse for three
// reasons — no type of service, a collateral contact left billable in NC
// 8G (which does not pay for it), and times that overlap Dana's own group
// this morning — shows all three on the signing page before any
// attestation or password, each fixed there with a tap or two; then the
// participant adds his words on the same page and Dana signs.
func TestBrowserPresignFixes(t *testing.T) {
	d := newDanaPhone(t, nil)
	ts, db, tab, step, axe := d.ts, d.db, d.tab, d.step, d.axe
	ctx := context.Background()
	dana := danaAt(t, db, 17)
	groups, err := db.GroupSessions(ctx, dana, 10)
	if err != nil || len(groups) == 0 || groups[0].Status != goldthread.NoteDraft {
		t.Fatalf("the demo's group of this morning: %+v %v", groups, err)
	}
	if _, err := db.SignGroupSession(ctx, dana, groups[0].ID, store.SignNoteInput{Password: demo.Password, Attestation: "I attest."}); err != nil {
		t.Fatalf("sign this morning's group: %v", err)
	}
	g, _ := db.GroupSession(ctx, dana, groups[0].ID)
	list, _ := db.ListParticipants(ctx, dana, goldthread.ParticipantFilter{Query: "Marcus"})
	marcus, _ := db.Participant(ctx, dana, list[0].ID)
	plan, err := db.PlanInForce(ctx, dana, marcus.ID, marcus.Enrollments[0].ProgramID, g.ServiceDate)
	if err != nil {
		t.Fatal(err)
	}
	n, err := db.CreateDraftNote(ctx, dana, store.NoteInput{ParticipantID: marcus.ID, ProgramID: marcus.Enrollments[0].ProgramID,
		Kind: goldthread.NoteCollateral, ServiceDate: g.ServiceDate, Start: g.Start.Add(30 * time.Minute), End: g.Start.Add(60 * time.Minute),
		Location: "home", Modality: "in_person", Billable: true, OthersPresent: "sister",
		Goals:      []goldthread.NoteGoal{{GoalID: plan.Goals[0].ID, InterventionID: plan.Goals[0].Interventions[0].ID}},
		PeerAction: "Talked with his sister about the apartment viewings.", ParticipantResponse: "His sister offered to come along.",
		NextSteps: "Share the viewing times with both of them."})
	if err != nil {
		t.Fatal(err)
	}
	sign := ts.URL + "/notes/" + strconv.FormatInt(n.ID, 10) + "/sign"

	problems := func(want int) {
		t.Helper()
		got, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll("#presign .presign-item").length`))
		if err != nil || got != want {
			body, _ := chromedp.Run(tab, chromedp.Text(chromedp.CSS("main")))
			t.Fatalf("%d problems listed (%v); want %d\n%s", got, err, want, body)
		}
	}
	taps := 0
	d.signIn()
	step("open signing", chromedp.Navigate(sign), chromedp.WaitVisible(chromedp.ID("presign")))
	problems(3)
	body, _ := chromedp.Run(tab, chromedp.Text(chromedp.ID("presign")))
	for _, want := range []string{"type of service", "does not pay for services to anyone other than the participant", "It overlaps your group session “Coping skills”, 8:00 AM–9:15 AM."} {
		if !strings.Contains(body, want) {
			t.Errorf("the problems do not say %q:\n%s", want, body)
		}
	}
	if n, _ := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll("#attest, #password").length`)); n != 0 {
		t.Error("the attestation and password are asked while signing would be refused")
	}
	checkFits(t, tab, "signing page with problems")
	checkAxe(t, tab, axe, "signing page with problems")

	left := func(n int) chromedp.Action[chromedp.Void] {
		return chromedp.WaitVisible(chromedp.Search(`//h2[@id="presign-title"][contains(., "(` + strconv.Itoa(n) + `)")]`))
	}
	step("move the times after the group", chromedp.SetValue(chromedp.ID("start"), "09:30"), chromedp.SetValue(chromedp.ID("end"), "10:00"),
		tap(&taps, chromedp.ID("fix-times")), left(2))
	problems(2)
	step("choose the type of service", tap(&taps, chromedp.CSS(`#presign input[name="category"]`)), tap(&taps, chromedp.ID("fix-category")), left(1))
	problems(1)
	step("mark not billable", tap(&taps, chromedp.ID("fix-non-billable")), chromedp.WaitVisible(chromedp.ID("sign-form")))
	checkAxe(t, tab, axe, "signing page, ready")
	step("hand the phone to Marcus", chromedp.SendKeys(chromedp.ID("participant_words"), "I want my sister at the viewing."),
		chromedp.SendKeys(chromedp.ID("participant_ack_name"), "Marcus Bell"))
	step("sign", tap(&taps, chromedp.ID("attest")), chromedp.SendKeys(chromedp.ID("password"), demo.Password), tap(&taps, chromedp.ID("sign-button")),
		chromedp.WaitVisible(chromedp.ID("note-locked")))
	body, _ = chromedp.Run(tab, chromedp.Text(chromedp.CSS("main")))
	for _, want := range []string{"I want my sister at the viewing.", "Acknowledged by Marcus Bell", "Not billable"} {
		if !strings.Contains(body, want) {
			t.Errorf("the signed note does not show %q", want)
		}
	}
	t.Logf("three problems fixed and signed in %d taps besides typing", taps)
}
