package store

import (
	"context"
	"fmt"

	"github.com/goldthread/goldthread"
)

// signedNotesForGoals returns one entry per signed note of the participant
// and goal link, for the goals given. The caller (GoldenThread) has already
// checked the participant is in reach; the participant id scopes the query.
// goalIDs is not empty (inList).
func signedNotesForGoals(ctx context.Context, tx *Tx, participantID int64, goalIDs []int64) ([]goldthread.ThreadEntry, error) {
	args := appendIDs([]any{participantID, goldthread.NoteSigned}, goalIDs)
	rows, err := tx.Query(ctx, `SELECT n.id, g.goal_id, COALESCE(g.intervention_id, 0), n.service_date, n.start_at, n.end_at, u.name
		FROM note_goal g JOIN service_note n ON n.id = g.note_id JOIN app_user u ON u.id = n.author_id
		WHERE n.participant_id = ? AND n.status = ? AND g.goal_id IN `+inList(len(goalIDs))+`
		ORDER BY n.service_date DESC, n.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("store.signedNotesForGoals: %w", err)
	}
	defer rows.Close()
	var out []goldthread.ThreadEntry
	for rows.Next() {
		var e goldthread.ThreadEntry
		var n goldthread.Note
		if err := rows.Scan(&e.NoteID, &e.GoalID, &e.InterventionID, &e.ServiceDate, &n.Start, &n.End, &e.PeerName); err != nil {
			return nil, fmt.Errorf("store.signedNotesForGoals: %w", err)
		}
		e.Minutes = n.Minutes()
		out = append(out, e)
	}
	return out, rows.Err()
}
