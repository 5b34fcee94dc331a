package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// noteEnv is a fixture agency with a signed plan for Marcus in force from
// Feb 1, credentials on the peers, and a clock at Mar 10, 2026 15:00 UTC.
type noteEnv struct {
	db    *store.DB
	f     *storetest.Fixture
	clock *storetest.Clock
	plan  goldthread.Plan
}

func newNoteEnv(t *testing.T, db *store.DB) *noteEnv {
	t.Helper()
	f := storetest.MustFixture(t, db)
	clock := &storetest.Clock{T: time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)}
	db.Now = clock.Now
	plan := f.MustSignedPlan(t, db, f.SamplePlan(goldthread.NewDate(2026, 2, 1)))
	if _, err := db.ExecRaw(context.Background(), "UPDATE app_user SET credential = ? WHERE agency_id = ?", "CPSS", f.Agency.ID); err != nil {
		t.Fatal(err)
	}
	return &noteEnv{db: db, f: f, clock: clock, plan: plan}
}

// input is a complete individual note for Marcus, 13:00–13:45 on Mar 10,
// linked to the plan's first goal and intervention.
func (e *noteEnv) input(mut ...func(*store.NoteInput)) store.NoteInput {
	g := e.plan.Goals[0]
	in := store.NoteInput{ParticipantID: e.f.Mine.ID, ProgramID: e.f.Program.ID, ServiceDate: goldthread.NewDate(2026, 3, 10),
		Start: time.Date(2026, 3, 10, 13, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 10, 13, 45, 0, 0, time.UTC),
		Location: "home", Modality: "in_person", Category: "peer_mentoring_coaching",
		Goals:               []goldthread.NoteGoal{{GoalID: g.ID, InterventionID: g.Interventions[0].ID}},
		PeerAction:          "We practiced what to say when calling a landlord and made two calls together.",
		ParticipantResponse: `Marcus said "I did the call myself this time."`, NextSteps: "Visit the apartment on Friday.",
		Billable: true}
	for _, m := range mut {
		m(&in)
	}
	return in
}

func (e *noteEnv) draft(t *testing.T, mut ...func(*store.NoteInput)) goldthread.Note {
	t.Helper()
	n, err := e.db.CreateDraftNote(context.Background(), e.f.Peer, e.input(mut...))
	if err != nil {
		t.Fatalf("create draft: %v", err)
	}
	return n
}

func (e *noteEnv) sign(n goldthread.Note) (goldthread.Note, []rules.Finding, error) {
	return e.db.SignNote(context.Background(), e.f.Peer, n.ID, store.SignNoteInput{Password: storetest.Password,
		Attestation: "I provided this service as described.", Version: n.Version})
}

func (e *noteEnv) mustSign(t *testing.T, n goldthread.Note) goldthread.Note {
	t.Helper()
	s, _, err := e.sign(n)
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	return s
}

func wantKind(t *testing.T, err error, kind, field string) {
	t.Helper()
	if goldthread.ErrorKind(err) != kind || goldthread.ErrorField(err) != field {
		t.Fatalf("got %v; want %s on field %q", err, kind, field)
	}
}

func TestSignNote(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		t.Run("SignedNoteIsLockedSignedAndHashed", func(t *testing.T) {
			n := e.mustSign(t, e.draft(t))
			if n.Status != goldthread.NoteSigned || n.Signature == nil || n.Signature.Name != "Pat Peer" ||
				n.Signature.Credential != "CPSS" || len(n.ContentHash) != 64 || n.Minutes() != 45 {
				t.Fatalf("signed note = %+v", n)
			}
			_, err := db.UpdateDraftNote(ctx, e.f.Peer, n.ID, e.input(func(in *store.NoteInput) { in.Version = n.Version }))
			wantKind(t, err, goldthread.ECONFLICT, "")
		})
		t.Run("OnlyTheAuthorSigns", func(t *testing.T) {
			n := e.draft(t, func(in *store.NoteInput) { in.Start, in.End = in.Start.Add(-3*time.Hour), in.End.Add(-3*time.Hour) })
			_, _, err := db.SignNote(ctx, e.f.Supervisor, n.ID, store.SignNoteInput{Password: storetest.Password, Attestation: "x"})
			wantKind(t, err, goldthread.EFORBIDDEN, "")
			_, _, err = db.SignNote(ctx, e.f.OtherPeer, n.ID, store.SignNoteInput{Password: storetest.Password, Attestation: "x"})
			wantKind(t, err, goldthread.ENOTFOUND, "")
		})
		t.Run("WrongPasswordIsRefusedAndAudited", func(t *testing.T) {
			n := e.draft(t, func(in *store.NoteInput) { in.Start, in.End = in.Start.Add(-4*time.Hour), in.End.Add(-4*time.Hour) })
			_, _, err := db.SignNote(ctx, e.f.Peer, n.ID, store.SignNoteInput{Password: "guess", Attestation: "I attest."})
			wantKind(t, err, goldthread.EUNAUTHORIZED, "password")
			rows, err := db.QueryRaw(ctx, "SELECT COUNT(*) FROM audit_event WHERE action = ? AND outcome = ? AND record_id = ?",
				goldthread.ActionSign, goldthread.OutcomeFailure, n.ID)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var count int
			rows.Next()
			rows.Scan(&count)
			if count != 1 {
				t.Fatalf("%d failed-signature audit events; want 1", count)
			}
			if got, _ := db.Note(ctx, e.f.Peer, n.ID); got.Status != goldthread.NoteDraft {
				t.Fatal("a wrong password signed the note")
			}
		})
		t.Run("AttestationRequired", func(t *testing.T) {
			n := e.draft(t, func(in *store.NoteInput) { in.Start, in.End = in.Start.Add(-5*time.Hour), in.End.Add(-5*time.Hour) })
			_, _, err := db.SignNote(ctx, e.f.Peer, n.ID, store.SignNoteInput{Password: storetest.Password})
			wantKind(t, err, goldthread.EINVALID, "attest")
		})
		t.Run("StaleVersionConflicts", func(t *testing.T) {
			n := e.draft(t)
			if _, err := db.UpdateDraftNote(ctx, e.f.Peer, n.ID, e.input(func(in *store.NoteInput) { in.Version = n.Version })); err != nil {
				t.Fatal(err)
			}
			_, err := db.UpdateDraftNote(ctx, e.f.Peer, n.ID, e.input(func(in *store.NoteInput) { in.Version = n.Version }))
			wantKind(t, err, goldthread.ECONFLICT, "")
		})
	})
}

func TestNoteTimesRules(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e := newNoteEnv(t, db)
		at := func(h, m int) time.Time { return time.Date(2026, 3, 10, h, m, 0, 0, time.UTC) }
		for name, c := range map[string]struct {
			mut   func(*store.NoteInput)
			field string
		}{
			"EndAfterStart": {func(in *store.NoteInput) { in.Start, in.End = at(13, 0), at(12, 30) }, "end"},
			"ServiceDateNotFuture": {func(in *store.NoteInput) {
				in.ServiceDate, in.Start, in.End = goldthread.NewDate(2026, 3, 11), at(13, 0).AddDate(0, 0, 1), at(14, 0).AddDate(0, 0, 1)
			}, "service_date"},
			"DurationWithinMaximum": {func(in *store.NoteInput) {
				in.ServiceDate, in.Start, in.End = goldthread.NewDate(2026, 3, 9), at(5, 0).AddDate(0, 0, -1), at(13, 30).AddDate(0, 0, -1)
			}, "end"},
		} {
			t.Run(name, func(t *testing.T) {
				_, _, err := e.sign(e.draft(t, c.mut))
				wantKind(t, err, goldthread.EINVALID, c.field)
			})
		}
		t.Run("OverlapWithTheAuthorsOwnServiceBlocksSigningAndNamesIt", func(t *testing.T) {
			e.mustSign(t, e.draft(t, func(in *store.NoteInput) { in.Start, in.End = at(9, 0), at(9, 45) }))
			overlapping := func(in *store.NoteInput) {
				in.ParticipantID, in.Goals, in.SingleEventReason = e.f.MineToo.ID, nil, "First meeting before a plan."
				in.Start, in.End = at(9, 30), at(10, 0)
			}
			n := e.draft(t, overlapping)
			_, _, err := e.sign(n)
			wantKind(t, err, goldthread.EINVALID, "start")
			ps, err := db.SignProblems(context.Background(), e.f.Peer, n.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) != 1 || ps[0].RuleID != rules.RuleOverlapAuthor || ps[0].Remedy != goldthread.RemedyTimes || ps[0].Other == nil ||
				ps[0].Other.Participant != "Marcus Bell" || !ps[0].Other.Start.Equal(at(9, 0)) {
				t.Fatalf("problems = %+v; want the overlap naming Marcus's 9:00 service", ps)
			}
			// Not billed, it may be signed: the overlap is then a warning.
			n = e.draft(t, overlapping, func(in *store.NoteInput) { in.Billable, in.NonBillableReason = false, "A ride home." })
			_, findings, err := e.sign(n)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range findings {
				if f.RuleID == rules.RuleOverlapAuthor && f.Severity == rules.Warn {
					return
				}
			}
			t.Fatalf("no overlap warning in %+v", findings)
		})
	})
}

func TestNoteGoalLinksFollowThePlanInForce(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e := newNoteEnv(t, db)
		later := e.f.MustSignedPlan(t, db, e.f.SamplePlan(goldthread.NewDate(2026, 3, 20)))
		n := e.draft(t, func(in *store.NoteInput) {
			in.Goals = []goldthread.NoteGoal{{GoalID: later.Goals[0].ID, InterventionID: later.Goals[0].Interventions[0].ID}}
		})
		_, _, err := e.sign(n)
		wantKind(t, err, goldthread.EINVALID, "goals")
		// An intervention of another goal is refused already in the draft.
		_, err = db.CreateDraftNote(context.Background(), e.f.Peer, e.input(func(in *store.NoteInput) {
			in.Goals = []goldthread.NoteGoal{{GoalID: e.plan.Goals[0].ID, InterventionID: e.plan.Goals[1].Interventions[0].ID}}
		}))
		wantKind(t, err, goldthread.EINVALID, "goals")
	})
}

func TestNoteReaders(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		n := e.draft(t)
		t.Run("OnlyAuthorOrSupervisorReadsADraft", func(t *testing.T) {
			if _, err := db.Note(ctx, e.f.Supervisor, n.ID); err != nil {
				t.Fatalf("supervisor: %v", err)
			}
			for _, a := range []goldthread.Actor{e.f.Clinician, e.f.OtherPeer, e.f.Billing, e.f.ParticipantUser, e.f.Admin} {
				_, err := db.Note(ctx, a, n.ID)
				wantKind(t, err, goldthread.ENOTFOUND, "")
			}
			list, err := db.ListNotes(ctx, e.f.Clinician, goldthread.NoteFilter{ParticipantID: e.f.Mine.ID})
			if err != nil || len(list) != 0 {
				t.Fatalf("clinician lists %d drafts (%v)", len(list), err)
			}
		})
		signed := e.mustSign(t, n)
		t.Run("BillingSeesNoNarrative", func(t *testing.T) {
			got, err := db.Note(ctx, e.f.Billing, signed.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.PeerAction != "" || got.ParticipantResponse != "" || got.NextSteps != "" || got.Narrative || got.Minutes() != 45 {
				t.Fatalf("billing got narrative: %+v", got)
			}
			list, _ := db.ListNotes(ctx, e.f.Billing, goldthread.NoteFilter{ParticipantID: e.f.Mine.ID})
			if len(list) != 1 || list[0].PeerAction != "" {
				t.Fatalf("billing list: %+v", list)
			}
			if got, _ := db.Note(ctx, e.f.Clinician, signed.ID); got.PeerAction == "" {
				t.Fatal("a clinician cannot read the signed narrative")
			}
		})
	})
}

// TestSignedNoteNeverChanges tries what an intruder with SQL would.
func TestSignedNoteNeverChanges(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		d := e.draft(t)
		if _, err := db.AddParticipantWords(ctx, e.f.Peer, d.ID, d.Version, "I did the call myself.", "Marcus Bell"); err != nil {
			t.Fatal(err)
		}
		d, _ = db.Note(ctx, e.f.Peer, d.ID)
		n := e.mustSign(t, d)
		if n.ParticipantAckName != "Marcus Bell" || n.ParticipantAckAt.IsZero() {
			t.Fatalf("acknowledgement lost: %+v", n)
		}
		a, err := db.AddAddendum(ctx, e.f.Peer, n.ID, store.AddendumInput{Kind: goldthread.AddendumClarification,
			Body: "The landlord called back.", Password: storetest.Password, Attestation: "I attest."})
		if err != nil {
			t.Fatal(err)
		}
		for name, q := range map[string]string{
			"UpdateNote":          "UPDATE service_note SET peer_action = 'rewritten' WHERE id = ?",
			"UpdateOwnWords":      "UPDATE service_note SET participant_words = 'other words', participant_ack_name = 'X' WHERE id = ?",
			"UnsignNote":          "UPDATE service_note SET status = 'draft' WHERE id = ?",
			"DeleteNote":          "DELETE FROM service_note WHERE id = ?",
			"UpdateGoalLink":      "UPDATE note_goal SET goal_id = goal_id WHERE note_id = ?",
			"DeleteGoalLink":      "DELETE FROM note_goal WHERE note_id = ?",
			"AddGoalLink":         "INSERT INTO note_goal (note_id, position, goal_id) SELECT ?, 9, goal_id FROM note_goal LIMIT 1",
			"UpdateSignature":     "UPDATE note_signature SET name = 'Someone Else' WHERE note_id = ?",
			"DeleteSignature":     "DELETE FROM note_signature WHERE note_id = ?",
			"SecondSignature":     "INSERT INTO note_signature (note_id, user_id, name, attestation, signed_at, content_hash) SELECT ?, user_id, name, 'x', signed_at, 'x' FROM note_signature LIMIT 1",
			"UpdateAddendum":      "UPDATE note_addendum SET body = 'rewritten' WHERE note_id = ?",
			"DeleteAddendum":      "DELETE FROM note_addendum WHERE note_id = ?",
			"DismissAfterSigning": "INSERT INTO note_coach_dismissal (note_id, field, rule_id, words, severity, dismissed_by, dismissed_at) SELECT ?, 'peer_action', 'x', 'x', 'warn', author_id, created_at FROM service_note LIMIT 1",
		} {
			t.Run(name, func(t *testing.T) {
				if _, err := db.ExecRaw(ctx, q, n.ID); err == nil {
					t.Fatalf("the database accepted %q on a signed note", q)
				}
			})
		}
		t.Run("DraftIsNeverDeletedEither", func(t *testing.T) {
			if _, err := db.ExecRaw(ctx, "DELETE FROM service_note WHERE id = ?", e.draft(t).ID); err == nil {
				t.Fatal("a draft was deleted")
			}
		})
		t.Run("AddendumOnlyUnderASignedNote", func(t *testing.T) {
			_, err := db.AddAddendum(ctx, e.f.Peer, e.draft(t).ID, store.AddendumInput{Kind: goldthread.AddendumCorrection, Body: "x",
				Password: storetest.Password, Attestation: "x"})
			wantKind(t, err, goldthread.ECONFLICT, "")
		})
		got, err := db.Note(ctx, e.f.Peer, n.ID)
		if err != nil || got.PeerAction != n.PeerAction || len(got.Addenda) != 1 || got.Addenda[0].ID != a.ID || got.Addenda[0].Body != "The landlord called back." {
			t.Fatalf("after the attempts: %+v (%v)", got, err)
		}
	})
}

func TestLateEntry(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e := newNoteEnv(t, db)
		n := e.draft(t)
		if want := time.Date(2026, 3, 13, 13, 45, 0, 0, time.UTC); !n.Due.Equal(want) {
			t.Fatalf("due %v; want 72 hours after the end, %v", n.Due, want)
		}
		e.clock.Advance(80 * time.Hour)
		_, _, err := e.sign(n)
		wantKind(t, err, goldthread.EINVALID, "late_entry_reason")
		s, _, err := db.SignNote(context.Background(), e.f.Peer, n.ID, store.SignNoteInput{Password: storetest.Password,
			Attestation: "I attest.", LateEntryReason: "My phone was lost over the weekend."})
		if err != nil {
			t.Fatal(err)
		}
		if !s.Late() || s.LateEntryReason == "" {
			t.Fatalf("late note not labelled: %+v", s)
		}
	})
}

func TestCoachBlockNeedsASupervisorsDismissal(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		n := e.draft(t, func(in *store.NoteInput) { in.PeerAction = "I counseled him about the landlord calls." })
		_, _, err := e.sign(n)
		wantKind(t, err, goldthread.EINVALID, "peer_action")
		err = db.DismissCoachFinding(ctx, e.f.Peer, n.ID, "peer_action", "scope.counseled", "counseled him", "")
		wantKind(t, err, goldthread.EFORBIDDEN, "")
		if err := db.DismissCoachFinding(ctx, e.f.Supervisor, n.ID, "peer_action", "scope.counseled", "counseled him", "peer language in context"); err != nil {
			t.Fatal(err)
		}
		n, _ = db.Note(ctx, e.f.Peer, n.ID)
		e.mustSign(t, n)
	})
}

func TestNotesDue(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		soon := e.draft(t)
		old := e.draft(t, func(in *store.NoteInput) {
			in.ServiceDate, in.Start, in.End = goldthread.NewDate(2026, 3, 2), in.Start.AddDate(0, 0, -8), in.End.AddDate(0, 0, -8)
		})
		e.mustSign(t, e.draft(t, func(in *store.NoteInput) { in.Start, in.End = in.Start.Add(-4*time.Hour), in.End.Add(-4*time.Hour) }))
		due, err := db.NotesDue(ctx, e.f.Peer)
		if err != nil || len(due) != 2 || due[0].Note.ID != old.ID || !due[0].Overdue || due[1].Note.ID != soon.ID || due[1].Overdue {
			t.Fatalf("due = %+v (%v)", due, err)
		}
		over, err := db.OverdueNotes(ctx, e.f.Supervisor)
		if err != nil || len(over) != 1 || over[0].Note.ID != old.ID || over[0].ParticipantName != "Marcus Bell" {
			t.Fatalf("overdue = %+v (%v)", over, err)
		}
		if _, err := db.OverdueNotes(ctx, e.f.Peer); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
			t.Fatalf("a peer sees the team's overdue notes: %v", err)
		}
	})
}
