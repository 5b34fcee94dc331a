package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/goldthread/goldthread"
)

// NoteDue is an unsigned note with its deadline, for the Today lists.
type NoteDue struct {
	Note            goldthread.Note
	ParticipantName string
	Overdue         bool
	Left            time.Duration // until the deadline; negative when overdue
}

// NotesDue lists the actor's own drafts, soonest deadline first (drafts
// without an end time, hence without a deadline, last). Deadlines come
// from the program's rule pack: 72 hours by default, Medi-Cal 3 business
// days, crisis 24 hours, counted from the service end. Services never
// started as a draft are not known here: a planned visit (PeerToday) is a
// plan, not a service, until its note is started.
func (db *DB) NotesDue(ctx context.Context, actor goldthread.Actor) ([]NoteDue, error) {
	return db.notesDue(ctx, actor, "n.author_id = ?", actor.UserID)
}

// OverdueNotes lists the unsigned notes past their deadline of the peers a
// supervisor supervises, oldest deadline first. Others get EFORBIDDEN.
func (db *DB) OverdueNotes(ctx context.Context, actor goldthread.Actor) ([]NoteDue, error) {
	if !goldthread.CanReviewNotes(actor) {
		return nil, goldthread.Errorf(goldthread.EFORBIDDEN, "Only supervisors see their team's overdue notes.")
	}
	list, err := db.notesDue(ctx, actor, `n.author_id IN (SELECT l.peer_id FROM supervision_link l WHERE l.supervisor_id = ? AND l.agency_id = n.agency_id)
		AND n.due_at IS NOT NULL AND n.due_at < ?`, actor.UserID, db.now())
	return list, err
}

func (db *DB) notesDue(ctx context.Context, actor goldthread.Actor, cond string, condArgs ...any) ([]NoteDue, error) {
	scope, args := noteScope(actor)
	q := "SELECT " + noteColumns + ", p.first_name, p.preferred_name, p.last_name" + noteFrom + "WHERE " + scope +
		" AND n.status = ? AND " + cond + " ORDER BY CASE WHEN n.due_at IS NULL THEN 1 ELSE 0 END, n.due_at, n.id LIMIT 200"
	args = append(append(args, goldthread.NoteDraft), condArgs...)
	var out []NoteDue
	err := db.WriteTx(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("store.NotesDue: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var d NoteDue
			var first, preferred, last string
			n, err := scanNote(scanFunc(func(dest ...any) error {
				return rows.Scan(append(dest, &first, &preferred, &last)...)
			}), seesNarrative(actor))
			if err != nil {
				return fmt.Errorf("store.NotesDue: %w", err)
			}
			d.Note = n
			d.ParticipantName = goldthread.Participant{FirstName: first, PreferredName: preferred, LastName: last}.DisplayName()
			if !n.Due.IsZero() {
				d.Left = n.Due.Sub(tx.now)
				d.Overdue = d.Left < 0
			}
			out = append(out, d)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		ev := auditFor(actor, goldthread.ActionList, "note", 0, 0)
		ev.Detail = "due=" + strconv.Itoa(len(out))
		return tx.Audit(ctx, ev)
	})
	return out, err
}

// scanFunc adapts a function to scanner, to scan extra columns after a
// note's.
type scanFunc func(dest ...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }
