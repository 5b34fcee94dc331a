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
		storetest.MustFixture(t, db)
		seq, head, err := db.AuditHead(ctx)
		if err != nil || seq < 5 || head == "" {
			t.Fatalf("head %d %q %v", seq, head, err)
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
		if _, newHead, _ := db.AuditHead(ctx); newHead == head {
			t.Fatal("the head kept its hash")
		}
	})
}
