package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestSignedNoteIsTheStoredNote: the note SignNote answers with (built
// from the draft it checked and what signing wrote, not read back) is the
// note a later read gives: status, content hash, late reason, updated
// time, the signature, the goal links and a supervisor's dismissal. The
// peer's phone shows the answer as the signed note; a field missing from
// it would show a note other than the one on record.
func TestSignedNoteIsTheStoredNote(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		n := e.draft(t, func(in *store.NoteInput) { in.PeerAction = "I counseled him about the landlord calls." })
		if err := db.DismissCoachFinding(ctx, e.f.Supervisor, n.ID, "peer_action", "scope.counseled", "counseled him", "peer language in context"); err != nil {
			t.Fatal(err)
		}
		e.clock.Advance(80 * time.Hour) // late: the reason is written with the signature
		signed, _, err := db.SignNote(ctx, e.f.Peer, n.ID, store.SignNoteInput{Password: storetest.Password,
			Attestation: "I provided this service as described.", LateEntryReason: "My phone was lost over the weekend.", Version: n.Version})
		if err != nil {
			t.Fatal(err)
		}
		stored, err := db.Note(ctx, e.f.Peer, n.ID)
		if err != nil {
			t.Fatal(err)
		}
		if signed.Signature == nil || len(signed.Dismissals) != 1 || len(signed.Goals) != 1 || signed.LateEntryReason == "" {
			t.Fatalf("signed note lacks its signature, dismissal, goal or late reason: %+v", signed)
		}
		if !reflect.DeepEqual(signed, stored) {
			t.Fatalf("SignNote answered\n%+v\nsignature %+v\nthe stored note is\n%+v\nsignature %+v", signed, *signed.Signature, stored, *stored.Signature)
		}
	})
}
