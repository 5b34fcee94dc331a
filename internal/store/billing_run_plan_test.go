package store_test

import (
	"context"
	"database/sql"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/seed"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// The first billing read of a month stores every participant's run, and
// storing one run touches that participant's rows only. On PostgreSQL the
// plans made while the billing tables were empty or nearly so (prepared
// statements' generic plans, and statistics that still say empty) made
// each participant's store scan every run and service stored before it:
// the first read of a month at 20,000 notes took 11 to 13 s, at 100,000
// notes three minutes. A new run now looks for no old services, a run's
// totals reach its row through the primary key whatever the plan, the
// primary key is the one index bounding the delete of a run's services,
// and the period's runs are read a chunk of participants at a time by
// the key of each table (periodRuns). PostgreSQL counts the rows the
// read's transactions scanned (pg_stat_xact_user_tables); SQLite, which
// plans each statement anew, shows its plan of the delete. A claim batch
// of the month then finds every run fresh, chunk by chunk.
func TestFirstBillingReadTouchesEachRunOnce(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a, from, to := seededForFirstRead(t, db, "runs")
		var mu sync.Mutex
		scanned := map[string]int64{}
		if db.Engine == store.Postgres {
			// Statistics that say the billing tables are empty, as they are
			// (the planner believes them, as it does after autovacuum), and
			// say what the participants are.
			for _, table := range []string{"participant", "billing_version", "billing_run", "billing_verdict"} {
				if _, err := db.ExecRaw(ctx, "ANALYZE "+table); err != nil {
					t.Fatal(err)
				}
			}
			db.SetBeforeCommitTx(func(ctx context.Context, tx *store.Tx) error {
				rows, err := tx.Query(ctx, `SELECT relname, COALESCE(seq_tup_read, 0) + COALESCE(idx_tup_fetch, 0) FROM pg_stat_xact_user_tables
					WHERE schemaname = current_schema() AND relname IN ('billing_run', 'billing_verdict')`)
				if err != nil {
					return err
				}
				defer rows.Close()
				mu.Lock()
				defer mu.Unlock()
				for rows.Next() {
					var table string
					var n int64
					if err := rows.Scan(&table, &n); err != nil {
						return err
					}
					scanned[table] += n
				}
				return rows.Err()
			})
		}
		wl, err := db.BillableServices(ctx, a.Billing, a.Program.ID, from, to)
		db.SetBeforeCommitTx(nil)
		if err != nil {
			t.Fatal(err)
		}
		services := len(wl.Ready) + len(wl.Blocked)
		if services < 150 {
			t.Fatalf("%d services in May; the seed should give hundreds", services)
		}
		// Every participant's run was stored and is found again, chunk by
		// chunk: a claim batch of May scrubs no one itself.
		var scrubbed []int64
		db.SetBatchScrubs(func(pid int64) { scrubbed = append(scrubbed, pid) })
		_, err = db.CreateClaimBatch(ctx, a.Billing, a.Program.ID, from, to)
		db.SetBatchScrubs(nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(scrubbed) > 0 {
			t.Errorf("the claim batch after the first read scrubbed participants %v itself: their fresh runs were not found", scrubbed)
		}
		if db.Engine == store.Postgres {
			// Reading the period's runs and services back once or twice is
			// linear; scanning them again for each participant stored, or
			// for each chunk of participants, is thousands here.
			for table, n := range scanned {
				if n > int64(3*services) {
					t.Errorf("the first read of May (%d services, %d participants) scanned %d rows of %s", services, len(a.Participants), n, table)
				}
			}
			return
		}
		err = db.InScopedTx(ctx, func(exec func(q string, args ...any) (*sql.Rows, error)) error {
			rows, err := exec("EXPLAIN QUERY PLAN "+store.DeleteStoredServicesSQL, a.Program.ID, from, to, a.Participants[0].ID)
			if err != nil {
				return err
			}
			defer rows.Close()
			var steps []string
			for rows.Next() {
				var id, parent, unused int
				var detail string
				if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
					return err
				}
				steps = append(steps, detail)
			}
			if plan := strings.Join(steps, "; "); !strings.Contains(plan, "participant_id=?") {
				t.Errorf("SQLite deletes a participant's stored services with %q: not bounded on the participant", plan)
			}
			return rows.Err()
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// firstReadChunk is the run chunk of seededForFirstRead: the period's runs
// are read a chunk of participants at a time, and 4 makes its 60
// participants fifteen chunks, as 20,000 make twenty of 1,000.
const firstReadChunk = 4

// seededForFirstRead seeds an agency of 60 participants and 600 notes
// over ten weeks up to June 1, 2026, sets the clock to that morning and
// the run chunk to firstReadChunk, and returns it with May, the month its
// first read stores.
func seededForFirstRead(t *testing.T, db *store.DB, slug string) (*seed.Agency, goldthread.Date, goldthread.Date) {
	t.Helper()
	a, err := seed.Run(context.Background(), db, seed.Options{Slug: slug, Participants: 60, Notes: 600, Caseload: 20, Days: 70,
		Today: goldthread.NewDate(2026, 6, 1)})
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2026, 6, 1, 9, 0, 0, 0, seed.Zone()) }
	db.SetRunChunk(firstReadChunk)
	return a, goldthread.NewDate(2026, 5, 1), goldthread.NewDate(2026, 5, 31)
}
