package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/web"
)

// TestBillingPageAnswersAtOnce: the Billing page (and the billing
// dashboard) of a period whose
// services are not checked yet answers without checking them, says how
// many participants' services are still being checked, and has them
// checked in the background; reloaded once that check is done, it lists
// them. The CSV of the period is complete at once: it waits for the check.
func TestBillingPageAnswersAtOnce(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ts := newTestServer(t, db, func(c *web.Config) { c.BillingWait = 0 })
		f := ts.f
		clock := &storetest.Clock{T: time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)}
		db.Now = clock.Now
		plan := f.MustSignedPlan(t, db, f.SamplePlan(goldthread.NewDate(2026, 2, 1)))
		g := plan.Goals[0]
		if _, err := db.ExecRaw(ctx, "UPDATE app_user SET credential = 'CPSS' WHERE agency_id = ?", f.Agency.ID); err != nil {
			t.Fatal(err)
		}
		n, err := db.CreateDraftNote(ctx, f.Peer, store.NoteInput{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID,
			ServiceDate: goldthread.NewDate(2026, 3, 10), Start: time.Date(2026, 3, 10, 13, 0, 0, 0, time.UTC),
			End: time.Date(2026, 3, 10, 13, 45, 0, 0, time.UTC), Location: "home", Modality: "in_person", Category: "peer_mentoring_coaching",
			Goals: []goldthread.NoteGoal{{GoalID: g.ID, InterventionID: g.Interventions[0].ID}}, PeerAction: "We rehearsed landlord calls together.",
			ParticipantResponse: "He felt ready.", NextSteps: "Tour the flat on Friday.", Billable: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.SignNote(ctx, f.Peer, n.ID, store.SignNoteInput{Password: storetest.Password, Attestation: "I attest.", Version: n.Version}); err != nil {
			t.Fatal(err)
		}
		var people int
		if err := db.QueryRowRaw(ctx, "SELECT COUNT(*) FROM participant WHERE agency_id = ?", f.Agency.ID).Scan(&people); err != nil {
			t.Fatal(err)
		}
		q := "?program=" + strconv.FormatInt(f.Program.ID, 10) + "&from=2026-03-01&to=2026-03-31"
		bill := ts.signIn(t, f.Emails[goldthread.RoleBilling])
		res, body := get(t, bill, ts.URL+"/billing"+q)
		pending := "The services of " + strconv.Itoa(people) + " participants are still being checked"
		if res.StatusCode != 200 || !strings.Contains(body, pending) || !strings.Contains(body, "0 blocked") || strings.Contains(body, "supervision.approval") {
			t.Fatalf("first read of the period: %d, want at once %q and nothing listed:\n%s", res.StatusCode, pending, body)
		}
		if m := missingKey.FindString(body); m != "" {
			t.Errorf("message %s is missing from the catalog", m)
		}
		// The check started by that read ends; the page then lists the
		// service (the deadline only stops a test that would hang).
		for deadline := time.Now().Add(2 * time.Minute); strings.Contains(body, `id="bl-pending"`); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("the page still says services are being checked:\n%s", body)
			}
			_, body = get(t, bill, ts.URL+"/billing"+q)
		}
		if !strings.Contains(body, "1 blocked") || !strings.Contains(body, "supervision.approval") {
			t.Fatalf("after the check, the page does not list the service:\n%s", body)
		}
		// Another period: the CSV is complete without a page read first.
		day := "?program=" + strconv.FormatInt(f.Program.ID, 10) + "&from=2026-03-10&to=2026-03-10"
		if _, csv := get(t, bill, ts.URL+"/billing/worklist.csv"+day); !strings.Contains(csv, strconv.FormatInt(n.ID, 10)+",blocked,") {
			t.Fatalf("the CSV of a period not checked yet lacks the service:\n%s", csv)
		}
		// The billing dashboard of a period not checked yet: at once, then
		// complete once its check is done.
		dash := ts.URL + "/dashboards/billing?from=2026-02-20&to=2026-03-12"
		_, body = get(t, bill, dash)
		if !strings.Contains(body, `id="dash-pending"`) || strings.Contains(body, "What blocks services") {
			t.Fatalf("first read of the dashboard's period: want at once the pending notice and nothing blocked:\n%s", body)
		}
		for deadline := time.Now().Add(2 * time.Minute); strings.Contains(body, `id="dash-pending"`); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("the dashboard still says services are being checked:\n%s", body)
			}
			_, body = get(t, bill, dash)
		}
		if !strings.Contains(body, "What blocks services") {
			t.Fatalf("after the check, the dashboard does not count the service:\n%s", body)
		}
	})
}
