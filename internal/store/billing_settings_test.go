package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestPayerSettingsMakeAFile: settings are checked with the 837P writer's
// own rules when saved, so no saved setting makes a file the writer
// refuses; and a batch whose header would still be refused (settings saved
// before these checks, or agency details missing) claims nothing.
func TestPayerSettingsMakeAFile(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		good := goldthread.ProgramBilling{ProgramID: e.f.Program.ID, PayerName: "NC Medicaid", PayerID: "NCMCD", ReceiverName: "NC Tracks",
			ReceiverID: "NCTRACKS", SenderID: "FIXTURE01", InterchangeReceiverID: "NCTRACKS", SubmitterID: "FIXTURE01",
			ContactName: "Bo Billing", ContactPhone: "(828) 555-0100", Usage: "T"}
		for _, c := range []struct {
			field string
			bad   func(*goldthread.ProgramBilling)
		}{
			{"payer_id", func(b *goldthread.ProgramBilling) { b.PayerID = "NC*1" }},
			{"payer_id", func(b *goldthread.ProgramBilling) { b.PayerID = " NCMCD" }},
			{"sender_id", func(b *goldthread.ProgramBilling) { b.SenderID = "A" }},
			{"interchange_receiver_id", func(b *goldthread.ProgramBilling) { b.InterchangeReceiverID = "NCTRACKS~ISA" }},
			{"sender_qualifier", func(b *goldthread.ProgramBilling) { b.SenderQualifier = "Z" }},
			{"submitter_id", func(b *goldthread.ProgramBilling) { b.SubmitterID = "ÉTÉ" }},
			{"contact_phone", func(b *goldthread.ProgramBilling) { b.ContactPhone = "" }},
			{"contact_phone", func(b *goldthread.ProgramBilling) { b.ContactPhone = "555-0100" }},
		} {
			b := good
			c.bad(&b)
			if err := db.SetProgramBilling(ctx, e.f.Billing, b); goldthread.ErrorField(err) != c.field {
				t.Errorf("%+v: err = %v; want a field error on %s", b, err, c.field)
			}
		}
		if err := db.SetProgramBilling(ctx, e.f.Billing, good); err != nil {
			t.Fatalf("good settings refused: %v", err)
		}

		// Settings saved before the checks existed: the batch must claim nothing.
		n := e.billable(t, onMarch(2, 9))
		if _, err := db.ExecRaw(ctx, "UPDATE program_billing SET contact_phone = '' WHERE program_id = ?", e.f.Program.ID); err != nil {
			t.Fatal(err)
		}
		_, err := db.CreateClaimBatch(ctx, e.f.Billing, e.f.Program.ID, marchFrom, marchTo)
		if goldthread.ErrorField(err) != "program" || !strings.Contains(goldthread.ErrorMessage(err), "submitter") {
			t.Fatalf("err = %v; want the header's problem on program", err)
		}
		rows, err := db.QueryRaw(ctx, "SELECT COUNT(*) FROM claimed_service WHERE note_id = ?", n.ID)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var claimed int
		rows.Next()
		rows.Scan(&claimed)
		if claimed != 0 {
			t.Fatal("a refused batch claimed the service")
		}
	})
}
