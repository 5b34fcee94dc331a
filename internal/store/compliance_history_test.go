package store_test

import (
	"context"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// historyEnv is billEnv with a March whose history matters: Marcus's
// notes signed in the app (stored text signatures) repeat one narrative
// but one, Mia's repeat a February one,
// notes written straight into the tables (no stored signature: their text
// is read) by the other peer overlap two of them, one across the start of
// the period, and the peer also serves Mia, so each side of "same author
// or participant" brings notes the other lacks, and Marcus has more
// notes after March than the copy check reads.
func historyEnv(t *testing.T, db *store.DB) *billEnv {
	t.Helper()
	e := newBillEnv(t, db)
	for _, day := range []int{2, 3, 9, 12} {
		e.signed(t, onMarch(day, 13))
	}
	e.billable(t, onMarch(1, 15))
	e.billable(t, onMarch(6, 10), func(in *store.NoteInput) {
		in.PeerAction = "We toured the community garden and signed up for a plot on the east side."
		in.ParticipantResponse, in.NextSteps = `Marcus said "I want tomatoes this year."`, "Bring seeds to the garden on Saturday."
	})
	raw := func(author goldthread.Actor, p goldthread.Participant, start time.Time, minutes int, text string) {
		t.Helper()
		ctx := context.Background()
		end := start.Add(time.Duration(minutes) * time.Minute)
		res, err := db.ExecRaw(ctx, `INSERT INTO service_note (agency_id, participant_id, program_id, author_id, status, service_date, start_at, end_at,
			location, modality, category, peer_action, participant_response, next_steps, billable, due_at, created_at, updated_at, signed_at)
			VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, 'home', 'in_person', 'peer_mentoring_coaching', ?, 'Said it helped.', 'Meet again.', ?, ?, ?, ?, ?)`,
			e.f.Agency.ID, p.ID, e.f.Program.ID, author.UserID, goldthread.DateOf(start), start, end, text, true, end.Add(72*time.Hour), start, start, end.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		_ = res
		for _, q := range []string{`INSERT INTO note_signature (note_id, user_id, name, credential, attestation, signed_at, content_hash, findings)
			SELECT id, author_id, 'Raw Author', 'CPSS', 'I attest.', signed_at, '', '' FROM service_note WHERE status = 'draft' AND signed_at IS NOT NULL AND agency_id = ?`,
			"UPDATE service_note SET status = 'signed' WHERE status = 'draft' AND signed_at IS NOT NULL AND agency_id = ?"} {
			if _, err := db.ExecRaw(ctx, q, e.f.Agency.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	at := func(day, hour, minute int) time.Time { return time.Date(2026, 3, day, hour, minute, 0, 0, time.UTC) }
	raw(e.f.OtherPeer, e.f.Mine, at(9, 13, 15), 40, "We walked to the library together and read the bus map.")
	raw(e.f.OtherPeer, e.f.Mine, at(1, 14, 0), 90, "We sorted the mail and called the benefits office about the letter.")
	raw(e.f.OtherPeer, e.f.Mine, time.Date(2026, 2, 28, 23, 30, 0, 0, time.UTC), 60, "We talked late about the week ahead.")
	raw(e.f.Peer, e.f.Mine, at(1, 0, 0), 20, "We met at the shelter door after the late bus.")
	raw(e.f.Peer, e.f.MineToo, at(2, 13, 30), 30, "We practiced what to say when calling a landlord and made two calls together.")
	planner := "We planned the week in a paper planner, then wrote the bus times for each visit on the back page."
	raw(e.f.Peer, e.f.MineToo, time.Date(2026, 2, 10, 9, 0, 0, 0, time.UTC), 30, planner)
	raw(e.f.Peer, e.f.MineToo, at(5, 9, 0), 30, planner)
	// Marcus's notes after the period push the other peer's March notes
	// out of his newest 200, so only the overlap read still brings them.
	for i := range 205 {
		raw(e.f.OtherPeer, e.f.Mine, time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC).Add(time.Duration(i)*5*time.Hour), 30,
			"Visit number "+strconv.Itoa(i)+" went over the list of errands for the days after it.")
	}
	return e
}

// A billing run reads each participant's history once for all their
// services (issue 17: once per service made a month's worklist take
// minutes). The engine must be told exactly what each note would read for
// itself: the same overlapping and recent notes, hence the same findings.
func TestBillingRunHistoryMatchesEachNotesOwn(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e := historyEnv(t, db)
		run, own, err := store.BillingRunHistories(context.Background(), db, e.f.Billing, e.f.Program.ID, marchFrom, marchTo)
		if err != nil {
			t.Fatal(err)
		}
		if len(run) < 6 || len(run) != len(own) {
			t.Fatalf("%d candidates in the run, %d alone; want the same 6 or more", len(run), len(own))
		}
		fired := map[string]bool{}
		for id, r := range run {
			o := own[id]
			if !reflect.DeepEqual(r.Notes, o.Notes) {
				t.Errorf("note %d: the run's history\n%+v\nits own\n%+v", id, r.Notes, o.Notes)
			}
			if !reflect.DeepEqual(r.Findings, o.Findings) {
				t.Errorf("note %d: the run's findings\n%+v\nits own\n%+v", id, r.Findings, o.Findings)
			}
			for _, f := range r.Findings {
				fired[f.RuleID] = true
			}
		}
		// The fixture is only a test of the history if the history found
		// something.
		for _, rule := range []string{rules.RuleOverlapParticipant, rules.RuleClonedNarrative} {
			if !fired[rule] {
				t.Errorf("no note of the run has %s; the fixture no longer exercises the history", rule)
			}
		}
	})
}

// The worklist's ready services are exactly what an export of the same
// period claims, and its blocked count what the export leaves out: both
// walk the same run.
func TestWorklistAndClaimBatchAgree(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := historyEnv(t, db)
		wl, err := db.BillableServices(ctx, e.f.Billing, e.f.Program.ID, marchFrom, marchTo)
		if err != nil {
			t.Fatal(err)
		}
		if len(wl.Ready) == 0 || len(wl.Blocked) == 0 {
			t.Fatalf("want ready and blocked services both: %d ready, %d blocked", len(wl.Ready), len(wl.Blocked))
		}
		sum, err := db.CreateClaimBatch(ctx, e.f.Billing, e.f.Program.ID, marchFrom, marchTo)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Lines != len(wl.Ready) || sum.Units != wl.ReadyUnits || sum.TotalCents != wl.ReadyCents || sum.Blocked != len(wl.Blocked) {
			t.Fatalf("the batch claimed %d lines, %d units, %d cents with %d blocked; the worklist said %d ready, %d units, %d cents, %d blocked",
				sum.Lines, sum.Units, sum.TotalCents, sum.Blocked, len(wl.Ready), wl.ReadyUnits, wl.ReadyCents, len(wl.Blocked))
		}
		for _, s := range wl.Ready {
			if countBilling(t, db, "SELECT COUNT(*) FROM claimed_service WHERE note_id = ?", s.NoteID) != 1 {
				t.Errorf("note %d was ready in the worklist and is not claimed once", s.NoteID)
			}
		}
	})
}
