package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/password"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// foreignBilling is a billing clerk of the fixture's second agency.
func foreignBilling(t *testing.T, db *store.DB, f *storetest.Fixture) goldthread.Actor {
	t.Helper()
	hash, err := password.Hash(storetest.Password, password.Params{Memory: 64, Time: 1, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	s := goldthread.Staff{AgencyID: f.Foreign.AgencyID, Email: "bill@elsewhere.test", Name: "Eli Elsewhere", FirstName: "Eli", LastName: "Elsewhere",
		Roles: []goldthread.Role{goldthread.RoleBilling}}
	if err := db.CreateStaff(context.Background(), &s, hash, 0); err != nil {
		t.Fatal(err)
	}
	return goldthread.Actor{UserID: s.ID, AgencyID: s.AgencyID, Name: s.Name, Roles: s.Roles}
}

// The billing data set, hand-counted: Marcus's services of Mar 2 and Mar 3
// (45 minutes, 3 units of H0038 at $11.97 each) went out on one claim of
// $71.82 on Mar 10; on Mar 9 one service is ready (3 units, $35.91) and one
// signed but not approved (blocked). Authorization PA-100 gives 40 units.
func TestBillingReport(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		claimID, _, _ := e.exported(t)
		e.billable(t, onMarch(9, 10))
		e.signed(t, onMarch(9, 12))
		period := march(1, 15)
		rep, err := db.BillingReport(ctx, e.f.Billing, period)
		if err != nil {
			t.Fatal(err)
		}
		t.Run("ReadyAndBlockedByWeekAndReason", func(t *testing.T) {
			if len(rep.Weeks) != 3 || rep.Weeks[0].Week != goldthread.NewDate(2026, 2, 23) || rep.Weeks[2].Week != goldthread.NewDate(2026, 3, 9) {
				t.Fatalf("weeks = %+v", rep.Weeks)
			}
			w := rep.Weeks[2]
			if w.Ready != 1 || len(w.Blocked) != 1 || len(rep.Reasons) != 1 || w.Blocked[rep.Reasons[0].RuleID] != 1 || rep.Reasons[0].Count != 1 {
				t.Fatalf("week of Mar 9 = %+v, reasons %+v", w, rep.Reasons)
			}
			if rep.Weeks[1].Ready != 0 || len(rep.Weeks[1].Blocked) != 0 {
				t.Fatalf("claimed services still counted as unclaimed: %+v", rep.Weeks[1])
			}
		})
		t.Run("UnitsAndAmountsByProgramAndWeek", func(t *testing.T) {
			if len(rep.Amounts) != 2 {
				t.Fatalf("amounts = %+v", rep.Amounts)
			}
			claimed, ready := rep.Amounts[0], rep.Amounts[1]
			if claimed.Week != goldthread.NewDate(2026, 3, 2) || claimed.ClaimedUnits != 6 || claimed.ClaimedCents != 7182 || claimed.ReadyUnits != 0 {
				t.Errorf("week of Mar 2 = %+v; want 6 units, $71.82 claimed", claimed)
			}
			if ready.Week != goldthread.NewDate(2026, 3, 9) || ready.ReadyUnits != 3 || ready.ReadyCents != 3591 || ready.ClaimedUnits != 0 {
				t.Errorf("week of Mar 9 = %+v; want 3 units, $35.91 ready", ready)
			}
		})
		t.Run("AuthorizationUnitsLeft", func(t *testing.T) {
			if len(rep.Authorizations) != 1 || rep.Authorizations[0].Number != "PA-100" || rep.Authorizations[0].Authorized != 40 ||
				rep.Authorizations[0].Used != 6 || rep.Authorizations[0].Left() != 34 || rep.Authorizations[0].Name != "Marcus Bell" {
				t.Fatalf("authorizations = %+v", rep.Authorizations)
			}
		})
		t.Run("ReceivablesAgeFromTheExport", func(t *testing.T) {
			if rep.Aging[0].Count != 1 || rep.Aging[0].Cents != 7182 || rep.Aging[1].Count+rep.Aging[2].Count+rep.Aging[3].Count != 0 {
				t.Fatalf("aging on Mar 10 = %+v", rep.Aging)
			}
			e.clock.T = e.clock.T.Add(45 * 24 * time.Hour)
			defer func() { e.clock.T = e.clock.T.Add(-45 * 24 * time.Hour) }()
			later, err := db.BillingReport(ctx, e.f.Billing, period)
			if err != nil {
				t.Fatal(err)
			}
			if later.Aging[1].From != 31 || later.Aging[1].Count != 1 || later.Aging[0].Count != 0 {
				t.Fatalf("aging 45 days on = %+v", later.Aging)
			}
		})
		t.Run("AnAdministratorGetsCountsWithoutParticipants", func(t *testing.T) {
			got, err := db.BillingReport(ctx, e.f.Admin, period)
			if err != nil {
				t.Fatal(err)
			}
			if got.Rows || len(got.Authorizations) != 0 || got.Weeks[2].Ready != 1 {
				t.Fatalf("administrator's report = %+v", got)
			}
		})
		t.Run("AnotherPeersFilterAndAnotherAgencySeeNothing", func(t *testing.T) {
			for name, tc := range map[string]struct {
				actor goldthread.Actor
				f     goldthread.ReportFilter
			}{
				"other peer":   {e.f.Billing, goldthread.ReportFilter{From: period.From, To: period.To, StaffID: e.f.OtherPeer.UserID}},
				"other agency": {foreignBilling(t, db, e.f), period},
			} {
				got, err := db.BillingReport(ctx, tc.actor, tc.f)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if got.Weeks[2].Ready != 0 || len(got.Reasons) != 0 || len(got.Amounts) != 0 || len(got.Authorizations) != 0 || got.Aging[0].Count != 0 {
					t.Errorf("%s sees the agency's billing: %+v", name, got)
				}
			}
		})
		t.Run("DenialsByReasonFromOutcomes", func(t *testing.T) {
			if err := db.RecordClaimOutcome(ctx, e.f.Billing, claimID, goldthread.ClaimOutcome{Status: goldthread.ClaimDenied, Reason: "CO-197 no prior authorization"}); err != nil {
				t.Fatal(err)
			}
			got, err := db.BillingReport(ctx, e.f.Billing, period)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Denials) != 1 || got.Denials[0].Reason != "CO-197 no prior authorization" || got.Denials[0].Count != 1 || got.Denials[0].Cents != 7182 {
				t.Fatalf("denials = %+v", got.Denials)
			}
			if got.Aging[0].Count != 0 {
				t.Fatalf("a denied claim is still receivable: %+v", got.Aging)
			}
			before, _ := db.BillingReport(ctx, e.f.Billing, march(1, 9))
			if len(before.Denials) != 0 {
				t.Fatalf("a denial of Mar 10 counted in a period ending Mar 9: %+v", before.Denials)
			}
		})
		t.Run("OnlyBillingReaders", func(t *testing.T) {
			for _, a := range []goldthread.Actor{e.f.Peer, e.f.Supervisor, e.f.Clinician} {
				_, err := db.BillingReport(ctx, a, period)
				wantKind(t, err, goldthread.EFORBIDDEN, "")
			}
		})
	})
}
