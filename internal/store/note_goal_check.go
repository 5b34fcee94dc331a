package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/goldthread/goldthread"
)

// goalsOfParticipant refuses (EINVALID on goals) a goal link whose goal is
// not in one of the participant's own plans, or whose intervention is not
// one of that goal's: an id made up, or taken from another participant or
// another agency, is named instead of failing a foreign key (a 500) or,
// worse, being stored. Which plan must be in force is checked at signing.
func goalsOfParticipant(ctx context.Context, tx *Tx, participantID int64, goals []goldthread.NoteGoal) error {
	for _, g := range goals {
		var one int
		err := tx.QueryRow(ctx, `SELECT 1 FROM plan_goal pg JOIN plan p ON p.id = pg.plan_id
			WHERE pg.id = ? AND p.participant_id = ?`, g.GoalID, participantID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return goldthread.FieldError("goals", "Goal %d is not a goal of this participant's plan. Choose the goals from their plan.", g.GoalID)
		}
		if err != nil {
			return fmt.Errorf("store.goalsOfParticipant: %w", err)
		}
		if g.InterventionID == 0 {
			continue
		}
		err = tx.QueryRow(ctx, "SELECT 1 FROM plan_intervention WHERE id = ? AND goal_id = ?", g.InterventionID, g.GoalID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return goldthread.FieldError("goals", "Intervention %d is not one of goal %d's. Choose the intervention under its goal.", g.InterventionID, g.GoalID)
		}
		if err != nil {
			return fmt.Errorf("store.goalsOfParticipant: %w", err)
		}
	}
	return nil
}
