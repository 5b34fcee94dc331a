package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestRecordShowsOnlyOwnGroupLine: Marcus's record holds his group note
// with the shared description and his own response, never another
// attendee's name or response.
func TestRecordShowsOnlyOwnGroupLine(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f, clock := newGroupEnv(t, db)
		g, err := db.CreateGroupSession(ctx, f.Peer, groupInput(f, clock.T))
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range []goldthread.GroupAttendee{
			{ParticipantID: f.Mine.ID, Present: true, Response: "Said box breathing helps before bed."},
			{ParticipantID: f.MineToo.ID, Present: true, Response: "Said naming one thing in reach helps at work."},
		} {
			if _, err := db.SetAttendee(ctx, f.Peer, g.ID, a); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.SignGroupSession(ctx, f.Peer, g.ID, store.SignNoteInput{Password: storetest.Password, Attestation: "I attest."}); err != nil {
			t.Fatal(err)
		}
		rec, _, err := db.ParticipantRecord(ctx, f.ParticipantUser, f.Mine.ID)
		if err != nil || len(rec.Notes) != 1 || rec.Notes[0].Kind != goldthread.NoteGroup {
			t.Fatalf("record notes: %+v %v", rec.Notes, err)
		}
		n := rec.Notes[0]
		text := strings.Join([]string{n.PeerAction, n.ParticipantResponse, n.NextSteps, n.OthersPresent, n.ParticipantWords}, " ")
		if !strings.Contains(text, "box breathing") || !strings.Contains(text, "grounding skills") {
			t.Fatalf("own line or shared description missing: %q", text)
		}
		if strings.Contains(text, "Renee") || strings.Contains(text, "Alvarez") || strings.Contains(text, "naming one thing") {
			t.Fatalf("another attendee shows in Marcus's record: %q", text)
		}
	})
}
