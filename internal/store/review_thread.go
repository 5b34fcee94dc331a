package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
)

// maxReviewText bounds a comment or an override reason.
const maxReviewText = 4000

func reviewText(field, s, missing string) (string, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", goldthread.FieldError(field, "%s", missing)
	case len(s) > maxReviewText:
		return "", goldthread.FieldError(field, "Keep it under %d %{character|characters}.", maxReviewText)
	}
	return s, nil
}

// ReturnNote sends a signed note back to its author with comment, saying
// what to fix. Only the author's supervisor or designated alternate
// returns (EFORBIDDEN otherwise, and for their own notes); the comment is
// required (EINVALID on "comment"); a note approved as it now reads
// answers ECONFLICT (an approval never changes). The author sees it on
// Today and on the note, answers with an addendum, and the note comes back
// to the queue. Audited.
func (db *DB) ReturnNote(ctx context.Context, actor goldthread.Actor, noteID int64, comment string) (goldthread.ReviewComment, error) {
	body, err := reviewText("comment", comment, "Say what the author should fix; they read it where they write.")
	if err != nil {
		return goldthread.ReviewComment{}, err
	}
	var c goldthread.ReviewComment
	err = db.WriteTx(ctx, func(tx *Tx) error {
		n, err := reviewable(ctx, tx, actor, noteID)
		if err != nil {
			return err
		}
		ok, err := NoteApprovedTx(ctx, tx, noteID)
		if err != nil {
			return err
		}
		if ok {
			return goldthread.Errorf(goldthread.ECONFLICT, "Note %d is already approved and an approval never changes; add a comment instead.", noteID)
		}
		if c, err = addReviewComment(ctx, tx, actor, n, goldthread.ReviewKindReturn, body); err != nil {
			return err
		}
		return refreshNoteReview(ctx, tx, noteID)
	})
	return c, err
}

// CommentOnNote adds body to a signed note's review thread: as a reply
// when the actor wrote the note, otherwise as a comment by the author's
// supervisor or designated alternate (EFORBIDDEN for anyone else). The
// body is required (EINVALID on "body"); a draft answers ECONFLICT.
// Audited.
func (db *DB) CommentOnNote(ctx context.Context, actor goldthread.Actor, noteID int64, body string) (goldthread.ReviewComment, error) {
	body, err := reviewText("body", body, "Write the comment.")
	if err != nil {
		return goldthread.ReviewComment{}, err
	}
	var c goldthread.ReviewComment
	err = db.WriteTx(ctx, func(tx *Tx) error {
		n, err := loadNote(ctx, tx, actor, noteID)
		if err != nil {
			return err
		}
		kind := goldthread.ReviewKindReply
		if n.AuthorID != actor.UserID {
			if n, err = reviewable(ctx, tx, actor, noteID); err != nil {
				return err
			}
			kind = goldthread.ReviewKindComment
		} else if n.Status != goldthread.NoteSigned {
			return goldthread.Errorf(goldthread.ECONFLICT, "Note %d is still a draft; the review thread starts once it is signed.", noteID)
		}
		c, err = addReviewComment(ctx, tx, actor, n, kind, body)
		return err
	})
	return c, err
}

func addReviewComment(ctx context.Context, tx *Tx, actor goldthread.Actor, n goldthread.Note, kind, body string) (goldthread.ReviewComment, error) {
	c := goldthread.ReviewComment{NoteID: n.ID, AuthorID: actor.UserID, AuthorName: actor.Name, Kind: kind, Body: body, Created: tx.now}
	var err error
	c.ID, err = tx.insert(ctx, `INSERT INTO note_review_comment (note_id, agency_id, author_id, kind, body, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, n.ID, actor.AgencyID, actor.UserID, kind, body, tx.now)
	if err != nil {
		return c, fmt.Errorf("store.addReviewComment: %w", err)
	}
	ev := auditFor(actor, goldthread.ActionCreate, "note_review_comment", c.ID, n.ParticipantID)
	ev.Detail = "note=" + strconv.FormatInt(n.ID, 10) + " kind=" + kind
	return c, tx.Audit(ctx, ev)
}

// OverrideFinding records that the author's supervisor (or designated
// alternate) judged the block-level finding ruleID of a signed note not to
// apply, with reason (EINVALID on "reason" when empty). ruleID must name a
// block-level finding the note has now and no one overrode yet (EINVALID
// on "rule_id"). Audited. Billing reads overrides with
// FindingOverriddenTx.
func (db *DB) OverrideFinding(ctx context.Context, actor goldthread.Actor, noteID int64, ruleID, reason string) (goldthread.FindingOverride, error) {
	reason, err := reviewText("reason", reason, "Say why this finding does not apply; auditors read it.")
	if err != nil {
		return goldthread.FindingOverride{}, err
	}
	ruleID = strings.TrimSpace(ruleID)
	var o goldthread.FindingOverride
	err = db.WriteTx(ctx, func(tx *Tx) error {
		n, err := reviewable(ctx, tx, actor, noteID)
		if err != nil {
			return err
		}
		item, err := reviewItem(ctx, tx, actor, n, reviewContext{})
		if err != nil {
			return err
		}
		found := false
		for _, f := range item.Findings {
			if f.RuleID == ruleID && f.Blocks() && !f.Overridden {
				found = true
			}
		}
		if !found {
			return goldthread.FieldError("rule_id", "Note %d has no block-level finding %q left to override; choose one shown beside the note.", noteID, ruleID)
		}
		o = goldthread.FindingOverride{NoteID: noteID, RuleID: ruleID, SupervisorID: actor.UserID, SupervisorName: actor.Name, Reason: reason, Created: tx.now}
		o.ID, err = tx.insert(ctx, `INSERT INTO finding_override (note_id, agency_id, rule_id, supervisor_id, reason, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, noteID, actor.AgencyID, ruleID, actor.UserID, reason, tx.now)
		if err != nil {
			return fmt.Errorf("store.OverrideFinding: %w", err)
		}
		if err := forgetNoteFindings(ctx, tx, noteID); err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionUpdate, "finding_override", o.ID, n.ParticipantID)
		ev.Detail = "note=" + strconv.FormatInt(noteID, 10) + " rule=" + ruleID
		return tx.Audit(ctx, ev)
	})
	return o, err
}

// FindingOverriddenTx reports, inside tx, whether a supervisor overrode the
// finding ruleID on the note. Like NoteApprovedTx it applies no reach
// check.
func FindingOverriddenTx(ctx context.Context, tx *Tx, noteID int64, ruleID string) (bool, error) {
	var n int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM finding_override WHERE note_id = ? AND rule_id = ?", noteID, ruleID).Scan(&n); err != nil {
		return false, fmt.Errorf("store.FindingOverriddenTx: %w", err)
	}
	return n > 0, nil
}

// SetReviewAllNotes turns the agency policy "review every signed note" on
// or off (administrators only, EFORBIDDEN otherwise), in the agency
// settings, with the reason shown beside it. Audited.
func (db *DB) SetReviewAllNotes(ctx context.Context, actor goldthread.Actor, on bool, reason string) error {
	if !goldthread.CanAdminister(actor) {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "Only administrators change agency policy.")
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, "DELETE FROM agency_setting WHERE agency_id = ? AND name = ?", actor.AgencyID, goldthread.SettingReviewAllNotes); err != nil {
			return fmt.Errorf("store.SetReviewAllNotes: %w", err)
		}
		if on {
			if _, err := tx.Exec(ctx, `INSERT INTO agency_setting (agency_id, name, value, reason, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)`,
				actor.AgencyID, goldthread.SettingReviewAllNotes, "true", strings.TrimSpace(reason), actor.UserID, tx.now); err != nil {
				return fmt.Errorf("store.SetReviewAllNotes: %w", err)
			}
		}
		ev := auditFor(actor, goldthread.ActionSettingChange, "agency_setting", 0, 0)
		ev.Detail = goldthread.SettingReviewAllNotes + "=" + strconv.FormatBool(on)
		return tx.Audit(ctx, ev)
	})
}

// reviewAllNotes reads the agency policy.
func reviewAllNotes(ctx context.Context, tx *Tx, agencyID int64) (bool, error) {
	var v string
	err := tx.QueryRow(ctx, "SELECT value FROM agency_setting WHERE agency_id = ? AND name = ?", agencyID, goldthread.SettingReviewAllNotes).Scan(&v)
	if err != nil {
		return false, ignoreNoRows(err)
	}
	return v == "true", nil
}

func reviewComments(ctx context.Context, tx *Tx, noteID int64, narrative bool) ([]goldthread.ReviewComment, error) {
	rows, err := tx.Query(ctx, `SELECT c.id, c.note_id, c.author_id, u.name, c.kind, c.body, c.created_at
		FROM note_review_comment c JOIN app_user u ON u.id = c.author_id WHERE c.note_id = ? ORDER BY c.id`, noteID)
	if err != nil {
		return nil, fmt.Errorf("store.reviewComments: %w", err)
	}
	defer rows.Close()
	var out []goldthread.ReviewComment
	for rows.Next() {
		var c goldthread.ReviewComment
		if err := rows.Scan(&c.ID, &c.NoteID, &c.AuthorID, &c.AuthorName, &c.Kind, &c.Body, &c.Created); err != nil {
			return nil, fmt.Errorf("store.reviewComments: %w", err)
		}
		c.Created = c.Created.UTC()
		if !narrative {
			c.Body = ""
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func findingOverrides(ctx context.Context, tx *Tx, noteID int64) ([]goldthread.FindingOverride, error) {
	rows, err := tx.Query(ctx, `SELECT o.id, o.note_id, o.rule_id, o.supervisor_id, u.name, o.reason, o.created_at
		FROM finding_override o JOIN app_user u ON u.id = o.supervisor_id WHERE o.note_id = ? ORDER BY o.id`, noteID)
	if err != nil {
		return nil, fmt.Errorf("store.findingOverrides: %w", err)
	}
	defer rows.Close()
	var out []goldthread.FindingOverride
	for rows.Next() {
		var o goldthread.FindingOverride
		if err := rows.Scan(&o.ID, &o.NoteID, &o.RuleID, &o.SupervisorID, &o.SupervisorName, &o.Reason, &o.Created); err != nil {
			return nil, fmt.Errorf("store.findingOverrides: %w", err)
		}
		o.Created = o.Created.UTC()
		out = append(out, o)
	}
	return out, rows.Err()
}
