package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestClaimMemberNamesWhatIsMissing: a service whose participant's record
// lacks what the claim's subscriber loop needs waits naming exactly what
// is missing, and for their peer specialist, who can update the record
// (billing staff cannot); once entered, it is ready.
func TestClaimMemberNamesWhatIsMissing(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		n := e.billable(t, onMarch(2, 9))
		if _, err := db.ExecRaw(ctx, "UPDATE participant SET addr_line1 = '', addr_postal = '' WHERE id = ?", e.f.Mine.ID); err != nil {
			t.Fatal(err)
		}
		wl, err := db.BillableServices(ctx, e.f.Billing, e.f.Program.ID, marchFrom, marchTo)
		if err != nil {
			t.Fatal(err)
		}
		var found *goldthread.BillingFinding
		for _, s := range wl.Blocked {
			for i, b := range s.Blocks {
				if s.NoteID == n.ID && b.RuleID == store.RuleClaimMember {
					found = &s.Blocks[i]
				}
			}
		}
		if found == nil {
			t.Fatalf("the service is not held for the participant's address: %+v", wl)
		}
		if found.WhoActs != "peer" {
			t.Errorf("who acts: %s; want the peer specialist, who can update the record", found.WhoActs)
		}
		for _, s := range []string{found.Message, found.Fix} {
			if !strings.Contains(s, "street address, ZIP code") || strings.Contains(s, "Medicaid") || strings.Contains(s, "birth") {
				t.Errorf("does not name exactly what is missing: %q", s)
			}
		}
		if !strings.Contains(found.Fix, "Update details") {
			t.Errorf("the fix does not say where: %q", found.Fix)
		}
		if _, err := db.ExecRaw(ctx, "UPDATE participant SET addr_line1 = '4 Elm St', addr_postal = '28803' WHERE id = ?", e.f.Mine.ID); err != nil {
			t.Fatal(err)
		}
		if b := e.blocks(t, n.ID); len(b) != 0 {
			t.Fatalf("with the address entered the service is still held: %v", b)
		}
	})
}
