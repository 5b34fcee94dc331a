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
// with their notes. f.ProgramID narrows to the program's notes, plans,
// discharges and enrolled participants; f.StaffID to the notes the staff
// member wrote and the participants on their caseload. Others EFORBIDDEN;
// EINVALID names from or to. The read is audited as a list.
//
// A goal is counted as addressed through the goal ids of the newest plan:
// a note linked to an earlier version's goal counts for that version only.
func (db *DB) DirectorReport(ctx context.Context, actor goldthread.Actor, f goldthread.ReportFilter) (goldthread.DirectorReport, error) {
	rep := goldthread.DirectorReport{Filter: f}
	// An administrator sees the figures; the roles that reach participants
	// also their rows.
	reaches := actor.Has(goldthread.RoleSupervisor) || actor.Has(goldthread.RoleClinician) || actor.Has(goldthread.RoleAuditor)
	if !goldthread.CanReadProgramDashboard(actor) {
		return rep, goldthread.Errorf(goldthread.EFORBIDDEN, "The program dashboard is for administrators, supervisors, clinicians and auditors.")
	}
	if err := f.Validate(); err != nil {
		return rep, err
	}
	scope, scopeArgs := participantScope(actor)
	if !reaches {
		scope, scopeArgs = "p.agency_id = ?", []any{actor.AgencyID}
	}
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
		var err error
		if rep.Services, err = serviceCounts(ctx, tx, actor, f, scope, scopeArgs); err != nil {
			return err
		}
		if err := goalsInForce(ctx, tx, actor, f, scope, scopeArgs, &rep.Goals, trend); err != nil {
			return err
		}
		if err := discharges(ctx, tx, actor, f, scope, scopeArgs, &rep); err != nil {
			return err
		}
		if err := capital(ctx, tx, actor, f, scope, scopeArgs, trend); err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionList, "director_dashboard", 0, 0)
		ev.Detail = fmt.Sprintf("from=%s to=%s program=%d staff=%d participants=%d", f.From, f.To, f.ProgramID, f.StaffID, len(trends)*boolInt(reaches))
		return tx.Audit(ctx, ev)
	})
	if err != nil {
		return rep, err
	}
	for _, t := range trends {
		if len(t.Totals) > 0 {
			rep.Capital.Measured++
		}
		if n := len(t.Totals); n >= 2 {
			rep.Capital.Twice++
			switch first, latest := t.Totals[0], t.Totals[n-1]; {
			case latest > first:
				rep.Capital.Rose++
			case latest < first:
				rep.Capital.Fell++
			default:
				rep.Capital.Held++
			}
		}
		if reaches {
			rep.Participants = append(rep.Participants, *t)
		}
	}
	slices.SortFunc(rep.Participants, func(a, b goldthread.ParticipantTrend) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return int(a.ParticipantID - b.ParticipantID)
	})
	return rep, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
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

// onCaseload is the staff filter on participants: on the staff member's
// caseload now.
const onCaseload = " AND p.id IN (SELECT c.participant_id FROM caseload c WHERE c.peer_id = ? AND c.end_date IS NULL)"

func goalsInForce(ctx context.Context, tx *Tx, actor goldthread.Actor, f goldthread.ReportFilter, scope string, scopeArgs []any,
	g *goldthread.GoalProgress, trend func(int64, string, string, string) *goldthread.ParticipantTrend) error {
	// The period's notes are counted per goal in one pass, before the
	// goals are read, not counted again for each goal: PostgreSQL without
	// fresh statistics scanned the period once a goal (12 s at 5k notes).
	counts := map[int64]int{}
	cq := `SELECT ng.goal_id, COUNT(*) FROM note_goal ng JOIN service_note n ON n.id = ng.note_id
		WHERE n.agency_id = ? AND n.status = ? AND n.service_date >= ? AND n.service_date <= ?` + authorIs(f) + ` GROUP BY ng.goal_id`
	cargs := []any{actor.AgencyID, goldthread.NoteSigned, f.From, f.To}
	if f.StaffID != 0 {
		cargs = append(cargs, f.StaffID)
	}
	if err := scanAll(ctx, tx, cq, cargs, func(r scanner) error {
		var goal int64
		var n int
		err := r.Scan(&goal, &n)
		counts[goal] = n
		return err
	}); err != nil {
		return fmt.Errorf("store.DirectorReport: %w", err)
	}
	q := `SELECT p.id, p.first_name, p.preferred_name, p.last_name, pg.participant_words, pg.id
		FROM plan pl JOIN participant p ON p.id = pl.participant_id JOIN plan_goal pg ON pg.plan_id = pl.id
		WHERE pl.agency_id = ? AND pl.status = ? AND p.status = ? AND NOT EXISTS (SELECT 1 FROM plan q WHERE q.participant_id = pl.participant_id
			AND q.program_id = pl.program_id AND q.status = ? AND q.version > pl.version) AND ` + scope
	args := append([]any{actor.AgencyID, goldthread.PlanSigned, goldthread.ParticipantActive, goldthread.PlanSigned}, scopeArgs...)
	if f.ProgramID != 0 {
		q += " AND pl.program_id = ?"
		args = append(args, f.ProgramID)
	}
	if f.StaffID != 0 {
		q += onCaseload
		args = append(args, f.StaffID)
	}
	rows, err := tx.Query(ctx, q+" ORDER BY p.id, pl.program_id, pg.position", args...)
	if err != nil {
		return fmt.Errorf("store.DirectorReport: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, goal int64
		var first, preferred, last, words string
		if err := rows.Scan(&id, &first, &preferred, &last, &words, &goal); err != nil {
			return fmt.Errorf("store.DirectorReport: %w", err)
		}
		notes := counts[goal]
		g.InForce++
		if notes > 0 {
			g.Addressed++
		}
		t := trend(id, first, preferred, last)
		t.Goals = append(t.Goals, goldthread.GoalNotes{Words: words, Notes: notes})
	}
	return rows.Err()
}

func authorIs(f goldthread.ReportFilter) string {
	if f.StaffID != 0 {
		return " AND n.author_id = ?"
	}
	return ""
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
