package store

import (
	"context"
	"fmt"

	"github.com/goldthread/goldthread"
)

// AuthoredNote is one note of a bulk load and the person who wrote it.
type AuthoredNote struct {
	Author goldthread.Actor
	Note   NoteInput
}

// SignedNotesInBulk writes notes already re-authenticated by whoever loads
// them (the operator running `goldthread seed`) and signs each as its
// author, all in one write transaction: a draft, its goal links, its
// "create" audit event, then the same checks, signature row, lock and
// "sign" audit event as SignNote. Nothing is skipped but the password
// check, so the rows are the rows the app writes; one commit carries many
// notes, which is what makes a million notes take minutes.
//
// Every note must be the author's own (peer or supervisor) and pass
// signing; the first that does not rolls the whole batch back and its
// error names its position. The web layer never calls this.
func (db *DB) SignedNotesInBulk(ctx context.Context, notes []AuthoredNote, attestation string) ([]int64, error) {
	for _, n := range notes {
		if !n.Author.Has(goldthread.RolePeer) && !n.Author.Has(goldthread.RoleSupervisor) {
			return nil, goldthread.Errorf(goldthread.EFORBIDDEN, "Only peer specialists and supervisors write service notes.")
		}
	}
	if attestation == "" {
		return nil, goldthread.FieldError("attest", "Confirm the attestation to sign.")
	}
	ids := make([]int64, 0, len(notes))
	err := db.WriteTx(ctx, func(tx *Tx) error {
		for i, n := range notes {
			author, in := n.Author, n.Note
			pack, err := noteProgram(ctx, tx, author, in.ParticipantID, in.ProgramID)
			if err != nil {
				return fmt.Errorf("note %d: %w", i+1, err)
			}
			if err := in.ValidateDraft(packCategories(pack)); err != nil {
				return fmt.Errorf("note %d: %w", i+1, err)
			}
			id, err := insertDraftTx(ctx, tx, author, in, pack, 0)
			if err != nil {
				return fmt.Errorf("note %d: %w", i+1, err)
			}
			if err := tx.Audit(ctx, auditFor(author, goldthread.ActionCreate, "note", id, in.ParticipantID)); err != nil {
				return err
			}
			if _, _, err := signNoteTx(ctx, tx, author, id, SignNoteInput{Attestation: attestation, LateEntryReason: in.LateEntryReason}, nil); err != nil {
				return fmt.Errorf("note %d: %w", i+1, err)
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}
