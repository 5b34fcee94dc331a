package store_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestNoteSignedBetweenTheReadAndTheWriteIsCaught: a signature reads the
// draft's history before its write transaction; a service of the same
// author signed in that gap, overlapping the draft, still refuses the
// signature, and a copy of the draft's narrative signed about the same
// participant in the gap is still found, as when everything was checked
// inside the write transaction.
func TestNoteSignedBetweenTheReadAndTheWriteIsCaught(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		at := func(h, m int) time.Time { return time.Date(2026, 3, 10, h, m, 0, 0, time.UTC) }
		sign := func(n goldthread.Note, between func()) ([]rules.Finding, error) {
			_, kept, err := store.SignNoteWithGap(ctx, db, e.f.Peer, n.ID, store.SignNoteInput{Password: storetest.Password,
				Attestation: "I provided this service as described.", Version: n.Version}, between)
			return kept, err
		}

		draft := e.draft(t, func(in *store.NoteInput) { in.Start, in.End = at(9, 0), at(9, 45) })
		other := e.draft(t, func(in *store.NoteInput) {
			in.ParticipantID, in.Goals, in.SingleEventReason = e.f.MineToo.ID, nil, "First meeting before a plan."
			in.Start, in.End = at(9, 30), at(10, 0)
		})
		if ps, err := db.SignProblems(ctx, e.f.Peer, draft.ID); err != nil || len(ps) != 0 {
			t.Fatalf("before the other service is signed: %v %+v", err, ps)
		}
		_, err := sign(draft, func() { e.mustSign(t, other) })
		wantKind(t, err, goldthread.EINVALID, "start")

		// The copy: signed in the gap by another peer, about the same
		// participant (handed to the other peer's caseload and back).
		assign := func(peer goldthread.Actor) {
			t.Helper()
			if err := db.AssignCaseload(ctx, e.f.Admin, e.f.Mine.ID, peer.UserID, goldthread.NewDate(2026, 1, 5)); err != nil {
				t.Fatal(err)
			}
		}
		copyOf := func(in *store.NoteInput) {
			in.PeerAction, in.ParticipantResponse, in.NextSteps = clonedStory, "He said it went well.", "Gather pay stubs before Tuesday."
		}
		e.clock.T = at(17, 0)
		draft = e.draft(t, copyOf, func(in *store.NoteInput) { in.Start, in.End = at(14, 0), at(14, 45) })
		assign(e.f.OtherPeer)
		first, err := db.CreateDraftNote(ctx, e.f.OtherPeer, e.input(copyOf, func(in *store.NoteInput) { in.Start, in.End = at(11, 0), at(11, 45) }))
		if err != nil {
			t.Fatal(err)
		}
		assign(e.f.Peer)
		kept, err := sign(draft, func() {
			assign(e.f.OtherPeer)
			if _, _, err := db.SignNote(ctx, e.f.OtherPeer, first.ID, store.SignNoteInput{Password: storetest.Password,
				Attestation: "I provided this service as described.", Version: first.Version}); err != nil {
				t.Fatalf("the other peer's note: %v", err)
			}
			assign(e.f.Peer)
		})
		if f := findingOf(kept, rules.RuleClonedNarrative); err != nil || f == nil || f.Related != strconv.FormatInt(first.ID, 10) {
			t.Fatalf("the copy signed in the gap is not found: %v %+v", err, kept)
		}
	})
}
