package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/goldthread/goldthread"
)

// RecordDischarge saves the discharge plan d of a participant from one of
// their programs, links it to the plan in force on the discharge date, ends
// the enrollment on that date and sets the participant's status to
// discharged, all in one transaction. Every goal of the plan in force needs
// an outcome (met, partly met, not met). Returns EINVALID naming the field
// (discharge_date missing or in the future, reason, program_id,
// goals[i].outcome), ECONFLICT when the participant was discharged from the
// program already, EFORBIDDEN for roles that only read, ENOTFOUND out of
// reach.
func (db *DB) RecordDischarge(ctx context.Context, actor goldthread.Actor, d *goldthread.Discharge) error {
	if err := canWriteRecord(actor, "discharges"); err != nil {
		return err
	}
	d.Reason, d.Referrals = strings.TrimSpace(d.Reason), strings.TrimSpace(d.Referrals)
	d.NaturalSupports, d.CommunitySupports = strings.TrimSpace(d.NaturalSupports), strings.TrimSpace(d.CommunitySupports)
	return db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, d.ParticipantID); err != nil {
			return err
		}
		if err := enrolledIn(ctx, tx, actor, d.ParticipantID, d.ProgramID); err != nil {
			return err
		}
		today, err := programToday(ctx, tx, actor.AgencyID, d.ProgramID)
		if err != nil {
			return err
		}
		if err := pastDate("discharge_date", "discharge", d.Date, today); err != nil {
			return err
		}
		if d.Reason == "" {
			return goldthread.FieldError("reason", "Enter the reason for the discharge, in plain words.")
		}
		d.PlanID = 0
		outcomes := map[int64]goldthread.DischargeGoal{}
		for _, g := range d.Goals {
			outcomes[g.GoalID] = g
		}
		d.Goals = nil
		plan, err := PlanInForceTx(ctx, tx, actor, d.ParticipantID, d.ProgramID, d.Date)
		switch goldthread.ErrorKind(err) {
		case "":
			d.PlanID = plan.ID
			for i, g := range plan.Goals {
				o := outcomes[g.ID]
				if o.Outcome != goldthread.GoalMet && o.Outcome != goldthread.GoalPartlyMet && o.Outcome != goldthread.GoalNotMet {
					return goldthread.FieldError(fmt.Sprintf("goals[%d].outcome", i), "Say whether goal %d (%q) was met, partly met or not met.", i+1, g.Summary)
				}
				d.Goals = append(d.Goals, goldthread.DischargeGoal{GoalID: g.ID, Words: g.Words, Outcome: o.Outcome, Note: strings.TrimSpace(o.Note)})
			}
		case goldthread.ENOTFOUND: // no plan in force: nothing to report per goal
		default:
			return err
		}
		d.CreatedBy, d.Created = actor.UserID, tx.now
		d.ID, err = tx.insert(ctx, `INSERT INTO discharge (agency_id, participant_id, program_id, plan_id, discharge_date, reason,
			natural_supports, community_supports, referrals, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			actor.AgencyID, d.ParticipantID, d.ProgramID, nullID(d.PlanID), d.Date, d.Reason, d.NaturalSupports, d.CommunitySupports,
			d.Referrals, actor.UserID, tx.now)
		if isUniqueViolation(err) {
			return goldthread.Errorf(goldthread.ECONFLICT, "This participant has a discharge plan for this program already.")
		}
		if err != nil {
			return fmt.Errorf("store.RecordDischarge: %w", err)
		}
		for _, g := range d.Goals {
			if _, err := tx.Exec(ctx, "INSERT INTO discharge_goal (discharge_id, goal_id, outcome, note) VALUES (?, ?, ?, ?)",
				d.ID, g.GoalID, g.Outcome, g.Note); err != nil {
				return fmt.Errorf("store.RecordDischarge: %w", err)
			}
		}
		if _, err := tx.Exec(ctx, "UPDATE enrollment SET end_date = ? WHERE participant_id = ? AND program_id = ? AND end_date IS NULL",
			d.Date, d.ParticipantID, d.ProgramID); err != nil {
			return fmt.Errorf("store.RecordDischarge: %w", err)
		}
		if _, err := tx.Exec(ctx, "UPDATE participant SET status = ?, updated_at = ? WHERE id = ? AND agency_id = ?",
			goldthread.ParticipantDischarged, tx.now, d.ParticipantID, actor.AgencyID); err != nil {
			return fmt.Errorf("store.RecordDischarge: %w", err)
		}
		if err := refreshGoalsInForce(ctx, tx, d.ParticipantID); err != nil { // a discharged participant's goals leave force
			return err
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionCreate, "discharge", d.ID, d.ParticipantID))
	})
}

// Discharges returns the participant's discharge plans with each goal's
// outcome, and audits the read. Returns ENOTFOUND out of reach.
func (db *DB) Discharges(ctx context.Context, actor goldthread.Actor, participantID int64) ([]goldthread.Discharge, error) {
	var out []goldthread.Discharge
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, participantID); err != nil {
			return err
		}
		if err := scanAll(ctx, tx, `SELECT id, program_id, COALESCE(plan_id, 0), discharge_date, reason, natural_supports, community_supports,
			referrals, created_by, created_at FROM discharge WHERE participant_id = ? AND agency_id = ? ORDER BY discharge_date DESC, id DESC`,
			[]any{participantID, actor.AgencyID}, func(r scanner) error {
				d := goldthread.Discharge{ParticipantID: participantID}
				err := r.Scan(&d.ID, &d.ProgramID, &d.PlanID, &d.Date, &d.Reason, &d.NaturalSupports, &d.CommunitySupports,
					&d.Referrals, &d.CreatedBy, &d.Created)
				out = append(out, d)
				return err
			}); err != nil {
			return err
		}
		for i := range out {
			if err := scanAll(ctx, tx, `SELECT dg.goal_id, g.participant_words, dg.outcome, dg.note FROM discharge_goal dg
				JOIN plan_goal g ON g.id = dg.goal_id WHERE dg.discharge_id = ? ORDER BY g.position`, []any{out[i].ID},
				func(r scanner) error {
					var g goldthread.DischargeGoal
					err := r.Scan(&g.GoalID, &g.Words, &g.Outcome, &g.Note)
					out[i].Goals = append(out[i].Goals, g)
					return err
				}); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionRead, "discharge", 0, participantID))
	})
	return out, err
}
