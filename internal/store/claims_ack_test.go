package store_test

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// ackFile reads an acknowledgment of internal/x12/testdata and fills its
// placeholders.
func ackFile(t *testing.T, name string, fill map[string]string) []byte {
	t.Helper()
	b, err := os.ReadFile("../x12/testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for k, v := range fill {
		s = strings.ReplaceAll(s, "{"+k+"}", v)
	}
	return []byte(s)
}

// TestImport999: a 999 is recorded on the batch it answers (accepted or
// rejected, with its errors), claims keep their status, a batch not ours
// is listed, and the same file twice changes nothing.
func TestImport999(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		id, _, _ := e.exported(t)
		c, _ := db.Claim(ctx, e.f.Billing, id)
		batch := strconv.FormatInt(c.BatchID, 10)
		if _, err := db.ImportAcknowledgment(ctx, e.f.Supervisor, "", ackFile(t, "rejected.999", map[string]string{"GCN": batch})); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
			t.Fatalf("supervisor: %v", err)
		}
		got, err := db.ImportAcknowledgment(ctx, e.f.Billing, "r.999", ackFile(t, "rejected.999", map[string]string{"GCN": batch}))
		if err != nil || got.Kind != "999" || got.Duplicate || len(got.Batches) != 1 || got.Batches[0].BatchID != c.BatchID ||
			got.Batches[0].Accepted || !strings.Contains(got.Batches[0].Detail, "CLM") {
			t.Fatalf("rejected 999: %+v %v", got, err)
		}
		batches, err := db.ClaimBatches(ctx, e.f.Billing, 5)
		if err != nil || batches[0].Ack == nil || batches[0].Ack.Code != "R" {
			t.Fatalf("batches %+v %v", batches, err)
		}
		if now, _ := db.Claim(ctx, e.f.Billing, id); now.Status != goldthread.ClaimExported {
			t.Fatalf("a 999 moved the claim to %s", now.Status)
		}
		again, err := db.ImportAcknowledgment(ctx, e.f.Billing, "", ackFile(t, "rejected.999", map[string]string{"GCN": batch}))
		if err != nil || !again.Duplicate || again.ID != got.ID {
			t.Fatalf("again: %+v %v", again, err)
		}
		other, err := db.ImportAcknowledgment(ctx, e.f.Billing, "", ackFile(t, "accepted.999", map[string]string{"GCN": "999999"}))
		if err != nil || other.Batches[0].BatchID != 0 || other.Batches[0].Problem == "" {
			t.Fatalf("a batch not ours: %+v %v", other, err)
		}
		if _, err := db.ImportAcknowledgment(ctx, e.f.Billing, "", []byte("hello")); goldthread.ErrorField(err) != "file" {
			t.Fatalf("not X12: %v", err)
		}
	})
}

// TestImport277CA: an accepted claim becomes accepted with the payer's
// claim number; a rejected one becomes denied naming the codes.
func TestImport277CA(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		id, _, _ := e.exported(t)
		fill := map[string]string{"GCN": "1", "CLM": goldthread.ClaimNumber(id), "CAT": "A2:20", "ACT": "WQ", "AMT": "71.82", "ICN": "2026092000123"}
		got, err := db.ImportAcknowledgment(ctx, e.f.Billing, "", ackFile(t, "claims.277", fill))
		if err != nil || got.Kind != "277CA" || got.Claims[0].Outcome != goldthread.ClaimAccepted {
			t.Fatalf("accepted 277CA: %+v %v", got, err)
		}
		c, _ := db.Claim(ctx, e.f.Billing, id)
		if c.Status != goldthread.ClaimAccepted || c.History[len(c.History)-1].PayerClaimNumber != "2026092000123" {
			t.Fatalf("claim %+v", c)
		}
		fill["CAT"], fill["ACT"] = "A7:562:85", "U"
		b := ackFile(t, "claims.277", fill)
		b = []byte(strings.Replace(string(b), "000000803", "000000804", 2)) // another file
		got, err = db.ImportAcknowledgment(ctx, e.f.Billing, "", b)
		if err != nil || got.Claims[0].Outcome != goldthread.ClaimDenied {
			t.Fatalf("rejected 277CA: %+v %v", got, err)
		}
		c, _ = db.Claim(ctx, e.f.Billing, id)
		if c.Status != goldthread.ClaimDenied || !strings.Contains(c.DenialReason, "A7:562") {
			t.Fatalf("claim %+v", c)
		}
	})
}
