package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
)

// reviewHash is the hash a supervisor approves: the note's signed content
// hash alone while it has no addendum, otherwise the SHA-256 of that hash
// and every addendum's hash in order. An addendum after an approval
// changes it, so the approval no longer counts. Empty for a draft.
func reviewHash(ctx context.Context, tx *Tx, noteID int64) (string, error) {
	var status, hash string
	err := tx.QueryRow(ctx, "SELECT status, content_hash FROM service_note WHERE id = ?", noteID).Scan(&status, &hash)
	if err != nil {
		return "", notFound(err, "No note %d.", noteID)
	}
	if status != goldthread.NoteSigned {
		return "", nil
	}
	rows, err := tx.Query(ctx, "SELECT content_hash FROM note_addendum WHERE note_id = ? ORDER BY id", noteID)
	if err != nil {
		return "", fmt.Errorf("store.reviewHash: %w", err)
	}
	defer rows.Close()
	var addenda []string
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return "", fmt.Errorf("store.reviewHash: %w", err)
		}
		addenda = append(addenda, h)
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	return reviewHashOf(hash, addenda), nil
}

// reviewHashOf is the review hash of a signed note whose content hash is
// hash and whose addenda's hashes are addenda, oldest first.
func reviewHashOf(hash string, addenda []string) string {
	if len(addenda) == 0 {
		return hash
	}
	sum := sha256.Sum256([]byte(strings.Join(append([]string{hash}, addenda...), "\x00")))
	return hex.EncodeToString(sum[:])
}

// NoteApprovedTx reports, inside tx, whether a supervisor approved the note
// as it now reads: true when an approval row exists whose note_hash equals
// the note's current review hash (its signed content hash, combined with
// its addenda's hashes when it has any). False for a draft, an unapproved
// note, and a note amended by an addendum after its approval. It applies no
// reach check: the caller (billing) has already selected the note within
// the actor's agency and reach.
func NoteApprovedTx(ctx context.Context, tx *Tx, noteID int64) (bool, error) {
	states, err := signedStates(ctx, tx, "n.id = ?", noteID)
	if err != nil {
		return false, err
	}
	st, ok := states[noteID]
	if !ok {
		return false, goldthread.Errorf(goldthread.ENOTFOUND, "No note %d.", noteID)
	}
	return st.approved, nil
}

// signedState is what the compliance input takes of a note's signature
// and review: when it was signed (invalid for a draft) and whether a
// supervisor approved it as it now reads (NoteApprovedTx).
type signedState struct {
	signedAt sql.NullTime
	approved bool
}

// signedStates are the signed states of the notes n matching cond (a
// condition on service_note n with its arguments), in three reads
// whatever their number: the notes with their signatures, their addenda's
// hashes in order, and their approvals' hashes. NoteApprovedTx reads one
// note through it; a billing run (runFacts) a participant's notes of its
// period.
func signedStates(ctx context.Context, tx *Tx, cond string, args ...any) (map[int64]signedState, error) {
	type note struct {
		signed       bool
		hash         string
		addenda      []string
		signedAt     sql.NullTime
		approvedWith []string
	}
	notes := map[int64]*note{}
	err := scanAll(ctx, tx, `SELECT n.id, n.status, n.content_hash, s.signed_at FROM service_note n
		LEFT JOIN note_signature s ON s.note_id = n.id WHERE `+cond, args, func(r scanner) error {
		var id int64
		var status string
		x := &note{}
		if err := r.Scan(&id, &status, &x.hash, &x.signedAt); err != nil {
			return err
		}
		x.signed = status == goldthread.NoteSigned
		notes[id] = x
		return nil
	})
	if err == nil {
		err = scanAll(ctx, tx, `SELECT a.note_id, a.content_hash FROM note_addendum a JOIN service_note n ON n.id = a.note_id
			WHERE `+cond+` ORDER BY a.id`, args, func(r scanner) error {
			var id int64
			var h string
			if err := r.Scan(&id, &h); err != nil {
				return err
			}
			if x := notes[id]; x != nil {
				x.addenda = append(x.addenda, h)
			}
			return nil
		})
	}
	if err == nil {
		err = scanAll(ctx, tx, `SELECT a.note_id, a.note_hash FROM note_approval a JOIN service_note n ON n.id = a.note_id WHERE `+cond,
			args, func(r scanner) error {
				var id int64
				var h string
				if err := r.Scan(&id, &h); err != nil {
					return err
				}
				if x := notes[id]; x != nil {
					x.approvedWith = append(x.approvedWith, h)
				}
				return nil
			})
	}
	if err != nil {
		return nil, fmt.Errorf("store.signedStates: %w", err)
	}
	out := make(map[int64]signedState, len(notes))
	for id, x := range notes {
		st := signedState{signedAt: x.signedAt}
		if x.signed {
			st.approved = slices.Contains(x.approvedWith, reviewHashOf(x.hash, x.addenda))
		}
		out[id] = st
	}
	return out, nil
}

// mayReview refuses (EFORBIDDEN) anyone but the author's own supervisor or
// designated alternate (a supervision_link row, alternate or not, in the
// actor's agency), and always the author themselves.
func mayReview(ctx context.Context, tx *Tx, actor goldthread.Actor, n goldthread.Note) error {
	if n.AuthorID == actor.UserID {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "You wrote note %d; another supervisor reviews your own notes.", n.ID)
	}
	if !goldthread.CanReviewNotes(actor) {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "Only the author's supervisor reviews a note.")
	}
	var links int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM supervision_link WHERE supervisor_id = ? AND peer_id = ? AND agency_id = ?",
		actor.UserID, n.AuthorID, actor.AgencyID).Scan(&links); err != nil {
		return fmt.Errorf("store.mayReview: %w", err)
	}
	if links == 0 {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "Note %d was written by %s, whom you do not supervise; their supervisor or designated alternate reviews it.", n.ID, n.AuthorName)
	}
	return nil
}

// reviewable loads a note for review: in reach, reviewable by the actor,
// and signed (ECONFLICT for a draft).
func reviewable(ctx context.Context, tx *Tx, actor goldthread.Actor, id int64) (goldthread.Note, error) {
	n, err := loadNote(ctx, tx, actor, id)
	if err != nil {
		return n, err
	}
	if err := mayReview(ctx, tx, actor, n); err != nil {
		return n, err
	}
	if n.Status != goldthread.NoteSigned {
		return n, goldthread.Errorf(goldthread.ECONFLICT, "Note %d is still a draft; it can be reviewed once its author signs it.", id)
	}
	return n, nil
}

// ApproveNotes approves (co-signs) the signed notes noteIDs as the actor,
// after re-authenticating them once for the whole batch (wrong password:
// EUNAUTHORIZED on "password", audited). Each note must be in reach,
// signed, not yet approved as it now reads (ECONFLICT), and written by a
// peer the actor supervises directly or as designated alternate, never by
// the actor (EFORBIDDEN). The batch is all or nothing. Each approval
// records the supervisor's name, credential, the time and the note's
// review hash, like a signature, and is audited per note. Returns the ids
// approved, in the order given, duplicates removed.
func (db *DB) ApproveNotes(ctx context.Context, actor goldthread.Actor, noteIDs []int64, password string) ([]int64, error) {
	var ids []int64
	for _, id := range noteIDs {
		if id > 0 && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, goldthread.FieldError("note_ids", "Choose at least one note to approve.")
	}
	if len(ids) > 200 {
		return nil, goldthread.FieldError("note_ids", "Approve at most 200 notes at a time.")
	}
	if !goldthread.CanReviewNotes(actor) {
		return nil, goldthread.Errorf(goldthread.EFORBIDDEN, "Only supervisors approve notes.")
	}
	var first goldthread.Note
	err := db.ReadTx(ctx, func(tx *Tx) error {
		for i, id := range ids {
			n, err := reviewable(ctx, tx, actor, id)
			if err != nil {
				return err
			}
			if i == 0 {
				first = n
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if password == "" {
		return nil, goldthread.FieldError("password", "Enter your password to approve.")
	}
	if err := db.checkPassword(ctx, actor, password, first.ID, first.ParticipantID, "note_approval"); err != nil {
		return nil, err
	}
	err = db.WriteTx(ctx, func(tx *Tx) error {
		var name, credential string
		if err := tx.QueryRow(ctx, "SELECT name, credential FROM app_user WHERE id = ?", actor.UserID).Scan(&name, &credential); err != nil {
			return fmt.Errorf("store.ApproveNotes: %w", err)
		}
		for _, id := range ids {
			n, err := reviewable(ctx, tx, actor, id)
			if err != nil {
				return err
			}
			approved, err := NoteApprovedTx(ctx, tx, id)
			if err != nil {
				return err
			}
			if approved {
				return goldthread.Errorf(goldthread.ECONFLICT, "Note %d (%s, %s) is already approved; take it out of the batch.", id, n.AuthorName, n.ServiceDate)
			}
			hash, err := reviewHash(ctx, tx, id)
			if err != nil {
				return err
			}
			aid, err := tx.insert(ctx, `INSERT INTO note_approval (note_id, agency_id, supervisor_id, name, credential, approved_at, note_hash)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, id, actor.AgencyID, actor.UserID, name, credential, tx.now, hash)
			if err != nil {
				return fmt.Errorf("store.ApproveNotes: %w", err)
			}
			if err := refreshNoteReview(ctx, tx, id); err != nil {
				return err
			}
			ev := auditFor(actor, goldthread.ActionSign, "note_approval", aid, n.ParticipantID)
			ev.Detail = "note=" + strconv.FormatInt(id, 10) + " batch=" + strconv.Itoa(len(ids))
			if err := tx.Audit(ctx, ev); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// noteApprovals reads a note's approvals, oldest first, marking the one
// that matches the current review hash.
func noteApprovals(ctx context.Context, tx *Tx, noteID int64) ([]goldthread.NoteApproval, error) {
	hash, err := reviewHash(ctx, tx, noteID)
	if err != nil {
		return nil, err
	}
	return approvalsAgainst(ctx, tx, noteID, hash)
}

// approvalsAgainst reads a note's approvals, oldest first, marking the
// one whose hash is hash (the note's current review hash; "" for a draft).
func approvalsAgainst(ctx context.Context, tx *Tx, noteID int64, hash string) ([]goldthread.NoteApproval, error) {
	rows, err := tx.Query(ctx, `SELECT id, note_id, supervisor_id, name, credential, approved_at, note_hash
		FROM note_approval WHERE note_id = ? ORDER BY id`, noteID)
	if err != nil {
		return nil, fmt.Errorf("store.noteApprovals: %w", err)
	}
	defer rows.Close()
	var out []goldthread.NoteApproval
	for rows.Next() {
		var a goldthread.NoteApproval
		if err := rows.Scan(&a.ID, &a.NoteID, &a.SupervisorID, &a.Name, &a.Credential, &a.Approved, &a.NoteHash); err != nil {
			return nil, fmt.Errorf("store.noteApprovals: %w", err)
		}
		a.Approved = a.Approved.UTC()
		a.Current = hash != "" && a.NoteHash == hash
		out = append(out, a)
	}
	return out, rows.Err()
}

// lastTimes returns the time of the note's latest return and latest
// addendum (invalid when none).
func lastTimes(ctx context.Context, tx *Tx, noteID int64) (ret, add sql.NullTime, err error) {
	err = tx.QueryRow(ctx, "SELECT created_at FROM note_review_comment WHERE note_id = ? AND kind = ? ORDER BY id DESC LIMIT 1",
		noteID, goldthread.ReviewKindReturn).Scan(&ret.Time)
	ret.Valid = err == nil
	if err != nil && err != sql.ErrNoRows {
		return ret, add, fmt.Errorf("store.lastTimes: %w", err)
	}
	err = tx.QueryRow(ctx, "SELECT signed_at FROM note_addendum WHERE note_id = ? ORDER BY id DESC LIMIT 1", noteID).Scan(&add.Time)
	add.Valid = err == nil
	if err != nil && err != sql.ErrNoRows {
		return ret, add, fmt.Errorf("store.lastTimes: %w", err)
	}
	return ret, add, nil
}
