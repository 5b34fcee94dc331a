package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/goldthread/goldthread"
)

// Stored verdicts (migration 0150). The worklist and the billing dashboard
// read what the scrubber said of each participant's services in the
// period, kept from an earlier read, and scrub again only the participants
// whose inputs changed since: a run is fresh while the versions of the
// agency, the participant and each service's author are still those it
// was computed at (the migration's triggers move them in the transaction
// of every change), and until the clock reaches a service that was dated
// in the future when it was scrubbed. A stored verdict is only a cache:
// it is written by the same scrubber (scrubParticipant) an export runs,
// and the export scrubs for itself (eachCandidate).

// Scopes of billing_version.
const (
	scopeAgency      = "agency"
	scopeParticipant = "participant"
	scopeStaff       = "staff"
)

// verdictPage is how many participants a run reads at a time.
const verdictPage = 200

// billingVersion is the version of one scope (0 when nothing was ever
// counted).
func billingVersion(ctx context.Context, tx *Tx, scope string, id int64) (int64, error) {
	var v int64
	err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM billing_version WHERE scope = ? AND scope_id = ?`, scope, id).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("store.billingVersion: %w", err)
	}
	return v, nil
}

// staffVersions are the versions of every staff member of the agency.
func staffVersions(ctx context.Context, tx *Tx, agencyID int64) (map[int64]int64, error) {
	out := map[int64]int64{}
	err := scanAll(ctx, tx, `SELECT scope_id, version FROM billing_version WHERE agency_id = ? AND scope = ?`, []any{agencyID, scopeStaff},
		func(r scanner) error {
			var id, v int64
			err := r.Scan(&id, &v)
			out[id] = v
			return err
		})
	return out, err
}

// verdictStamp is what a run is read at: the versions are read before the
// records they count, so a change committed meanwhile leaves the run
// stale rather than wrongly fresh.
type verdictStamp struct {
	agency int64
	staff  map[int64]int64
}

// readStamp reads the agency's and its staff's versions; it must come
// before the scrubber reads the agency's settings.
func readStamp(ctx context.Context, tx *Tx, agencyID int64) (verdictStamp, error) {
	var st verdictStamp
	var err error
	if st.agency, err = billingVersion(ctx, tx, scopeAgency, agencyID); err != nil {
		return st, err
	}
	st.staff, err = staffVersions(ctx, tx, agencyID)
	return st, err
}

// scrubParticipant scrubs one participant's candidates of the program and
// period in the order an export claims them, counting each ready
// service's units as used for the ones after it, and calls fn with each.
// Both an export (eachCandidate) and a stored verdict (eachVerdict) come
// from here.
func scrubParticipant(ctx context.Context, tx *Tx, s *scrubber, from, to goldthread.Date, pid int64, fn func(sc *scrubbed) error) error {
	ids, err := candidateNotes(ctx, tx, s.program.ID, pid, from, to)
	if err != nil {
		return err
	}
	s.forget()
	for _, id := range ids {
		sc, err := s.scrub(ctx, tx, id)
		if err != nil {
			return err
		}
		if sc.svc.Ready() {
			s.claimed(&sc)
		}
		if err := fn(&sc); err != nil {
			return err
		}
	}
	return nil
}

// eachVerdict calls fn with every candidate service of the program and
// period in participant order, as eachCandidate would scrub it: from the
// stored runs that are still fresh, scrubbing and storing the others.
func eachVerdict(ctx context.Context, tx *Tx, s *scrubber, st verdictStamp, from, to goldthread.Date, fn func(svc *goldthread.BillableService) error) error {
	var after int64
	s.history = newHistoryBatch(from, to)
	for {
		people, err := candidateParticipants(ctx, tx, s.agency.ID, s.program.ID, from, to, after, verdictPage)
		if err != nil {
			return err
		}
		last := int64(-1) // no upper bound: the last page
		if len(people) == verdictPage {
			last = people[len(people)-1]
		}
		fresh, err := freshRuns(ctx, tx, s, st, from, to, after, last)
		if err != nil {
			return err
		}
		want := map[int64]bool{}
		for _, pid := range people {
			want[pid] = true
			if !fresh[pid] {
				if err := storeRun(ctx, tx, s, st, from, to, pid); err != nil {
					return err
				}
			}
		}
		// A participant with no candidate left (all claimed) keeps no run.
		for pid := range fresh {
			if !want[pid] {
				if err := dropRun(ctx, tx, s.program.ID, from, to, pid); err != nil {
					return err
				}
			}
		}
		if err := readVerdicts(ctx, tx, s.program.ID, from, to, after, last, want, fn); err != nil {
			return err
		}
		if last < 0 {
			return nil
		}
		after = last
	}
}

// rangeCond bounds participant_id to (after, last], or above after when
// last is negative.
func rangeCond(col string, after, last int64) (string, []any) {
	if last < 0 {
		return col + " > ?", []any{after}
	}
	return col + " > ? AND " + col + " <= ?", []any{after, last}
}

// freshRuns are the participants in (after, last] whose stored run of the
// period is still fresh, and (false) those with a stale one.
func freshRuns(ctx context.Context, tx *Tx, s *scrubber, st verdictStamp, from, to goldthread.Date, after, last int64) (map[int64]bool, error) {
	cond, bounds := rangeCond("r.participant_id", after, last)
	out := map[int64]bool{}
	stale := map[int64]bool{}
	args := append([]any{scopeParticipant, s.program.ID, from, to}, bounds...)
	err := scanAll(ctx, tx, `SELECT r.participant_id, r.agency_v, r.fresh_until, r.participant_v = COALESCE(v.version, 0)
		FROM billing_run r LEFT JOIN billing_version v ON v.scope = ? AND v.scope_id = r.participant_id
		WHERE r.program_id = ? AND r.period_from = ? AND r.period_to = ? AND `+cond, args, func(r scanner) error {
		var pid, agencyV int64
		var until sql.NullTime
		var same bool
		if err := r.Scan(&pid, &agencyV, &until, &same); err != nil {
			return err
		}
		out[pid] = same && agencyV == st.agency && (!until.Valid || until.Time.After(tx.now))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store.freshRuns: %w", err)
	}
	cond, bounds = rangeCond("participant_id", after, last)
	err = scanAll(ctx, tx, `SELECT participant_id, author_id, author_v FROM billing_verdict
		WHERE program_id = ? AND period_from = ? AND period_to = ? AND `+cond, append([]any{s.program.ID, from, to}, bounds...),
		func(r scanner) error {
			var pid, author, v int64
			if err := r.Scan(&pid, &author, &v); err != nil {
				return err
			}
			if st.staff[author] != v {
				stale[pid] = true
			}
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("store.freshRuns: %w", err)
	}
	for pid := range stale {
		out[pid] = false
	}
	return out, nil
}

// dropRun deletes a participant's stored run of the period.
func dropRun(ctx context.Context, tx *Tx, programID int64, from, to goldthread.Date, pid int64) error {
	for _, table := range []string{"billing_verdict", "billing_run"} {
		if _, err := tx.Exec(ctx, `DELETE FROM `+table+` WHERE program_id = ? AND period_from = ? AND period_to = ? AND participant_id = ?`,
			programID, from, to, pid); err != nil {
			return fmt.Errorf("store.dropRun: %w", err)
		}
	}
	return nil
}

// storeRun scrubs one participant's services of the period and stores
// them as their run, at the participant's version read first. The run's
// row is written first: on PostgreSQL two readers storing the same run
// then take turns on it instead of one failing on the other's rows.
func storeRun(ctx context.Context, tx *Tx, s *scrubber, st verdictStamp, from, to goldthread.Date, pid int64) error {
	pv, err := billingVersion(ctx, tx, scopeParticipant, pid)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO billing_run (agency_id, program_id, period_from, period_to, participant_id, agency_v, participant_v,
		fresh_until, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (program_id, period_from, period_to, participant_id) DO UPDATE SET agency_v = excluded.agency_v,
		participant_v = excluded.participant_v, fresh_until = excluded.fresh_until, computed_at = excluded.computed_at`,
		s.agency.ID, s.program.ID, from, to, pid, st.agency, pv, tx.now, tx.now); err != nil {
		return fmt.Errorf("store.storeRun: %w", err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM billing_verdict WHERE program_id = ? AND period_from = ? AND period_to = ? AND participant_id = ?`,
		s.program.ID, from, to, pid); err != nil {
		return fmt.Errorf("store.storeRun: %w", err)
	}
	var until time.Time
	position := 0
	err = scrubParticipant(ctx, tx, s, from, to, pid, func(sc *scrubbed) error {
		if t := sc.freshUntil; !t.IsZero() && (until.IsZero() || t.Before(until)) {
			until = t
		}
		body, err := encodeVerdict(sc.svc)
		if err != nil {
			return err
		}
		first := ""
		if len(sc.svc.Blocks) > 0 {
			first = sc.svc.Blocks[0].RuleID
		}
		position++
		if _, err := tx.Exec(ctx, `INSERT INTO billing_verdict (agency_id, program_id, period_from, period_to, participant_id, position,
			note_id, author_id, author_v, service_date, ready, units, charge_cents, first_rule, service)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, s.agency.ID, s.program.ID, from, to, pid, position,
			sc.svc.NoteID, sc.svc.AuthorID, st.staff[sc.svc.AuthorID], sc.svc.ServiceDate, sc.svc.Ready(), sc.svc.Units, sc.svc.ChargeCents,
			first, body); err != nil {
			return fmt.Errorf("store.storeRun: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Written as the tx's own clock while scrubbing, so a run that fails
	// half-way is never fresh; now the clock bound it really has.
	var fresh any
	if !until.IsZero() {
		fresh = until
	}
	if _, err := tx.Exec(ctx, `UPDATE billing_run SET fresh_until = ? WHERE program_id = ? AND period_from = ? AND period_to = ? AND participant_id = ?`,
		fresh, s.program.ID, from, to, pid); err != nil {
		return fmt.Errorf("store.storeRun: %w", err)
	}
	return nil
}

// readVerdicts calls fn with the stored services of the participants in
// want within (after, last], in participant order and each participant's
// scrub order.
func readVerdicts(ctx context.Context, tx *Tx, programID int64, from, to goldthread.Date, after, last int64, want map[int64]bool,
	fn func(svc *goldthread.BillableService) error) error {
	cond, bounds := rangeCond("participant_id", after, last)
	return scanAll(ctx, tx, `SELECT participant_id, service FROM billing_verdict WHERE program_id = ? AND period_from = ? AND period_to = ? AND `+cond+`
		ORDER BY participant_id, position`, append([]any{programID, from, to}, bounds...), func(r scanner) error {
		var pid int64
		var body string
		if err := r.Scan(&pid, &body); err != nil {
			return err
		}
		if !want[pid] {
			return nil
		}
		svc, err := decodeVerdict(body)
		if err != nil {
			return err
		}
		return fn(&svc)
	})
}

// storedVerdict is a service as stored: the service's JSON, which keeps
// the English of each block, and each block's message and fix as Texts
// for the reader's printer.
type storedVerdict struct {
	Service goldthread.BillableService `json:"service"`
	Texts   [][2]goldthread.Text       `json:"texts"`
}

func encodeVerdict(svc goldthread.BillableService) (string, error) {
	v := storedVerdict{Service: svc}
	for _, b := range svc.Blocks {
		v.Texts = append(v.Texts, [2]goldthread.Text{storableText(b.MessageText), storableText(b.FixText)})
	}
	body, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("store.encodeVerdict: %w", err)
	}
	return string(body), nil
}

func decodeVerdict(body string) (goldthread.BillableService, error) {
	var v storedVerdict
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		return v.Service, fmt.Errorf("store.decodeVerdict: %w", err)
	}
	for i := range v.Service.Blocks {
		if i < len(v.Texts) {
			v.Service.Blocks[i].MessageText, v.Service.Blocks[i].FixText = v.Texts[i][0], v.Texts[i][1]
		}
	}
	return v.Service, nil
}

// storableText is t with every quoted *Error written as the Text of its
// format and arguments, which a printer renders alike and JSON keeps.
func storableText(t goldthread.Text) goldthread.Text {
	var args []any
	for i, a := range t.Args {
		var r any
		switch v := a.(type) {
		case *goldthread.Error:
			if v.Format == "" {
				r = goldthread.Text{Format: "%s", Args: []any{v.Message}}
			} else {
				r = storableText(goldthread.Text{Format: v.Format, Args: v.Args})
			}
		case goldthread.Text:
			r = storableText(v)
		default:
			continue
		}
		if args == nil {
			args = append([]any(nil), t.Args...)
		}
		args[i] = r
	}
	if args != nil {
		t.Args = args
	}
	return t
}

// placeholderRateOf adds to rates the placeholder rate that priced svc,
// found as the scrubber found it (mapService): the rate of its code and
// kind in effect on its service date.
func placeholderRateOf(rates []goldthread.BillingRate, s *scrubber, svc *goldthread.BillableService) []goldthread.BillingRate {
	if !svc.RatePlaceholder {
		return rates
	}
	rate, ok := rateOn(s.rates[rateKey{svc.Procedure, svc.Kind == goldthread.NoteGroup}], svc.ServiceDate)
	if ok && rate.Placeholder && !slices.Contains(rates, rate) {
		rates = append(rates, rate)
	}
	return rates
}
