package store_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/x12"
)

// remitFile is an 835 check payment of the given claims.
func remitFile(t *testing.T, trace string, claims ...x12.ClaimPayment) []byte {
	t.Helper()
	var paid x12.Money
	for _, c := range claims {
		paid += c.Paid
	}
	f := x12.RemittanceFile{
		Interchange: x12.Interchange{SenderQualifier: "ZZ", SenderID: "NCMEDICAID", ReceiverQualifier: "ZZ", ReceiverID: "GOLDTHREAD",
			ControlNumber: 77, Created: time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC), Usage: "T",
			ApplicationSender: "NCMEDICAID", ApplicationReceiver: "GOLDTHREAD"},
		Remittances: []x12.Remittance{{
			Handling: "C", Amount: paid, CreditDebit: "C", Method: "CHK", PaymentDate: time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC),
			TraceNumber: trace, PayerTraceID: "1560000001", Payer: x12.RemitPayer{Name: "NC MEDICAID"},
			Payee: x12.RemitPayee{Name: "AGENCY", NPI: "1234567893"}, Claims: claims,
		}},
	}
	var buf bytes.Buffer
	if err := x12.Write835(&buf, f); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// paidInPart pays claim id 60.00 of its two lines of 35.91: line a in
// full, line b less a contractual write-off.
func paidInPart(id int64, a, b goldthread.Note) x12.ClaimPayment {
	return x12.ClaimPayment{
		PatientControlNumber: goldthread.ClaimNumber(id), Status: x12.RemitProcessedPrimary, Charge: 7182, Paid: 6000,
		FilingIndicator: "MC", PayerClaimNumber: "NC-9001", Patient: x12.PersonName{Last: "X"},
		Lines: []x12.LinePayment{
			{Procedure: "H0038", Charge: 3591, Paid: 3591, Units: 3, ControlNumber: "N" + strconv.FormatInt(a.ID, 10)},
			{Procedure: "H0038", Charge: 3591, Paid: 2409, Units: 3, ControlNumber: "N" + strconv.FormatInt(b.ID, 10),
				Adjustments: []x12.Adjustment{{Group: x12.GroupContractual, Reason: "45", Amount: 1182}}},
		},
	}
}

// TestRemittanceImport: an 835 is previewed without change, then applied
// in one transaction; matched claims move, unmatched claims and lines are
// listed and never guessed, and the same payment twice pays once.
func TestRemittanceImport(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		id, a, b := e.exported(t)
		stranger := x12.ClaimPayment{PatientControlNumber: "PSC0001", Status: "1", Charge: 100, Paid: 100, Patient: x12.PersonName{Last: "Y"}}
		missing := x12.ClaimPayment{PatientControlNumber: goldthread.ClaimNumber(id + 1000), Status: "4", Charge: 100,
			Adjustments: []x12.Adjustment{{Group: "CO", Reason: "197", Amount: 100}}, Patient: x12.PersonName{Last: "Z"}}
		pay := paidInPart(id, a, b)
		pay.Lines = append(pay.Lines, x12.LinePayment{Procedure: "H0038", ControlNumber: "N999999"})
		file := remitFile(t, "CHK100", pay, stranger, missing)

		if _, err := db.ImportRemittance(ctx, e.f.Supervisor, "a.835", file); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
			t.Fatalf("supervisor import: %v", err)
		}
		pre, err := db.PreviewRemittance(ctx, e.f.Billing, "a.835", file)
		if err != nil {
			t.Fatal(err)
		}
		if len(pre) != 1 || pre[0].Matched != 1 || pre[0].Unmatched != 2 || pre[0].Claims[0].Outcome != goldthread.ClaimPaid ||
			pre[0].Claims[1].Problem == "" || !strings.Contains(pre[0].Claims[2].Problem, "No claim") {
			t.Fatalf("preview %+v", pre)
		}
		if c, _ := db.Claim(ctx, e.f.Billing, id); c.Status != goldthread.ClaimExported {
			t.Fatalf("preview moved the claim to %s", c.Status)
		}

		got, err := db.ImportRemittance(ctx, e.f.Billing, "a.835", file)
		if err != nil {
			t.Fatal(err)
		}
		r := got[0]
		lines := r.Claims[0].Lines
		if r.ID == 0 || r.Duplicate || lines[0].NoteID != a.ID || lines[1].NoteID != b.ID || lines[2].NoteID != 0 ||
			!strings.Contains(lines[2].Problem, "N999999") {
			t.Fatalf("import %+v", r)
		}
		c, err := db.Claim(ctx, e.f.Billing, id)
		if err != nil {
			t.Fatal(err)
		}
		last := c.History[len(c.History)-1]
		if c.Status != goldthread.ClaimPaid || c.PaidCents != 6000 || last.PayerClaimNumber != "NC-9001" || !strings.Contains(last.Reason, "CO-45 11.82") ||
			len(last.Lines) != 0 { // a line did not match: no amounts per line are guessed
			t.Fatalf("claim after import: %+v", c)
		}

		// The same file again changes nothing.
		again, err := db.ImportRemittance(ctx, e.f.Billing, "a-copy.835", file)
		if err != nil || !again[0].Duplicate || again[0].ID != r.ID {
			t.Fatalf("second import: %+v %v", again, err)
		}
		if c2, _ := db.Claim(ctx, e.f.Billing, id); len(c2.History) != len(c.History) {
			t.Fatalf("second import added status rows: %d → %d", len(c.History), len(c2.History))
		}
		list, err := db.Remittances(ctx, e.f.Billing, 0)
		if err != nil || len(list) != 1 || list[0].Matched != 1 || list[0].Unmatched != 2 {
			t.Fatalf("list %+v %v", list, err)
		}
		shown, err := db.Remittance(ctx, e.f.Billing, r.ID)
		if err != nil || len(shown.Claims) != 3 || len(shown.Claims[0].Lines) != 3 || len(shown.Claims[0].Lines[1].Adjustments) != 1 || shown.Claims[1].ClaimID != 0 {
			t.Fatalf("show %+v %v", shown, err)
		}
		if _, err := db.ExecRaw(ctx, "UPDATE remittance_claim SET paid_cents = 1 WHERE remittance_id = ?", r.ID); err == nil {
			t.Fatal("a stored remittance was edited")
		}
	})
}

// TestRemittanceReversal: a payer takes a payment back (CLP02 22) and pays
// again in the same file; the claim reads accepted, then paid the new
// amount, in that order.
func TestRemittanceReversal(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		id, a, b := e.exported(t)
		if _, err := db.ImportRemittance(ctx, e.f.Billing, "", remitFile(t, "CHK1", paidInPart(id, a, b))); err != nil {
			t.Fatal(err)
		}
		reversal := x12.ClaimPayment{PatientControlNumber: goldthread.ClaimNumber(id), Status: x12.RemitReversal, Charge: -7182, Paid: -6000,
			Adjustments: []x12.Adjustment{{Group: x12.GroupCorrection, Reason: "45", Amount: -1182}}, Patient: x12.PersonName{Last: "X"}}
		repay := x12.ClaimPayment{PatientControlNumber: goldthread.ClaimNumber(id), Status: "1", Charge: 7182, Paid: 5000,
			PayerClaimNumber: "NC-9002", Adjustments: []x12.Adjustment{{Group: "CO", Reason: "45", Amount: 2182}}, Patient: x12.PersonName{Last: "X"}}
		got, err := db.ImportRemittance(ctx, e.f.Billing, "", remitFile(t, "EFT2", reversal, repay))
		if err != nil {
			t.Fatal(err)
		}
		if got[0].Claims[0].Outcome != goldthread.ClaimAccepted || got[0].Claims[1].CurrentStatus != goldthread.ClaimAccepted {
			t.Fatalf("reversal read %+v", got[0].Claims)
		}
		c, _ := db.Claim(ctx, e.f.Billing, id)
		h := c.History
		if first := h[len(h)-3]; len(first.Lines) != 2 || first.Lines[1].AmountCents != 2409 {
			t.Fatalf("the first payment's lines: %+v", first)
		}
		if c.Status != goldthread.ClaimPaid || c.PaidCents != 5000 || h[len(h)-2].Status != goldthread.ClaimAccepted ||
			!strings.Contains(h[len(h)-2].Reason, "reversed (60)") {
			t.Fatalf("claim %+v", c)
		}
	})
}

// TestRemittanceDenialAndRefusals: a denial moves the claim with the
// payer's codes as its reason; a file that is not an 835 is refused on
// "file" and nothing is stored.
func TestRemittanceDenialAndRefusals(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		id, _, _ := e.exported(t)
		deny := x12.ClaimPayment{PatientControlNumber: goldthread.ClaimNumber(id), Status: x12.RemitDenied, Charge: 7182,
			Adjustments: []x12.Adjustment{{Group: "CO", Reason: "197", Amount: 7182}}, Remarks: []string{"N54"}, Patient: x12.PersonName{Last: "X"}}
		for _, bad := range [][]byte{nil, []byte("claim_id,status\n"), remitFile(t, "T", deny)[:200]} {
			if _, err := db.ImportRemittance(ctx, e.f.Billing, "", bad); goldthread.ErrorField(err) != "file" {
				t.Fatalf("bad file %q: %v", bad, err)
			}
		}
		if list, _ := db.Remittances(ctx, e.f.Billing, 0); len(list) != 0 {
			t.Fatalf("a refused file was stored: %+v", list)
		}
		if _, err := db.ImportRemittance(ctx, e.f.Billing, "", remitFile(t, "CHK9", deny)); err != nil {
			t.Fatal(err)
		}
		c, _ := db.Claim(ctx, e.f.Billing, id)
		if last := c.History[len(c.History)-1]; c.Status != goldthread.ClaimDenied || !strings.Contains(last.Reason, "CO-197") ||
			!strings.Contains(last.Reason, "N54") {
			t.Fatalf("denied claim %+v", c)
		}
	})
}
