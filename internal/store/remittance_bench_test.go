package store_test

import (
	"bytes"
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/x12"
)

// BenchmarkImportRemittance imports, on SQLite, an 835 of 500 claim
// payments of two lines each, all with claim numbers in Goldthread's form
// that the agency does not have: each iteration pays the reading, the
// matching of every claim and the storing of the payment with its 500
// claims and 1,000 lines (the per-claim cost of a real import, less the
// status row of a matched claim). Each iteration is a new check.
//
//	go test ./internal/store -run '^$' -bench ImportRemittance -benchtime 10x
func BenchmarkImportRemittance(b *testing.B) {
	ctx := context.Background()
	db := storetest.OpenSQLite(b)
	f := storetest.MustFixture(b, db)
	var claims []x12.ClaimPayment
	for i := 0; i < 500; i++ {
		claims = append(claims, x12.ClaimPayment{PatientControlNumber: goldthread.ClaimNumber(int64(100000 + i)), Status: "1",
			Charge: 7182, Paid: 7182, Patient: x12.PersonName{Last: "X"}, Lines: []x12.LinePayment{
				{Procedure: "H0038", Charge: 3591, Paid: 3591, ControlNumber: "N1"}, {Procedure: "H0038", Charge: 3591, Paid: 3591, ControlNumber: "N2"}}})
	}
	file := func(n int) []byte {
		rf := x12.RemittanceFile{
			Interchange: x12.Interchange{SenderQualifier: "ZZ", SenderID: "PAYER", ReceiverQualifier: "ZZ", ReceiverID: "AGENCY",
				ControlNumber: n, Created: time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC), Usage: "T", ApplicationSender: "PAYER", ApplicationReceiver: "AGENCY"},
			Remittances: []x12.Remittance{{Handling: "C", Amount: 500 * 7182, CreditDebit: "C", Method: "CHK",
				PaymentDate: time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC), TraceNumber: "CHK" + strconv.Itoa(n), PayerTraceID: "1560000001",
				Payer: x12.RemitPayer{Name: "PAYER"}, Payee: x12.RemitPayee{Name: "AGENCY"}, Claims: claims}},
		}
		var buf bytes.Buffer
		if err := x12.Write835(&buf, rf); err != nil {
			b.Fatal(err)
		}
		return buf.Bytes()
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n++
		got, err := db.ImportRemittance(ctx, f.Billing, "bench.835", file(n))
		if err != nil || got[0].Unmatched != 500 {
			b.Fatalf("import: %v", err)
		}
	}
}
