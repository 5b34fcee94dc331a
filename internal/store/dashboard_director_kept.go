package store

import (
	"context"
	"fmt"
	"math"

	"github.com/goldthread/goldthread"
)

// shownName is the SQL of the name a dashboard row shows (Participant.
// DisplayName: the preferred or first name, then the last name), the key
// of the index participant_agency_shown_name.
const shownName = "TRIM(CASE WHEN p.preferred_name <> '' THEN p.preferred_name ELSE p.first_name END || ' ' || p.last_name)"

// keptFigures is the program dashboard of a reader of the whole agency
// without a staff filter, from the counts kept at signing
// (dashboard_counts.go): services, goals in force and addressed, without
// reading a note or a plan; and the page's rows only, chosen in the order of the
// names shown through their index, with their goals and BARC-10 totals.
// Recovery capital reads every BARC-10 of the agency, as capital does.
func keptFigures(ctx context.Context, tx *Tx, actor goldthread.Actor, f goldthread.ReportFilter, page DirectorPage, reaches bool,
	rep *goldthread.DirectorReport, trends map[int64]*goldthread.ParticipantTrend,
	trend func(int64, string, string, string) *goldthread.ParticipantTrend) error {
	var err error
	if rep.Services, err = keptServiceCounts(ctx, tx, actor, f); err != nil {
		return err
	}
	program, programArgs := "", []any{}
	if f.ProgramID != 0 {
		program, programArgs = " AND k.program_id = ?", []any{f.ProgramID}
	}
	// The goals in force, and the participants they make rows of: the
	// program's count, or the agency's (program 0, each participant once).
	var withPlans int
	if err := tx.QueryRow(ctx, `SELECT COALESCE(SUM(c.participants), 0), COALESCE(SUM(c.goals), 0) FROM goals_in_force_count c
		WHERE c.agency_id = ? AND c.program_id = ?`, actor.AgencyID, f.ProgramID).Scan(&withPlans, &rep.Goals.InForce); err != nil {
		return fmt.Errorf("store.DirectorReport: %w", err)
	}
	if err := keptGoalsAddressed(ctx, tx, actor, f, &rep.Goals); err != nil {
		return err
	}
	scope, scopeArgs := "p.agency_id = ?", []any{actor.AgencyID}
	if err := capital(ctx, tx, actor, f, scope, scopeArgs, trend); err != nil {
		return err
	}
	for _, t := range trends {
		summarize(&rep.Capital, *t)
	}
	if !reaches {
		return nil
	}
	// The rows: participants with a plan in force (of the program), or
	// with a BARC-10 by the period's end (enrolled in the program).
	planned := "EXISTS (SELECT 1 FROM goals_in_force k WHERE k.participant_id = p.id" + program + ")"
	measured := "EXISTS (SELECT 1 FROM recovery_capital r WHERE r.agency_id = ? AND r.participant_id = p.id AND r.taken_on <= ?)"
	measuredArgs := []any{actor.AgencyID, f.To}
	if f.ProgramID != 0 {
		measured += " AND p.id IN (SELECT e.participant_id FROM enrollment e WHERE e.program_id = ?)"
		measuredArgs = append(measuredArgs, f.ProgramID)
	}
	var measuredOnly int
	if len(trends) > 0 {
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM participant p WHERE p.agency_id = ? AND NOT "+planned+" AND "+measured,
			append(append([]any{actor.AgencyID}, programArgs...), measuredArgs...)...).Scan(&measuredOnly); err != nil {
			return fmt.Errorf("store.DirectorReport: %w", err)
		}
	}
	rep.RowsTotal = withPlans + measuredOnly
	collate := ""
	if tx.db.Engine == Postgres {
		collate = ` COLLATE "C"` // the bytes' order, as Go compares names
	}
	// With no BARC-10 by the period's end (capital found none), the rows
	// are the participants with a plan alone: the page then walks the
	// names' index and looks each one's plan up, where the test of either
	// made PostgreSQL hash every plan in force of the agency first.
	rowsOf, args := planned+" OR "+measured, append(append([]any{actor.AgencyID}, programArgs...), measuredArgs...)
	if len(trends) == 0 {
		rowsOf, args = planned, append([]any{actor.AgencyID}, programArgs...)
	}
	q := `SELECT p.id, p.first_name, p.preferred_name, p.last_name FROM participant p
		WHERE p.agency_id = ? AND (` + rowsOf + `) ORDER BY ` + shownName + collate + `, p.id`
	if page.Limit > 0 {
		q += " LIMIT ? OFFSET ?"
		args = append(args, page.Limit, page.Offset)
	} else if page.Offset > 0 {
		q += " LIMIT ? OFFSET ?"
		args = append(args, math.MaxInt32, page.Offset)
	}
	var ids []int64
	if err := scanAll(ctx, tx, q, args, func(r scanner) error {
		var id int64
		var first, preferred, last string
		if err := r.Scan(&id, &first, &preferred, &last); err != nil {
			return err
		}
		t := trend(id, first, preferred, last) // a BARC-10's row has its totals already
		rep.Participants = append(rep.Participants, *t)
		ids = append(ids, id)
		return nil
	}); err != nil {
		return fmt.Errorf("store.DirectorReport: %w", err)
	}
	// The page's goals with their notes, from the kept days.
	onPage, plans := map[int64]*goldthread.ParticipantTrend{}, map[int64][]int64{}
	for i := range rep.Participants {
		onPage[rep.Participants[i].ParticipantID] = &rep.Participants[i]
	}
	for start := 0; start < len(ids); start += 500 {
		batch := ids[start:min(start+500, len(ids))]
		q := "SELECT k.participant_id, k.plan_id FROM goals_in_force k WHERE k.agency_id + 0 = ? AND k.participant_id IN " + inList(len(batch)) + program
		args := appendIDs([]any{actor.AgencyID}, batch)
		if err := scanAll(ctx, tx, q, append(args, programArgs...), func(r scanner) error {
			var participant, plan int64
			err := r.Scan(&participant, &plan)
			plans[participant] = append(plans[participant], plan)
			return err
		}); err != nil {
			return fmt.Errorf("store.DirectorReport: %w", err)
		}
	}
	return goalsWithNotes(ctx, tx, actor, f, plans, onPage, nil)
}
