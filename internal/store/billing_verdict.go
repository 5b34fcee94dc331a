package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// Stored verdicts (migration 0150). The worklist and the billing dashboard
// read what the scrubber said of each participant's services in the
// period, kept from an earlier read, and scrub again only the participants
// whose inputs changed since: a run is fresh while the versions of the
// agency, the participant and each service's author are still those it
// was computed at (the migration's triggers move them in the transaction
// of every change), and until the clock reaches a service that was dated
// in the future when it was scrubbed. A stored verdict is only a cache:
// it is written by the same scrubber (scrubNotes) an export runs,
// and a claim batch takes a participant's run only while it is fresh,
// scrubbing the others for itself (claimBatchServices).

// Scopes of billing_version.
const (
	scopeAgency      = "agency"
	scopeParticipant = "participant"
	scopeStaff       = "staff"
)

// verdictPage is how many participants a refresh stores at a time, and
// defaultRunChunk how many a read of the period's runs takes (periodRuns).
const (
	verdictPage     = 200
	defaultRunChunk = 1000
)

// runChunk is how many participants a read of the period's runs takes at
// a time: defaultRunChunk, or fewer in tests that read many chunks of a
// few participants (SetRunChunk).
func (db *DB) runChunk() int {
	if db.runChunkSize > 0 {
		return db.runChunkSize
	}
	return defaultRunChunk
}

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
	basis  string // verdictBasis of the scrubber
	sum    int64  // of every version of the agency (billing_period)
	agency int64
	staff  map[int64]int64 // withStaff
}

// stampedScrubber reads the versions, then makes the scrubber of
// programID, in that order, so a change committed between the two can only
// make the stamp older than what the scrubber read (a stale run scrubbed
// again), never newer; the stamp carries the scrubber's basis.
func stampedScrubber(ctx context.Context, tx *Tx, actor goldthread.Actor, programID int64) (*scrubber, verdictStamp, error) {
	st, err := readStamp(ctx, tx, actor.AgencyID)
	if err != nil {
		return nil, st, err
	}
	s, err := newScrubber(ctx, tx, actor, programID)
	if err != nil {
		return nil, st, err
	}
	st.basis = verdictBasis(s.pack)
	return s, st, nil
}

// readStamp reads the sum of the agency's versions and the agency's own;
// it must come before the scrubber reads the agency's settings. The staff's
// versions are read by withStaff, only when a run is checked.
func readStamp(ctx context.Context, tx *Tx, agencyID int64) (verdictStamp, error) {
	var st verdictStamp
	if err := tx.QueryRow(ctx, `SELECT COALESCE(SUM(version), 0) FROM billing_version WHERE agency_id = ?`, agencyID).Scan(&st.sum); err != nil {
		return st, fmt.Errorf("store.readStamp: %w", err)
	}
	var err error
	st.agency, err = billingVersion(ctx, tx, scopeAgency, agencyID)
	return st, err
}

// withStaff is st with its staff's versions, read now when not yet: a read
// that finds the period fresh needs none (a thousand rows at 20,000
// participants, a third of such a read). Read before any author's record
// the scrubber reads in the transaction (newScrubber reads none), so a
// change committed meanwhile leaves a run stale, never wrongly fresh.
func withStaff(ctx context.Context, tx *Tx, st verdictStamp, agencyID int64) (verdictStamp, error) {
	if st.staff != nil {
		return st, nil
	}
	var err error
	st.staff, err = staffVersions(ctx, tx, agencyID)
	return st, err
}

// scrubParticipant scrubs one participant's candidates of the program and
// period (scrubNotes). A claim batch's services (claimBatchServices) and
// the worklist scrubbing every service (eachCandidate) come from here.
func scrubParticipant(ctx context.Context, tx *Tx, s *scrubber, from, to goldthread.Date, pid int64, fn func(sc *scrubbed) error) error {
	notes, err := candidateNotes(ctx, tx, s.agency.ID, s.program.ID, pid, from, to)
	if err != nil {
		return err
	}
	return scrubNotes(ctx, tx, s, notes, fn)
}

// scrubNotes scrubs one participant's candidates (candidateNotes) in the
// order an export claims them, counting each ready service's units as
// used for the ones after it, and calls fn with each. scrubParticipant
// and a stored run (storeRuns) both scrub through it.
func scrubNotes(ctx context.Context, tx *Tx, s *scrubber, notes []goldthread.Note, fn func(sc *scrubbed) error) error {
	s.forget()
	for _, n := range notes {
		sc, err := s.scrubNote(ctx, tx, n)
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

// freshPeriod reads the period's totals when nothing of the agency changed
// since every run of the period was last made fresh and no run's clock ran
// out: then they all still are, and a read checks none of them. Versions
// only grow, so an unchanged sum means nothing changed.
func freshPeriod(ctx context.Context, tx *Tx, s *scrubber, st verdictStamp, from, to goldthread.Date) (periodTotals, bool, error) {
	var pt periodTotals
	var sum int64
	var until sql.NullTime
	var basis, rules, rates string
	err := tx.QueryRow(ctx, `SELECT versions, basis, fresh_until, ready_count, blocked_count, ready_units, ready_cents, rule_counts, rate_keys
		FROM billing_period WHERE program_id = ? AND period_from = ? AND period_to = ?`, s.program.ID, from, to).
		Scan(&sum, &basis, &until, &pt.ready, &pt.blocked, &pt.units, &pt.cents, &rules, &rates)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return pt, false, nil
	case err != nil:
		return pt, false, fmt.Errorf("store.freshPeriod: %w", err)
	case sum != st.sum || basis != st.basis || (until.Valid && !until.Time.After(tx.now)):
		return pt, false, nil
	}
	pt.decode(rules, rates)
	return pt, true, nil
}

// refreshVerdicts brings the stored runs of the program and period up to
// date and returns their totals: a run for every participant of the
// agency, each fresh, each scrubbed again when it was not; a participant
// with no candidate has an empty run, fresh too. Afterwards the period's
// billing_verdict rows are exactly what eachCandidate would scrub now, in
// its order, and billing_period notes them fresh with their totals.
func refreshVerdicts(ctx context.Context, tx *Tx, s *scrubber, st verdictStamp, from, to goldthread.Date) (periodTotals, error) {
	pt, fresh, err := freshPeriod(ctx, tx, s, st, from, to)
	if err != nil || fresh {
		return pt, err
	}
	if st, err = withStaff(ctx, tx, st, s.agency.ID); err != nil {
		return pt, err
	}
	if err := refreshRuns(ctx, tx, s, st, from, to); err != nil {
		return pt, err
	}
	if pt, err = sumRuns(ctx, tx, s.program.ID, from, to); err != nil {
		return pt, err
	}
	var next any
	var first time.Time
	err = tx.QueryRow(ctx, `SELECT fresh_until FROM billing_run WHERE program_id = ? AND period_from = ? AND period_to = ? AND fresh_until IS NOT NULL
		ORDER BY fresh_until LIMIT 1`, s.program.ID, from, to).Scan(&first)
	switch {
	case err == nil:
		next = first
	case !errors.Is(err, sql.ErrNoRows):
		return pt, fmt.Errorf("store.refreshVerdicts: %w", err)
	}
	rules, rates := pt.encode()
	if _, err := tx.Exec(ctx, `INSERT INTO billing_period (agency_id, program_id, period_from, period_to, versions, basis, fresh_until, checked_at,
		ready_count, blocked_count, ready_units, ready_cents, rule_counts, rate_keys)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (program_id, period_from, period_to) DO UPDATE SET versions = excluded.versions,
		basis = excluded.basis, fresh_until = excluded.fresh_until, checked_at = excluded.checked_at, ready_count = excluded.ready_count,
		blocked_count = excluded.blocked_count, ready_units = excluded.ready_units, ready_cents = excluded.ready_cents,
		rule_counts = excluded.rule_counts, rate_keys = excluded.rate_keys`,
		s.agency.ID, s.program.ID, from, to, st.sum, st.basis, next, tx.now, pt.ready, pt.blocked, pt.units, pt.cents, rules, rates); err != nil {
		return pt, fmt.Errorf("store.refreshVerdicts: %w", err)
	}
	return pt, nil
}

// knownVerdicts is refreshVerdicts without the scrubbing: the totals of
// the runs as stored, and how many participants' runs are stale or
// missing (their services left out, or as last scrubbed). Nothing is
// written.
func knownVerdicts(ctx context.Context, tx *Tx, s *scrubber, st verdictStamp, from, to goldthread.Date) (periodTotals, int, error) {
	pt, fresh, err := freshPeriod(ctx, tx, s, st, from, to)
	if err != nil || fresh {
		return pt, 0, err
	}
	if st, err = withStaff(ctx, tx, st, s.agency.ID); err != nil {
		return pt, 0, err
	}
	stale, err := staleRuns(ctx, tx, s, st, from, to, 0, 0)
	if err != nil {
		return pt, 0, err
	}
	pt, err = sumRuns(ctx, tx, s.program.ID, from, to)
	return pt, len(stale), err
}

// refreshRuns makes every run of the period fresh (refreshVerdicts), a
// page of stale runs at a time (storeRuns): verdictPage participants, or
// a chunk of the period's runs when that is fewer (a test's SetRunChunk).
func refreshRuns(ctx context.Context, tx *Tx, s *scrubber, st verdictStamp, from, to goldthread.Date) error {
	var after int64
	page := min(verdictPage, tx.db.runChunk())
	s.startRun(from, to)
	for {
		stale, err := staleRuns(ctx, tx, s, st, from, to, after, page)
		if err != nil {
			return err
		}
		if err := storeRuns(ctx, tx, s, st, from, to, stale); err != nil {
			return err
		}
		if len(stale) < page {
			return nil
		}
		after = stale[len(stale)-1]
	}
}

// staleRuns lists, in id order after the id after, up to limit (0: every
// one) participants of the agency whose run of the period is stale or
// missing. Every participant has a run once the period was refreshed (an
// empty one when they have no candidate), so this reads the runs and the
// versions, never the notes: a participant who gets a candidate has their
// version moved by the signature.
func staleRuns(ctx context.Context, tx *Tx, s *scrubber, st verdictStamp, from, to goldthread.Date, after int64, limit int) ([]int64, error) {
	chunk := tx.db.runChunk()
	var stale []int64
	for {
		runs, err := periodRuns(ctx, tx, s, from, to, after, chunk)
		if err != nil {
			return nil, fmt.Errorf("store.staleRuns: %w", err)
		}
		for _, r := range runs {
			if !r.fresh(st, tx.now) && (limit == 0 || len(stale) < limit) {
				stale = append(stale, r.participant)
			}
		}
		if len(runs) < chunk || (limit > 0 && len(stale) >= limit) {
			return stale, nil
		}
		after = runs[len(runs)-1].participant
	}
}

// runFresh reports whether a stored run is fresh at st and now: made at
// the agency's and the participant's versions (same: the participant's is
// still the run's), its authors' versions and the basis of st, and not
// past its clock bound.
func (st verdictStamp) runFresh(agencyV int64, same bool, authors, basis string, until sql.NullTime, now time.Time) bool {
	return same && agencyV == st.agency && basis == st.basis && authors == st.authors(authorsOf(authors)) &&
		(!until.Valid || until.Time.After(now))
}

// periodTotals are what a worklist adds up of the period's runs, kept in
// billing_period while they are all fresh.
type periodTotals struct {
	ready, blocked, units int
	cents                 int64
	rules                 []string         // in the order of their first example
	counts                map[string]int   // services each rule blocks
	firsts                map[string]int64 // the participant whose run has the rule's first example
	rateKeys              []string         // placeholder rates of the ready services
}

// sumRuns adds up the period's runs, one row a participant.
func sumRuns(ctx context.Context, tx *Tx, programID int64, from, to goldthread.Date) (periodTotals, error) {
	pt := periodTotals{counts: map[string]int{}, firsts: map[string]int64{}}
	err := scanAll(ctx, tx, `SELECT participant_id, ready_count, blocked_count, ready_units, ready_cents, rule_counts, rate_keys FROM billing_run
		WHERE program_id = ? AND period_from = ? AND period_to = ? ORDER BY participant_id`, []any{programID, from, to}, func(r scanner) error {
		var pid int64
		var ready, blocked, units int
		var cents int64
		var rules, rates string
		if err := r.Scan(&pid, &ready, &blocked, &units, &cents, &rules, &rates); err != nil {
			return err
		}
		pt.ready, pt.blocked, pt.units, pt.cents = pt.ready+ready, pt.blocked+blocked, pt.units+units, pt.cents+cents
		for _, part := range strings.Fields(rules) {
			i := strings.LastIndexByte(part, ':')
			id := part[:i]
			n, _ := strconv.Atoi(part[i+1:])
			pt.count(id, n, pid)
		}
		for _, key := range strings.Fields(rates) {
			if !slices.Contains(pt.rateKeys, key) {
				pt.rateKeys = append(pt.rateKeys, key)
			}
		}
		return nil
	})
	if err != nil {
		return pt, fmt.Errorf("store.sumRuns: %w", err)
	}
	return pt, nil
}

// count adds n services blocked by rule, first met in participant pid's run
// when the rule was not met before.
func (pt *periodTotals) count(rule string, n int, pid int64) {
	if pt.counts == nil {
		pt.counts, pt.firsts = map[string]int{}, map[string]int64{}
	}
	if _, ok := pt.counts[rule]; !ok {
		pt.firsts[rule] = pid
		pt.rules = append(pt.rules, rule)
	}
	pt.counts[rule] += n
}

// encode writes the rules as billing_period keeps them ("rule:n:participant
// ...", in the order of their first example) and the rate keys.
func (pt periodTotals) encode() (rules, rates string) {
	parts := make([]string, 0, len(pt.rules))
	for _, r := range pt.rules {
		parts = append(parts, r+":"+strconv.Itoa(pt.counts[r])+":"+strconv.FormatInt(pt.firsts[r], 10))
	}
	return strings.Join(parts, " "), strings.Join(pt.rateKeys, " ")
}

// decode reads what encode wrote.
func (pt *periodTotals) decode(rules, rates string) {
	for _, part := range strings.Fields(rules) {
		i := strings.LastIndexByte(part, ':')
		pid, _ := strconv.ParseInt(part[i+1:], 10, 64)
		j := strings.LastIndexByte(part[:i], ':')
		n, _ := strconv.Atoi(part[j+1 : i])
		pt.count(part[:j], n, pid)
	}
	pt.rateKeys = strings.Fields(rates)
}

// verdictBasis fingerprints what no version counts: this build (the rule
// packs, word lists and the scrubber itself change only with a build;
// buildFingerprint) and the agency's effective pack for the program. A
// verdict of another basis is stale.
func verdictBasis(pack *rules.Pack) string { return verdictBasisOf(pack, buildFingerprint()) }

func verdictBasisOf(pack *rules.Pack, build string) string {
	h := sha256.New()
	io.WriteString(h, "verdict 1\nbuild "+build+"\n")
	if b, err := json.Marshal(pack); err == nil {
		h.Write(b)
	} else {
		io.WriteString(h, "unreadable pack "+err.Error())
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// authors writes the stamp's versions of the staff ids, as a run keeps
// them ("id:version ...", ids ascending).
func (st verdictStamp) authors(ids []int64) string {
	slices.Sort(ids)
	parts := make([]string, 0, len(ids))
	for _, id := range slices.Compact(ids) {
		parts = append(parts, strconv.FormatInt(id, 10)+":"+strconv.FormatInt(st.staff[id], 10))
	}
	return strings.Join(parts, " ")
}

// authorsOf reads the ids of a run's authors stamp.
func authorsOf(stamp string) []int64 {
	var ids []int64
	for _, part := range strings.Fields(stamp) {
		id, _, _ := strings.Cut(part, ":")
		n, _ := strconv.ParseInt(id, 10, 64)
		ids = append(ids, n)
	}
	return ids
}

// runTotals are what a run keeps of its services' sums.
type runTotals struct {
	ready, blocked, units int
	cents                 int64
	rules                 []string // in the order first met
	counts                map[string]int
	rateKeys              []string
	authors               []int64
}

func (t *runTotals) add(svc goldthread.BillableService, rules []string, rateKey string) {
	t.authors = append(t.authors, svc.AuthorID)
	if svc.Ready() {
		t.ready, t.units, t.cents = t.ready+1, t.units+svc.Units, t.cents+svc.ChargeCents
		if rateKey != "" && !slices.Contains(t.rateKeys, rateKey) {
			t.rateKeys = append(t.rateKeys, rateKey)
		}
		return
	}
	t.blocked++
	if t.counts == nil {
		t.counts = map[string]int{}
	}
	for _, r := range rules {
		if t.counts[r] == 0 {
			t.rules = append(t.rules, r)
		}
		t.counts[r]++
	}
}

// ruleCounts writes "rule:n ..." in the order the rules were first met.
func (t *runTotals) ruleCounts() string {
	parts := make([]string, 0, len(t.rules))
	for _, r := range t.rules {
		parts = append(parts, r+":"+strconv.Itoa(t.counts[r]))
	}
	return strings.Join(parts, " ")
}

// runTotalsSQL writes stored runs' totals onto the rows storeRuns began,
// rows runs at a time.
// It is an upsert that always updates, not an UPDATE … WHERE: PostgreSQL
// finds the row through the primary key for ON CONFLICT whatever plan it
// keeps, where a generic plan of the UPDATE made while billing_run was
// empty scanned the whole table for each participant stored.
func runTotalsSQL(rows int) string {
	return `INSERT INTO billing_run (agency_id, program_id, period_from, period_to, participant_id, agency_v, participant_v,
	authors, basis, fresh_until, computed_at, ready_count, blocked_count, ready_units, ready_cents, rule_counts, rate_keys)
	VALUES ` + values(rows, 17) + `
	ON CONFLICT (program_id, period_from, period_to, participant_id) DO UPDATE SET fresh_until = excluded.fresh_until,
	authors = excluded.authors, ready_count = excluded.ready_count, blocked_count = excluded.blocked_count,
	ready_units = excluded.ready_units, ready_cents = excluded.ready_cents, rule_counts = excluded.rule_counts,
	rate_keys = excluded.rate_keys`
}

// storedVerdict is a service as stored: the service's JSON, which keeps
// the English of each block, and each block's message and fix as Texts
// for the reader's printer, their arguments typed (storedText), so a page
// decodes them without probing each argument's shape.
type storedVerdict struct {
	Service goldthread.BillableService `json:"service"`
	Texts   [][2]storedText            `json:"texts"`
}

// storedText is a goldthread.Text with its arguments tagged by type.
type storedText struct {
	F string      `json:"f"`
	A []storedArg `json:"a,omitempty"`
}

// storedArg is one argument of a storedText: exactly one field is set.
// Anything else a Text may quote goes as the JSON a Text gives it (R).
type storedArg struct {
	S *string              `json:"s,omitempty"`
	I *int64               `json:"i,omitempty"`
	N *float64             `json:"n,omitempty"`
	B *bool                `json:"b,omitempty"`
	T *storedText          `json:"t,omitempty"`
	D *goldthread.TextDate `json:"d,omitempty"`
	M *int64               `json:"m,omitempty"`
	R json.RawMessage      `json:"r,omitempty"`
}

func toStored(t goldthread.Text) storedText {
	out := storedText{F: t.Format}
	for _, a := range t.Args {
		var sa storedArg
		switch v := a.(type) {
		case string:
			sa.S = &v
		case int:
			i := int64(v)
			sa.I = &i
		case int64:
			sa.I = &v
		case float64:
			sa.N = &v
		case bool:
			sa.B = &v
		case goldthread.Money:
			m := int64(v)
			sa.M = &m
		case goldthread.TextDate:
			sa.D = &v
		case goldthread.Text:
			st := toStored(v)
			sa.T = &st
		case *goldthread.Error:
			// A reason quoted: the Text of its format and arguments, which a
			// printer renders alike.
			inner := goldthread.Text{Format: v.Format, Args: v.Args}
			if v.Format == "" {
				inner = goldthread.Text{Format: "%s", Args: []any{v.Message}}
			}
			st := toStored(inner)
			sa.T = &st
		default:
			sa.R, _ = json.Marshal(goldthread.Text{Format: "%v", Args: []any{v}})
		}
		out.A = append(out.A, sa)
	}
	return out
}

func (st storedText) text() (goldthread.Text, error) {
	t := goldthread.Text{Format: st.F}
	for _, a := range st.A {
		var v any
		switch {
		case a.S != nil:
			v = *a.S
		case a.I != nil:
			v = int(*a.I)
		case a.N != nil:
			v = *a.N
		case a.B != nil:
			v = *a.B
		case a.M != nil:
			v = goldthread.Money(*a.M)
		case a.D != nil:
			v = *a.D
		case a.T != nil:
			inner, err := a.T.text()
			if err != nil {
				return t, err
			}
			v = inner
		default:
			var wrap goldthread.Text
			if err := json.Unmarshal(a.R, &wrap); err != nil || len(wrap.Args) != 1 {
				return t, fmt.Errorf("store.storedText: argument %s: %v", a.R, err)
			}
			v = wrap.Args[0]
		}
		t.Args = append(t.Args, v)
	}
	return t, nil
}

func encodeVerdict(svc goldthread.BillableService) (string, error) {
	v := storedVerdict{Service: svc}
	for _, b := range svc.Blocks {
		v.Texts = append(v.Texts, [2]storedText{toStored(b.MessageText), toStored(b.FixText)})
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
		if i >= len(v.Texts) {
			break
		}
		var err error
		b := &v.Service.Blocks[i]
		if b.MessageText, err = v.Texts[i][0].text(); err != nil {
			return v.Service, err
		}
		if b.FixText, err = v.Texts[i][1].text(); err != nil {
			return v.Service, err
		}
	}
	return v.Service, nil
}

// placeholderKey names a placeholder rate among the program's: its code,
// kind and first day.
func placeholderKey(r goldthread.BillingRate) string {
	return fmt.Sprintf("%s|%t|%s", r.Procedure, r.Group, r.EffectiveFrom)
}

// placeholderRate is the program's rate placeholderKey named.
func (s *scrubber) placeholderRate(key string) (goldthread.BillingRate, bool) {
	for _, list := range s.rates {
		for _, r := range list {
			if r.Placeholder && placeholderKey(r) == key {
				return r, true
			}
		}
	}
	return goldthread.BillingRate{}, false
}
