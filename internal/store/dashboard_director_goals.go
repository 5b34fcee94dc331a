package store

import (
	"context"
	"fmt"

	"github.com/goldthread/goldthread"
)

// onCaseload is the staff filter on participants: on the staff member's
// caseload now.
const onCaseload = " AND p.id IN (SELECT c.participant_id FROM caseload c WHERE c.peer_id = ? AND c.end_date IS NULL)"

// plansInForce reads the plans in force of the participants in scope
// (each one's newest signed plan a program, the participant active), one
// light row a plan: it makes each participant with goals a row, counts the
// goals in force and returns the plans' ids by participant.
func plansInForce(ctx context.Context, tx *Tx, actor goldthread.Actor, f goldthread.ReportFilter, scope string, scopeArgs []any,
	g *goldthread.GoalProgress, trend func(int64, string, string, string) *goldthread.ParticipantTrend) (map[int64][]int64, error) {
	q := `SELECT p.id, p.first_name, p.preferred_name, p.last_name, pl.id, (SELECT COUNT(*) FROM plan_goal pg WHERE pg.plan_id = pl.id)
		FROM plan pl JOIN participant p ON p.id = pl.participant_id
		WHERE pl.agency_id = ? AND ` + goalInForce + ` AND ` + scope
	args := append(append([]any{actor.AgencyID}, goalInForceArgs...), scopeArgs...)
	if f.ProgramID != 0 {
		q += " AND pl.program_id = ?"
		args = append(args, f.ProgramID)
	}
	if f.StaffID != 0 {
		q += onCaseload
		args = append(args, f.StaffID)
	}
	plans := map[int64][]int64{}
	err := scanAll(ctx, tx, q, args, func(r scanner) error {
		var id, plan int64
		var first, preferred, last string
		var goals int
		if err := r.Scan(&id, &first, &preferred, &last, &plan, &goals); err != nil || goals == 0 {
			return err
		}
		g.InForce += goals
		trend(id, first, preferred, last)
		plans[id] = append(plans[id], plan)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store.DirectorReport: %w", err)
	}
	return plans, nil
}

// keptGoalsAddressed counts the goals in force of the agency (of
// f.ProgramID's plans, when given) addressed by a signed note of the
// period, from the kept counts (migration 0175): a goal's first day with a
// note in the period is the one whose previous day falls before it, so the
// goals addressed are the period's goal days in force less those whose
// previous day is in the period too. It reads one row a day and program,
// and one a pair of days of the period, whatever the agency's size.
func keptGoalsAddressed(ctx context.Context, tx *Tx, actor goldthread.Actor, f goldthread.ReportFilter, g *goldthread.GoalProgress) error {
	program, programArgs := "", []any{}
	if f.ProgramID != 0 {
		program, programArgs = " AND program_id = ?", []any{f.ProgramID}
	}
	q := `SELECT COALESCE((SELECT SUM(goals) FROM goal_day_count WHERE agency_id = ? AND service_date >= ? AND service_date <= ?` + program + `), 0)
		- COALESCE((SELECT SUM(goals) FROM goal_day_pair WHERE agency_id = ? AND previous_date >= ? AND previous_date <= ? AND service_date <= ?` + program + `), 0)`
	args := append(append(append([]any{actor.AgencyID, f.From, f.To}, programArgs...), actor.AgencyID, f.From, f.To, f.To), programArgs...)
	if err := tx.QueryRow(ctx, q, args...).Scan(&g.Addressed); err != nil {
		return fmt.Errorf("store.DirectorReport: %w", err)
	}
	return nil
}

// goalsWithNotes reads the goals of plans (their ids by participant), in each participant's order
// (program, then position), with the period's signed notes addressing
// each, onto the participants' rows, and counts the addressed ones in g
// when g is not nil. The notes are the kept days' (of every author), or
// with f.StaffID those the staff member wrote, counted from the notes.
func goalsWithNotes(ctx context.Context, tx *Tx, actor goldthread.Actor, f goldthread.ReportFilter, plans map[int64][]int64,
	rows map[int64]*goldthread.ParticipantTrend, g *goldthread.GoalProgress) error {
	var authored map[int64]int
	notes, noteArgs := "COALESCE((SELECT SUM(d.notes) FROM goal_note_day d WHERE d.goal_id = pg.id AND d.service_date >= ? AND d.service_date <= ?), 0)",
		[]any{f.From, f.To}
	if f.StaffID != 0 {
		var err error
		if authored, err = authoredGoalNotes(ctx, tx, actor, f); err != nil {
			return err
		}
		notes, noteArgs = "0", nil
	}
	// A participant's plans are read in one batch, so their goals come
	// in their order.
	var batches [][]int64
	var batch []int64
	for _, ids := range plans {
		if len(batch) > 0 && len(batch)+len(ids) > 500 {
			batches, batch = append(batches, batch), nil
		}
		batch = append(batch, ids...)
	}
	if len(batch) > 0 {
		batches = append(batches, batch)
	}
	for _, batch := range batches {
		q := `SELECT pl.participant_id, pg.id, pg.participant_words, ` + notes + `
			FROM plan pl JOIN plan_goal pg ON pg.plan_id = pl.id
			WHERE pl.agency_id + 0 = ? AND pl.id IN ` + inList(len(batch)) + `
			ORDER BY pl.participant_id, pl.program_id, pg.position`
		args := appendIDs(append(append([]any{}, noteArgs...), actor.AgencyID), batch)
		if err := scanAll(ctx, tx, q, args, func(r scanner) error {
			var participant, goal int64
			var words string
			var n int
			if err := r.Scan(&participant, &goal, &words, &n); err != nil {
				return err
			}
			if authored != nil {
				n = authored[goal]
			}
			if g != nil && n > 0 {
				g.Addressed++
			}
			if t := rows[participant]; t != nil {
				t.Goals = append(t.Goals, goldthread.GoalNotes{Words: words, Notes: n})
			}
			return nil
		}); err != nil {
			return fmt.Errorf("store.DirectorReport: %w", err)
		}
	}
	return nil
}

// authoredGoalNotes counts the period's signed notes f.StaffID wrote by
// the goal they address, read through the author's notes by day (the
// agency's index of every note would walk the whole agency's period).
func authoredGoalNotes(ctx context.Context, tx *Tx, actor goldthread.Actor, f goldthread.ReportFilter) (map[int64]int, error) {
	counts := map[int64]int{}
	err := scanAll(ctx, tx, `SELECT ng.goal_id, COUNT(*) FROM service_note n JOIN note_goal ng ON ng.note_id = n.id
		WHERE n.author_id = ? AND n.service_date >= ? AND n.service_date <= ? AND n.agency_id + 0 = ? AND n.status = ?
		GROUP BY ng.goal_id`, []any{f.StaffID, f.From, f.To, actor.AgencyID, goldthread.NoteSigned}, func(r scanner) error {
		var goal int64
		var n int
		err := r.Scan(&goal, &n)
		counts[goal] = n
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store.DirectorReport: %w", err)
	}
	return counts, nil
}

// keptServiceCounts is serviceCounts for a reader of the whole agency,
// from the kept days.
func keptServiceCounts(ctx context.Context, tx *Tx, actor goldthread.Actor, f goldthread.ReportFilter) ([]goldthread.ServiceCount, error) {
	q := `SELECT c.category, c.modality, SUM(c.notes) FROM service_day_count c WHERE c.agency_id = ? AND c.service_date >= ? AND c.service_date <= ?`
	args := []any{actor.AgencyID, f.From, f.To}
	if f.ProgramID != 0 {
		q += " AND c.program_id = ?"
		args = append(args, f.ProgramID)
	}
	var out []goldthread.ServiceCount
	err := scanAll(ctx, tx, q+" GROUP BY c.category, c.modality ORDER BY SUM(c.notes) DESC, c.category, c.modality", args, func(r scanner) error {
		var c goldthread.ServiceCount
		err := r.Scan(&c.Category, &c.Modality, &c.Count)
		out = append(out, c)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store.DirectorReport: %w", err)
	}
	return out, nil
}
