package store

import (
	"context"
	"fmt"

	"github.com/goldthread/goldthread"
)

// CreatePlan saves p as a new draft version for its participant and program
// (version = latest + 1), with its goals and interventions, filling the IDs.
// Peers (for their caseload), supervisors and clinicians may draft plans.
// Returns EINVALID naming the field, ENOTFOUND when the participant is out
// of reach, EINVALID on program_id when the participant is not enrolled in
// the program, ECONFLICT when
// a draft of that participant and program exists already (finish it first).
func (db *DB) CreatePlan(ctx context.Context, actor goldthread.Actor, p *goldthread.Plan) error {
	if err := canWritePlans(actor); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	return db.WriteTx(ctx, func(tx *Tx) error { return createPlanTx(ctx, tx, actor, p) })
}

func canWritePlans(actor goldthread.Actor) error {
	if !goldthread.CanWritePlans(actor) {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "Only peer specialists, supervisors and clinicians write plans.")
	}
	return nil
}

func createPlanTx(ctx context.Context, tx *Tx, actor goldthread.Actor, p *goldthread.Plan) error {
	if err := inReach(ctx, tx, actor, p.ParticipantID); err != nil {
		return err
	}
	if err := enrolledIn(ctx, tx, actor, p.ParticipantID, p.ProgramID); err != nil {
		return err
	}
	var n int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM plan WHERE participant_id = ? AND program_id = ? AND status = ?",
		p.ParticipantID, p.ProgramID, goldthread.PlanDraft).Scan(&n); err != nil {
		return fmt.Errorf("store.CreatePlan: %w", err)
	}
	if n > 0 {
		return goldthread.Errorf(goldthread.ECONFLICT, "A draft of this plan exists already. Finish and sign it, then start a new version.")
	}
	if err := tx.QueryRow(ctx, "SELECT COALESCE(MAX(version), 0) + 1 FROM plan WHERE participant_id = ? AND program_id = ?",
		p.ParticipantID, p.ProgramID).Scan(&p.Version); err != nil {
		return fmt.Errorf("store.CreatePlan: %w", err)
	}
	p.AgencyID, p.Status, p.CreatedBy, p.Created = actor.AgencyID, goldthread.PlanDraft, actor.UserID, tx.now
	var err error
	p.ID, err = tx.insert(ctx, `INSERT INTO plan (agency_id, participant_id, program_id, version, status, effective_date, review_due,
		created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.AgencyID, p.ParticipantID, p.ProgramID, p.Version, p.Status, p.Effective, p.ReviewDue, p.CreatedBy, tx.now, tx.now)
	if isUniqueViolation(err) {
		return goldthread.Errorf(goldthread.ECONFLICT, "Someone saved another version of this plan at the same moment. Reload and try again.")
	}
	if err != nil {
		return fmt.Errorf("store.CreatePlan: %w", err)
	}
	if err := insertGoals(ctx, tx, p); err != nil {
		return err
	}
	return tx.Audit(ctx, auditFor(actor, goldthread.ActionCreate, "plan", p.ID, p.ParticipantID))
}

func insertGoals(ctx context.Context, tx *Tx, p *goldthread.Plan) error {
	for i := range p.Goals {
		g := &p.Goals[i]
		g.PlanID, g.Position = p.ID, i+1
		id, err := tx.insert(ctx, "INSERT INTO plan_goal (plan_id, position, participant_words, summary, target_date) VALUES (?, ?, ?, ?, ?)",
			p.ID, g.Position, g.Words, g.Summary, g.TargetDate)
		if err != nil {
			return fmt.Errorf("store.insertGoals: %w", err)
		}
		g.ID = id
		for j := range g.Interventions {
			in := &g.Interventions[j]
			in.GoalID = id
			in.ID, err = tx.insert(ctx, `INSERT INTO plan_intervention (plan_id, goal_id, position, description, frequency, responsible)
				VALUES (?, ?, ?, ?, ?, ?)`, p.ID, id, j+1, in.Description, in.Frequency, in.Responsible)
			if err != nil {
				return fmt.Errorf("store.insertGoals: %w", err)
			}
		}
	}
	return nil
}

// Plan returns one plan with goals, interventions and signatures when its
// participant is in the actor's reach, and audits the read. Status reads
// superseded when a later signed version of the same program exists.
func (db *DB) Plan(ctx context.Context, actor goldthread.Actor, planID int64) (goldthread.Plan, error) {
	var p goldthread.Plan
	err := db.WriteTx(ctx, func(tx *Tx) error {
		var err error
		if p, err = loadPlan(ctx, tx, actor, planID); err != nil {
			return err
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionRead, "plan", planID, p.ParticipantID))
	})
	return p, err
}

// PlanInForce returns the signed plan of the participant in the program
// that is in force on date: of the signed versions in force by then (from
// their effective date, or their last required signature's date when that
// came later), the one that took effect last. Returns ENOTFOUND when there is none (a note on that
// date cannot link to a goal). The read is audited.
func (db *DB) PlanInForce(ctx context.Context, actor goldthread.Actor, participantID, programID int64, on goldthread.Date) (goldthread.Plan, error) {
	var p goldthread.Plan
	err := db.WriteTx(ctx, func(tx *Tx) error {
		var err error
		if p, err = PlanInForceTx(ctx, tx, actor, participantID, programID, on); err != nil {
			return err
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionRead, "plan", p.ID, participantID))
	})
	return p, err
}

// PlanInForceTx is PlanInForce inside a caller's transaction (signing a
// note checks its goal links against it), without its own audit event.
func PlanInForceTx(ctx context.Context, tx *Tx, actor goldthread.Actor, participantID, programID int64, on goldthread.Date) (goldthread.Plan, error) {
	starts, err := signedPlanStarts(ctx, tx, actor.AgencyID, participantID, programID)
	if err != nil {
		return goldthread.Plan{}, err
	}
	id, err := planInForceID(starts, on)
	if err != nil {
		return goldthread.Plan{}, err
	}
	return loadPlan(ctx, tx, actor, id)
}

// loadPlan reads a plan in the actor's reach with everything under it
// (loadPlans); ENOTFOUND out of reach.
func loadPlan(ctx context.Context, tx *Tx, actor goldthread.Actor, planID int64) (goldthread.Plan, error) {
	plans, err := loadPlans(ctx, tx, actor, []int64{planID})
	if err != nil {
		return goldthread.Plan{}, err
	}
	p, ok := plans[planID]
	if !ok {
		return p, goldthread.Errorf(goldthread.ENOTFOUND, "No plan %d in your reach.", planID)
	}
	return p, nil
}

// loadGoals reads the goals of planID (goalsOf).
func loadGoals(ctx context.Context, tx *Tx, planID int64) ([]goldthread.Goal, error) {
	goals, err := goalsOf(ctx, tx, []int64{planID})
	return goals[planID], err
}
