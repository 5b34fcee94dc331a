package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestAnExportLeavesOtherParticipantsRunsFresh: claiming Marcus's service
// moves his version, so his run goes stale and the worklist then equals a
// fresh scrub (the claimed service gone); it no longer moves the version
// of the peer who served it (migration 0200), since no verdict reads the
// claims of another participant: Renee's run, whose service the same peer
// wrote, stays fresh, and is still what a fresh scrub says.
func TestAnExportLeavesOtherParticipantsRunsFresh(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		e.billable(t, onMarch(9, 13))
		e.billable(t, onMarch(5, 9), func(in *store.NoteInput) {
			// Renee has no plan, diagnosis or authorization: blocked, never claimed.
			in.ParticipantID, in.Goals, in.SingleEventReason = e.f.MineToo.ID, nil, "First meeting before the plan."
		})
		if err := db.RefreshVerdicts(ctx, e.f.Billing, e.f.Program.ID, marchFrom, marchTo); err != nil {
			t.Fatal(err)
		}
		if known := asStored(t, e); known.Pending != 0 || known.ReadyCount != 1 || known.BlockedCount != 1 {
			t.Fatalf("after the check: %d pending, %d ready, %d blocked; want 0, 1, 1", known.Pending, known.ReadyCount, known.BlockedCount)
		}
		e.exportMarch(t)
		if known := asStored(t, e); known.Pending != 1 {
			t.Fatalf("after Marcus's service was claimed, %d participants pending; want 1 (Marcus: Renee's run reads nothing of his claims)",
				known.Pending)
		}
		if got, want := worklistShape(t, db, e), scrubbedShape(t, db, e); got != want {
			t.Fatalf("after the export:\n%s\nscrubbed:\n%s", got, want)
		}
		if known := asStored(t, e); known.Pending != 0 || known.ReadyCount != 0 || known.BlockedCount != 1 {
			t.Fatalf("after the next read: %d pending, %d ready, %d blocked; want 0, 0 and Renee's 1", known.Pending, known.ReadyCount, known.BlockedCount)
		}
	})
}

// TestClaimedServiceMovesItsParticipantsVersion: claimed services written
// straight in the table, one statement for notes of two participants,
// move each participant's version (the trigger of migration 0150, run
// once a statement on PostgreSQL since 0200), and not the version of the
// peer who wrote the notes (0200).
func TestClaimedServiceMovesItsParticipantsVersion(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e := newBillEnv(t, db)
		claim, _, _ := e.exported(t)
		marcus := e.billable(t, onMarch(4, 9))
		renee := e.signed(t, onMarch(5, 9), func(in *store.NoteInput) {
			in.ParticipantID, in.Goals, in.SingleEventReason = e.f.MineToo.ID, nil, "First meeting before the plan."
		})
		version := func(scope string, id int64) int {
			return countBilling(t, db, "SELECT COALESCE(MAX(version), 0) FROM billing_version WHERE scope = ? AND scope_id = ?", scope, id)
		}
		m, r, peer := version("participant", e.f.Mine.ID), version("participant", e.f.MineToo.ID), version("staff", e.f.Peer.UserID)
		exec(t, db, "INSERT INTO claimed_service (note_id, claim_id, agency_id, units, claimed_at) VALUES (?, ?, ?, 3, ?), (?, ?, ?, 3, ?)",
			marcus.ID, claim, e.f.Agency.ID, time.Now(), renee.ID, claim, e.f.Agency.ID, time.Now())
		if version("participant", e.f.Mine.ID) <= m || version("participant", e.f.MineToo.ID) <= r {
			t.Fatalf("participants' versions %d, %d -> %d, %d: want both moved", m, r, version("participant", e.f.Mine.ID),
				version("participant", e.f.MineToo.ID))
		}
		if got := version("staff", e.f.Peer.UserID); got != peer {
			t.Fatalf("the peer's version moved %d -> %d with claimed services alone", peer, got)
		}
	})
}
