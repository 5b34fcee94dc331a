package store

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/goldthread/goldthread"
)

// The program dashboard's kept counts (migration 0170): service_day_count
// holds the signed notes of each day by program, category and modality;
// goal_note_day the signed notes of each day addressing each goal, with the
// goal's previous day with a note and whether the goal is in force now;
// goals_in_force the plans in force with how many goals each. Migration
// 0175 sums goal_note_day's days in force: goal_day_count by day and
// program, goal_day_pair by day, previous day and program. Migration 0190
// sums goals_in_force: goals_in_force_count by program, and of the whole
// agency.
// They move only with the writes below, each called in the transaction of
// the write that moves them; DirectorReport reads them for readers of the
// whole agency (dashboard_director.go).

// goalInForce is the dashboard's condition on plan pl of participant p
// for its goals to be in force: the participant's newest signed plan in
// that program, the participant active. Its arguments are goalInForceArgs.
const goalInForce = `pl.status = ? AND p.status = ? AND NOT EXISTS (SELECT 1 FROM plan q WHERE q.participant_id = pl.participant_id
	AND q.program_id = pl.program_id AND q.status = ? AND q.version > pl.version)`

var goalInForceArgs = []any{goldthread.PlanSigned, goldthread.ParticipantActive, goldthread.PlanSigned}

// countSignedNote adds the note just signed to the kept counts: its day's
// count of services of its program, category and modality, and for each
// goal it addresses that goal's count of the day (a new day takes the
// goal's previous day with a note and becomes the previous day of the
// goal's next one, so a late entry keeps the chain of days whole).
func countSignedNote(ctx context.Context, tx *Tx, noteID int64) error {
	if _, err := tx.Exec(ctx, `INSERT INTO service_day_count (agency_id, service_date, program_id, category, modality, notes)
		SELECT n.agency_id, n.service_date, n.program_id, n.category, n.modality, 1 FROM service_note n WHERE n.id = ?
		ON CONFLICT (agency_id, service_date, program_id, category, modality) DO UPDATE SET notes = service_day_count.notes + 1`, noteID); err != nil {
		return fmt.Errorf("store.countSignedNote: %w", err)
	}
	if err := countGoalDays(ctx, tx, noteID); err != nil { // before goal_note_day takes the note's new days
		return err
	}
	const day = "(SELECT n.service_date FROM service_note n WHERE n.id = ?)"
	const goals = "(SELECT ng.goal_id FROM note_goal ng WHERE ng.note_id = ?)"
	// The goal's next day with a note, if any, now follows this day (when
	// this day had notes already, it followed it before).
	if _, err := tx.Exec(ctx, `UPDATE goal_note_day SET previous_date = `+day+`
		WHERE goal_id IN `+goals+` AND service_date = (SELECT MIN(x.service_date) FROM goal_note_day x
			WHERE x.goal_id = goal_note_day.goal_id AND x.service_date > `+day+`)`, noteID, noteID, noteID); err != nil {
		return fmt.Errorf("store.countSignedNote: %w", err)
	}
	if _, err := tx.Exec(ctx, `UPDATE goal_note_day SET notes = notes + (SELECT COUNT(*) FROM note_goal ng
			WHERE ng.note_id = ? AND ng.goal_id = goal_note_day.goal_id)
		WHERE goal_id IN `+goals+` AND service_date = `+day, noteID, noteID, noteID); err != nil {
		return fmt.Errorf("store.countSignedNote: %w", err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO goal_note_day (goal_id, service_date, agency_id, participant_id, program_id, notes, previous_date, in_force)
		SELECT ng.goal_id, n.service_date, pl.agency_id, pl.participant_id, pl.program_id, ng.links,
			(SELECT MAX(x.service_date) FROM goal_note_day x WHERE x.goal_id = ng.goal_id AND x.service_date < n.service_date),
			EXISTS (SELECT 1 FROM goals_in_force k WHERE k.participant_id = pl.participant_id AND k.program_id = pl.program_id AND k.plan_id = pl.id)
		FROM (SELECT l.goal_id, COUNT(*) AS links FROM note_goal l WHERE l.note_id = ? GROUP BY l.goal_id) ng
			JOIN service_note n ON n.id = ? JOIN plan_goal pg ON pg.id = ng.goal_id
			JOIN plan pl ON pl.id = pg.plan_id
		WHERE NOT EXISTS (SELECT 1 FROM goal_note_day x WHERE x.goal_id = ng.goal_id AND x.service_date = n.service_date)`, noteID, noteID); err != nil {
		return fmt.Errorf("store.countSignedNote: %w", err)
	}
	return nil
}

// refreshGoalsInForce decides again the participant's plans in force
// (goals_in_force and its counts) and which of their goals with notes are
// in force, after a write that can change it: a plan signed (a newer
// version takes over its program's goals), the participant discharged or
// made active again.
func refreshGoalsInForce(ctx context.Context, tx *Tx, participantID int64) error {
	if err := countParticipantGoalDays(ctx, tx, participantID, -1); err != nil { // as they were in force
		return err
	}
	before, err := participantPlansInForce(ctx, tx, participantID)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "DELETE FROM goals_in_force WHERE participant_id = ?", participantID); err != nil {
		return fmt.Errorf("store.refreshGoalsInForce: %w", err)
	}
	args := append(append([]any{}, goalInForceArgs...), participantID)
	if _, err := tx.Exec(ctx, `INSERT INTO goals_in_force (participant_id, program_id, agency_id, plan_id, goals)
		SELECT pl.participant_id, pl.program_id, pl.agency_id, pl.id, (SELECT COUNT(*) FROM plan_goal pg WHERE pg.plan_id = pl.id)
		FROM plan pl JOIN participant p ON p.id = pl.participant_id
		WHERE `+goalInForce+` AND pl.participant_id = ? AND EXISTS (SELECT 1 FROM plan_goal pg WHERE pg.plan_id = pl.id)`, args...); err != nil {
		return fmt.Errorf("store.refreshGoalsInForce: %w", err)
	}
	if _, err := tx.Exec(ctx, `UPDATE goal_note_day SET in_force = EXISTS (SELECT 1 FROM plan_goal pg JOIN goals_in_force k ON k.plan_id = pg.plan_id
			WHERE pg.id = goal_note_day.goal_id AND k.participant_id = ?)
		WHERE goal_id IN (SELECT pg.id FROM plan_goal pg JOIN plan pl ON pl.id = pg.plan_id WHERE pl.participant_id = ?)`, participantID, participantID); err != nil {
		return fmt.Errorf("store.refreshGoalsInForce: %w", err)
	}
	if err := countParticipantGoalDays(ctx, tx, participantID, 1); err != nil { // as they are in force now
		return err
	}
	after, err := participantPlansInForce(ctx, tx, participantID)
	if err != nil {
		return err
	}
	return countPlansInForce(ctx, tx, before, after)
}

// plansInForceOf are one participant's rows of goals_in_force: the
// goals of their plan in force by program, and their agency.
type plansInForceOf struct {
	agencyID int64
	goals    map[int64]int
}

func participantPlansInForce(ctx context.Context, tx *Tx, participantID int64) (plansInForceOf, error) {
	out := plansInForceOf{goals: map[int64]int{}}
	err := scanAll(ctx, tx, "SELECT agency_id, program_id, goals FROM goals_in_force WHERE participant_id = ?", []any{participantID}, func(r scanner) error {
		var program int64
		var goals int
		err := r.Scan(&out.agencyID, &program, &goals)
		out.goals[program] = goals
		return err
	})
	if err != nil {
		return out, fmt.Errorf("store.refreshGoalsInForce: %w", err)
	}
	return out, nil
}

// countPlansInForce moves goals_in_force_count (migration 0190) by what a
// refresh changed in one participant's plans in force, before to after:
// each program's participants and goals, and the agency's (program 0:
// the participant counts once if they have a plan in force in any
// program). A refresh that changed no count writes nothing. It runs last
// in the refresh, so the agency's row, which every refresh of the agency
// writes, is locked after the goal days' rows and held the least.
func countPlansInForce(ctx context.Context, tx *Tx, before, after plansInForceOf) error {
	agencyID := max(before.agencyID, after.agencyID) // the participant's agency, when either has a plan
	type move struct{ participants, goals int }
	moves := map[int64]move{}
	whole := func(p plansInForceOf) move {
		m := move{}
		for _, goals := range p.goals {
			m.participants, m.goals = 1, m.goals+goals
		}
		return m
	}
	if b, a := whole(before), whole(after); a != b {
		moves[0] = move{a.participants - b.participants, a.goals - b.goals}
	}
	for program, goals := range before.goals {
		moves[program] = move{-1, -goals}
	}
	for program, goals := range after.goals {
		m := moves[program]
		m.participants, m.goals = m.participants+1, m.goals+goals
		moves[program] = m
	}
	programs := slices.Sorted(maps.Keys(moves)) // the agency's row first, in every refresh
	for _, program := range programs {
		m := moves[program]
		if m == (move{}) {
			continue
		}
		if _, err := tx.Exec(ctx, `INSERT INTO goals_in_force_count (agency_id, program_id, participants, goals) VALUES (?, ?, ?, ?)
			ON CONFLICT (agency_id, program_id) DO UPDATE SET participants = goals_in_force_count.participants + excluded.participants,
				goals = goals_in_force_count.goals + excluded.goals`, agencyID, program, m.participants, m.goals); err != nil {
			return fmt.Errorf("store.countPlansInForce: %w", err)
		}
		if m.participants < 0 {
			if _, err := tx.Exec(ctx, "DELETE FROM goals_in_force_count WHERE agency_id = ? AND program_id = ? AND participants <= 0",
				agencyID, program); err != nil {
				return fmt.Errorf("store.countPlansInForce: %w", err)
			}
		}
	}
	return nil
}

// countGoalDays adds the note's new goal days in force to goal_day_count
// and goal_day_pair, before goal_note_day takes them: for each goal of the
// note in force that has no day with a note on the note's date yet, the
// day counts, after the goal's previous day with a note (a pair); and the
// goal's next day, if any, now follows this day instead of that previous
// one (a note dated before the goal's latest splits a pair in two).
func countGoalDays(ctx context.Context, tx *Tx, noteID int64) error {
	type newDay struct {
		agency, program    int64
		on, previous, next goldthread.Date // previous and next zero when the goal has none
	}
	var days []newDay
	if err := scanAll(ctx, tx, `SELECT pl.agency_id, pl.program_id, n.service_date,
			(SELECT MAX(x.service_date) FROM goal_note_day x WHERE x.goal_id = ng.goal_id AND x.service_date < n.service_date),
			(SELECT MIN(x.service_date) FROM goal_note_day x WHERE x.goal_id = ng.goal_id AND x.service_date > n.service_date)
		FROM (SELECT DISTINCT l.goal_id FROM note_goal l WHERE l.note_id = ?) ng
			JOIN service_note n ON n.id = ? JOIN plan_goal pg ON pg.id = ng.goal_id JOIN plan pl ON pl.id = pg.plan_id
		WHERE NOT EXISTS (SELECT 1 FROM goal_note_day x WHERE x.goal_id = ng.goal_id AND x.service_date = n.service_date)
			AND EXISTS (SELECT 1 FROM goals_in_force k WHERE k.participant_id = pl.participant_id AND k.program_id = pl.program_id AND k.plan_id = pl.id)`,
		[]any{noteID, noteID}, func(r scanner) error {
			var d newDay
			err := r.Scan(&d.agency, &d.program, &d.on, &d.previous, &d.next)
			days = append(days, d)
			return err
		}); err != nil {
		return fmt.Errorf("store.countGoalDays: %w", err)
	}
	for _, d := range days {
		if err := addGoalDays(ctx, tx, d.agency, d.program, goldthread.Date{}, d.on, 1); err != nil {
			return err
		}
		if !d.previous.IsZero() {
			if err := addGoalDays(ctx, tx, d.agency, d.program, d.previous, d.on, 1); err != nil {
				return err
			}
		}
		if d.next.IsZero() {
			continue
		}
		if err := addGoalDays(ctx, tx, d.agency, d.program, d.on, d.next, 1); err != nil {
			return err
		}
		if !d.previous.IsZero() {
			if err := addGoalDays(ctx, tx, d.agency, d.program, d.previous, d.next, -1); err != nil {
				return err
			}
		}
	}
	return nil
}

// addGoalDays adds by (one, or minus one) to the kept goal days in force
// of day on and program: goal_day_count's with previous zero, else
// goal_day_pair's of the days previous and on. A count that falls to
// nothing is deleted, so the kept rows are those the backfill makes.
func addGoalDays(ctx context.Context, tx *Tx, agencyID, programID int64, previous, on goldthread.Date, by int) error {
	table, key, args := "goal_day_count", "agency_id = ? AND service_date = ? AND program_id = ?", []any{agencyID, on, programID}
	insert := `INSERT INTO goal_day_count (agency_id, service_date, program_id, goals) VALUES (?, ?, ?, ?)
		ON CONFLICT (agency_id, service_date, program_id) DO UPDATE SET goals = goal_day_count.goals + excluded.goals`
	if !previous.IsZero() {
		table, key, args = "goal_day_pair", "agency_id = ? AND previous_date = ? AND service_date = ? AND program_id = ?", []any{agencyID, previous, on, programID}
		insert = `INSERT INTO goal_day_pair (agency_id, previous_date, service_date, program_id, goals) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (agency_id, previous_date, service_date, program_id) DO UPDATE SET goals = goal_day_pair.goals + excluded.goals`
	}
	if _, err := tx.Exec(ctx, insert, append(args, by)...); err != nil {
		return fmt.Errorf("store.addGoalDays: %w", err)
	}
	if by < 0 {
		if _, err := tx.Exec(ctx, "DELETE FROM "+table+" WHERE "+key+" AND goals <= 0", args...); err != nil {
			return fmt.Errorf("store.addGoalDays: %w", err)
		}
	}
	return nil
}

// countParticipantGoalDays adds (by 1) or takes away (by -1) every goal
// day in force of the participant's goals to or from goal_day_count and
// goal_day_pair: refreshGoalsInForce takes them away as they were in force
// before it decides again, and adds them as they are after, so a goal that
// left force or entered it moves its days. Counts that fall to nothing are
// deleted.
func countParticipantGoalDays(ctx context.Context, tx *Tx, participantID int64, by int) error {
	sum := "COUNT(*)"
	if by < 0 {
		sum = "-COUNT(*)"
	}
	const days = `FROM goal_note_day d WHERE d.goal_id IN (SELECT pg.id FROM plan_goal pg JOIN plan pl ON pl.id = pg.plan_id WHERE pl.participant_id = ?)
		AND d.in_force = ?`
	if _, err := tx.Exec(ctx, `INSERT INTO goal_day_count (agency_id, service_date, program_id, goals)
		SELECT d.agency_id, d.service_date, d.program_id, `+sum+` `+days+` GROUP BY d.agency_id, d.service_date, d.program_id
		ON CONFLICT (agency_id, service_date, program_id) DO UPDATE SET goals = goal_day_count.goals + excluded.goals`, participantID, true); err != nil {
		return fmt.Errorf("store.countParticipantGoalDays: %w", err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO goal_day_pair (agency_id, previous_date, service_date, program_id, goals)
		SELECT d.agency_id, d.previous_date, d.service_date, d.program_id, `+sum+` `+days+` AND d.previous_date IS NOT NULL
		GROUP BY d.agency_id, d.previous_date, d.service_date, d.program_id
		ON CONFLICT (agency_id, previous_date, service_date, program_id) DO UPDATE SET goals = goal_day_pair.goals + excluded.goals`, participantID, true); err != nil {
		return fmt.Errorf("store.countParticipantGoalDays: %w", err)
	}
	if by > 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `DELETE FROM goal_day_count WHERE goals <= 0 AND (agency_id, service_date, program_id) IN
		(SELECT d.agency_id, d.service_date, d.program_id `+days+`)`, participantID, true); err != nil {
		return fmt.Errorf("store.countParticipantGoalDays: %w", err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM goal_day_pair WHERE goals <= 0 AND (agency_id, previous_date, service_date, program_id) IN
		(SELECT d.agency_id, d.previous_date, d.service_date, d.program_id `+days+`)`, participantID, true); err != nil {
		return fmt.Errorf("store.countParticipantGoalDays: %w", err)
	}
	return nil
}
