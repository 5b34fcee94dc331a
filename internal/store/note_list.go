package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/goldthread/goldthread"
)

// ListNotes lists notes in the actor's reach, newest service first,
// narrowed by f (participant, author, status). Drafts appear only for
// their author and supervisors; billing gets no narrative. Goal links,
// signatures and addenda are not loaded (Note has them). The listing is
// audited, once per call, naming the participant when f does.
func (db *DB) ListNotes(ctx context.Context, actor goldthread.Actor, f goldthread.NoteFilter) ([]goldthread.Note, error) {
	scope, args := noteScope(actor)
	q := "SELECT " + noteColumns + noteFrom + "WHERE " + scope
	if f.ParticipantID != 0 {
		q += " AND n.participant_id = ?"
		args = append(args, f.ParticipantID)
	}
	if f.AuthorID != 0 {
		q += " AND n.author_id = ?"
		args = append(args, f.AuthorID)
	}
	if f.Status != "" {
		if f.Status != goldthread.NoteDraft && f.Status != goldthread.NoteSigned {
			return nil, goldthread.FieldError("status", "Status is draft or signed.")
		}
		q += " AND n.status = ?"
		args = append(args, f.Status)
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	q += " ORDER BY n.service_date DESC, n.start_at DESC, n.id DESC LIMIT " + strconv.Itoa(limit)
	var out []goldthread.Note
	err := db.WriteTx(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("store.ListNotes: %w", err)
		}
		defer rows.Close()
		narrative := seesNarrative(actor)
		for rows.Next() {
			n, err := scanNote(rows, narrative)
			if err != nil {
				return fmt.Errorf("store.ListNotes: %w", err)
			}
			out = append(out, n)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		ev := auditFor(actor, goldthread.ActionList, "note", 0, f.ParticipantID)
		ev.Detail = "count=" + strconv.Itoa(len(out))
		return tx.Audit(ctx, ev)
	})
	return out, err
}
