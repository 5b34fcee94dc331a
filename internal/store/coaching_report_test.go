package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

func ruleCount(rs []goldthread.CoachingRule, id string) int {
	for _, r := range rs {
		if r.RuleID == id {
			return r.Count
		}
	}
	return 0
}

// TestCoachingReport: counts per peer and team, most frequent first, in
// the supervisor's team only, within the period, with the agency lexicon.
func TestCoachingReport(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		hour := time.Hour
		e.mustSign(t, e.draft(t, func(in *store.NoteInput) {
			in.PeerAction = "He refused the bus pass and refused to call."
			in.NextSteps = "He was resistant; follow up Friday."
		}))
		e.mustSign(t, e.draft(t, func(in *store.NoteInput) {
			in.Start, in.End = in.Start.Add(-3*hour), in.End.Add(-3*hour)
			in.NextSteps = "He refused the ride to the store."
		}))
		// The other peer is not on the supervisor's team.
		other := e.f.OtherPeer
		d, err := db.CreateDraftNote(ctx, other, store.NoteInput{ParticipantID: e.f.Others.ID, ProgramID: e.f.Program.ID,
			ServiceDate: goldthread.NewDate(2026, 3, 10), Start: time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC),
			End: time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC), Location: "home", Modality: "in_person",
			Category: "peer_mentoring_coaching", SingleEventReason: "First meeting before a plan.",
			PeerAction: "We met; he was manipulative about the schedule.", ParticipantResponse: "He asked questions.",
			NextSteps: "Meet again.", Billable: false, NonBillableReason: "introduction"})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.SignNote(ctx, other, d.ID, store.SignNoteInput{Password: storetest.Password, Attestation: "I attest.", Version: d.Version}); err != nil {
			t.Fatal(err)
		}
		since := e.clock.T.Add(-90 * 24 * hour)

		t.Run("SupervisorSeesTheTeamMostFrequentFirst", func(t *testing.T) {
			rep, err := db.CoachingReport(ctx, e.f.Supervisor, since)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Notes != 2 || len(rep.Peers) != 1 || rep.Peers[0].PeerID != e.f.Peer.UserID || rep.Peers[0].Notes != 2 {
				t.Fatalf("report = %+v", rep)
			}
			top := rep.Peers[0].Rules[0]
			if top.RuleID != "judgment.refused" || top.Count != 3 || top.Notes != 2 || top.Suggestion == "" {
				t.Fatalf("top rule = %+v", top)
			}
			if ruleCount(rep.Team, "judgment.manipulative") != 0 || ruleCount(rep.Team, "judgment.resistant") != 1 {
				t.Fatalf("team = %+v", rep.Team)
			}
		})
		t.Run("AdministratorSeesTheAgency", func(t *testing.T) {
			rep, err := db.CoachingReport(ctx, e.f.Admin, since)
			if err != nil || rep.Notes != 3 || len(rep.Peers) != 2 || ruleCount(rep.Team, "judgment.manipulative") != 1 {
				t.Fatalf("%v %+v", err, rep)
			}
		})
		t.Run("OnlyThePeriod", func(t *testing.T) {
			rep, err := db.CoachingReport(ctx, e.f.Supervisor, e.clock.T.Add(hour))
			if err != nil || rep.Notes != 0 || len(rep.Team) != 0 {
				t.Fatalf("%v %+v", err, rep)
			}
		})
		t.Run("SilencedRulesStopCounting", func(t *testing.T) {
			if _, err := db.SilenceLexiconEntry(ctx, e.f.Supervisor, 0, "judgment.refused", "coached already"); err != nil {
				t.Fatal(err)
			}
			rep, err := db.CoachingReport(ctx, e.f.Supervisor, since)
			if err != nil || ruleCount(rep.Team, "judgment.refused") != 0 {
				t.Fatalf("%v %+v", err, rep.Team)
			}
		})
		t.Run("OthersMayNot", func(t *testing.T) {
			for _, a := range []goldthread.Actor{e.f.Peer, e.f.Billing, e.f.Auditor, e.f.Clinician} {
				_, err := db.CoachingReport(ctx, a, since)
				wantKind(t, err, goldthread.EFORBIDDEN, "")
			}
		})
	})
}
