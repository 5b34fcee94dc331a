package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/goldthread/goldthread"
)

// billing_day_figure (migration 0195) keeps what the billing dashboard
// adds up of a period's stored services: by service date, readiness and
// first blocking rule, how many services, units and cents. storeRuns moves
// the rows by what it takes out and puts in of the participants'
// services; the moves are gathered in the transaction and written just
// before it commits, in key order (writeDayFigures), so that on
// PostgreSQL two transactions storing runs of the same period take the
// rows they share in the same order and never deadlock.

// dayFigureKey names a row of billing_day_figure.
type dayFigureKey struct {
	program   int64
	from, to  goldthread.Date
	day       goldthread.Date
	ready     bool
	firstRule string
}

// dayFigureMove is what a transaction adds to a row (negative: takes out).
type dayFigureMove struct {
	agency          int64
	services, units int
	cents           int64
}

// moveDayFigure adds services, units and cents to the row k of the agency.
func (tx *Tx) moveDayFigure(agency int64, k dayFigureKey, services, units int, cents int64) {
	if tx.dayFigures == nil {
		tx.dayFigures = map[dayFigureKey]dayFigureMove{}
	}
	m := tx.dayFigures[k]
	m.agency = agency
	m.services += services
	m.units += units
	m.cents += cents
	tx.dayFigures[k] = m
}

// deleteStoredServicesSQL deletes the stored services of some
// participants (participant_id IN, placed by the caller) of a program and
// period, giving back what the day figures count of them. The primary key
// is the one index it can be bounded by (migration 0196).
const deleteStoredServicesSQL = `DELETE FROM billing_verdict WHERE program_id = ? AND period_from = ? AND period_to = ?
	AND %s
	RETURNING service_date, ready, first_rule, units, charge_cents`

// deleteStoredServices deletes the stored services of the participants
// pids in the program and period and takes them out of the day figures,
// in one statement (DELETE … RETURNING), so storing runs reads their old
// rows no more often than it did before the figures were kept. (A
// separate read grouping them made SQLite walk the period's figures index
// past every participant's services for each participant stored.)
func deleteStoredServices(ctx context.Context, tx *Tx, s *scrubber, from, to goldthread.Date, pids []int64) error {
	if len(pids) == 0 {
		return nil
	}
	in, ids := idIn("participant_id", pids)
	err := scanAll(ctx, tx, fmt.Sprintf(deleteStoredServicesSQL, in), append([]any{s.program.ID, from, to}, ids...), func(r scanner) error {
		k := dayFigureKey{program: s.program.ID, from: from, to: to}
		var units int
		var cents int64
		if err := r.Scan(&k.day, &k.ready, &k.firstRule, &units, &cents); err != nil {
			return err
		}
		tx.moveDayFigure(s.agency.ID, k, -1, -units, -cents)
		return nil
	})
	if err != nil {
		return fmt.Errorf("store.storeRuns: %w", err)
	}
	return nil
}

// writeDayFigures writes the transaction's moves of billing_day_figure in
// key order, then deletes the rows of the periods it moved that count no
// service any more. runTx calls it before the commit.
func (tx *Tx) writeDayFigures(ctx context.Context) error {
	if len(tx.dayFigures) == 0 {
		return nil
	}
	keys := make([]dayFigureKey, 0, len(tx.dayFigures))
	for k, m := range tx.dayFigures {
		if m.services != 0 || m.units != 0 || m.cents != 0 {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b dayFigureKey) int {
		return cmp.Or(cmp.Compare(a.program, b.program), a.from.Compare(b.from.Time), a.to.Compare(b.to.Time), a.day.Compare(b.day.Time),
			cmp.Compare(boolOrder(a.ready), boolOrder(b.ready)), cmp.Compare(a.firstRule, b.firstRule))
	})
	// One multi-row upsert a runRowsPerInsert keys, in key order, not one
	// statement a key: rows are taken in the order they are listed.
	args := make([]any, 0, 10*len(keys))
	for _, k := range keys {
		m := tx.dayFigures[k]
		args = append(args, m.agency, k.program, k.from, k.to, k.day, k.ready, k.firstRule, m.services, m.units, m.cents)
	}
	err := insertRows(ctx, tx, func(rows int) string {
		return `INSERT INTO billing_day_figure (agency_id, program_id, period_from, period_to, service_date, ready, first_rule, services, units, cents)
			VALUES ` + values(rows, 10) + ` ON CONFLICT (program_id, period_from, period_to, service_date, ready, first_rule)
			DO UPDATE SET services = billing_day_figure.services + excluded.services, units = billing_day_figure.units + excluded.units,
			cents = billing_day_figure.cents + excluded.cents`
	}, 10, args)
	if err != nil {
		return fmt.Errorf("store.writeDayFigures: %w", err)
	}
	for i, k := range keys {
		if i+1 == len(keys) || keys[i+1].program != k.program || keys[i+1].from != k.from || keys[i+1].to != k.to {
			if _, err := tx.Exec(ctx, `DELETE FROM billing_day_figure WHERE program_id = ? AND period_from = ? AND period_to = ? AND services = 0`,
				k.program, k.from, k.to); err != nil {
				return fmt.Errorf("store.writeDayFigures: %w", err)
			}
		}
	}
	tx.dayFigures = nil
	return nil
}

// boolOrder orders false before true.
func boolOrder(b bool) int {
	if b {
		return 1
	}
	return 0
}
