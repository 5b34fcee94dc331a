package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
)

// Rows one multi-row INSERT of storeRuns writes at most: 500 verdicts of
// 18 values are 9,000 placeholders, under SQLite's 32,766 and
// PostgreSQL's 65,535.
const runRowsPerInsert = 500

// storeRuns scrubs the services of the period of each participant of pids
// (ascending ids) and stores them as their runs, at the participants'
// versions read first. It reads and writes the chunk a statement at a
// time for each kind of row, not for each participant: the versions; the
// runs' rows begun, which gives back how many services each held before
// (none for a new run, so a first read looks for no old services); the
// old services of those that held some; the candidates; the facts the
// scrubber needs (scrubber.loadChunk); then the verdicts and the runs'
// totals, in multi-row inserts. On PostgreSQL each statement is a round
// trip: a first read made about twenty for each participant before.
//
// The runs' rows are written first, in id order, in one statement: on
// PostgreSQL two readers storing the same runs take turns on them, in the
// same order, instead of one failing on the other's rows. The scrubbing
// is what scrubNotes does for one participant, with the facts read for
// the chunk, so the verdicts are those of a run stored alone.
func storeRuns(ctx context.Context, tx *Tx, s *scrubber, st verdictStamp, from, to goldthread.Date, pids []int64) error {
	if len(pids) == 0 {
		return nil
	}
	versions, err := participantVersions(ctx, tx, pids)
	if err != nil {
		return err
	}
	held, err := beginRuns(ctx, tx, s, st, from, to, pids, versions)
	if err != nil {
		return err
	}
	if err := deleteStoredServices(ctx, tx, s, from, to, held); err != nil {
		return err
	}
	notes, err := candidatesOf(ctx, tx, s.agency.ID, s.program.ID, pids, from, to)
	if err != nil {
		return err
	}
	if err := s.loadChunk(ctx, tx, notes); err != nil {
		return err
	}
	defer s.endChunk()
	var verdicts, totals []any
	for _, pid := range pids {
		var until time.Time
		var sum runTotals
		position := 0
		err := scrubNotes(ctx, tx, s, notes[pid], func(sc *scrubbed) error {
			if t := sc.freshUntil; !t.IsZero() && (until.IsZero() || t.Before(until)) {
				until = t
			}
			position++
			row, err := verdictRow(tx, s, st, from, to, sc, position, &sum)
			verdicts = append(verdicts, row...)
			return err
		})
		if err != nil {
			return err
		}
		// Begun at the tx's own clock, so a run that fails half-way is
		// never fresh; now the clock bound it really has.
		var fresh any
		if !until.IsZero() {
			fresh = until
		}
		totals = append(totals, s.agency.ID, s.program.ID, from, to, pid, st.agency, versions[pid], st.authors(sum.authors), st.basis,
			fresh, tx.now, sum.ready, sum.blocked, sum.units, sum.cents, sum.ruleCounts(), strings.Join(sum.rateKeys, " "))
	}
	if err := insertRows(ctx, tx, verdictInsertSQL, 18, verdicts); err != nil {
		return fmt.Errorf("store.storeRuns: %w", err)
	}
	if err := insertRows(ctx, tx, runTotalsSQL, 17, totals); err != nil {
		return fmt.Errorf("store.storeRuns: %w", err)
	}
	return nil
}

// verdictInsertSQL inserts rows stored services.
func verdictInsertSQL(rows int) string {
	return `INSERT INTO billing_verdict (agency_id, program_id, period_from, period_to, participant_id, position,
		note_id, author_id, author_v, service_date, ready, units, charge_cents, first_rule, rules, rate_key, service, claim)
		VALUES ` + values(rows, 18)
}

// verdictRow is the billing_verdict row of sc, the position-th service of
// its participant's run, as verdictInsertSQL takes it; it adds sc to the
// run's sum and to the day figures.
func verdictRow(tx *Tx, s *scrubber, st verdictStamp, from, to goldthread.Date, sc *scrubbed, position int, sum *runTotals) ([]any, error) {
	body, err := encodeVerdict(sc.svc)
	if err != nil {
		return nil, err
	}
	first, rules := "", []string{}
	for _, b := range sc.svc.Blocks {
		if first == "" {
			first = b.RuleID
		}
		if !slices.Contains(rules, b.RuleID) {
			rules = append(rules, b.RuleID)
		}
	}
	rateKey := ""
	if sc.svc.Ready() && sc.rate.Placeholder {
		rateKey = placeholderKey(sc.rate)
	}
	sum.add(sc.svc, rules, rateKey)
	tx.moveDayFigure(s.agency.ID, dayFigureKey{program: s.program.ID, from: from, to: to, day: sc.svc.ServiceDate, ready: sc.svc.Ready(), firstRule: first},
		1, sc.svc.Units, sc.svc.ChargeCents)
	claim := ""
	if sc.svc.Ready() {
		claim = encodeVerdictClaim(sc)
	}
	return []any{s.agency.ID, s.program.ID, from, to, sc.svc.ParticipantID, position, sc.svc.NoteID, sc.svc.AuthorID, st.staff[sc.svc.AuthorID],
		sc.svc.ServiceDate, sc.svc.Ready(), sc.svc.Units, sc.svc.ChargeCents, first, strings.Join(rules, " "), rateKey, body, claim}, nil
}

// insertRows runs the statement q(rows) for args, cols values a row,
// runRowsPerInsert rows at a time (storeRuns, writeDayFigures).
func insertRows(ctx context.Context, tx *Tx, q func(rows int) string, cols int, args []any) error {
	for len(args) > 0 {
		part := args[:min(len(args), runRowsPerInsert*cols)]
		args = args[len(part):]
		if _, err := tx.Exec(ctx, q(len(part)/cols), part...); err != nil {
			return err
		}
	}
	return nil
}

// participantVersions are the billing versions of the participants pids
// (0 for one never counted).
func participantVersions(ctx context.Context, tx *Tx, pids []int64) (map[int64]int64, error) {
	out := make(map[int64]int64, len(pids))
	in, args := idIn("scope_id", pids)
	err := scanAll(ctx, tx, `SELECT scope_id, MAX(version) FROM billing_version WHERE scope = ? AND `+in+` GROUP BY scope_id`,
		append([]any{scopeParticipant}, args...), func(r scanner) error {
			var id, v int64
			err := r.Scan(&id, &v)
			out[id] = v
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("store.participantVersions: %w", err)
	}
	return out, nil
}

// beginRuns writes the runs' rows of pids at the stamp and versions, with
// the tx's clock as their bound until storeRuns writes their totals, and
// returns the participants whose run held services before.
func beginRuns(ctx context.Context, tx *Tx, s *scrubber, st verdictStamp, from, to goldthread.Date, pids []int64,
	versions map[int64]int64) ([]int64, error) {
	var held []int64
	for rest := pids; len(rest) > 0; {
		part := rest[:min(len(rest), runRowsPerInsert)]
		rest = rest[len(part):]
		args := make([]any, 0, 17*len(part))
		for _, pid := range part {
			args = append(args, s.agency.ID, s.program.ID, from, to, pid, st.agency, versions[pid], "", st.basis, tx.now, tx.now, 0, 0, 0, 0, "", "")
		}
		err := scanAll(ctx, tx, `INSERT INTO billing_run (agency_id, program_id, period_from, period_to, participant_id, agency_v, participant_v,
			authors, basis, fresh_until, computed_at, ready_count, blocked_count, ready_units, ready_cents, rule_counts, rate_keys)
			VALUES `+values(len(part), 17)+`
			ON CONFLICT (program_id, period_from, period_to, participant_id) DO UPDATE SET agency_v = excluded.agency_v,
			participant_v = excluded.participant_v, basis = excluded.basis, fresh_until = excluded.fresh_until, computed_at = excluded.computed_at
			RETURNING participant_id, ready_count + blocked_count`, args, func(r scanner) error {
			var pid int64
			var stored int
			if err := r.Scan(&pid, &stored); err != nil {
				return err
			}
			if stored > 0 {
				held = append(held, pid)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("store.storeRuns: %w", err)
		}
	}
	return held, nil
}
