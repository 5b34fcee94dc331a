package store

import (
	"context"
	"time"

	"github.com/goldthread/goldthread"
)

// refreshSlice is about how long one transaction of RefreshVerdicts
// scrubs before it commits, so that on SQLite, whose one writer it holds,
// a signature waits no longer than that.
const refreshSlice = 200 * time.Millisecond

// refreshBatch is how many stale participants RefreshVerdicts looks for,
// and stores together (storeRuns), at a time inside one transaction: each
// batch is a few dozen statements whatever its size, so ten made three a
// participant. Fifty take about 40 ms on SQLite (k20's month, 2,000
// participants in 1.6 s), well inside refreshSlice.
const refreshBatch = 50

// RefreshVerdicts brings the stored verdicts of the program and period up
// to date as a worklist read does (the same storeRuns, scrubNotes
// loop), for a reader who may read the worklist. It scrubs the stale
// participants in many short transactions, then once more in one
// transaction, which finds every run fresh but for what changed meanwhile
// and notes the period fresh with its totals; afterwards a read of the
// period scrubs nothing until something changes. It is the background
// check the Billing page starts when it reads stale runs
// (WorklistPage.AsStored); ctx ends it between two transactions, and what
// was committed stays (each run is fresh or stale by its own versions).
// Billing readers, and the operator of `goldthread claims refresh`;
// EFORBIDDEN for anyone else.
func (db *DB) RefreshVerdicts(ctx context.Context, actor goldthread.Actor, programID int64, from, to goldthread.Date) error {
	if err := billingReader(actor); err != nil && !actor.IsOperator() {
		return err
	}
	if err := CheckBillingPeriod(from, to); err != nil {
		return err
	}
	var after int64
	for done := false; !done; {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := db.WriteTx(ctx, func(tx *Tx) error {
			s, st, err := stampedScrubber(ctx, tx, actor, programID)
			if err != nil {
				return err
			}
			if _, fresh, err := freshPeriod(ctx, tx, s, st, from, to); err != nil || fresh {
				done = fresh
				return err
			}
			if st, err = withStaff(ctx, tx, st, s.agency.ID); err != nil {
				return err
			}
			s.startRun(from, to)
			for began := time.Now(); time.Since(began) < refreshSlice; {
				stale, err := staleRuns(ctx, tx, s, st, from, to, after, refreshBatch)
				if err != nil {
					return err
				}
				if err := storeRuns(ctx, tx, s, st, from, to, stale); err != nil {
					return err
				}
				if len(stale) > 0 {
					after = stale[len(stale)-1]
				}
				if len(stale) < refreshBatch {
					done = true
					return nil
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		s, st, err := stampedScrubber(ctx, tx, actor, programID)
		if err != nil {
			return err
		}
		_, err = refreshVerdicts(ctx, tx, s, st, from, to)
		return err
	})
}
