package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// dropFreezeTriggers removes the triggers that keep signed notes and plans
// unchanged, the way an intruder with database access would.
func dropFreezeTriggers(t *testing.T, db *store.DB) {
	t.Helper()
	stmts := []string{"DROP TRIGGER service_note_signed_no_update", "DROP TRIGGER plan_goal_signed_no_update"}
	if db.Engine == store.Postgres {
		stmts = []string{"DROP TRIGGER service_note_frozen ON service_note", "DROP TRIGGER plan_goal_signed_frozen ON plan_goal"}
	}
	for _, s := range stmts {
		if _, err := db.ExecRaw(context.Background(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func TestIntegrityFindsAlteredSignedRecords(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e, note := portalEnv(t, db)
		ctx, f := context.Background(), e.f
		for _, check := range []func() (bool, error){
			func() (bool, error) { r, err := db.VerifyNote(ctx, f.ParticipantUser, note.ID); return r.OK, err },
			func() (bool, error) { r, err := db.VerifyPlan(ctx, f.Clinician, e.plan.ID); return r.OK, err },
		} {
			if ok, err := check(); !ok || err != nil {
				t.Fatalf("an untouched record fails: %v", err)
			}
		}
		if n, bad, err := db.VerifyIntegrity(ctx); err != nil || bad != nil || n != 2 {
			t.Fatalf("verify all: %d %+v %v", n, bad, err)
		}
		dropFreezeTriggers(t, db)
		if _, err := db.ExecRaw(ctx, "UPDATE plan_goal SET participant_words = ? WHERE plan_id = ?", "I want whatever staff say", e.plan.ID); err != nil {
			t.Fatal(err)
		}
		if r, err := db.VerifyPlan(ctx, f.Clinician, e.plan.ID); err != nil || r.OK || r.Problem == "" {
			t.Fatalf("altered plan passes: %+v %v", r, err)
		}
		if _, bad, _ := db.VerifyIntegrity(ctx); bad == nil || bad.RecordType != "plan" || bad.RecordID != e.plan.ID {
			t.Fatalf("verify all after altering the plan: %+v", bad)
		}
		if _, err := db.ExecRaw(ctx, "UPDATE service_note SET peer_action = ? WHERE id = ?", "Something else happened.", note.ID); err != nil {
			t.Fatal(err)
		}
		if r, err := db.VerifyNote(ctx, f.Peer, note.ID); err != nil || r.OK || r.Stored == r.Computed {
			t.Fatalf("altered note passes: %+v %v", r, err)
		}
		if _, bad, _ := db.VerifyIntegrity(ctx); bad == nil || bad.RecordType != "note" || bad.RecordID != note.ID {
			t.Fatalf("verify all names %+v; want the note first", bad)
		}
		if _, err := db.VerifyNote(ctx, f.OtherPeer, note.ID); err == nil {
			t.Fatal("a peer out of reach verified the note")
		}
	})
}

// TestIntegrityCoversAddenda: an addendum's hash re-verifies after a round
// trip through each engine, and an addendum altered behind the
// application's back makes its note fail the check, naming the addendum.
func TestIntegrityCoversAddenda(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e, note := portalEnv(t, db)
		ctx, f := context.Background(), e.f
		a, err := db.AddAddendum(ctx, f.Peer, note.ID, store.AddendumInput{Kind: goldthread.AddendumClarification,
			Body: "We met at the library after the call.", Password: storetest.Password, Attestation: "I attest."})
		if err != nil {
			t.Fatal(err)
		}
		if r, err := db.VerifyNote(ctx, f.Peer, note.ID); err != nil || !r.OK {
			t.Fatalf("a note with an untouched addendum fails: %+v %v", r, err)
		}
		drop := "DROP TRIGGER note_addendum_no_update"
		if db.Engine == store.Postgres {
			drop = "DROP TRIGGER note_addendum_append_only ON note_addendum"
		}
		if _, err := db.ExecRaw(ctx, drop); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecRaw(ctx, "UPDATE note_addendum SET body = ? WHERE id = ?", "We never met.", a.ID); err != nil {
			t.Fatal(err)
		}
		r, err := db.VerifyNote(ctx, f.Peer, note.ID)
		if err != nil || r.OK || !strings.Contains(r.Problem, fmt.Sprintf("addendum %d", a.ID)) {
			t.Fatalf("altered addendum passes: %+v %v", r, err)
		}
		if _, bad, _ := db.VerifyIntegrity(ctx); bad == nil || bad.RecordID != note.ID {
			t.Fatalf("verify all: %+v", bad)
		}
	})
}
