package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/goldthread/goldthread"
)

// Integrity (ONC (d)(8)): a signed note or plan carries the SHA-256 of its
// content, computed when it was signed. These functions read the record
// back, recompute the hash the same way and compare, so a row altered
// behind the application's back (the triggers dropped, a restore from a
// doctored backup) is found.

// noteIntegrityTx recomputes the hash of signed note id, unscoped (callers
// check reach first). The stored hash must match on the note and on its
// signature row, and each addendum's on the addendum.
func noteIntegrityTx(ctx context.Context, tx *Tx, id int64) (goldthread.Integrity, error) {
	res := goldthread.Integrity{RecordType: "note", RecordID: id}
	n, err := scanNote(tx.QueryRow(ctx, "SELECT "+noteColumns+noteFrom+"WHERE n.id = ?", id), true)
	if err != nil {
		return res, notFound(err, "No note %d.", id)
	}
	if n.Status != goldthread.NoteSigned {
		res.SetProblem(goldthread.Textf("the note is not signed, so it has no content hash yet"))
		return res, nil
	}
	if n.Goals, err = noteGoals(ctx, tx, id); err != nil {
		return res, err
	}
	var signatureHash string
	err = tx.QueryRow(ctx, "SELECT content_hash FROM note_signature WHERE note_id = ?", id).Scan(&signatureHash)
	if err != nil && err != sql.ErrNoRows {
		return res, fmt.Errorf("store.noteIntegrity: %w", err)
	}
	res.Stored, res.Computed = n.ContentHash, noteHash(n)
	switch {
	case signatureHash == "":
		res.SetProblem(goldthread.Textf("the signature row is missing"))
	case signatureHash != n.ContentHash:
		res.SetProblem(goldthread.Textf("the hash on the note differs from the hash on its signature"))
	case res.Computed != res.Stored:
		res.SetProblem(goldthread.Textf("the content does not match the hash taken when it was signed: it was altered after signing"))
	default:
		res.OK = true
	}
	if !res.OK {
		return res, nil
	}
	addenda, err := noteAddenda(ctx, tx, id, true)
	if err != nil {
		return res, err
	}
	for _, a := range addenda {
		if addendumHash(n.ContentHash, a) != a.ContentHash {
			res.OK = false
			res.SetProblem(goldthread.Textf("addendum %d does not match the hash taken when it was signed: it was altered after signing", a.ID))
			break
		}
	}
	return res, nil
}

// planIntegrityTx recomputes the hash of signed plan id, unscoped.
func planIntegrityTx(ctx context.Context, tx *Tx, id int64) (goldthread.Integrity, error) {
	res := goldthread.Integrity{RecordType: "plan", RecordID: id}
	var p goldthread.Plan
	err := tx.QueryRow(ctx, `SELECT id, participant_id, program_id, version, status, effective_date, in_force_from, review_due, content_hash
		FROM plan WHERE id = ?`, id).Scan(&p.ID, &p.ParticipantID, &p.ProgramID, &p.Version, &p.Status, &p.Effective, &p.InForce, &p.ReviewDue, &p.ContentHash)
	if err != nil {
		return res, notFound(err, "No plan %d.", id)
	}
	if p.Status != goldthread.PlanSigned {
		res.SetProblem(goldthread.Textf("the plan is not signed, so it has no content hash yet"))
		return res, nil
	}
	if p.Goals, err = loadGoals(ctx, tx, id); err != nil {
		return res, err
	}
	if p.Crisis, err = loadCrisisPlan(ctx, tx, id); err != nil {
		return res, err
	}
	res.Stored, res.Computed = p.ContentHash, planHash(p)
	if res.Computed != res.Stored {
		res.SetProblem(goldthread.Textf("the content does not match the hash taken when it was signed: it was altered after signing"))
	} else {
		res.OK = true
	}
	return res, nil
}

// VerifyNote recomputes the content hash of a signed note in the actor's
// reach and compares it with the stored one. The check is audited as a
// read. Returns ENOTFOUND out of reach; a draft answers OK false with a
// Problem saying it is not signed.
func (db *DB) VerifyNote(ctx context.Context, actor goldthread.Actor, noteID int64) (goldthread.Integrity, error) {
	var res goldthread.Integrity
	err := db.WriteTx(ctx, func(tx *Tx) error {
		n, err := loadNote(ctx, tx, actor, noteID)
		if err != nil {
			return err
		}
		if res, err = noteIntegrityTx(ctx, tx, noteID); err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionRead, "note", noteID, n.ParticipantID)
		ev.Detail = fmt.Sprintf("integrity_ok=%v", res.OK)
		return tx.Audit(ctx, ev)
	})
	return res, err
}

// VerifyPlan is VerifyNote for a signed plan.
func (db *DB) VerifyPlan(ctx context.Context, actor goldthread.Actor, planID int64) (goldthread.Integrity, error) {
	var res goldthread.Integrity
	err := db.WriteTx(ctx, func(tx *Tx) error {
		p, err := loadPlan(ctx, tx, actor, planID)
		if err != nil {
			return err
		}
		if res, err = planIntegrityTx(ctx, tx, planID); err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionRead, "plan", planID, p.ParticipantID)
		ev.Detail = fmt.Sprintf("integrity_ok=%v", res.OK)
		return tx.Audit(ctx, ev)
	})
	return res, err
}

// VerifyIntegrity checks every signed note and every signed (or
// superseded) plan of every agency, notes first, each in id order. It
// returns how many it checked and the first mismatch, or nil when all
// hold. Like VerifyAudit it is an operator's tool: unscoped, not audited.
func (db *DB) VerifyIntegrity(ctx context.Context) (checked int, bad *goldthread.Integrity, err error) {
	err = db.ReadTx(ctx, func(tx *Tx) error {
		checked, bad, err = verifyIntegrityTx(ctx, tx)
		return err
	})
	return checked, bad, err
}

// verifyIntegrityTx is VerifyIntegrity within tx, which must see every
// agency's records (the system scope): CopyDatabase runs it in its own
// transaction before committing a copy.
func verifyIntegrityTx(ctx context.Context, tx *Tx) (int, *goldthread.Integrity, error) {
	checked := 0
	var bad *goldthread.Integrity
	err := func() error {
		for _, kind := range []struct {
			q     string
			check func(context.Context, *Tx, int64) (goldthread.Integrity, error)
		}{
			{"SELECT id FROM service_note WHERE status = ? ORDER BY id", noteIntegrityTx},
			{"SELECT id FROM plan WHERE status = ? ORDER BY id", planIntegrityTx},
		} {
			var ids []int64
			if err := scanAll(ctx, tx, kind.q, []any{goldthread.NoteSigned}, func(r scanner) error {
				var id int64
				err := r.Scan(&id)
				ids = append(ids, id)
				return err
			}); err != nil {
				return err
			}
			for _, id := range ids {
				res, err := kind.check(ctx, tx, id)
				if err != nil {
					return err
				}
				checked++
				if !res.OK {
					bad = &res
					return nil
				}
			}
		}
		return nil
	}()
	return checked, bad, err
}
