package store_test

import (
	"context"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread/internal/rules"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestStoredTextSignatureGivesTheSameFindings: the cloned-text check
// reads each past note's text signature stored at its signing, and a
// note signed before signatures were stored (no row) is compared from
// its text, with the very same findings; so are the signatures kept in
// memory (by id) once a read transaction has read them. A stored signature
// that says something else than the text is believed, which shows the
// stored one is what is read, and, once kept, is not read again.
func TestStoredTextSignatureGivesTheSameFindings(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		story := func(text string) func(*store.NoteInput) {
			return func(in *store.NoteInput) {
				in.PeerAction, in.ParticipantResponse, in.NextSteps = text, "He said it went well.", "Gather pay stubs before Tuesday."
			}
		}
		others := []string{
			"We walked to the food bank together and he asked the volunteer about the hours for families on weekends. " +
				"He filled in the form on his own and we talked about the bus route home and what to cook this week.",
			"She told me about the argument with her sister and we practised what she might say when they meet on Sunday. " +
				"She wrote two sentences to start with and felt calmer by the end of our time together in the park.",
		}
		var ids []int64
		for i, text := range others {
			ids = append(ids, e.signed(t, onMarch(3+i, 13), story(text)).ID)
		}
		first := e.signed(t, onMarch(2, 13), story(clonedStory))
		words := strings.Fields(clonedStory)
		for i := 5; i < len(words); i += 10 {
			words[i] = "then"
		}
		copied := e.signed(t, onMarch(9, 13), story(strings.Join(words, " ")))
		ids = append(ids, first.ID, copied.ID)

		findings := func() []rules.Finding {
			t.Helper()
			rf, _, err := db.NoteFindings(ctx, e.f.Supervisor, copied.ID)
			if err != nil {
				t.Fatal(err)
			}
			return rf
		}
		kept := findings() // past signatures kept in memory by the signatures above
		store.ForgetTextSignatures(db)
		stored := findings()
		if f := findingOf(stored, rules.RuleClonedNarrative); f == nil || f.Related != strconv.FormatInt(first.ID, 10) {
			t.Fatalf("the copy is not found from stored signatures: %+v", stored)
		}
		if !reflect.DeepEqual(stored, kept) {
			t.Fatalf("findings from stored signatures:\n%+v\nfrom kept ones:\n%+v", stored, kept)
		}
		// As if every note had been signed before migration 0071.
		for _, id := range ids {
			if _, err := db.ExecRaw(ctx, "DELETE FROM note_text_signature WHERE note_id = ?", id); err != nil {
				t.Fatal(err)
			}
		}
		if recomputed := findings(); !reflect.DeepEqual(stored, recomputed) {
			t.Fatalf("findings from stored signatures:\n%+v\nfrom the texts:\n%+v", stored, recomputed)
		}
		// The original's stored signature says another text: believed
		// (findings run in a write transaction, which keeps nothing).
		wrong := func() {
			t.Helper()
			other := rules.NewTextSignature(rules.CloneText(rules.Note{PeerAction: others[0]}))
			if _, err := db.ExecRaw(ctx, "INSERT INTO note_text_signature (note_id, signature) VALUES (?, ?)", first.ID, other.Encode()); err != nil {
				t.Fatal(err)
			}
		}
		wrong()
		if f := findingOf(findings(), rules.RuleClonedNarrative); f != nil && f.Related == strconv.FormatInt(first.ID, 10) {
			t.Fatalf("the stored signature was not read: %+v", f)
		}
		// A signature kept from a read is used without reading the row:
		// a signing reads the original's true signature, then the row says
		// another text.
		setRow := func(ts rules.TextSignature) {
			t.Helper()
			if _, err := db.ExecRaw(ctx, "DELETE FROM note_text_signature WHERE note_id = ?", first.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := db.ExecRaw(ctx, "INSERT INTO note_text_signature (note_id, signature) VALUES (?, ?)", first.ID, ts.Encode()); err != nil {
				t.Fatal(err)
			}
		}
		setRow(rules.NewTextSignature(rules.CloneText(rules.Note{PeerAction: clonedStory, ParticipantResponse: "He said it went well.",
			NextSteps: "Gather pay stubs before Tuesday."})))
		store.ForgetTextSignatures(db)
		e.signed(t, onMarch(6, 13), story(others[1]+" Then we planned the next visit."))
		setRow(rules.NewTextSignature(rules.CloneText(rules.Note{PeerAction: others[0]})))
		if f := findingOf(findings(), rules.RuleClonedNarrative); f == nil || f.Related != strconv.FormatInt(first.ID, 10) {
			t.Fatalf("the kept signature was not used: %+v", f)
		}
	})
}
