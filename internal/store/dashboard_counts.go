package store

import (
	"context"
	"fmt"

	"github.com/goldthread/goldthread"
)

// The program dashboard's kept counts (migration 0170): service_day_count
// holds the signed notes of each day by program, category and modality;
// goal_note_day the signed notes of each day addressing each goal, with the
// goal's previous day with a note and whether the goal is in force now;
// goals_in_force the plans in force with how many goals each.
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
// (goals_in_force) and which of their goals with notes are in force, after
// a write that can change it: a plan signed (a newer version takes over
// its program's goals), the participant discharged or made active again.
func refreshGoalsInForce(ctx context.Context, tx *Tx, participantID int64) error {
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
	return nil
}
