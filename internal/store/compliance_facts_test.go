package store_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/seed"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestRunFactsMatchEachNotesOwn: the facts a billing run reads once per
// participant or author (plans, enrolments, service orders,
// authorizations, units claimed, credentials, caseload, signatures and
// approvals) give every service the same compliance input, and so the
// same findings, as the note reading its own. The agency is seeded (so it
// bills like a real one), part of its span is claimed first (units
// claimed in the fiscal year), and its last two weeks are unapproved.
func TestRunFactsMatchEachNotesOwn(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		today := goldthread.NewDate(2026, 6, 1)
		a, err := seed.Run(ctx, db, seed.Options{Slug: "facts", Participants: 9, Notes: 90, Caseload: 3, Days: 70, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		since := a.Participants[0].Since
		claimedTo := goldthread.DateOf(since.AddDate(0, 0, 30))
		if _, err := db.CreateClaimBatch(ctx, a.Billing, a.Program.ID, since, claimedTo); err != nil {
			t.Fatal(err)
		}
		run, own, err := store.BillingRunHistories(ctx, db, a.Billing, a.Program.ID, goldthread.DateOf(claimedTo.AddDate(0, 0, 1)), today)
		if err != nil {
			t.Fatal(err)
		}
		if len(run) < 30 || len(run) != len(own) {
			t.Fatalf("%d candidates in the run, %d alone; want the same 30 or more", len(run), len(own))
		}
		var approved, unapproved, billed, authorized int
		for id, r := range run {
			o := own[id]
			if !reflect.DeepEqual(r.Input, o.Input) {
				t.Errorf("note %d: the run's input\n%+v\nits own\n%+v", id, r.Input, o.Input)
			}
			if !reflect.DeepEqual(r.Findings, o.Findings) {
				t.Errorf("note %d: the run's findings\n%+v\nits own\n%+v", id, r.Findings, o.Findings)
			}
			if r.Input.SupervisorApproved {
				approved++
			} else {
				unapproved++
			}
			if r.Input.UnitsBilledThisYear > 0 {
				billed++
			}
			if r.Input.Authorization != nil && r.Input.Plan != nil && !r.Input.ServiceOrderDate.IsZero() && len(r.Input.Credentials) > 0 {
				authorized++
			}
		}
		if approved == 0 || unapproved == 0 || billed == 0 || authorized == 0 {
			t.Fatalf("approved %d, unapproved %d, with units billed %d, with authorization, plan, order and credential %d: the fixture no longer exercises the facts",
				approved, unapproved, billed, authorized)
		}
	})
}
