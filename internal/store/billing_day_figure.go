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
// first blocking rule, how many services, units and cents. storeRun moves
// the rows by what it takes out and puts in of one participant's
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

// deleteStoredServicesSQL deletes one participant's stored services of a
// program and period, giving back what the day figures count of them. The
// primary key is the one index it can be bounded by (migration 0196).
const deleteStoredServicesSQL = `DELETE FROM billing_verdict WHERE program_id = ? AND period_from = ? AND period_to = ?
	AND participant_id = ?
	RETURNING service_date, ready, first_rule, units, charge_cents`

// deleteStoredServices deletes the stored services of participant pid
// in the program and period and takes them out of the day figures, in one
// statement (DELETE … RETURNING), so storing a run reads its old rows no
// more often than it did before the figures were kept. (A separate read
// grouping them made SQLite walk the period's figures index past every
// participant's services for each participant stored.)
func deleteStoredServices(ctx context.Context, tx *Tx, s *scrubber, from, to goldthread.Date, pid int64) error {
	err := scanAll(ctx, tx, deleteStoredServicesSQL, []any{s.program.ID, from, to, pid}, func(r scanner) error {
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
		return fmt.Errorf("store.storeRun: %w", err)
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
	for i, k := range keys {
		m := tx.dayFigures[k]
		if _, err := tx.Exec(ctx, `INSERT INTO billing_day_figure (agency_id, program_id, period_from, period_to, service_date, ready, first_rule, services, units, cents)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (program_id, period_from, period_to, service_date, ready, first_rule)
			DO UPDATE SET services = billing_day_figure.services + excluded.services, units = billing_day_figure.units + excluded.units,
			cents = billing_day_figure.cents + excluded.cents`,
			m.agency, k.program, k.from, k.to, k.day, k.ready, k.firstRule, m.services, m.units, m.cents); err != nil {
			return fmt.Errorf("store.writeDayFigures: %w", err)
		}
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
