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
)

// TestBillingPagesShowCodesNeverNarratives: the billing worklist, its CSV,
// the claims page, the Today section and the API render for billing staff
// (and read-only for auditors), list a signed note that waits for approval
// as blocked with who must act, and carry none of the note's narrative.
func TestBillingPagesShowCodesNeverNarratives(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ts, plan := noteServer(t, db)
		f := ts.f
		g := plan.Goals[0]
		n, err := db.CreateDraftNote(ctx, f.Peer, store.NoteInput{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID,
			ServiceDate: goldthread.NewDate(2026, 3, 10), Start: time.Date(2026, 3, 10, 13, 0, 0, 0, time.UTC),
			End: time.Date(2026, 3, 10, 13, 45, 0, 0, time.UTC), Location: "home", Modality: "in_person", Category: "peer_mentoring_coaching",
			Goals: []goldthread.NoteGoal{{GoalID: g.ID, InterventionID: g.Interventions[0].ID}}, PeerAction: "We rehearsed landlord calls together.",
			ParticipantResponse: `He said "that was easier than I thought."`, NextSteps: "Tour the flat on Friday.", Billable: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.SignNote(ctx, f.Peer, n.ID, store.SignNoteInput{Password: storetest.Password, Attestation: "I attest.", Version: n.Version}); err != nil {
			t.Fatal(err)
		}
		q := "?program=" + strconv.FormatInt(f.Program.ID, 10) + "&from=2026-03-01&to=2026-03-31"
		narrative := []string{"rehearsed", "easier than", "Tour the flat"}
		bill := ts.signIn(t, f.Emails[goldthread.RoleBilling])
		for _, path := range []string{"/billing" + q, "/billing/worklist.csv" + q, "/claims", "/today"} {
			res, body := get(t, bill, ts.URL+path)
			if res.StatusCode != 200 {
				t.Fatalf("%s: %d", path, res.StatusCode)
			}
			if m := missingKey.FindString(body); m != "" {
				t.Errorf("%s: message %s is missing from the catalog", path, m)
			}
			for _, w := range narrative {
				if strings.Contains(body, w) {
					t.Errorf("%s shows the narrative %q to billing", path, w)
				}
			}
		}
		_, body := get(t, bill, ts.URL+"/billing"+q)
		if strings.Count(body, "<h1") != 1 || !strings.Contains(body, "1 blocked") || !strings.Contains(body, "Supervisor acts") ||
			!strings.Contains(body, "supervision.approval") {
			t.Errorf("the worklist does not show the note blocked for approval:\n%s", body)
		}
		_, csvBody := get(t, bill, ts.URL+"/billing/worklist.csv"+q)
		if !strings.HasPrefix(csvBody, "note_id,status,") || !strings.Contains(csvBody, "blocked") {
			t.Errorf("csv: %s", csvBody)
		}
		if _, body := get(t, bill, ts.URL+"/today"); !strings.Contains(body, "Billing this month") {
			t.Error("billing's Today has no billing section")
		}
		res, body := postForm(t, bill, ts.URL+"/billing/batches", map[string][]string{"program": {strconv.FormatInt(f.Program.ID, 10)},
			"from": {"2026-03-01"}, "to": {"2026-03-31"}})
		if res.StatusCode != 422 || !strings.Contains(body, "ready to bill") {
			t.Errorf("a batch with nothing ready: %d", res.StatusCode)
		}
		audit := ts.signIn(t, f.Emails[goldthread.RoleAuditor])
		if res, body := get(t, audit, ts.URL+"/billing"+q); res.StatusCode != 200 || strings.Contains(body, "Create the batch") {
			t.Errorf("auditor: %d, or offered to create a batch", res.StatusCode)
		}
		if res, _ := get(t, ts.signIn(t, f.Emails[goldthread.RolePeer]), ts.URL+"/billing"); res.StatusCode != 403 && res.StatusCode != 404 {
			t.Errorf("peer opening billing: %d", res.StatusCode)
		}
		tok := ts.token(t, f.Emails[goldthread.RoleBilling])
		res, body = apiDo(t, "GET", ts.URL+"/api/v1/billing/services"+q, tok, "")
		if res.StatusCode != 200 || !strings.Contains(body, `"rule_id":"supervision.approval"`) || strings.Contains(body, "rehearsed") {
			t.Errorf("api: %d %s", res.StatusCode, body)
		}
		// A page: the first services of each list, the period's counts.
		res, body = apiDo(t, "GET", ts.URL+"/api/v1/billing/services"+q+"&limit=1", tok, "")
		if res.StatusCode != 200 || !strings.Contains(body, `"blocked_count":1`) || !strings.Contains(body, `"rule_id":"supervision.approval"`) {
			t.Errorf("api page: %d %s", res.StatusCode, body)
		}
		res, body = apiDo(t, "GET", ts.URL+"/api/v1/billing/services"+q+"&limit=0", tok, "")
		if res.StatusCode != 422 || !strings.Contains(body, `"field":"limit"`) {
			t.Errorf("api limit=0: %d %s", res.StatusCode, body)
		}
	})
}
