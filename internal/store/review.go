package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/goldthread/goldthread"
)

// AddPlanReview records a review of the signed plan planID by the actor.
// NextDue defaults to the review date plus the program's interval
// (goldthread.ReviewIntervalDays). Returns EINVALID naming the field
// (reviewed_on missing or in the future, outcome, next_due not after the
// review), ECONFLICT for a draft (only a signed plan is reviewed),
// EFORBIDDEN for roles that only read, ENOTFOUND out of reach.
func (db *DB) AddPlanReview(ctx context.Context, actor goldthread.Actor, planID int64, r *goldthread.PlanReview) error {
	if err := canWriteRecord(actor, "plan reviews"); err != nil {
		return err
	}
	r.Note = strings.TrimSpace(r.Note)
	if r.Outcome != goldthread.ReviewContinue && r.Outcome != goldthread.ReviewUpdateNeeded {
		return goldthread.FieldError("outcome", "Choose the outcome: continue the plan, or an update is needed.")
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		p, err := loadPlan(ctx, tx, actor, planID)
		if err != nil {
			return err
		}
		if p.Status == goldthread.PlanDraft {
			return goldthread.Errorf(goldthread.ECONFLICT, "This plan is still a draft; a plan is reviewed once it is signed.")
		}
		today, err := programToday(ctx, tx, actor.AgencyID, p.ProgramID)
		if err != nil {
			return err
		}
		if err := pastDate("reviewed_on", "review", r.Reviewed, today); err != nil {
			return err
		}
		if r.NextDue.IsZero() {
			r.NextDue = goldthread.DateOf(r.Reviewed.AddDate(0, 0, goldthread.ReviewIntervalDays(p.RulePack)))
		}
		if !r.NextDue.After(r.Reviewed.Time) {
			return goldthread.FieldError("next_due", "The next review must come after this review.")
		}
		if err := tx.QueryRow(ctx, "SELECT name FROM app_user WHERE id = ?", actor.UserID).Scan(&r.ReviewerName); err != nil {
			return fmt.Errorf("store.AddPlanReview: %w", err)
		}
		r.PlanID, r.ReviewerID, r.Created = planID, actor.UserID, tx.now
		r.ID, err = tx.insert(ctx, `INSERT INTO plan_review (agency_id, plan_id, participant_id, reviewed_on, reviewer_id, reviewer_name, outcome,
			note, next_due, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			actor.AgencyID, planID, p.ParticipantID, r.Reviewed, actor.UserID, r.ReviewerName, r.Outcome, r.Note, r.NextDue, tx.now)
		if err != nil {
			return fmt.Errorf("store.AddPlanReview: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionCreate, "plan_review", r.ID, p.ParticipantID)
		ev.Detail = "outcome=" + r.Outcome
		return tx.Audit(ctx, ev)
	})
}

// inForceSQL is true for a plan pl that is the plan in force on the date
// bound twice: signed, in force by then (see PlanInForceTx), and no other
// signed version of the same participant and program in force by then
// that took effect later.
const inForceSQL = `pl.status = 'signed' AND pl.in_force_from <= ? AND NOT EXISTS (SELECT 1 FROM plan n
	WHERE n.participant_id = pl.participant_id AND n.program_id = pl.program_id AND n.status = 'signed' AND n.in_force_from <= ?
	AND (n.in_force_from > pl.in_force_from OR (n.in_force_from = pl.in_force_from AND n.version > pl.version)))`

// PlanReviewsDue lists the active participants in the actor's reach (a
// peer's caseload, a supervisor's team) whose plan in force today is due
// for review within the next `within` days or overdue, soonest first. The
// due date is the last review's next date, or the plan's review date before
// any review. The listing is audited once.
func (db *DB) PlanReviewsDue(ctx context.Context, actor goldthread.Actor, within int) ([]goldthread.ReviewDue, error) {
	if !goldthread.CanReadParticipants(actor) {
		return nil, goldthread.Errorf(goldthread.EFORBIDDEN, "Your role does not include reading participant records.")
	}
	scope, args := participantScope(actor)
	var out []goldthread.ReviewDue
	err := db.WriteTx(ctx, func(tx *Tx) error {
		today, err := agencyToday(ctx, tx, actor.AgencyID)
		if err != nil {
			return err
		}
		limit := goldthread.DateOf(today.AddDate(0, 0, within))
		q := `SELECT p.id, p.first_name, p.preferred_name, p.last_name, pl.id, g.name,
			COALESCE((SELECT r.next_due FROM plan_review r WHERE r.plan_id = pl.id ORDER BY r.reviewed_on DESC, r.id DESC LIMIT 1), pl.review_due)
			FROM plan pl JOIN participant p ON p.id = pl.participant_id JOIN program g ON g.id = pl.program_id
			WHERE p.status = ? AND pl.agency_id = ? AND ` + inForceSQL + ` AND ` + scope
		qargs := append([]any{goldthread.ParticipantActive, actor.AgencyID, today, today}, args...)
		if err := scanAll(ctx, tx, q, qargs, func(r scanner) error {
			var d goldthread.ReviewDue
			var first, preferred, last string
			if err := r.Scan(&d.ParticipantID, &first, &preferred, &last, &d.PlanID, &d.ProgramName, &d.Due); err != nil {
				return err
			}
			if d.Due.After(limit.Time) {
				return nil
			}
			d.ParticipantName = goldthread.Participant{FirstName: first, PreferredName: preferred, LastName: last}.DisplayName()
			d.Overdue = d.Due.Before(today.Time)
			out = append(out, d)
			return nil
		}); err != nil {
			return err
		}
		slices.SortStableFunc(out, func(a, b goldthread.ReviewDue) int { return a.Due.Compare(b.Due.Time) })
		ev := auditFor(actor, goldthread.ActionList, "plan_review_due", 0, 0)
		ev.Detail = fmt.Sprintf("results=%d", len(out))
		return tx.Audit(ctx, ev)
	})
	return out, err
}
