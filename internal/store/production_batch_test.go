package store_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/x12"
)

// TestProductionBatchRefusedWhilePlaceholdersRemain: with usage P, a batch
// is refused, claiming nothing, while the payer settings, the agency's
// billing identity or a rate pricing one of its lines is a placeholder,
// and the refusal names each and where to fix it. A test (usage T) batch
// is made with them and lists them. Once all are confirmed, the production
// file is made.
func TestProductionBatchRefusedWhilePlaceholdersRemain(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		settings := goldthread.ProgramBilling{ProgramID: e.f.Program.ID, PayerName: "NC Medicaid", PayerID: "NCMCD", ReceiverName: "NC Tracks",
			ReceiverID: "NCTRACKS", SenderID: "FIXTURE01", InterchangeReceiverID: "NCTRACKS", SubmitterID: "FIXTURE01",
			ContactPhone: "8285550100", Usage: "P", Placeholder: true}
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(db.SetProgramBilling(ctx, e.f.Billing, settings))
		// The group rate is a placeholder but prices no line of the batch:
		// it is not named.
		must(db.SetBillingRate(ctx, e.f.Billing, goldthread.BillingRate{ProgramID: e.f.Program.ID, Procedure: "H0038", CentsPerUnit: 1197,
			Placeholder: true, EffectiveFrom: goldthread.NewDate(2026, 3, 10)}))
		must(db.SetBillingRate(ctx, e.f.Billing, goldthread.BillingRate{ProgramID: e.f.Program.ID, Procedure: "H0038", Group: true,
			CentsPerUnit: 288, Placeholder: true, EffectiveFrom: goldthread.NewDate(2026, 3, 10)}))
		identity := goodIdentity()
		identity.Placeholder = true
		must(db.SetAgencyBillingIdentity(ctx, e.f.Admin, identity))
		n := e.billable(t, onMarch(10, 9))

		_, err := db.CreateClaimBatch(ctx, e.f.Billing, e.f.Program.ID, marchFrom, marchTo)
		msg := goldthread.ErrorMessage(err)
		if goldthread.ErrorField(err) != "usage" {
			t.Fatalf("err = %v; want a refusal on usage", err)
		}
		for _, want := range []string{"payer settings of NC peer support are marked placeholder", "Payer settings and rates",
			"billing identity is marked placeholder", "Settings → Billing identity", "individual rate of H0038 in effect from 2026-03-10"} {
			if !strings.Contains(msg, want) {
				t.Errorf("the refusal does not say %q:\n%s", want, msg)
			}
		}
		if strings.Contains(msg, "group rate") {
			t.Errorf("the refusal names a rate no line uses:\n%s", msg)
		}
		if countBilling(t, db, "SELECT COUNT(*) FROM claimed_service WHERE note_id = ?", n.ID) != 0 ||
			countBilling(t, db, "SELECT COUNT(*) FROM claim_batch WHERE program_id = ?", e.f.Program.ID) != 0 {
			t.Fatal("a refused production batch claimed the service")
		}

		// Each placeholder alone stops it.
		settings.Placeholder = false
		must(db.SetProgramBilling(ctx, e.f.Billing, settings))
		identity.Placeholder = false
		must(db.SetAgencyBillingIdentity(ctx, e.f.Admin, identity))
		_, err = db.CreateClaimBatch(ctx, e.f.Billing, e.f.Program.ID, marchFrom, marchTo)
		if msg := goldthread.ErrorMessage(err); goldthread.ErrorField(err) != "usage" || strings.Contains(msg, "settings of NC peer support") ||
			strings.Contains(msg, "identity") || !strings.Contains(msg, "rate of H0038") {
			t.Fatalf("with only the rate left: %v", err)
		}

		// A test file may carry placeholders, and says which.
		settings.Usage = "T"
		must(db.SetProgramBilling(ctx, e.f.Billing, settings))
		sum, err := db.CreateClaimBatch(ctx, e.f.Billing, e.f.Program.ID, marchFrom, marchTo)
		if err != nil || sum.Claims != 1 || len(sum.Placeholders) != 1 || !strings.Contains(sum.Placeholders[0], "H0038") {
			t.Fatalf("test batch: %+v %v", sum, err)
		}

		// Everything confirmed: production.
		m := e.billable(t, onMarch(10, 11))
		must(db.SetBillingRate(ctx, e.f.Billing, goldthread.BillingRate{ProgramID: e.f.Program.ID, Procedure: "H0038", CentsPerUnit: 1197,
			EffectiveFrom: goldthread.NewDate(2026, 3, 10), Source: "NC fee schedule"}))
		settings.Usage = "P"
		must(db.SetProgramBilling(ctx, e.f.Billing, settings))
		var buf bytes.Buffer
		sum, err = db.ExportClaims(ctx, e.f.Billing, e.f.Program.ID, marchFrom, marchTo, &buf)
		if err != nil || len(sum.Placeholders) != 0 {
			t.Fatalf("production export: %+v %v", sum, err)
		}
		doc, err := x12.Parse(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if isa := doc.Find("ISA"); len(isa) != 1 || isa[0].Element(15) != "P" {
			t.Fatalf("ISA15 = %v", isa)
		}
		if countBilling(t, db, "SELECT COUNT(*) FROM claimed_service WHERE note_id = ?", m.ID) != 1 {
			t.Fatal("the production batch did not claim the service")
		}
	})
}

// TestProductionBatchNamesAMissingIdentity: an agency that never entered
// its billing identity is told so when it asks for a production file, not
// only that nothing is ready.
func TestProductionBatchNamesAMissingIdentity(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		if _, err := db.ExecRaw(ctx, "UPDATE agency SET npi = '' WHERE id = ?", e.f.Agency.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecRaw(ctx, "UPDATE program_billing SET usage_indicator = 'P', placeholder = ? WHERE program_id = ?", false,
			e.f.Program.ID); err != nil {
			t.Fatal(err)
		}
		e.billable(t, onMarch(2, 9))
		_, err := db.CreateClaimBatch(ctx, e.f.Billing, e.f.Program.ID, marchFrom, marchTo)
		if msg := goldthread.ErrorMessage(err); goldthread.ErrorField(err) != "usage" || !strings.Contains(msg, "billing identity is incomplete") ||
			!strings.Contains(msg, "NPI") {
			t.Fatalf("err = %v", err)
		}
	})
}
