package store_test

import (
	"context"
	"testing"

	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestRewrittenTrailNeedsACheckpoint: on both engines, a trail rebuilt by
// someone who can drop the triggers passes the chain check, and the hash
// a checkpoint sealed is what gives it away.
func TestRewrittenTrailNeedsACheckpoint(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		seq, _, err := db.AuditHead(ctx)
		if err != nil || seq < 5 {
			t.Fatalf("head %d %v", seq, err)
		}
		head := agencyHead(t, db, f.Agency.ID)
		if head.Seq < 5 || head.Hash == "" {
			t.Fatalf("the agency's chain's head %+v", head)
		}
		sealed, found, err := db.AuditHashAt(ctx, 4)
		if err != nil || !found {
			t.Fatal(found, err)
		}
		if _, found, _ := db.AuditHashAt(ctx, seq+1); found {
			t.Fatal("an event past the head was found")
		}
		storetest.RewriteAuditTrail(t, db, 4, "nothing to see")
		if _, br := mustVerify(t, db); br != nil {
			t.Fatalf("the rebuilt chain should hold by itself, but breaks at %+v", br)
		}
		now, _, _ := db.AuditHashAt(ctx, 4)
		if now == sealed {
			t.Fatal("the rewritten event kept its hash")
		}
		if now := agencyHead(t, db, f.Agency.ID); now.Hash == head.Hash || now.Seq != head.Seq {
			t.Fatalf("the chain's head %+v after the rewrite, %+v before: want the same event with a new hash", now, head)
		}
	})
}

// agencyHead is the head of agencyID's chain among AuditHeads.
func agencyHead(t *testing.T, db *store.DB, agencyID int64) store.AuditChainHead {
	t.Helper()
	heads, err := db.AuditHeads(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range heads {
		if h.AgencyID == agencyID && !h.Legacy {
			return h
		}
	}
	t.Fatalf("no chain of agency %d among %+v", agencyID, heads)
	return store.AuditChainHead{}
}
