package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestPasskeyProofSigns: a proof from a passkey stands in for the password
// on a signature once, for its owner, within two minutes; anything else is
// refused like a wrong password and audited.
func TestPasskeyProofSigns(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		sign := func(n goldthread.Note, secret string) error {
			_, _, err := db.SignNote(ctx, e.f.Peer, n.ID, store.SignNoteInput{Password: secret, Attestation: "I provided this service as described.", Version: n.Version})
			return err
		}
		shift := func(h int) func(*store.NoteInput) {
			return func(in *store.NoteInput) {
				in.Start, in.End = in.Start.Add(-time.Duration(h)*time.Hour), in.End.Add(-time.Duration(h)*time.Hour)
			}
		}

		proof, err := db.IssueReauthProof(ctx, e.f.Peer)
		if err != nil {
			t.Fatal(err)
		}
		t.Run("ProofSignsOnce", func(t *testing.T) {
			n := e.draft(t, shift(1))
			if err := sign(n, store.ReauthPrefix+proof); err != nil {
				t.Fatalf("a fresh proof did not sign: %v", err)
			}
			if got, _ := db.Note(ctx, e.f.Peer, n.ID); got.Status == goldthread.NoteDraft {
				t.Fatal("still a draft")
			}
			again := e.draft(t, shift(2))
			wantKind(t, sign(again, store.ReauthPrefix+proof), goldthread.EUNAUTHORIZED, "password")
		})
		t.Run("SomeoneElsesProofIsRefused", func(t *testing.T) {
			other, _ := db.IssueReauthProof(ctx, e.f.Supervisor)
			n := e.draft(t, shift(3))
			wantKind(t, sign(n, store.ReauthPrefix+other), goldthread.EUNAUTHORIZED, "password")
		})
		t.Run("ProofExpires", func(t *testing.T) {
			late, _ := db.IssueReauthProof(ctx, e.f.Peer)
			e.clock.Advance(3 * time.Minute)
			n := e.draft(t, shift(4))
			wantKind(t, sign(n, store.ReauthPrefix+late), goldthread.EUNAUTHORIZED, "password")
		})
		t.Run("AProofIsNotAPassword", func(t *testing.T) {
			n := e.draft(t, shift(5))
			wantKind(t, sign(n, proof), goldthread.EUNAUTHORIZED, "password")
			wantKind(t, sign(n, store.ReauthPrefix+storetest.Password), goldthread.EUNAUTHORIZED, "password")
		})
		t.Run("RefusalsAreAudited", func(t *testing.T) {
			refused := func() int {
				t.Helper()
				evs, err := db.AuditEvents(ctx, e.f.Auditor, store.AuditFilter{Action: goldthread.ActionSign, ActorID: e.f.Peer.UserID})
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, ev := range evs {
					if ev.Outcome == goldthread.OutcomeFailure && ev.Detail == "passkey_proof_refused" {
						n++
					}
				}
				return n
			}
			before := refused()
			other, _ := db.IssueReauthProof(ctx, e.f.Supervisor)
			n := e.draft(t, shift(6))
			wantKind(t, sign(n, store.ReauthPrefix+other), goldthread.EUNAUTHORIZED, "password")
			wantKind(t, sign(n, store.ReauthPrefix+storetest.Password), goldthread.EUNAUTHORIZED, "password")
			if got := refused(); got != before+2 {
				t.Fatalf("%d refused proofs audited after two more refusals, %d before; want 2 more", got, before)
			}
		})
	})
}
