package store_test

import (
	"context"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestAcceptBatch: every exported claim of a batch becomes accepted at
// once; a claim the payer answered already keeps its status; a batch not
// sent yet is refused, and only billing staff may do it.
func TestAcceptBatch(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		id, _, _ := e.exported(t)
		c, _ := db.Claim(ctx, e.f.Billing, id)
		if _, err := db.AcceptBatch(ctx, e.f.Supervisor, c.BatchID, ""); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
			t.Fatalf("supervisor: %v", err)
		}
		if _, err := db.AcceptBatch(ctx, e.f.Billing, c.BatchID+100, ""); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
			t.Fatalf("unknown batch: %v", err)
		}
		got, err := db.AcceptBatch(ctx, e.f.Billing, c.BatchID, "999 accepted")
		if err != nil || got.Accepted != 1 || got.Skipped != 0 {
			t.Fatalf("accept: %+v %v", got, err)
		}
		c, _ = db.Claim(ctx, e.f.Billing, id)
		if c.Status != goldthread.ClaimAccepted || c.History[len(c.History)-1].Reason != "999 accepted" {
			t.Fatalf("claim %+v", c)
		}
		if err := db.RecordClaimOutcome(ctx, e.f.Billing, id, goldthread.ClaimOutcome{Status: goldthread.ClaimDenied, Reason: "CO-197"}); err != nil {
			t.Fatal(err)
		}
		got, err = db.AcceptBatch(ctx, e.f.Billing, c.BatchID, "")
		if err != nil || got.Accepted != 0 || got.Skipped != 1 {
			t.Fatalf("again: %+v %v", got, err)
		}
		if c, _ := db.Claim(ctx, e.f.Billing, id); c.Status != goldthread.ClaimDenied {
			t.Fatalf("a denied claim was accepted again: %s", c.Status)
		}
		e.billable(t, onMarch(4, 9))
		sum, err := db.CreateClaimBatch(ctx, e.f.Billing, e.f.Program.ID, marchFrom, marchTo)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AcceptBatch(ctx, e.f.Billing, sum.BatchID, ""); goldthread.ErrorKind(err) != goldthread.ECONFLICT {
			t.Fatalf("a batch never sent: %v", err)
		}
	})
}
