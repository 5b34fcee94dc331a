package store_test

import (
	"context"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestBillingDayFiguresAreTheStoredServicesSums: the billing dashboard's
// sums kept by day, readiness and first blocking rule (billing_day_figure,
// migration 0195) are, after every read that stores runs, exactly the sums
// of the stored services, and the dashboard's weeks count what the
// worklist lists: on a first read, after a new service (the participant's
// run stored again: what it held is taken out first), after a claim (the
// claimed services leave), and after the credential lapses (ready services
// turn blocked), whether the dashboard or the worklist stored the runs.
// It fails when storeRuns stops moving the figures either way, or a
// transaction commits without writing its moves.
func TestBillingDayFiguresAreTheStoredServicesSums(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		e.billable(t, onMarch(2, 9))
		e.billable(t, onMarch(3, 9))
		e.signed(t, onMarch(4, 9)) // not approved: blocked
		steps := []struct {
			name   string
			change func()
		}{
			{"first read", func() {}},
			{"a new service", func() { e.billable(t, onMarch(5, 9)) }},
			{"a claim", func() { e.exportMarch(t) }},
			{"another service", func() { e.billable(t, onMarch(9, 9)) }},
			{"the credential lapses", func() {
				exec(t, db, "UPDATE credential SET expires_on = ? WHERE id = ?", goldthread.NewDate(2026, 3, 1), e.credID)
			}},
		}
		for i, s := range steps {
			s.change()
			if i%2 == 1 {
				// The worklist stores the runs first: its transaction
				// writes the moves as it commits.
				if _, err := db.BillableServices(ctx, e.f.Billing, e.f.Program.ID, marchFrom, marchTo); err != nil {
					t.Fatal(err)
				}
			}
			rep, err := db.BillingReport(ctx, e.f.Billing, goldthread.ReportFilter{From: marchFrom, To: marchTo})
			if err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			drift, rows, err := db.DayFigureDrift(ctx, e.f.Program.ID)
			if err != nil {
				t.Fatal(err)
			}
			if drift != "" || rows == 0 {
				t.Fatalf("%s: %d kept rows; %s", s.name, rows, drift)
			}
			wl, err := db.BillableServices(ctx, e.f.Billing, e.f.Program.ID, marchFrom, marchTo)
			if err != nil {
				t.Fatal(err)
			}
			ready, blocked := 0, 0
			for _, w := range rep.Weeks {
				ready += w.Ready
				for _, n := range w.Blocked {
					blocked += n
				}
			}
			if ready != len(wl.Ready) || blocked != len(wl.Blocked) {
				t.Fatalf("%s: the dashboard counts %d ready and %d blocked, the worklist lists %d and %d", s.name, ready, blocked, len(wl.Ready), len(wl.Blocked))
			}
		}
	})
}
