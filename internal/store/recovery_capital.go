package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
)

// RecoveryCapitalInput is the root type under its old name; its rules
// are goldthread.RecoveryCapitalInput.Validate.
type RecoveryCapitalInput = goldthread.RecoveryCapitalInput

// RecordRecoveryCapital records a participant's BARC-10: by their peer,
// supervisor or a clinician, for a participant in reach (ENOTFOUND
// otherwise; EFORBIDDEN for other roles); EINVALID names the field (the
// statement, item_1 to item_10). The answers never change afterwards (the
// database refuses). Audited with the participant, never the answers.
func (db *DB) RecordRecoveryCapital(ctx context.Context, actor goldthread.Actor, in RecoveryCapitalInput) (goldthread.RecoveryCapital, error) {
	var out goldthread.RecoveryCapital
	if !goldthread.CanRecordRecoveryCapital(actor) {
		return out, goldthread.Errorf(goldthread.EFORBIDDEN, "Peer specialists, supervisors and clinicians record recovery capital.")
	}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		today, err := agencyToday(ctx, tx, actor.AgencyID)
		if err != nil {
			return err
		}
		if err := in.Validate(today); err != nil {
			return err
		}
		if err := inReach(ctx, tx, actor, in.ParticipantID); err != nil {
			return err
		}
		total, answers := 0, make([]string, len(in.Answers))
		for i, a := range in.Answers {
			total += a
			answers[i] = strconv.Itoa(a)
		}
		id, err := tx.insert(ctx, `INSERT INTO recovery_capital (agency_id, participant_id, occasion, taken_on, answers, total, recorded_by, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, actor.AgencyID, in.ParticipantID, in.Occasion, in.TakenOn, strings.Join(answers, ","), total, actor.UserID, tx.now)
		if err != nil {
			return fmt.Errorf("store.RecordRecoveryCapital: %w", err)
		}
		out = goldthread.RecoveryCapital{ID: id, ParticipantID: in.ParticipantID, Occasion: in.Occasion, TakenOn: in.TakenOn,
			Answers: in.Answers, Total: total, RecordedBy: actor.Name, Recorded: tx.now}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionCreate, "recovery_capital", id, in.ParticipantID))
	})
	return out, err
}

// RecoveryCapitalHistory lists a participant's BARC-10s, oldest first.
// ENOTFOUND out of reach; audited as a read of the participant.
func (db *DB) RecoveryCapitalHistory(ctx context.Context, actor goldthread.Actor, participantID int64) ([]goldthread.RecoveryCapital, error) {
	var out []goldthread.RecoveryCapital
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, participantID); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT r.id, r.participant_id, r.occasion, r.taken_on, r.answers, r.total, u.name, r.recorded_at
			FROM recovery_capital r JOIN app_user u ON u.id = r.recorded_by WHERE r.agency_id = ? AND r.participant_id = ?
			ORDER BY r.taken_on, r.id`, actor.AgencyID, participantID)
		if err != nil {
			return fmt.Errorf("store.RecoveryCapitalHistory: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var r goldthread.RecoveryCapital
			var answers string
			if err := rows.Scan(&r.ID, &r.ParticipantID, &r.Occasion, &r.TakenOn, &answers, &r.Total, &r.RecordedBy, &r.Recorded); err != nil {
				return fmt.Errorf("store.RecoveryCapitalHistory: %w", err)
			}
			for i, a := range strings.Split(answers, ",") {
				if i < len(r.Answers) {
					r.Answers[i], _ = strconv.Atoi(a)
				}
			}
			r.Recorded = r.Recorded.UTC()
			out = append(out, r)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionList, "recovery_capital", 0, participantID))
	})
	return out, err
}
