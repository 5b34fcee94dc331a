package store_test

import (
	"context"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// portalEnv is noteEnv with one signed note for Marcus.
func portalEnv(t *testing.T, db *store.DB) (*noteEnv, goldthread.Note) {
	t.Helper()
	e := newNoteEnv(t, db)
	return e, e.mustSign(t, e.draft(t))
}

func accept(correction string) store.AmendmentDecisionInput {
	return store.AmendmentDecisionInput{Outcome: goldthread.AmendmentAccepted, Correction: correction,
		Attestation: "I reviewed the request and correct the record.", Password: storetest.Password}
}

func TestAmendmentRequestAndDecision(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e, note := portalEnv(t, db)
		ctx, f := context.Background(), e.f
		ask := store.AmendmentInput{NoteID: note.ID, WhatIsWrong: "I made one call, not two.", ShouldSay: "We made one call together."}
		t.Run("OnlyTheParticipantAsks", func(t *testing.T) {
			if _, err := db.RequestAmendment(ctx, f.Peer, ask); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("peer asking: %v", err)
			}
		})
		t.Run("FieldsAreNamed", func(t *testing.T) {
			bad := ask
			bad.ShouldSay = " "
			wantKind(t, must1(db.RequestAmendment(ctx, f.ParticipantUser, bad)), goldthread.EINVALID, "should_say")
			bad = ask
			bad.PlanID = e.plan.ID
			wantKind(t, must1(db.RequestAmendment(ctx, f.ParticipantUser, bad)), goldthread.EINVALID, "note_id")
		})
		t.Run("DraftsCannotBeAmended", func(t *testing.T) {
			d := e.draft(t)
			if _, err := db.RequestAmendment(ctx, f.ParticipantUser, store.AmendmentInput{NoteID: d.ID, WhatIsWrong: "x", ShouldSay: "y"}); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("a draft is not the participant's to see: %v", err)
			}
		})
		req, err := db.RequestAmendment(ctx, f.ParticipantUser, ask)
		if err != nil || req.Status() != goldthread.AmendmentPending {
			t.Fatalf("request: %+v %v", req, err)
		}
		t.Run("AwaitingTheAuthorsSupervisorAndClinicians", func(t *testing.T) {
			for name, a := range map[string]goldthread.Actor{"supervisor": f.Supervisor, "clinician": f.Clinician} {
				list, err := db.AmendmentsAwaiting(ctx, a)
				if err != nil || len(list) != 1 || list[0].ID != req.ID || !list[0].CanDecide {
					t.Errorf("%s awaiting = %+v, %v", name, list, err)
				}
			}
			for name, a := range map[string]goldthread.Actor{"author": f.Peer, "billing": f.Billing, "participant": f.ParticipantUser} {
				if list, _ := db.AmendmentsAwaiting(ctx, a); len(list) != 0 {
					t.Errorf("%s sees %d requests to decide", name, len(list))
				}
			}
		})
		t.Run("TheAuthorDoesNotDecide", func(t *testing.T) {
			if _, err := db.DecideAmendment(ctx, f.Peer, req.ID, accept("One call.")); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("author deciding: %v", err)
			}
		})
		t.Run("DecisionIsASignature", func(t *testing.T) {
			in := accept("One call.")
			in.Password = "wrong"
			wantKind(t, must1(db.DecideAmendment(ctx, f.Supervisor, req.ID, in)), goldthread.EUNAUTHORIZED, "password")
			wantKind(t, must1(db.DecideAmendment(ctx, f.Supervisor, req.ID, store.AmendmentDecisionInput{Outcome: "denied", Password: storetest.Password})),
				goldthread.EINVALID, "reason")
		})
		got, err := db.DecideAmendment(ctx, f.Supervisor, req.ID, accept("Correction: we made one call together, not two."))
		if err != nil || got.Status() != goldthread.AmendmentAccepted || got.Decision.AddendumID == 0 {
			t.Fatalf("accept: %+v %v", got, err)
		}
		t.Run("AcceptanceAddsALinkedCorrection", func(t *testing.T) {
			n, err := db.Note(ctx, f.ParticipantUser, note.ID)
			if err != nil || len(n.Addenda) != 1 || n.Addenda[0].ID != got.Decision.AddendumID || n.Addenda[0].Kind != goldthread.AddendumCorrection ||
				n.Addenda[0].AuthorID != f.Supervisor.UserID {
				t.Fatalf("addenda = %+v, %v", n.Addenda, err)
			}
		})
		t.Run("DecidedOnce", func(t *testing.T) {
			if _, err := db.DecideAmendment(ctx, f.Clinician, req.ID, accept("again")); goldthread.ErrorKind(err) != goldthread.ECONFLICT {
				t.Fatalf("second decision: %v", err)
			}
		})
		t.Run("DenialThenStatement", func(t *testing.T) {
			plan := store.AmendmentInput{PlanID: e.plan.ID, WhatIsWrong: "My goal says apartment.", ShouldSay: "A room of my own is fine."}
			r2, err := db.RequestAmendment(ctx, f.ParticipantUser, plan)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.AddDisagreement(ctx, f.ParticipantUser, r2.ID, "I disagree."); goldthread.ErrorKind(err) != goldthread.ECONFLICT {
				t.Fatalf("statement before a denial: %v", err)
			}
			deny := store.AmendmentDecisionInput{Outcome: goldthread.AmendmentDenied, Reason: "The plan quotes your words from the planning meeting.", Password: storetest.Password}
			if r2, err = db.DecideAmendment(ctx, f.Clinician, r2.ID, deny); err != nil || r2.Status() != goldthread.AmendmentDenied {
				t.Fatalf("deny: %v", err)
			}
			if _, err := db.AddDisagreement(ctx, f.Peer, r2.ID, "I disagree."); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("staff writing the statement: %v", err)
			}
			if r2, err = db.AddDisagreement(ctx, f.ParticipantUser, r2.ID, "A room is what I asked for."); err != nil || r2.Statement == nil {
				t.Fatalf("statement: %+v %v", r2, err)
			}
			if _, err := db.AddDisagreement(ctx, f.ParticipantUser, r2.ID, "again"); goldthread.ErrorKind(err) != goldthread.ECONFLICT {
				t.Fatalf("second statement: %v", err)
			}
			rec, _, err := db.ParticipantRecord(ctx, f.Peer, f.Mine.ID)
			if err != nil || len(rec.Amendments) != 2 || rec.Amendments[0].Statement == nil {
				t.Fatalf("the record does not carry the statement: %+v %v", rec.Amendments, err)
			}
		})
		t.Run("OutOfReach", func(t *testing.T) {
			if _, err := db.Amendment(ctx, f.OtherPeer, req.ID); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("other peer reading: %v", err)
			}
		})
	})
}

// must1 drops the value of a two-result call and keeps its error.
func must1[T any](_ T, err error) error { return err }

func TestAmendmentRowsAreAppendOnly(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e, note := portalEnv(t, db)
		ctx, f := context.Background(), e.f
		req, err := db.RequestAmendment(ctx, f.ParticipantUser, store.AmendmentInput{NoteID: note.ID, WhatIsWrong: "a", ShouldSay: "b"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.DecideAmendment(ctx, f.Supervisor, req.ID, accept("fixed")); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			"UPDATE amendment_request SET should_say = 'changed'",
			"DELETE FROM amendment_request",
			"UPDATE amendment_decision SET outcome = 'denied'",
			"DELETE FROM amendment_decision",
		} {
			if _, err := db.ExecRaw(ctx, q); err == nil {
				t.Errorf("%s: allowed", q)
			}
		}
		// A statement of disagreement follows a denial only, even by raw SQL.
		if _, err := db.ExecRaw(ctx, "INSERT INTO amendment_statement (request_id, body, written_by, written_at) VALUES (?, 'x', ?, ?)",
			req.ID, f.ParticipantUser.UserID, e.clock.T); err == nil {
			t.Error("a statement on an accepted request was inserted")
		}
	})
}
