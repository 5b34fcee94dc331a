package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
)

// SetAfterParticipant installs a function the billing scrubber calls
// after each participant's services of this database (tests sample the
// heap there); nil removes it.
func (db *DB) SetAfterParticipant(f func()) { db.afterParticipant = f }

// SetBatchScrubs installs a function a claim batch calls with each
// participant it scrubs itself (their stored run stale or missing); nil
// removes it.
func (db *DB) SetBatchScrubs(f func(participantID int64)) { db.batchScrubs = f }

// SetScrubEveryRead makes the worklist scrub every service, never reading stored verdicts.
func (db *DB) SetScrubEveryRead(on bool) { db.scrubEveryRead = on }

// SetBeforeCommit installs a function every write transaction runs after
// chaining its audit events and before committing (the heads it moved
// still held); nil removes it.
func (db *DB) SetBeforeCommit(f func(context.Context) error) {
	db.beforeCommit = nil
	if f != nil {
		db.beforeCommit = func(ctx context.Context, _ *Tx) error { return f(ctx) }
	}
}

// SetBeforeCommitTx is SetBeforeCommit handing f the transaction too, for
// tests that read what it did (PostgreSQL's pg_stat_xact_user_tables).
func (db *DB) SetBeforeCommitTx(f func(context.Context, *Tx) error) { db.beforeCommit = f }

// FaultOf names what classify reads in a driver's error ("" for none), for
// the driver error tests.
func FaultOf(err error) string {
	return map[fault]string{faultUnique: "unique", faultBusy: "busy", faultRetry: "retry", faultCheck: "check",
		faultForeignKey: "foreign key", faultNotNull: "not null"}[classify(err)]
}

// CorruptNoteLoad makes every side of the history l carries hold a past
// note the database does not (tests: Verify must notice).
func CorruptNoteLoad(l *NoteLoad) {
	for side, list := range l.history.newest {
		fake := historyNote{id: 1 << 40, start: list[0].start.Add(time.Hour), end: list[0].end.Add(time.Hour), note: list[0].note}
		fake.note.ID = "1099511627776"
		l.history.newest[side] = append([]historyNote{fake}, list...)
	}
}

// VerdictRoundTrip stores svc as a stored verdict does and reads it back.
func VerdictRoundTrip(svc goldthread.BillableService) (goldthread.BillableService, error) {
	body, err := encodeVerdict(svc)
	if err != nil {
		return svc, err
	}
	return decodeVerdict(body)
}

// ParticipantsInReach lists, in id order, the ids of every participant
// (of any agency) the actor reaches by participantScope (one false) or by
// participantInReach checked row by row (one true).
func (db *DB) ParticipantsInReach(ctx context.Context, actor goldthread.Actor, one bool) ([]int64, error) {
	scope, args := scopeOn(actor, one)
	var ids []int64
	err := db.ReadTx(ctx, func(tx *Tx) error {
		return scanAll(ctx, tx, "SELECT p.id FROM participant p WHERE "+scope+" ORDER BY p.id", args, func(r scanner) error {
			var id int64
			err := r.Scan(&id)
			ids = append(ids, id)
			return err
		})
	})
	return ids, err
}

// DayFigureDrift compares the kept billing figures of the program
// (billing_day_figure) with the sums of its stored services
// (billing_verdict), every period: "" when they agree, else both listed;
// rows counts the kept rows.
func (db *DB) DayFigureDrift(ctx context.Context, programID int64) (drift string, rows int, err error) {
	list := func(tx *Tx, q string) (string, int, error) {
		var b strings.Builder
		n := 0
		err := scanAll(ctx, tx, q, []any{programID}, func(r scanner) error {
			var from, to, day goldthread.Date
			var ready bool
			var rule string
			var services, units int
			var cents int64
			if err := r.Scan(&from, &to, &day, &ready, &rule, &services, &units, &cents); err != nil {
				return err
			}
			n++
			fmt.Fprintf(&b, "%s..%s %s ready=%v %q services=%d units=%d cents=%d\n", from, to, day, ready, rule, services, units, cents)
			return nil
		})
		return b.String(), n, err
	}
	err = db.ReadTx(ctx, func(tx *Tx) error {
		kept, n, err := list(tx, `SELECT period_from, period_to, service_date, ready, first_rule, services, units, cents FROM billing_day_figure
			WHERE program_id = ? ORDER BY period_from, period_to, service_date, ready, first_rule`)
		if err != nil {
			return err
		}
		sums, _, err := list(tx, `SELECT period_from, period_to, service_date, ready, first_rule, COUNT(*), SUM(units), SUM(charge_cents)
			FROM billing_verdict WHERE program_id = ? GROUP BY period_from, period_to, service_date, ready, first_rule
			ORDER BY period_from, period_to, service_date, ready, first_rule`)
		if err != nil {
			return err
		}
		rows = n
		if kept != sums {
			drift = "kept:\n" + kept + "sums of the stored services:\n" + sums
		}
		return nil
	})
	return drift, rows, err
}

// DeleteStoredServicesSQL is the statement storeRuns deletes one run's
// old services with, for tests of its plan.
var DeleteStoredServicesSQL = fmt.Sprintf(deleteStoredServicesSQL, "participant_id = ?")

// SetRunChunk sets how many participants a read of a period's runs takes
// at a time (0: the build's own), so a test of a few participants reads
// many chunks.
func (db *DB) SetRunChunk(n int) { db.runChunkSize = n }

// SetStatementHook installs a function called with the text of every
// statement a transaction of this database runs; nil removes it.
func (db *DB) SetStatementHook(f func(q string)) { db.onStatement = f }

// ClaimNotes records in one transaction that claim claimID bills each
// note, units each under authorization authID (0: none), as a claim batch
// records a claim's services (claimServices).
func (db *DB) ClaimNotes(ctx context.Context, actor goldthread.Actor, claimID, authID int64, units int, noteIDs ...int64) error {
	return db.WriteTx(ctx, func(tx *Tx) error {
		var services []scrubbed
		for _, id := range noteIDs {
			services = append(services, scrubbed{svc: goldthread.BillableService{NoteID: id, Units: units, AuthorizationID: authID}})
		}
		return claimServices(ctx, tx, actor, claimID, services)
	})
}
