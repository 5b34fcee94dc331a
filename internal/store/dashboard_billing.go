package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
)

// ReceivableBands are the accounts receivable age bands in days.
var ReceivableBands = []goldthread.AgeBucket{{From: 0, To: 30}, {From: 31, To: 60}, {From: 61, To: 90}, {From: 91, To: -1}}

// BillingReport is the billing manager's dashboard for f (billing staff,
// administrators and auditors; others EFORBIDDEN; EINVALID names from or
// to). Ready and blocked services come from the billing worklist of each
// program (BillableServices, the same scrub as an export), so the
// dashboard and the worklist never disagree (added up from the same stored
// verdicts, verdictFigures). Denials are the claim
// outcomes recorded as denied in the period, by hand or from a payer's
// remittance, counted once a claim. Receivable ages are as of today, for
// claims exported and neither paid, denied, voided nor replaced, counted
// from their first export. f.StaffID narrows to the services the staff
// member gave (the claims they rendered).
//
// The authorizations name participants, so only readers who reach them
// get the rows (billing and auditors reach every participant of the
// agency; an administrator reads no record and gets counts only); the
// read is audited as a list.
func (db *DB) BillingReport(ctx context.Context, actor goldthread.Actor, f goldthread.ReportFilter) (goldthread.BillingReport, error) {
	return db.billingReport(ctx, actor, f, false)
}

// BillingReportAsStored is BillingReport from the stored verdicts as they
// are, scrubbing none (WorklistPage.AsStored): Pending counts, by program,
// the participants whose services are not checked since their last change,
// left out of the ready and blocked figures or counted as last checked.
// The dashboard page reads so and has the rest checked in the background
// (RefreshVerdicts).
func (db *DB) BillingReportAsStored(ctx context.Context, actor goldthread.Actor, f goldthread.ReportFilter) (goldthread.BillingReport, error) {
	return db.billingReport(ctx, actor, f, true)
}

func (db *DB) billingReport(ctx context.Context, actor goldthread.Actor, f goldthread.ReportFilter, asStored bool) (goldthread.BillingReport, error) {
	rep := goldthread.BillingReport{Filter: f, Aging: slices.Clone(ReceivableBands)}
	if err := billingReader(actor); err != nil {
		return rep, err
	}
	if err := f.Validate(); err != nil {
		return rep, err
	}
	programs, err := db.Programs(ctx, actor.AgencyID)
	if err != nil {
		return rep, err
	}
	weeks := map[goldthread.Date]*goldthread.BillingWeek{}
	for _, w := range f.Weeks() {
		weeks[w] = &goldthread.BillingWeek{Week: w, Blocked: map[string]int{}}
	}
	amounts := map[[2]int64]*goldthread.BillingAmount{}
	amount := func(p goldthread.Program, week goldthread.Date) *goldthread.BillingAmount {
		k := [2]int64{p.ID, week.Unix()}
		if amounts[k] == nil {
			amounts[k] = &goldthread.BillingAmount{ProgramID: p.ID, Program: p.Name, Week: week}
		}
		return amounts[k]
	}
	reasons := map[string]*goldthread.BlockedGroup{}
	byID := map[int64]goldthread.Program{}
	for _, p := range programs {
		byID[p.ID] = p
		if f.ProgramID != 0 && p.ID != f.ProgramID {
			continue
		}
		// Added up from the stored verdicts, brought up to date as the
		// worklist brings them (billing_verdict.go).
		figures, examples, pending, err := db.verdictFigures(ctx, actor, p.ID, f.From, f.To, f.StaffID, asStored)
		if err != nil {
			return rep, err
		}
		if pending > 0 {
			if rep.Pending == nil {
				rep.Pending = map[int64]int{}
			}
			rep.Pending[p.ID] = pending
		}
		for _, fig := range figures {
			week := goldthread.WeekOf(fig.day)
			w := weeks[week]
			if w == nil {
				continue
			}
			if fig.ready {
				w.Ready += fig.count
				a := amount(p, week)
				a.ReadyUnits, a.ReadyCents = a.ReadyUnits+fig.units, a.ReadyCents+fig.cents
				continue
			}
			w.Blocked[fig.firstRule] += fig.count
			g := reasons[fig.firstRule]
			if g == nil {
				first := examples[fig.firstRule]
				g = &goldthread.BlockedGroup{RuleID: first.RuleID, WhoActs: first.WhoActs, Fix: first.Fix, Source: first.Source, Example: first.Message,
					FixText: first.FixText, ExampleText: first.MessageText}
				reasons[fig.firstRule] = g
			}
			g.Count += fig.count
		}
	}
	err = db.WriteTx(ctx, func(tx *Tx) error {
		zone, err := agencyZone(ctx, tx, actor.AgencyID)
		if err != nil {
			return err
		}
		if err := claimedAmounts(ctx, tx, actor, f, func(program int64, day goldthread.Date, units int, cents int64) {
			if p, ok := byID[program]; ok {
				a := amount(p, goldthread.WeekOf(day))
				a.ClaimedUnits, a.ClaimedCents = a.ClaimedUnits+units, a.ClaimedCents+cents
			}
		}); err != nil {
			return err
		}
		if rep.Denials, err = denials(ctx, tx, actor, f, zone); err != nil {
			return err
		}
		if err := receivables(ctx, tx, actor, f, rep.Aging); err != nil {
			return err
		}
		rep.Rows = goldthread.CanReadClaims(actor)
		if rep.Rows {
			today := goldthread.DateIn(tx.now, zone)
			if rep.Authorizations, err = authorizationsLeft(ctx, tx, actor, f, today); err != nil {
				return err
			}
		}
		ev := auditFor(actor, goldthread.ActionList, "billing_dashboard", 0, 0)
		ev.Detail = fmt.Sprintf("from=%s to=%s program=%d staff=%d authorizations=%d", f.From, f.To, f.ProgramID, f.StaffID, len(rep.Authorizations))
		return tx.Audit(ctx, ev)
	})
	if err != nil {
		return rep, err
	}
	for _, w := range f.Weeks() {
		rep.Weeks = append(rep.Weeks, *weeks[w])
	}
	for _, g := range reasons {
		rep.Reasons = append(rep.Reasons, *g)
	}
	slices.SortFunc(rep.Reasons, func(a, b goldthread.BlockedGroup) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return strings.Compare(a.RuleID, b.RuleID)
	})
	for _, a := range amounts {
		rep.Amounts = append(rep.Amounts, *a)
	}
	slices.SortFunc(rep.Amounts, func(a, b goldthread.BillingAmount) int {
		if c := strings.Compare(a.Program, b.Program); c != 0 {
			return c
		}
		return a.Week.Compare(b.Week.Time)
	})
	return rep, nil
}

// liveClaim is true for a claim neither voided nor replaced.
const liveClaim = `NOT EXISTS (SELECT 1 FROM claim_status x WHERE x.claim_id = c.id AND x.status IN ('voided', 'replaced'))`

func claimedAmounts(ctx context.Context, tx *Tx, actor goldthread.Actor, f goldthread.ReportFilter, add func(int64, goldthread.Date, int, int64)) error {
	q := `SELECT c.program_id, l.service_date, SUM(l.units), SUM(l.charge_cents) FROM claim_line l JOIN claim c ON c.id = l.claim_id
		JOIN service_note n ON n.id = l.note_id WHERE c.agency_id = ? AND l.service_date >= ? AND l.service_date <= ? AND ` + liveClaim
	args := []any{actor.AgencyID, f.From, f.To}
	q, args = narrow(q, args, f, "c.program_id", "n.author_id")
	rows, err := tx.Query(ctx, q+" GROUP BY c.program_id, l.service_date", args...)
	if err != nil {
		return fmt.Errorf("store.BillingReport: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var program int64
		var day goldthread.Date
		var units int
		var cents int64
		if err := rows.Scan(&program, &day, &units, &cents); err != nil {
			return fmt.Errorf("store.BillingReport: %w", err)
		}
		add(program, day, units, cents)
	}
	return rows.Err()
}

// narrow adds the filter's program and staff conditions on the given
// columns.
func narrow(q string, args []any, f goldthread.ReportFilter, programCol, staffCol string) (string, []any) {
	if f.ProgramID != 0 {
		q += " AND " + programCol + " = ?"
		args = append(args, f.ProgramID)
	}
	if f.StaffID != 0 {
		q += " AND " + staffCol + " = ?"
		args = append(args, f.StaffID)
	}
	return q, args
}

// denials counts the claims denied in the period (on the agency's
// calendar) by reason; a claim denied twice for one reason counts once.
// A reason Goldthread said is one reason however its row keeps it (the
// Text as written now, or the English with the Text migration 0173 put
// beside it): groups are merged on the English and sorted by count, then
// English.
func denials(ctx context.Context, tx *Tx, actor goldthread.Actor, f goldthread.ReportFilter, zone *time.Location) ([]goldthread.DenialCount, error) {
	from := time.Date(f.From.Year(), f.From.Month(), f.From.Day(), 0, 0, 0, 0, zone).UTC()
	to := time.Date(f.To.Year(), f.To.Month(), f.To.Day()+1, 0, 0, 0, 0, zone).UTC()
	q := `SELECT d.reason, d.reason_text, COUNT(*), SUM(d.total_cents) FROM (SELECT DISTINCT s.claim_id, s.reason, s.reason_text, c.total_cents
		FROM claim_status s JOIN claim c ON c.id = s.claim_id WHERE s.agency_id = ? AND s.status = 'denied' AND s.at >= ? AND s.at < ?`
	args := []any{actor.AgencyID, from, to}
	q, args = narrow(q, args, f, "c.program_id", "c.rendering_id")
	rows, err := tx.Query(ctx, q+") d GROUP BY d.reason, d.reason_text", args...)
	if err != nil {
		return nil, fmt.Errorf("store.BillingReport: %w", err)
	}
	defer rows.Close()
	var out []goldthread.DenialCount
	at := map[string]int{} // English → index in out
	for rows.Next() {
		var d goldthread.DenialCount
		var text string
		if err := rows.Scan(&d.Reason, &text, &d.Count, &d.Cents); err != nil {
			return nil, fmt.Errorf("store.BillingReport: %w", err)
		}
		d.Reason, d.ReasonText = readReason(d.Reason, text)
		if i, ok := at[d.Reason]; ok {
			out[i].Count += d.Count
			out[i].Cents += d.Cents
			continue
		}
		at[d.Reason] = len(out)
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b goldthread.DenialCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Reason, b.Reason)
	})
	return out, rows.Err()
}

// receivables sorts the claims awaiting payment into bands by days since
// their first export.
func receivables(ctx context.Context, tx *Tx, actor goldthread.Actor, f goldthread.ReportFilter, bands []goldthread.AgeBucket) error {
	// The export rows are joined rather than taken with MIN(): SQLite
	// gives an aggregate of a timestamp back as text.
	q := `SELECT c.id, c.total_cents, s.at FROM claim c
		JOIN claim_status ls ON ls.id = (SELECT MAX(x.id) FROM claim_status x WHERE x.claim_id = c.id)
		JOIN claim_status s ON s.claim_id = c.id AND s.status = 'exported'
		WHERE c.agency_id = ? AND ls.status IN ('exported', 'accepted')`
	args := []any{actor.AgencyID}
	q, args = narrow(q, args, f, "c.program_id", "c.rendering_id")
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("store.BillingReport: %w", err)
	}
	defer rows.Close()
	type open struct {
		cents    int64
		exported time.Time
	}
	claims := map[int64]*open{}
	for rows.Next() {
		var id, cents int64
		var at time.Time
		if err := rows.Scan(&id, &cents, &at); err != nil {
			return fmt.Errorf("store.BillingReport: %w", err)
		}
		if c, ok := claims[id]; !ok || at.Before(c.exported) {
			claims[id] = &open{cents, at}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range claims {
		countAge(bands, int(tx.now.Sub(c.exported)/(24*time.Hour)), c.cents)
	}
	return nil
}

// authorizationsLeft lists the authorizations in force today of
// participants in reach, fewest units left first.
func authorizationsLeft(ctx context.Context, tx *Tx, actor goldthread.Actor, f goldthread.ReportFilter, today goldthread.Date) ([]goldthread.AuthorizationLeft, error) {
	scope, args := participantScope(actor)
	q := `SELECT a.participant_id, p.first_name, p.preferred_name, p.last_name, g.name, a.number, a.end_date, a.units_authorized, a.units_used
		FROM service_authorization a JOIN participant p ON p.id = a.participant_id JOIN program g ON g.id = a.program_id
		WHERE a.agency_id = ? AND a.start_date <= ? AND a.end_date >= ? AND ` + scope
	args = append([]any{actor.AgencyID, today, today}, args...)
	if f.ProgramID != 0 {
		q += " AND a.program_id = ?"
		args = append(args, f.ProgramID)
	}
	if f.StaffID != 0 {
		q += " AND a.participant_id IN (SELECT c.participant_id FROM caseload c WHERE c.peer_id = ? AND c.end_date IS NULL)"
		args = append(args, f.StaffID)
	}
	rows, err := tx.Query(ctx, q+" ORDER BY a.units_authorized - a.units_used, a.end_date, a.id LIMIT 500", args...)
	if err != nil {
		return nil, fmt.Errorf("store.BillingReport: %w", err)
	}
	defer rows.Close()
	var out []goldthread.AuthorizationLeft
	for rows.Next() {
		var a goldthread.AuthorizationLeft
		var first, preferred, last string
		if err := rows.Scan(&a.ParticipantID, &first, &preferred, &last, &a.Program, &a.Number, &a.End, &a.Authorized, &a.Used); err != nil {
			return nil, fmt.Errorf("store.BillingReport: %w", err)
		}
		a.Name = goldthread.Participant{FirstName: first, PreferredName: preferred, LastName: last}.DisplayName()
		out = append(out, a)
	}
	return out, rows.Err()
}
