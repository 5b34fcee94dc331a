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

// exported bills two approved notes of Marcus in one exported claim and
// returns the claim id and the notes.
func (e *billEnv) exported(t *testing.T) (int64, goldthread.Note, goldthread.Note) {
	t.Helper()
	a := e.billable(t, onMarch(2, 9))
	b := e.billable(t, onMarch(3, 9))
	sum, err := e.db.ExportClaims(context.Background(), e.f.Billing, e.f.Program.ID, marchFrom, marchTo, &bytes.Buffer{})
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	return firstClaimID(t, e.db, sum.BatchID), a, b
}

// TestSentClaimNeverChanges: the database itself refuses to edit or delete
// a claim, its lines, its status history or the claimed services, on both
// engines, whatever the application does.
func TestSentClaimNeverChanges(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		id, a, _ := e.exported(t)
		for _, q := range []string{
			"UPDATE claim SET total_cents = 1 WHERE id = ?",
			"UPDATE claim SET place_of_service = '99' WHERE id = ?",
			"DELETE FROM claim WHERE id = ?",
			"UPDATE claim_line SET units = 99 WHERE claim_id = ?",
			"DELETE FROM claim_line WHERE claim_id = ?",
			"UPDATE claim_status SET status = 'paid' WHERE claim_id = ?",
			"DELETE FROM claim_status WHERE claim_id = ?",
			"DELETE FROM claimed_service WHERE claim_id = ?",
			"UPDATE claim_batch SET period_to = period_from WHERE id = (SELECT batch_id FROM claim WHERE id = ?)",
		} {
			if _, err := db.ExecRaw(ctx, q, id); err == nil {
				t.Errorf("%s: the database allowed it", q)
			}
		}
		_, err := db.ExecRaw(ctx, `INSERT INTO claim_line (claim_id, agency_id, line_no, note_id, service_date, procedure_code, modifiers,
			minutes, units, charge_cents, place_of_service) VALUES (?, ?, 9, ?, ?, 'H0038', '', 15, 1, 1197, '12')`,
			id, e.f.Agency.ID, a.ID, goldthread.NewDate(2026, 3, 2))
		if err == nil {
			t.Error("a line was added to an exported claim")
		}
		if n := countBilling(t, db, "SELECT total_cents FROM claim WHERE id = ?", id); n != 6*1197 {
			t.Errorf("claim total changed to %d", n)
		}
	})
}

// TestDuplicateBillingImpossible: a service is on one claim at most; the
// UNIQUE key refuses a second row whatever the application checks.
func TestDuplicateBillingImpossible(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		id, a, _ := e.exported(t)
		_, err := db.ExecRaw(ctx, "INSERT INTO claimed_service (note_id, claim_id, agency_id, units, claimed_at) VALUES (?, ?, ?, 3, ?)",
			a.ID, id, e.f.Agency.ID, e.clock.T)
		if err == nil {
			t.Fatal("a claimed service was claimed again")
		}
		// Moving a claimed service to another original claim is refused too.
		if _, err := db.ExecRaw(ctx, "UPDATE claimed_service SET claim_id = claim_id WHERE note_id = ?", a.ID); err == nil {
			t.Fatal("a claimed service moved to a claim that is not a correction")
		}
		// The store sees nothing left to bill.
		wl, err := db.BillableServices(ctx, e.f.Billing, e.f.Program.ID, marchFrom, marchTo)
		if err != nil || len(wl.Ready)+len(wl.Blocked) != 0 {
			t.Fatalf("claimed services still listed: %+v %v", wl, err)
		}
	})
}

func TestClaimOutcomes(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		id, _, _ := e.exported(t)
		err := db.RecordClaimOutcome(ctx, e.f.Billing, id, goldthread.ClaimOutcome{Status: goldthread.ClaimDenied})
		if goldthread.ErrorField(err) != "reason" {
			t.Fatalf("denial without reason: %v", err)
		}
		if err := db.RecordClaimOutcome(ctx, e.f.Supervisor, id, goldthread.ClaimOutcome{Status: goldthread.ClaimAccepted}); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
			t.Fatalf("supervisor outcome: %v", err)
		}
		if err := db.RecordClaimOutcome(ctx, e.f.Billing, id, goldthread.ClaimOutcome{Status: goldthread.ClaimAccepted, PayerClaimNumber: "NC-778"}); err != nil {
			t.Fatal(err)
		}
		// The CSV import names the bad line and records nothing.
		bad := "claim_id,status,amount,reason\n" + goldthread.ClaimNumber(id) + ",paid,71.82,\n" + goldthread.ClaimNumber(id) + ",lost,,\n"
		if _, problems, err := db.ImportClaimOutcomes(ctx, e.f.Billing, strings.NewReader(bad)); err != nil || len(problems) != 1 ||
			problems[0].Line != 3 || problems[0].Field != "status" {
			t.Fatalf("bad import: %+v %v", problems, err)
		}
		// Amounts are read exactly, never as floating point: these are not amounts.
		for _, amount := range []string{"NaN", "1e3", "18,52", "-5", "71.825", "0x1p4"} {
			in := "claim_id,status,amount,reason\n" + goldthread.ClaimNumber(id) + ",paid," + `"` + amount + `"` + ",\n"
			if _, problems, err := db.ImportClaimOutcomes(ctx, e.f.Billing, strings.NewReader(in)); err != nil || len(problems) != 1 ||
				problems[0].Line != 2 || problems[0].Field != "amount" {
				t.Fatalf("amount %q: %+v %v", amount, problems, err)
			}
		}
		good := "claim_id,status,amount,reason\n" + goldthread.ClaimNumber(id) + ",paid,71.82,\n"
		if n, problems, err := db.ImportClaimOutcomes(ctx, e.f.Billing, strings.NewReader(good)); err != nil || n != 1 || problems != nil {
			t.Fatalf("import: %d %+v %v", n, problems, err)
		}
		c, err := db.Claim(ctx, e.f.Billing, id)
		if err != nil {
			t.Fatal(err)
		}
		if c.Status != goldthread.ClaimPaid || c.PaidCents != 7182 || len(c.History) != 4 || c.History[2].PayerClaimNumber != "NC-778" {
			t.Fatalf("claim %+v", c)
		}
		if err := db.RecordClaimOutcome(ctx, e.f.Billing, id, goldthread.ClaimOutcome{Status: goldthread.ClaimAccepted}); goldthread.ErrorKind(err) != goldthread.ECONFLICT {
			t.Fatalf("accepting a paid claim: %v", err)
		}
	})
}

// TestCorrectionsAreNewClaims: a void (8) and a replacement (7) are new
// claims referencing the payer's claim number; the original stays as sent.
func TestCorrectionsAreNewClaims(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		id, a, _ := e.exported(t)
		if _, err := db.CorrectClaim(ctx, e.f.Billing, id, goldthread.FrequencyReplacement, "", "wrong diagnosis"); goldthread.ErrorField(err) != "payer_claim_number" {
			t.Fatalf("replacement without the payer's number: %v", err)
		}
		if err := db.RecordClaimOutcome(ctx, e.f.Billing, id, goldthread.ClaimOutcome{Status: goldthread.ClaimDenied,
			Reason: "CARC 167: diagnosis not covered", PayerClaimNumber: "NC-900"}); err != nil {
			t.Fatal(err)
		}
		repl, err := db.CorrectClaim(ctx, e.f.Billing, id, goldthread.FrequencyReplacement, "", "Corrected after denial")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CorrectClaim(ctx, e.f.Billing, id, goldthread.FrequencyVoid, "", "again"); goldthread.ErrorKind(err) != goldthread.ECONFLICT {
			t.Fatalf("correcting a replaced claim: %v", err)
		}
		orig, _ := db.Claim(ctx, e.f.Billing, id)
		r, _ := db.Claim(ctx, e.f.Billing, repl)
		if orig.Status != goldthread.ClaimReplaced || r.Frequency != "7" || r.OriginalID != id || r.PayerClaimNumber != "NC-900" ||
			r.Status != goldthread.ClaimReady || len(r.Lines) != 2 || r.TotalCents != orig.TotalCents {
			t.Fatalf("original %+v replacement %+v", orig, r)
		}
		if n := countBilling(t, db, "SELECT claim_id FROM claimed_service WHERE note_id = ?", a.ID); int64(n) != repl {
			t.Fatalf("note billed by claim %d; want the replacement %d", n, repl)
		}
		if n := countBilling(t, db, "SELECT units_used FROM service_authorization WHERE id = ?", e.authID); n != 6 {
			t.Fatalf("authorization units used %d after replacement; want 6", n)
		}
		var buf bytes.Buffer
		if _, err := db.WriteClaimBatch(ctx, e.f.Billing, r.BatchID, &buf); err != nil {
			t.Fatal(err)
		}
		doc, err := x12.Parse(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if clm := doc.Find("CLM"); len(clm) != 1 || clm[0].Component(5, 3) != "7" {
			t.Fatalf("CLM %v", clm)
		}
		if ref := doc.Find("REF"); !strings.Contains(segments(ref), "F8*NC-900") {
			t.Fatalf("no REF*F8 in %v", ref)
		}
		void, err := db.CorrectClaim(ctx, e.f.Billing, repl, goldthread.FrequencyVoid, "NC-901", "Service not provided as billed")
		if err != nil {
			t.Fatal(err)
		}
		v, _ := db.Claim(ctx, e.f.Billing, void)
		if v.Frequency != "8" || v.OriginalID != repl {
			t.Fatalf("void %+v", v)
		}
		if n := countBilling(t, db, "SELECT units_used FROM service_authorization WHERE id = ?", e.authID); n != 0 {
			t.Fatalf("authorization units used %d after void; want 0", n)
		}
	})
}

func segments(list []x12.Segment) string {
	var b strings.Builder
	for _, s := range list {
		b.WriteString(s.String())
	}
	return b.String()
}

// TestAddendumToBilledNoteFlagsTheClaim connects note_addendum's hook: an
// addendum after billing is flagged for claim review, and the claim shows it.
func TestAddendumToBilledNoteFlagsTheClaim(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		id, a, _ := e.exported(t)
		e.clock.Advance(2 * 3600e9)
		add, err := db.AddAddendum(ctx, e.f.Peer, a.ID, store.AddendumInput{Kind: goldthread.AddendumCorrection, Body: "Met at the library, not at home.",
			Password: storetest.Password, Attestation: "I attest."})
		if err != nil {
			t.Fatal(err)
		}
		if !add.ClaimReviewNeeded {
			t.Fatal("an addendum to a billed note is not flagged for claim review")
		}
		c, err := db.Claim(ctx, e.f.Billing, id)
		if err != nil || !c.ReviewNeeded {
			t.Fatalf("claim review needed = %v (%v)", c.ReviewNeeded, err)
		}
	})
}
