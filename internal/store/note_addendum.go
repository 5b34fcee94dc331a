package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
)

// AddendumInput is the root type under its old name.
type AddendumInput = goldthread.AddendumInput

// AddAddendum adds a signed, dated addendum (correction, clarification or
// late entry) under a signed note; the original never changes. The author
// of the note, or a supervisor who reaches the participant, may add one,
// after re-entering their password (wrong: EUNAUTHORIZED, audited). When
// the note was billed, the addendum is flagged for claim review. Returns
// EINVALID naming the field, ECONFLICT for a draft (edit it instead),
// EFORBIDDEN for other readers, ENOTFOUND out of reach.
func (db *DB) AddAddendum(ctx context.Context, actor goldthread.Actor, noteID int64, in AddendumInput) (goldthread.Addendum, error) {
	var pre goldthread.Note
	err := db.ReadTx(ctx, func(tx *Tx) error {
		var err error
		pre, err = loadNote(ctx, tx, actor, noteID)
		return err
	})
	if err != nil {
		return goldthread.Addendum{}, err
	}
	switch {
	case pre.AuthorID != actor.UserID && !actor.Has(goldthread.RoleSupervisor):
		return goldthread.Addendum{}, goldthread.Errorf(goldthread.EFORBIDDEN, "Only the note's author or a supervisor adds an addendum.")
	case pre.Status != goldthread.NoteSigned:
		return goldthread.Addendum{}, goldthread.Errorf(goldthread.ECONFLICT, "This note is still a draft; change the draft instead of adding an addendum.")
	}
	if err := in.Validate(); err != nil {
		return goldthread.Addendum{}, err
	}
	if err := db.checkPassword(ctx, actor, in.Password, noteID, pre.ParticipantID, "note_addendum"); err != nil {
		return goldthread.Addendum{}, err
	}
	var a goldthread.Addendum
	err = db.WriteTx(ctx, func(tx *Tx) error {
		n, err := loadNote(ctx, tx, actor, noteID)
		if err != nil {
			return err
		}
		billed, err := noteBilled(ctx, tx, noteID)
		if err != nil {
			return err
		}
		a = goldthread.Addendum{NoteID: noteID, Kind: in.Kind, Body: in.Body, AuthorID: actor.UserID, Attestation: in.Attestation,
			Signed: tx.now, ClaimReviewNeeded: billed}
		if err := tx.QueryRow(ctx, "SELECT name, credential FROM app_user WHERE id = ?", actor.UserID).Scan(&a.Name, &a.Credential); err != nil {
			return fmt.Errorf("store.AddAddendum: %w", err)
		}
		a.ContentHash = addendumHash(n.ContentHash, a)
		a.ID, err = tx.insert(ctx, `INSERT INTO note_addendum (note_id, kind, body, author_id, name, credential, attestation, signed_at,
			content_hash, claim_review_needed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			noteID, a.Kind, a.Body, a.AuthorID, a.Name, a.Credential, a.Attestation, a.Signed, a.ContentHash, a.ClaimReviewNeeded)
		if err != nil {
			return fmt.Errorf("store.AddAddendum: %w", err)
		}
		if err := refreshNoteReview(ctx, tx, noteID); err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionSign, "note_addendum", a.ID, n.ParticipantID)
		ev.Detail = "note=" + strconv.FormatInt(noteID, 10) + " kind=" + a.Kind
		return tx.Audit(ctx, ev)
	})
	return a, err
}

// noteAddenda reads a note's addenda, oldest first; without narrative
// access the body is left empty.
func noteAddenda(ctx context.Context, tx *Tx, noteID int64, narrative bool) ([]goldthread.Addendum, error) {
	rows, err := tx.Query(ctx, `SELECT id, note_id, kind, body, author_id, name, credential, attestation, signed_at, content_hash,
		claim_review_needed FROM note_addendum WHERE note_id = ? ORDER BY id`, noteID)
	if err != nil {
		return nil, fmt.Errorf("store.noteAddenda: %w", err)
	}
	defer rows.Close()
	var out []goldthread.Addendum
	for rows.Next() {
		var a goldthread.Addendum
		if err := rows.Scan(&a.ID, &a.NoteID, &a.Kind, &a.Body, &a.AuthorID, &a.Name, &a.Credential, &a.Attestation, &a.Signed,
			&a.ContentHash, &a.ClaimReviewNeeded); err != nil {
			return nil, fmt.Errorf("store.noteAddenda: %w", err)
		}
		a.Signed = a.Signed.UTC()
		if !narrative {
			a.Body = ""
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// addendumHash is an addendum's content hash: the note's own hash (so an
// addendum belongs to one note as signed), then every field the reader
// relies on, NUL-separated, the signing time as UTC text.
func addendumHash(noteHash string, a goldthread.Addendum) string {
	sum := sha256.Sum256([]byte(strings.Join([]string{noteHash, a.Kind, a.Body, strconv.FormatInt(a.AuthorID, 10),
		a.Name, a.Credential, a.Attestation, a.Signed.UTC().String()}, "\x00")))
	return hex.EncodeToString(sum[:])
}
