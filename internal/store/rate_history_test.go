package store_test

import (
	"context"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// chargeOf returns the worklist charge of note id (-1 when not ready).
func (e *billEnv) chargeOf(t *testing.T, id int64) int64 {
	t.Helper()
	wl, err := e.db.BillableServices(context.Background(), e.f.Billing, e.f.Program.ID, marchFrom, marchTo)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range wl.Ready {
		if s.NoteID == id {
			return s.ChargeCents
		}
	}
	return -1
}

// TestRateChangeNeverRepricesDeliveredServices: the test clock's today is
// Mar 10. A service of Mar 2 (3 units) is priced at the rate then in
// effect, $11.97; a new rate from Mar 10 leaves it at $35.91 on the
// worklist and in the 837P, and prices the Mar 10 service; a rate taking
// effect on a day already priced is refused, naming effective_from.
func TestRateChangeNeverRepricesDeliveredServices(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		before := e.billable(t, onMarch(2, 9))
		if got := e.chargeOf(t, before.ID); got != 3*1197 {
			t.Fatalf("Mar 2 charge before the change = %d", got)
		}
		rate := goldthread.BillingRate{ProgramID: e.f.Program.ID, Procedure: "H0038", CentsPerUnit: 1300,
			EffectiveFrom: goldthread.NewDate(2026, 3, 10), Source: "2026 fee schedule"}
		if err := db.SetBillingRate(ctx, e.f.Billing, rate); err != nil {
			t.Fatal(err)
		}
		after := e.billable(t, onMarch(10, 9))
		if got := e.chargeOf(t, before.ID); got != 3*1197 {
			t.Fatalf("Mar 2 charge after the change = %d; the new rate re-priced a delivered service", got)
		}
		if got := e.chargeOf(t, after.ID); got != 3*1300 {
			t.Fatalf("Mar 10 charge = %d; want the new rate", got)
		}
		doc := e.exportMarch(t)
		var charges []string
		for _, sv := range doc.Find("SV1") {
			charges = append(charges, sv.Element(2))
		}
		if len(charges) != 2 || charges[0] != "35.91" || charges[1] != "39" {
			t.Fatalf("SV102 charges %q; want 35.91 (Mar 2) and 39 (Mar 10)", charges)
		}

		// Days already priced keep their rate.
		for _, from := range []goldthread.Date{{}, goldthread.NewDate(2026, 3, 9), goldthread.NewDate(2026, 3, 1)} {
			back := rate
			back.EffectiveFrom = from
			if err := db.SetBillingRate(ctx, e.f.Billing, back); goldthread.ErrorField(err) != "effective_from" {
				t.Errorf("a rate from %q was taken: %v", from, err)
			}
		}
		// A correction of today's rate, and a rate that starts later, are fine.
		rate.CentsPerUnit = 1310
		if err := db.SetBillingRate(ctx, e.f.Billing, rate); err != nil {
			t.Fatalf("correcting today's rate: %v", err)
		}
		later := goldthread.BillingRate{ProgramID: e.f.Program.ID, Procedure: "H0038", CentsPerUnit: 1400, EffectiveFrom: goldthread.NewDate(2026, 7, 1)}
		if err := db.SetBillingRate(ctx, e.f.Billing, later); err != nil {
			t.Fatal(err)
		}
		_, rates, _, err := db.ProgramBillingSettings(ctx, e.f.Auditor, e.f.Program.ID)
		if err != nil {
			t.Fatal(err)
		}
		var individual []goldthread.BillingRate
		for _, r := range rates {
			if !r.Group {
				individual = append(individual, r)
			}
		}
		if len(individual) != 3 || !individual[0].EffectiveFrom.IsZero() || individual[0].EffectiveTo.String() != "2026-03-09" ||
			individual[1].CentsPerUnit != 1310 || individual[1].EffectiveTo.String() != "2026-06-30" || !individual[2].EffectiveTo.IsZero() {
			t.Fatalf("rate history %+v", individual)
		}
	})
}

// TestFirstRateMayStartInThePast: a code with no rate yet may take one
// from any day (nothing was priced), and a service before a code's first
// rate is blocked saying when the first one starts.
func TestFirstRateMayStartInThePast(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		if _, err := db.ExecRaw(ctx, "DELETE FROM billing_rate WHERE program_id = ? AND is_group = ?", e.f.Program.ID, false); err != nil {
			t.Fatal(err)
		}
		if err := db.SetBillingRate(ctx, e.f.Billing, goldthread.BillingRate{ProgramID: e.f.Program.ID, Procedure: "H0038", CentsPerUnit: 1197,
			EffectiveFrom: goldthread.NewDate(2026, 3, 3)}); err != nil {
			t.Fatalf("a first rate from a past day: %v", err)
		}
		early := e.billable(t, onMarch(2, 9))
		svc, err := db.ScrubClaim(ctx, e.f.Billing, early.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(svc.Blocks) != 1 || svc.Blocks[0].RuleID != store.RuleClaimRate || svc.Blocks[0].Message !=
			"No rate per unit of H0038 in NC peer support is in effect on 2026-03-02; the first takes effect on 2026-03-03." {
			t.Fatalf("blocks %+v", svc.Blocks)
		}
	})
}
