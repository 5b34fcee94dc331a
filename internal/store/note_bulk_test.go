package store_test

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
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

// bulkNote is e's note on March day at hour, signed by the peer that
// evening, telling text.
func (e *noteEnv) bulkNote(day, hour int, text string, mut ...func(*store.NoteInput)) store.AuthoredNote {
	in := e.input(onMarch(day, hour), func(in *store.NoteInput) { in.PeerAction = text })
	for _, m := range mut {
		m(&in)
	}
	return store.AuthoredNote{Author: e.f.Peer, Note: in, At: time.Date(2026, 3, day, 22, 0, 0, 0, time.UTC)}
}

// TestNoteLoadFindingsAreTheApps: a load that carries its history in
// memory across batches stores, for each note, the findings the app's own
// path computes for it from the database (NoteFindings, as of the
// note's signature, right after it), here a copied narrative found in a
// note of an earlier batch; Verify finds the carried history equal to
// the database's for every note, and notices when it is not.
func TestNoteLoadFindingsAreTheApps(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		load := db.NewNoteLoad("I provided these services as described.")
		load.Verify = true
		others := []string{
			"We walked to the food bank together and he asked the volunteer about the hours for families on weekends. " +
				"He filled in the form on his own and we talked about the bus route home and what to cook this week.",
			"She told me about the argument with her sister and we practised what she might say when they meet on Sunday. " +
				"She wrote two sentences to start with and felt calmer by the end of our time together in the park.",
		}
		words := strings.Fields(clonedStory)
		for i := 5; i < len(words); i += 10 {
			words[i] = "then"
		}
		batches := [][]store.AuthoredNote{
			{e.bulkNote(2, 13, clonedStory), e.bulkNote(3, 13, others[0])},
			{e.bulkNote(4, 13, others[1]), e.bulkNote(5, 9, others[0]+" Then we planned Friday.")},
			{e.bulkNote(9, 13, strings.Join(words, " "))},
		}
		var first, copied int64
		for b, batch := range batches {
			ids, err := load.Sign(ctx, batch)
			if err != nil {
				t.Fatalf("batch %d: %v", b+1, err)
			}
			// The newest note's findings, recomputed now as the app does,
			// see the same history it was signed with.
			last := ids[len(ids)-1]
			db.Now = func() time.Time { return batch[len(batch)-1].At }
			recomputed, _, err := db.NoteFindings(ctx, e.f.Supervisor, last)
			if err != nil {
				t.Fatal(err)
			}
			stored, signed, err := db.SignatureFindings(ctx, e.f.Supervisor, last)
			if err != nil || !signed {
				t.Fatalf("note %d: signed %v, %v", last, signed, err)
			}
			if got, want := mustJSON(t, stored), mustJSON(t, recomputed); got != want {
				t.Fatalf("batch %d: the load stored\n%s\nthe app computes\n%s", b+1, got, want)
			}
			if b == 0 {
				first = ids[0]
			}
			copied = last
		}
		stored, _, err := db.SignatureFindings(ctx, e.f.Supervisor, copied)
		if err != nil {
			t.Fatal(err)
		}
		if f := findingOf(stored, rules.RuleClonedNarrative); f == nil || f.Related != strconv.FormatInt(first, 10) {
			t.Fatalf("the copy of note %d, in another batch, is not found: %+v", first, stored)
		}
		if _, brk, err := db.VerifyAudit(ctx); err != nil || brk != nil {
			t.Fatalf("chain after a load: %v %v", brk, err)
		}
		if _, bad, err := db.VerifyIntegrity(ctx); err != nil || bad != nil {
			t.Fatalf("integrity after a load: %v %v", bad, err)
		}

		t.Run("VerifyNoticesAWrongHistory", func(t *testing.T) {
			store.CorruptNoteLoad(load)
			_, err := load.Sign(ctx, []store.AuthoredNote{e.bulkNote(10, 9, others[1])})
			if goldthread.ErrorKind(err) != goldthread.EINTERNAL {
				t.Fatalf("a carried history the database does not hold: %v", err)
			}
		})
	})
}

// TestNoteLoadRunsTheSigningChecks: every note of a load goes through the
// checks of signing, the history carried from earlier batches included: a
// note overlapping the author's note of an earlier batch, a goal outside
// the plan and a clinical word are each refused with the field to fix,
// and nothing of their batch is written.
func TestNoteLoadRunsTheSigningChecks(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		load := db.NewNoteLoad("I provided these services as described.")
		if _, err := load.Sign(ctx, []store.AuthoredNote{e.bulkNote(2, 13, "We practiced the bus route to the job center.")}); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name, field string
			note        store.AuthoredNote
		}{
			{"OverlapWithAnEarlierBatch", "start", e.bulkNote(2, 13, "We walked to the library and looked at the calendar.",
				func(in *store.NoteInput) { in.Start, in.End = in.Start.Add(20*time.Minute), in.End.Add(20*time.Minute) })},
			{"GoalNotInThePlan", "goals", e.bulkNote(3, 13, "We walked to the library and looked at the calendar.",
				func(in *store.NoteInput) { in.Goals = []goldthread.NoteGoal{{GoalID: 1 << 40}} })},
			{"CoachBlock", "peer_action", e.bulkNote(4, 13, "I counseled him about the landlord calls.")},
		} {
			t.Run(c.name, func(t *testing.T) {
				fine := e.bulkNote(6, 9, "We practiced what to say to the benefits worker.")
				_, err := load.Sign(ctx, []store.AuthoredNote{fine, c.note})
				if goldthread.ErrorKind(err) != goldthread.EINVALID || goldthread.ErrorField(err) != c.field {
					t.Fatalf("want EINVALID on %s, got %v (%s)", c.field, err, goldthread.ErrorField(err))
				}
			})
		}
		list, err := db.ListNotes(ctx, e.f.Peer, goldthread.NoteFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 {
			t.Fatalf("%d notes after refused batches; want the first one", len(list))
		}
	})
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
