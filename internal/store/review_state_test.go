package store_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// queueAgrees checks the supervisor's queue (pages of 2, walked by cursor)
// lists exactly awaiting, oldest first, with returned apart, that the team
// dashboard counts as many, and that each note's own review (built whole,
// as the queue decided before migration 0160) agrees: awaiting with a
// reason exactly when listed, and the item a page built with its
// neighbours equal to the note's review read alone.
func queueAgrees(t *testing.T, db *store.DB, e *reviewEnv, all []int64, awaiting, returned []int64) {
	t.Helper()
	ctx := context.Background()
	seen, totals := walkReview(t, db, e.f.Supervisor, 2, func(int) {})
	if !slices.Equal(seen, awaiting) || totals[0] != len(awaiting) {
		t.Fatalf("queue lists %v (total %d); want %v", seen, totals[0], awaiting)
	}
	q, err := db.ReviewQueuePage(ctx, e.f.Supervisor, store.ReviewPage{})
	if err != nil {
		t.Fatal(err)
	}
	if got := itemIDs(q.Returned); !slices.Equal(got, returned) {
		t.Fatalf("returned %v; want %v", got, returned)
	}
	rep, err := db.SupervisorReport(ctx, e.f.Supervisor, goldthread.ReportFilter{From: goldthread.NewDate(2026, 2, 1), To: goldthread.NewDate(2026, 3, 10)})
	if err != nil {
		t.Fatal(err)
	}
	counted := 0
	for _, b := range rep.Queue {
		counted += b.Count
	}
	if counted != len(awaiting) {
		t.Fatalf("the team dashboard counts %d awaiting; want %d", counted, len(awaiting))
	}
	listed := map[int64]goldthread.ReviewItem{}
	for _, it := range append(slices.Clone(q.Awaiting), q.Returned...) {
		listed[it.Note.ID] = it
	}
	for _, id := range all {
		it, err := db.ReviewNote(ctx, e.f.Supervisor, id)
		if err != nil {
			t.Fatal(err)
		}
		if page, ok := listed[id]; ok && !reflect.DeepEqual(page, it) {
			t.Fatalf("note %d read with its page:\n%+v\nread alone:\n%+v", id, page, it)
		}
		whole := it.State == goldthread.ReviewAwaiting && len(it.Reasons) > 0
		if whole != slices.Contains(awaiting, id) {
			t.Fatalf("note %d built whole: state %s reasons %v; the queue says awaiting=%v", id, it.State, it.Reasons, slices.Contains(awaiting, id))
		}
	}
}

// TestReviewQueueFollowsEachReviewWrite: signing puts a note in the queue,
// a return moves it to Returned, the author's addendum brings it back, an
// approval takes it out, an addendum after the approval brings it back
// again; the stored review state (note_review) moves in the same
// transaction as each write, so the queue's indexed count and page, the
// team dashboard and each note's own review agree after every step.
func TestReviewQueueFollowsEachReviewWrite(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newReviewEnv(t, db)
		queueAgrees(t, db, e, nil, nil, nil)
		newer := e.signed(t).ID
		queueAgrees(t, db, e, []int64{newer}, []int64{newer}, nil)
		older := e.signed(t).ID
		all := []int64{older, newer}
		queueAgrees(t, db, e, all, []int64{older, newer}, nil)

		if _, err := db.ReturnNote(ctx, e.f.Supervisor, newer, "Say which goal the calls served."); err != nil {
			t.Fatal(err)
		}
		queueAgrees(t, db, e, all, []int64{older}, []int64{newer})

		addendum := func(id int64) {
			t.Helper()
			if _, err := db.AddAddendum(ctx, e.f.Peer, id, store.AddendumInput{Kind: goldthread.AddendumClarification, Password: storetest.Password,
				Body: "The calls served the housing goal.", Attestation: "I attest that this addendum is accurate."}); err != nil {
				t.Fatal(err)
			}
		}
		addendum(newer) // the author answers the return
		queueAgrees(t, db, e, all, []int64{older, newer}, nil)

		if _, err := db.ApproveNotes(ctx, e.f.Supervisor, []int64{older}, storetest.Password); err != nil {
			t.Fatal(err)
		}
		queueAgrees(t, db, e, all, []int64{newer}, nil)

		addendum(older) // overtakes the approval
		queueAgrees(t, db, e, all, []int64{older, newer}, nil)

		if _, err := db.ApproveNotes(ctx, e.f.Supervisor, all, storetest.Password); err != nil {
			t.Fatal(err)
		}
		queueAgrees(t, db, e, all, nil, nil)
	})
}

// TestReviewQueueFindingsAnswerFollowsTheLexicon: a non-billable note
// awaits review only for its findings. The stored answer is judged with
// the agency's lexicon as it is now: silencing the rule that flagged the
// note takes it out of the queue, ending the silence brings it back.
func TestReviewQueueFindingsAnswerFollowsTheLexicon(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newReviewEnv(t, db)
		nonBillable := func(in *store.NoteInput) { in.Billable, in.NonBillableReason = false, "A ride home after the visit." }
		clean := e.signed(t, nonBillable).ID
		flagged := e.signed(t, nonBillable, func(in *store.NoteInput) {
			in.PeerAction = "He seemed paranoid about the landlord; we made two calls together."
		}).ID
		all := []int64{flagged, clean}
		queueAgrees(t, db, e, all, []int64{flagged}, nil)

		it, err := db.ReviewNote(ctx, e.f.Supervisor, flagged)
		if err != nil {
			t.Fatal(err)
		}
		rule := ""
		for _, f := range it.Findings {
			if f.Source == "coach" && f.Severity == "warn" {
				rule = f.RuleID
			}
		}
		if rule == "" {
			t.Fatalf("no warn-level coach finding on the flagged note: %+v", it.Findings)
		}
		silence, err := db.SilenceLexiconEntry(ctx, e.f.Admin, 0, rule, "coached in supervision")
		if err != nil {
			t.Fatal(err)
		}
		queueAgrees(t, db, e, all, nil, nil)

		if err := db.EndLexiconChange(ctx, e.f.Admin, silence.ID); err != nil {
			t.Fatal(err)
		}
		queueAgrees(t, db, e, all, []int64{flagged}, nil)

		if err := db.SetReviewAllNotes(ctx, e.f.Admin, true, "Quality project"); err != nil {
			t.Fatal(err)
		}
		queueAgrees(t, db, e, all, []int64{flagged, clean}, nil)
	})
}

// TestAcceptedAmendmentBringsAnApprovedNoteBack: a correction accepted on
// the participant's request is an addendum (written by DecideAmendment,
// not AddAddendum), so it overtakes the approval and the note awaits
// review again.
func TestAcceptedAmendmentBringsAnApprovedNoteBack(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newReviewEnv(t, db)
		note := e.signed(t).ID
		if _, err := db.ApproveNotes(ctx, e.f.Supervisor, []int64{note}, storetest.Password); err != nil {
			t.Fatal(err)
		}
		queueAgrees(t, db, e, []int64{note}, nil, nil)
		req, err := db.RequestAmendment(ctx, e.f.ParticipantUser, store.AmendmentInput{NoteID: note,
			WhatIsWrong: "I made one call, not two.", ShouldSay: "We made one call together."})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.DecideAmendment(ctx, e.f.Supervisor, req.ID, accept("Correction: we made one call together, not two.")); err != nil {
			t.Fatal(err)
		}
		queueAgrees(t, db, e, []int64{note}, []int64{note}, nil)
	})
}
