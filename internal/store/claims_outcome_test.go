package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestOutcomeAboveBilledNeedsAReason: a payment above the claim's billed
// amount, or above a line's, is refused on "reason" until one is given.
func TestOutcomeAboveBilledNeedsAReason(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		id, _, _ := e.exported(t) // 2 lines of 35.91, 71.82 billed
		err := db.RecordClaimOutcome(ctx, e.f.Billing, id, goldthread.ClaimOutcome{Status: goldthread.ClaimPaid, AmountCents: 7183})
		if goldthread.ErrorField(err) != "reason" || !strings.Contains(goldthread.ErrorMessage(err), "$71.83") {
			t.Fatalf("overpayment without a reason: %v", err)
		}
		over := goldthread.ClaimOutcome{Status: goldthread.ClaimPaid, AmountCents: 7182,
			Lines: []goldthread.LineAmount{{LineNo: 1, AmountCents: 4000}, {LineNo: 2, AmountCents: 3182}}}
		if err := db.RecordClaimOutcome(ctx, e.f.Billing, id, over); goldthread.ErrorField(err) != "reason" ||
			!strings.Contains(goldthread.ErrorMessage(err), "Line 1") {
			t.Fatalf("a line paid above its charge without a reason: %v", err)
		}
		if err := db.RecordClaimOutcome(ctx, e.f.Billing, id, goldthread.ClaimOutcome{Status: goldthread.ClaimPaid, AmountCents: 7500,
			Reason: "Interest on a late payment"}); err != nil {
			t.Fatalf("overpayment with a reason: %v", err)
		}
	})
}

// TestOutcomeLineAmounts: line amounts name lines of the claim, once each,
// 0 or more, and add up to the payment; they are kept with the status row.
func TestOutcomeLineAmounts(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		id, _, _ := e.exported(t)
		paid := func(amount int64, lines ...goldthread.LineAmount) goldthread.ClaimOutcome {
			return goldthread.ClaimOutcome{Status: goldthread.ClaimPaid, AmountCents: amount, Lines: lines}
		}
		for name, o := range map[string]goldthread.ClaimOutcome{
			"no line 3":     paid(100, goldthread.LineAmount{LineNo: 3, AmountCents: 100}),
			"twice":         paid(200, goldthread.LineAmount{LineNo: 1, AmountCents: 100}, goldthread.LineAmount{LineNo: 1, AmountCents: 100}),
			"negative":      paid(0, goldthread.LineAmount{LineNo: 1, AmountCents: -100}, goldthread.LineAmount{LineNo: 2, AmountCents: 100}),
			"do not add":    paid(5000, goldthread.LineAmount{LineNo: 1, AmountCents: 2000}, goldthread.LineAmount{LineNo: 2, AmountCents: 2000}),
			"not a payment": {Status: goldthread.ClaimAccepted, Lines: []goldthread.LineAmount{{LineNo: 1, AmountCents: 1}}},
		} {
			if err := db.RecordClaimOutcome(ctx, e.f.Billing, id, o); goldthread.ErrorField(err) != "lines" {
				t.Errorf("%s: %v", name, err)
			}
		}
		if err := db.RecordClaimOutcome(ctx, e.f.Billing, id, paid(6000, goldthread.LineAmount{LineNo: 1, AmountCents: 3591},
			goldthread.LineAmount{LineNo: 2, AmountCents: 2409})); err != nil {
			t.Fatal(err)
		}
		c, err := db.Claim(ctx, e.f.Billing, id)
		if err != nil {
			t.Fatal(err)
		}
		last := c.History[len(c.History)-1]
		if c.PaidCents != 6000 || len(last.Lines) != 2 || last.Lines[1] != (goldthread.LineAmount{LineNo: 2, AmountCents: 2409}) {
			t.Fatalf("claim %+v", c)
		}
		if _, err := db.ExecRaw(ctx, "UPDATE claim_status_line SET amount_cents = 1"); err == nil {
			t.Fatal("a line amount was edited")
		}
	})
}

// TestOutcomesImportNamesEveryBadLine: an outcomes file with several bad
// lines comes back with each line and column, and records nothing.
func TestOutcomesImportNamesEveryBadLine(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		id, _, _ := e.exported(t)
		n := goldthread.ClaimNumber(id)
		in := "claim_id,status,amount,reason\n" +
			n + ",accepted,,\n" + // 2: fine
			"XYZ,paid,1.00,\n" + // 3: claim_id
			n + ",paid,abc,\n" + // 4: amount
			n + ",denied,,\n" + // 5: reason
			n + ",paid,99.00,\n" + // 6: above billed without a reason
			goldthread.ClaimNumber(id+500) + ",paid,1.00,\n" + // 7: no such claim
			"only,two\n" + // 8: field count
			n + ",paid,10.00,\n" // 9: fine (after the accepted of line 2)
		got, problems, err := db.ImportClaimOutcomes(ctx, e.f.Billing, strings.NewReader(in))
		if err != nil || got != 0 {
			t.Fatalf("import: %d %v", got, err)
		}
		want := []struct {
			line  int
			field string
		}{{3, "claim_id"}, {4, "amount"}, {5, "reason"}, {6, "reason"}, {7, "claim_id"}, {8, "file"}}
		if len(problems) != len(want) {
			t.Fatalf("problems %+v", problems)
		}
		for i, w := range want {
			if problems[i].Line != w.line || problems[i].Field != w.field || problems[i].Message == "" {
				t.Errorf("problem %d = %+v, want line %d column %s", i, problems[i], w.line, w.field)
			}
		}
		if c, _ := db.Claim(ctx, e.f.Billing, id); c.Status != goldthread.ClaimExported {
			t.Fatalf("a refused file moved the claim to %s", c.Status)
		}
	})
}
