package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestSignedNotesInBulk: the seed's bulk path writes what the app writes
// (signature, lock, a create and a sign audit event per note, an unbroken
// chain) and is all or nothing.
func TestSignedNotesInBulk(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		second := e.input(func(in *store.NoteInput) { in.Start, in.End = in.Start.Add(-2*time.Hour), in.End.Add(-2*time.Hour) })
		ids, err := db.SignedNotesInBulk(ctx, []store.AuthoredNote{{Author: e.f.Peer, Note: e.input()}, {Author: e.f.Peer, Note: second}}, "I provided these services as described.")
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			n, err := db.Note(ctx, e.f.Peer, id)
			if err != nil {
				t.Fatal(err)
			}
			if n.Status != goldthread.NoteSigned || n.Signature == nil || n.ContentHash == "" {
				t.Fatalf("note %d: %s, signature %v", id, n.Status, n.Signature)
			}
		}
		events, err := db.AuditEvents(ctx, e.f.Auditor, store.AuditFilter{Oldest: true})
		if err != nil {
			t.Fatal(err)
		}
		created, signed := 0, 0
		for _, ev := range events {
			if ev.RecordType == "note" && ev.Action == goldthread.ActionCreate {
				created++
			}
			if ev.RecordType == "note" && ev.Action == goldthread.ActionSign && ev.Outcome == goldthread.OutcomeSuccess {
				signed++
			}
		}
		if created != 2 || signed != 2 {
			t.Fatalf("%d create and %d sign events; want 2 of each", created, signed)
		}
		if _, brk, err := db.VerifyAudit(ctx); err != nil || brk != nil {
			t.Fatalf("chain after a bulk load: %v %v", brk, err)
		}

		t.Run("AllOrNothing", func(t *testing.T) {
			third := e.input(func(in *store.NoteInput) { in.Start, in.End = in.Start.Add(-4*time.Hour), in.End.Add(-4*time.Hour) })
			future := e.input(func(in *store.NoteInput) {
				in.ServiceDate = goldthread.NewDate(2026, 3, 11)
				in.Start, in.End = in.Start.Add(24*time.Hour), in.End.Add(24*time.Hour)
			})
			_, err := db.SignedNotesInBulk(ctx, []store.AuthoredNote{{Author: e.f.Peer, Note: third}, {Author: e.f.Peer, Note: future}}, "I provided these services as described.")
			if err == nil {
				t.Fatal("a note in the future was signed in bulk")
			}
			list, err := db.ListNotes(ctx, e.f.Peer, goldthread.NoteFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 2 {
				t.Fatalf("%d notes after a refused batch; want the 2 before it", len(list))
			}
		})
		t.Run("OnlyWritersOfNotes", func(t *testing.T) {
			_, err := db.SignedNotesInBulk(ctx, []store.AuthoredNote{{Author: e.f.Billing, Note: e.input()}}, "I provided these services as described.")
			if goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("billing writing notes in bulk: %v", err)
			}
		})
	})
}
