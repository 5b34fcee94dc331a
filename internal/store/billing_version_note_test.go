package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestEachNoteRowMovesItsParticipantAndAuthor: every row a signature, an
// addendum or an approval writes moves the billing versions of the note's
// participant and its author, each on its own (the triggers of migration
// 0150; static SQL on PostgreSQL since 0205). Signing writes three of
// them in one transaction, so a signature alone would not notice one of
// them gone; here each is written alone, and each case fails when its
// trigger is dropped.
func TestEachNoteRowMovesItsParticipantAndAuthor(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name  string
		write func(t *testing.T, e *billEnv, draft goldthread.Note, mark func())
	}{
		{"TextSignature", func(t *testing.T, e *billEnv, n goldthread.Note, mark func()) {
			exec(t, e.db, "INSERT INTO note_text_signature (note_id, signature) VALUES (?, ?)", n.ID, "s")
		}},
		{"Signature", func(t *testing.T, e *billEnv, n goldthread.Note, mark func()) {
			exec(t, e.db, "INSERT INTO note_signature (note_id, user_id, name, attestation, signed_at, content_hash) VALUES (?, ?, ?, ?, ?, ?)",
				n.ID, e.f.Peer.UserID, "Pat Peer", "I attest.", e.clock.T, "h")
		}},
		{"NoteSigned", func(t *testing.T, e *billEnv, n goldthread.Note, mark func()) {
			exec(t, e.db, "UPDATE service_note SET status = ?, signed_at = ?, content_hash = ? WHERE id = ?", "signed", e.clock.T, "h", n.ID)
		}},
		{"Addendum", func(t *testing.T, e *billEnv, n goldthread.Note, mark func()) {
			s := e.mustSign(t, n)
			mark()
			if _, err := e.db.AddAddendum(ctx, e.f.Peer, s.ID, store.AddendumInput{Kind: "clarification", Body: "The calls were to two landlords.",
				Password: storetest.Password, Attestation: "I attest."}); err != nil {
				t.Fatal(err)
			}
		}},
		{"Approval", func(t *testing.T, e *billEnv, n goldthread.Note, mark func()) {
			s := e.mustSign(t, n)
			mark()
			e.approve(t, s.ID)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			storetest.Engines(t, func(t *testing.T, db *store.DB) {
				e := newBillEnv(t, db)
				n := e.draft(t, onMarch(9, 13))
				e.clock.T = n.End.Add(time.Hour)
				version := func(scope string, id int64) int {
					return countBilling(t, db, "SELECT COALESCE(MAX(version), 0) FROM billing_version WHERE scope = ? AND scope_id = ?", scope, id)
				}
				var participant, author int
				mark := func() { participant, author = version("participant", e.f.Mine.ID), version("staff", e.f.Peer.UserID) }
				mark()
				c.write(t, e, n, mark)
				if got := version("participant", e.f.Mine.ID); got <= participant {
					t.Errorf("participant's version %d -> %d: want it moved", participant, got)
				}
				if got := version("staff", e.f.Peer.UserID); got <= author {
					t.Errorf("author's version %d -> %d: want it moved", author, got)
				}
			})
		})
	}
}
