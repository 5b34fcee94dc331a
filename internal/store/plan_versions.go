package store

import (
	"context"
	"fmt"

	"github.com/goldthread/goldthread"
)

// UpdateDraftPlan replaces the effective date, review date, goals and
// interventions of the draft p.ID with those of p (participant and program
// stay). Returns ECONFLICT once anyone has signed the draft (signers sign
// what they read; start over with a new version instead), EINVALID naming
// the field, ENOTFOUND out of reach, EFORBIDDEN for roles that do not write
// plans.
func (db *DB) UpdateDraftPlan(ctx context.Context, actor goldthread.Actor, p *goldthread.Plan) error {
	if err := canWritePlans(actor); err != nil {
		return err
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		cur, err := loadPlan(ctx, tx, actor, p.ID)
		if err != nil {
			return err
		}
		if cur.Status != goldthread.PlanDraft || len(cur.Signatures) > 0 {
			return goldthread.Errorf(goldthread.ECONFLICT, "Someone has signed this plan already, so it can no longer change. Start a new version instead.")
		}
		p.ParticipantID, p.ProgramID, p.Version, p.AgencyID = cur.ParticipantID, cur.ProgramID, cur.Version, cur.AgencyID
		p.Status, p.CreatedBy, p.Created = cur.Status, cur.CreatedBy, cur.Created
		if err := p.Validate(); err != nil {
			return err
		}
		for _, q := range []string{"DELETE FROM plan_intervention WHERE plan_id = ?", "DELETE FROM plan_goal WHERE plan_id = ?"} {
			if _, err := tx.Exec(ctx, q, p.ID); err != nil {
				return fmt.Errorf("store.UpdateDraftPlan: %w", err)
			}
		}
		if _, err := tx.Exec(ctx, "UPDATE plan SET effective_date = ?, review_due = ?, updated_at = ? WHERE id = ?",
			p.Effective, p.ReviewDue, tx.now, p.ID); err != nil {
			return fmt.Errorf("store.UpdateDraftPlan: %w", err)
		}
		if err := insertGoals(ctx, tx, p); err != nil {
			return err
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionUpdate, "plan", p.ID, p.ParticipantID))
	})
}

// NewPlanVersion starts a new draft of the plan planID's participant and
// program, copying the goals, interventions and crisis plan (with its WRAP)
// of the newest version, effective on effective (today when zero) and due
// for review after the program's interval. The old versions stay readable.
// Returns ECONFLICT when a draft exists already, ENOTFOUND out of reach.
func (db *DB) NewPlanVersion(ctx context.Context, actor goldthread.Actor, planID int64, effective goldthread.Date) (goldthread.Plan, error) {
	var p goldthread.Plan
	if err := canWritePlans(actor); err != nil {
		return p, err
	}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		src, err := loadPlan(ctx, tx, actor, planID)
		if err != nil {
			return err
		}
		var latest int64
		if err := tx.QueryRow(ctx, "SELECT id FROM plan WHERE participant_id = ? AND program_id = ? ORDER BY version DESC LIMIT 1",
			src.ParticipantID, src.ProgramID).Scan(&latest); err != nil {
			return fmt.Errorf("store.NewPlanVersion: %w", err)
		}
		if latest != src.ID {
			if src, err = loadPlan(ctx, tx, actor, latest); err != nil {
				return err
			}
		}
		if effective.IsZero() {
			if effective, err = programToday(ctx, tx, actor.AgencyID, src.ProgramID); err != nil {
				return err
			}
		}
		p = goldthread.Plan{ParticipantID: src.ParticipantID, ProgramID: src.ProgramID, Effective: effective,
			ReviewDue: goldthread.DateOf(effective.AddDate(0, 0, goldthread.ReviewIntervalDays(src.RulePack)))}
		for _, g := range src.Goals {
			ng := goldthread.Goal{Words: g.Words, Summary: g.Summary, TargetDate: g.TargetDate}
			for _, in := range g.Interventions {
				ng.Interventions = append(ng.Interventions, goldthread.Intervention{Description: in.Description, Frequency: in.Frequency, Responsible: in.Responsible})
			}
			p.Goals = append(p.Goals, ng)
		}
		if err := p.Validate(); err != nil {
			return err
		}
		if err := createPlanTx(ctx, tx, actor, &p); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO crisis_plan (agency_id, plan_id, participant_id, warning_signs, what_helps, what_does_not_help,
			contacts, crisis_provider, crisis_provider_phone, preferences, wrap_name, wrap_type, wrap_data, updated_by, updated_at)
			SELECT agency_id, ?, participant_id, warning_signs, what_helps, what_does_not_help, contacts, crisis_provider,
			crisis_provider_phone, preferences, wrap_name, wrap_type, wrap_data, ?, ? FROM crisis_plan WHERE plan_id = ?`,
			p.ID, actor.UserID, tx.now, src.ID); err != nil {
			return fmt.Errorf("store.NewPlanVersion: %w", err)
		}
		p, err = loadPlan(ctx, tx, actor, p.ID)
		return err
	})
	return p, err
}

// ListPlans returns every version of every plan of a participant in reach,
// newest first per program, with goals, signatures, crisis plan and reviews.
// The listing is audited once. Returns ENOTFOUND when the participant is out
// of reach.
func (db *DB) ListPlans(ctx context.Context, actor goldthread.Actor, participantID int64) ([]goldthread.Plan, error) {
	var out []goldthread.Plan
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, participantID); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, "SELECT id FROM plan WHERE participant_id = ? AND agency_id = ? ORDER BY program_id, version DESC",
			participantID, actor.AgencyID)
		if err != nil {
			return fmt.Errorf("store.ListPlans: %w", err)
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return fmt.Errorf("store.ListPlans: %w", err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		for _, id := range ids {
			p, err := loadPlan(ctx, tx, actor, id)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		ev := auditFor(actor, goldthread.ActionList, "plan", 0, participantID)
		ev.Detail = fmt.Sprintf("results=%d", len(out))
		return tx.Audit(ctx, ev)
	})
	return out, err
}

// inReach returns ENOTFOUND unless the participant is in the actor's reach.
func inReach(ctx context.Context, tx *Tx, actor goldthread.Actor, participantID int64) error {
	scope, args := participantInReach(actor)
	var n int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM participant p WHERE p.id = ? AND "+scope, append([]any{participantID}, args...)...).Scan(&n); err != nil {
		return fmt.Errorf("store.inReach: %w", err)
	}
	if n == 0 {
		return goldthread.Errorf(goldthread.ENOTFOUND, "No participant %d in your reach. Ask your supervisor if you need access.", participantID)
	}
	return nil
}
