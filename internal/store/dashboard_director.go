package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/goldthread/goldthread"
)

// DirectorReport is the program director's dashboard for f: signed
// services of the period by category and modality; the goals of the plans
// in force (each participant's newest signed plan a program) and how many
// a signed note of the period addressed; the period's discharges, how many
// name natural supports, and their goals by outcome; and recovery capital
// (BARC-10 totals up to f.To, first against latest).
//
// Everything is counted over the participants the actor reaches
// (participantScope), so no figure rests on a record outside reach. An
// administrator, who reads no record, gets the agency's counts and no
// rows; readers who reach participants (supervisors, clinicians,
// auditors) also get one row a participant: name, BARC-10 trend and goals
// with their notes, every row (see DirectorReportPage for one page of
// them). f.ProgramID narrows to the program's notes, plans, discharges and
// enrolled participants; f.StaffID to the notes the staff member wrote and
// the participants on their caseload. Others EFORBIDDEN; EINVALID names
// from or to. The read is audited as a list.
//
// A goal is counted as addressed through the goal ids of the newest plan:
// a note linked to an earlier version's goal counts for that version only.
func (db *DB) DirectorReport(ctx context.Context, actor goldthread.Actor, f goldthread.ReportFilter) (goldthread.DirectorReport, error) {
	return db.DirectorReportPage(ctx, actor, f, DirectorPage{})
}

// DirectorPage picks the participant rows of a program dashboard: Limit
// rows from the Offset-th (0 first) in the rows' order, by name then id;
// Limit 0 for every row.
type DirectorPage struct {
	Offset, Limit int
}

// DirectorReportPage is DirectorReport with only page's participant rows
// (every figure still counts every participant in reach), and how many
// rows there are in all (RowsTotal), so a page of a large agency reads the
// goals of its own rows only. Readers of the whole agency (clinicians,
// auditors, administrators) without a staff filter get the services and
// the goals addressed from the counts kept at signing
// (dashboard_counts.go); the others count the notes of their reach.
// The audit event names the rows in all and the page's.
func (db *DB) DirectorReportPage(ctx context.Context, actor goldthread.Actor, f goldthread.ReportFilter, page DirectorPage) (goldthread.DirectorReport, error) {
	rep := goldthread.DirectorReport{Filter: f, RowsFrom: page.Offset}
	// An administrator sees the figures; the roles that reach participants
	// also their rows.
	reaches := actor.Has(goldthread.RoleSupervisor) || actor.Has(goldthread.RoleClinician) || actor.Has(goldthread.RoleAuditor)
	if !goldthread.CanReadProgramDashboard(actor) {
		return rep, goldthread.Errorf(goldthread.EFORBIDDEN, "The program dashboard is for administrators, supervisors, clinicians and auditors.")
	}
	if err := f.Validate(); err != nil {
		return rep, err
	}
	if page.Offset < 0 || page.Limit < 0 {
		return rep, goldthread.FieldError("rows", "The first row and the number of rows cannot be negative.")
	}
	scope, scopeArgs := participantScope(actor)
	if !reaches {
		scope, scopeArgs = "p.agency_id = ?", []any{actor.AgencyID}
	}
	// The kept counts are of the whole agency, by program: they answer
	// whoever reaches all of it, unless the notes are one author's.
	kept := (!reaches || reachesWholeAgency(actor)) && f.StaffID == 0
	rep.Rows = reaches
	trends := map[int64]*goldthread.ParticipantTrend{}
	trend := func(id int64, first, preferred, last string) *goldthread.ParticipantTrend {
		if trends[id] == nil {
			trends[id] = &goldthread.ParticipantTrend{ParticipantID: id,
				Name: goldthread.Participant{FirstName: first, PreferredName: preferred, LastName: last}.DisplayName()}
		}
		return trends[id]
	}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if err := discharges(ctx, tx, actor, f, scope, scopeArgs, &rep); err != nil {
			return err
		}
		var err error
		if kept {
			err = keptFigures(ctx, tx, actor, f, page, reaches, &rep, trends, trend)
		} else {
			err = reachFigures(ctx, tx, actor, f, page, reaches, scope, scopeArgs, &rep, trends, trend)
		}
		if err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionList, "director_dashboard", 0, 0)
		ev.Detail = fmt.Sprintf("from=%s to=%s program=%d staff=%d participants=%d", f.From, f.To, f.ProgramID, f.StaffID, rep.RowsTotal)
		if page.Limit > 0 {
			ev.Detail += fmt.Sprintf(" rows=%d+%d", page.Offset, len(rep.Participants))
		}
		return tx.Audit(ctx, ev)
	})
	return rep, err
}

// reachFigures counts services and goals from the notes of the actor's
// reach (a team, a caseload, one author's notes) and reads every row.
func reachFigures(ctx context.Context, tx *Tx, actor goldthread.Actor, f goldthread.ReportFilter, page DirectorPage, reaches bool,
	scope string, scopeArgs []any, rep *goldthread.DirectorReport, trends map[int64]*goldthread.ParticipantTrend,
	trend func(int64, string, string, string) *goldthread.ParticipantTrend) error {
	var err error
	if rep.Services, err = serviceCounts(ctx, tx, actor, f, scope, scopeArgs); err != nil {
		return err
	}
	plans, err := plansInForce(ctx, tx, actor, f, scope, scopeArgs, &rep.Goals, trend)
	if err != nil {
		return err
	}
	// Every goal of the reach is read with its notes, and the addressed
	// ones counted from them.
	if err := goalsWithNotes(ctx, tx, actor, f, plans, trends, &rep.Goals); err != nil {
		return err
	}
	if err := capital(ctx, tx, actor, f, scope, scopeArgs, trend); err != nil {
		return err
	}
	rows := sortedTrends(trends)
	for _, t := range rows {
		summarize(&rep.Capital, t)
	}
	if reaches {
		rep.RowsTotal, rep.Participants = len(rows), pageOf(rows, page)
	}
	return nil
}

// sortedTrends are the rows in their order: by name, then id.
func sortedTrends(trends map[int64]*goldthread.ParticipantTrend) []goldthread.ParticipantTrend {
	rows := make([]goldthread.ParticipantTrend, 0, len(trends))
	for _, t := range trends {
		rows = append(rows, *t)
	}
	slices.SortFunc(rows, func(a, b goldthread.ParticipantTrend) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return int(a.ParticipantID - b.ParticipantID)
	})
	return rows
}

// pageOf is page's rows of rows (a copy, so the page's goals are its own).
func pageOf(rows []goldthread.ParticipantTrend, page DirectorPage) []goldthread.ParticipantTrend {
	from := min(page.Offset, len(rows))
	to := len(rows)
	if page.Limit > 0 {
		to = min(from+page.Limit, len(rows))
	}
	return slices.Clone(rows[from:to])
}

// summarize counts a row's BARC-10 trend into c.
func summarize(c *goldthread.CapitalSummary, t goldthread.ParticipantTrend) {
	if len(t.Totals) > 0 {
		c.Measured++
	}
	if n := len(t.Totals); n >= 2 {
		c.Twice++
		switch first, latest := t.Totals[0], t.Totals[n-1]; {
		case latest > first:
			c.Rose++
		case latest < first:
			c.Fell++
		default:
			c.Held++
		}
	}
}

func serviceCounts(ctx context.Context, tx *Tx, actor goldthread.Actor, f goldthread.ReportFilter, scope string, scopeArgs []any) ([]goldthread.ServiceCount, error) {
	q := `SELECT n.category, n.modality, COUNT(*) FROM service_note n JOIN participant p ON p.id = n.participant_id
		WHERE n.agency_id = ? AND n.status = ? AND n.service_date >= ? AND n.service_date <= ? AND ` + scope
	args := append([]any{actor.AgencyID, goldthread.NoteSigned, f.From, f.To}, scopeArgs...)
	q, args = narrow(q, args, f, "n.program_id", "n.author_id")
	rows, err := tx.Query(ctx, q+" GROUP BY n.category, n.modality ORDER BY COUNT(*) DESC, n.category, n.modality", args...)
	if err != nil {
		return nil, fmt.Errorf("store.DirectorReport: %w", err)
	}
	defer rows.Close()
	var out []goldthread.ServiceCount
	for rows.Next() {
		var c goldthread.ServiceCount
		if err := rows.Scan(&c.Category, &c.Modality, &c.Count); err != nil {
			return nil, fmt.Errorf("store.DirectorReport: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func discharges(ctx context.Context, tx *Tx, actor goldthread.Actor, f goldthread.ReportFilter, scope string, scopeArgs []any, rep *goldthread.DirectorReport) error {
	const from = " FROM discharge d JOIN participant p ON p.id = d.participant_id"
	cond := " WHERE d.agency_id = ? AND d.discharge_date >= ? AND d.discharge_date <= ? AND " + scope
	args := append([]any{actor.AgencyID, f.From, f.To}, scopeArgs...)
	if f.ProgramID != 0 {
		cond += " AND d.program_id = ?"
		args = append(args, f.ProgramID)
	}
	if f.StaffID != 0 {
		cond += " AND p.id IN (SELECT c.participant_id FROM caseload c WHERE c.peer_id = ?)"
		args = append(args, f.StaffID)
	}
	if err := tx.QueryRow(ctx, "SELECT COUNT(*), COALESCE(SUM(CASE WHEN d.natural_supports <> '' THEN 1 ELSE 0 END), 0)"+from+cond, args...).
		Scan(&rep.Discharges.Total, &rep.Discharges.NaturalSupports); err != nil {
		return fmt.Errorf("store.DirectorReport: %w", err)
	}
	rows, err := tx.Query(ctx, "SELECT dg.outcome, COUNT(*)"+from+" JOIN discharge_goal dg ON dg.discharge_id = d.id"+cond+" GROUP BY dg.outcome", args...)
	if err != nil {
		return fmt.Errorf("store.DirectorReport: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var outcome string
		var n int
		if err := rows.Scan(&outcome, &n); err != nil {
			return fmt.Errorf("store.DirectorReport: %w", err)
		}
		switch outcome {
		case goldthread.GoalMet:
			rep.Goals.Met += n
		case goldthread.GoalPartlyMet:
			rep.Goals.PartlyMet += n
		case goldthread.GoalNotMet:
			rep.Goals.NotMet += n
		}
	}
	return rows.Err()
}

func capital(ctx context.Context, tx *Tx, actor goldthread.Actor, f goldthread.ReportFilter, scope string, scopeArgs []any,
	trend func(int64, string, string, string) *goldthread.ParticipantTrend) error {
	q := `SELECT p.id, p.first_name, p.preferred_name, p.last_name, r.taken_on, r.total FROM recovery_capital r
		JOIN participant p ON p.id = r.participant_id WHERE r.agency_id = ? AND r.taken_on <= ? AND ` + scope
	args := append([]any{actor.AgencyID, f.To}, scopeArgs...)
	if f.ProgramID != 0 {
		q += " AND p.id IN (SELECT e.participant_id FROM enrollment e WHERE e.program_id = ?)"
		args = append(args, f.ProgramID)
	}
	if f.StaffID != 0 {
		q += onCaseload
		args = append(args, f.StaffID)
	}
	rows, err := tx.Query(ctx, q+" ORDER BY p.id, r.taken_on, r.id", args...)
	if err != nil {
		return fmt.Errorf("store.DirectorReport: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var first, preferred, last string
		var on goldthread.Date
		var total int
		if err := rows.Scan(&id, &first, &preferred, &last, &on, &total); err != nil {
			return fmt.Errorf("store.DirectorReport: %w", err)
		}
		t := trend(id, first, preferred, last)
		t.Totals, t.Dates = append(t.Totals, total), append(t.Dates, on)
	}
	return rows.Err()
}
