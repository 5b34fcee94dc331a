package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/locale"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/x12"
)

// spanish renders a status row's reason as a Spanish reader reads it.
func spanish(e goldthread.ClaimStatusEntry) string {
	return locale.New("es", nil).TextOr(e.ReasonText, e.Reason)
}

// TestSystemReasonsReadInTheReadersLanguage: what Goldthread writes into a
// claim's status history when a 277CA or an 835 moves the claim is kept
// as a Text, so a Spanish reader reads it in Spanish — on the history, as
// the claim's denial reason (claim list, CSV), and in the billing
// dashboard's denials — while its English stays the sentence it always
// was; what staff type (an outcome's, a correction's, a batch
// acceptance's reason) stays as typed.
func TestSystemReasonsReadInTheReadersLanguage(t *testing.T) {
	ctx := context.Background()
	es := locale.New("es", nil)
	// each case in a database of its own, on each engine
	engines := func(name string, f func(t *testing.T, db *store.DB)) {
		t.Run(name, func(t *testing.T) { storetest.Engines(t, f) })
	}
	engines("a 277CA's acceptance and rejection", func(t *testing.T, db *store.DB) {
		e := newBillEnv(t, db)
		id, _, _ := e.exported(t)
		fill := map[string]string{"GCN": "1", "CLM": goldthread.ClaimNumber(id), "CAT": "A2:20", "ACT": "WQ", "AMT": "71.82", "ICN": "2026092000123"}
		if _, err := db.ImportAcknowledgment(ctx, e.f.Billing, "", ackFile(t, "claims.277", fill)); err != nil {
			t.Fatal(err)
		}
		fill["CAT"], fill["ACT"] = "A7:562:85", "U"
		b := []byte(strings.Replace(string(ackFile(t, "claims.277", fill)), "000000803", "000000804", 2))
		if _, err := db.ImportAcknowledgment(ctx, e.f.Billing, "", b); err != nil {
			t.Fatal(err)
		}
		c, err := db.Claim(ctx, e.f.Billing, id)
		if err != nil {
			t.Fatal(err)
		}
		accepted, denied := c.History[len(c.History)-2], c.History[len(c.History)-1]
		if accepted.ReasonText.Format == "" || accepted.Reason != "277CA A2:20" || spanish(accepted) != "277CA A2:20" {
			t.Errorf("accepted: %q %+v (Spanish %q)", accepted.Reason, accepted.ReasonText, spanish(accepted))
		}
		const english = "Rejected before adjudication (277CA A7:562); correct the claim and send it again."
		const want = "Rechazado antes de la adjudicación (277CA A7:562); corrija el reclamo y envíelo de nuevo."
		if denied.Reason != english || spanish(denied) != want {
			t.Errorf("denied: English %q, Spanish %q", denied.Reason, spanish(denied))
		}
		if c.DenialReason != english || es.TextOr(c.DenialReasonText, c.DenialReason) != want {
			t.Errorf("the claim's denial reason: %q %+v", c.DenialReason, c.DenialReasonText)
		}
		list, err := db.ListClaims(ctx, e.f.Billing, goldthread.ClaimFilter{})
		if err != nil || len(list) == 0 || es.TextOr(list[0].DenialReasonText, list[0].DenialReason) != want {
			t.Fatalf("claim list: %+v %v", list, err)
		}
		rep, err := db.BillingReport(ctx, e.f.Billing, goldthread.ReportFilter{From: goldthread.DateOf(denied.At.AddDate(0, 0, -1)), To: goldthread.DateOf(denied.At.AddDate(0, 0, 1))})
		if err != nil || len(rep.Denials) != 1 || rep.Denials[0].Reason != english || es.TextOr(rep.Denials[0].ReasonText, rep.Denials[0].Reason) != want {
			t.Fatalf("denials: %+v %v", rep.Denials, err)
		}
	})

	engines("an 835's payment, reversal and remarks", func(t *testing.T, db *store.DB) {
		e := newBillEnv(t, db)
		id, a, b := e.exported(t)
		if _, err := db.ImportRemittance(ctx, e.f.Billing, "", remitFile(t, "CHK1", paidInPart(id, a, b))); err != nil {
			t.Fatal(err)
		}
		reversal := x12.ClaimPayment{PatientControlNumber: goldthread.ClaimNumber(id), Status: x12.RemitReversal, Charge: -7182, Paid: -6000,
			Adjustments: []x12.Adjustment{{Group: x12.GroupCorrection, Reason: "45", Amount: -1182}}, Remarks: []string{"N54"},
			Patient: x12.PersonName{Last: "X"}}
		if _, err := db.ImportRemittance(ctx, e.f.Billing, "", remitFile(t, "EFT2", reversal)); err != nil {
			t.Fatal(err)
		}
		c, _ := db.Claim(ctx, e.f.Billing, id)
		paid, reversed := c.History[len(c.History)-2], c.History[len(c.History)-1]
		if paid.Reason != "835 CHK CHK1: CO-45 11.82" || paid.ReasonText.Format == "" || spanish(paid) != paid.Reason {
			t.Errorf("paid: %q %+v (Spanish %q)", paid.Reason, paid.ReasonText, spanish(paid))
		}
		if reversed.Reason != "835 CHK EFT2: payment reversed (60): CR-45 -11.82; remarks N54" ||
			spanish(reversed) != "835 CHK EFT2: pago revertido (60): CR-45 -11.82; observaciones N54" {
			t.Errorf("reversed: English %q, Spanish %q", reversed.Reason, spanish(reversed))
		}
	})

	engines("what staff type stays as typed", func(t *testing.T, db *store.DB) {
		e := newBillEnv(t, db)
		id, _, _ := e.exported(t)
		c, _ := db.Claim(ctx, e.f.Billing, id)
		if _, err := db.AcceptBatch(ctx, e.f.Billing, c.BatchID, "Payer portal says accepted"); err != nil {
			t.Fatal(err)
		}
		if err := db.RecordClaimOutcome(ctx, e.f.Billing, id, goldthread.ClaimOutcome{Status: goldthread.ClaimDenied,
			Reason: "CO-16: missing information", PayerClaimNumber: "NC-1"}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CorrectClaim(ctx, e.f.Billing, id, goldthread.FrequencyVoid, "", "Billed in error"); err != nil {
			t.Fatal(err)
		}
		c, _ = db.Claim(ctx, e.f.Billing, id)
		h := c.History
		for i, want := range []string{"Payer portal says accepted", "CO-16: missing information", "Billed in error"} {
			got := h[len(h)-3+i]
			if got.Reason != want || got.ReasonText.Format != "" || spanish(got) != want {
				t.Errorf("typed reason %q came back as %q %+v", want, got.Reason, got.ReasonText)
			}
		}
	})
}
