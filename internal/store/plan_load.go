package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/goldthread/goldthread"
)

// loadPlans reads the plans ids in the actor's reach, each with
// everything under it, in seven statements whatever their number: the
// plans, which of the signed ones a later signed version supersedes,
// their goals, the goals' interventions, crisis plans, reviews and
// signatures.
// A plan out of reach (or gone) is absent from the map. loadPlan reads
// one plan through it, and a billing run the plans in force for a chunk
// of participants (runFacts.load), so both read a plan the same way.
func loadPlans(ctx context.Context, tx *Tx, actor goldthread.Actor, ids []int64) (map[int64]goldthread.Plan, error) {
	out := map[int64]goldthread.Plan{}
	if len(ids) == 0 {
		return out, nil
	}
	scope, scopeArgs := participantInReach(actor)
	in, args := idIn("pl.id", ids)
	err := scanAll(ctx, tx, `SELECT pl.id, pl.agency_id, pl.participant_id, pl.program_id, pl.version, pl.status, pl.effective_date,
		pl.in_force_from, pl.review_due, pl.created_by, pl.created_at, pl.signed_at, pl.content_hash, g.rule_pack, g.name
		FROM plan pl JOIN participant p ON p.id = pl.participant_id JOIN program g ON g.id = pl.program_id
		WHERE `+in+` AND pl.agency_id = ? AND `+scope, append(append(args, actor.AgencyID), scopeArgs...), func(r scanner) error {
		var p goldthread.Plan
		var signed sql.NullTime
		if err := r.Scan(&p.ID, &p.AgencyID, &p.ParticipantID, &p.ProgramID, &p.Version, &p.Status, &p.Effective, &p.InForce, &p.ReviewDue,
			&p.CreatedBy, &p.Created, &signed, &p.ContentHash, &p.RulePack, &p.ProgramName); err != nil {
			return err
		}
		p.Signed = signed.Time
		out[p.ID] = p
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store.loadPlan: %w", err)
	}
	var found []int64
	for id := range out {
		found = append(found, id)
	}
	if len(found) == 0 {
		return out, nil
	}
	in, args = idIn("pl.id", found)
	err = scanAll(ctx, tx, `SELECT pl.id FROM plan pl WHERE `+in+` AND pl.status = ? AND EXISTS (SELECT 1 FROM plan n
		WHERE n.participant_id = pl.participant_id AND n.program_id = pl.program_id AND n.status = ? AND n.version > pl.version)`,
		append(args, goldthread.PlanSigned, goldthread.PlanSigned), func(r scanner) error {
			var id int64
			if err := r.Scan(&id); err != nil {
				return err
			}
			p := out[id]
			p.Status = goldthread.PlanSuperseded
			out[id] = p
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("store.loadPlan: %w", err)
	}
	goals, err := goalsOf(ctx, tx, found)
	if err != nil {
		return nil, err
	}
	crises, err := crisisPlansOf(ctx, tx, found)
	if err != nil {
		return nil, err
	}
	reviews, err := reviewsOf(ctx, tx, found)
	if err != nil {
		return nil, err
	}
	signatures, err := planSignaturesOf(ctx, tx, found)
	if err != nil {
		return nil, err
	}
	for id, p := range out {
		p.Goals, p.Crisis, p.Reviews, p.Signatures = goals[id], crises[id], reviews[id], signatures[id]
		p.NextReviewDue = p.ReviewDue
		if n := len(p.Reviews); n > 0 {
			p.NextReviewDue = p.Reviews[n-1].NextDue
		}
		out[id] = p
	}
	return out, nil
}

// goalsOf reads the goals of the plans ids, each plan's by position with
// their interventions by position (nil for a plan with none): the goals,
// then their interventions, each by its own index. Joined in one
// statement, PostgreSQL hashed every intervention of the agency for a
// chunk's few hundred goals (17 ms a chunk at 20,000 participants).
func goalsOf(ctx context.Context, tx *Tx, ids []int64) (map[int64][]goldthread.Goal, error) {
	out := map[int64][]goldthread.Goal{}
	type place struct {
		plan int64
		i    int
	}
	at := map[int64]place{}
	var goalIDs []int64
	in, args := idIn("plan_id", ids)
	err := scanAll(ctx, tx, `SELECT plan_id, id, position, participant_words, summary, target_date FROM plan_goal
		WHERE `+in+` ORDER BY plan_id, position`, args, func(r scanner) error {
		var g goldthread.Goal
		if err := r.Scan(&g.PlanID, &g.ID, &g.Position, &g.Words, &g.Summary, &g.TargetDate); err != nil {
			return err
		}
		at[g.ID] = place{g.PlanID, len(out[g.PlanID])}
		out[g.PlanID] = append(out[g.PlanID], g)
		goalIDs = append(goalIDs, g.ID)
		return nil
	})
	if err != nil || len(goalIDs) == 0 {
		return out, wrapGoals(err)
	}
	in, args = idIn("goal_id", goalIDs)
	err = scanAll(ctx, tx, `SELECT goal_id, id, description, frequency, responsible FROM plan_intervention
		WHERE `+in+` ORDER BY goal_id, position`, args, func(r scanner) error {
		var iv goldthread.Intervention
		if err := r.Scan(&iv.GoalID, &iv.ID, &iv.Description, &iv.Frequency, &iv.Responsible); err != nil {
			return err
		}
		p := at[iv.GoalID]
		g := &out[p.plan][p.i]
		g.Interventions = append(g.Interventions, iv)
		return nil
	})
	return out, wrapGoals(err)
}

func wrapGoals(err error) error {
	if err != nil {
		return fmt.Errorf("store.loadGoals: %w", err)
	}
	return nil
}

// crisisPlansOf reads the crisis plans of the plans ids without the
// WRAPs' bytes; a plan with none is absent.
func crisisPlansOf(ctx context.Context, tx *Tx, ids []int64) (map[int64]*goldthread.CrisisPlan, error) {
	out := map[int64]*goldthread.CrisisPlan{}
	in, args := idIn("plan_id", ids)
	err := scanAll(ctx, tx, `SELECT plan_id, id, participant_id, warning_signs, what_helps, what_does_not_help, contacts, crisis_provider,
		crisis_provider_phone, preferences, wrap_name, wrap_type, LENGTH(wrap_data), updated_at FROM crisis_plan WHERE `+in, args,
		func(r scanner) error {
			var c goldthread.CrisisPlan
			var w goldthread.WRAPFile
			var size sql.NullInt64
			if err := r.Scan(&c.PlanID, &c.ID, &c.ParticipantID, &c.WarningSigns, &c.WhatHelps, &c.WhatDoesNotHelp, &c.Contacts,
				&c.CrisisProvider, &c.CrisisProviderPhone, &c.Preferences, &w.Name, &w.ContentType, &size, &c.Updated); err != nil {
				return err
			}
			if w.ContentType != "" {
				w.Size = int(size.Int64)
				c.WRAP = &w
			}
			out[c.PlanID] = &c
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("store.loadCrisisPlan: %w", err)
	}
	return out, nil
}

// reviewsOf reads the reviews of the plans ids, each plan's oldest first.
func reviewsOf(ctx context.Context, tx *Tx, ids []int64) (map[int64][]goldthread.PlanReview, error) {
	out := map[int64][]goldthread.PlanReview{}
	in, args := idIn("plan_id", ids)
	err := scanAll(ctx, tx, `SELECT plan_id, id, reviewed_on, reviewer_id, reviewer_name, outcome, note, next_due, created_at
		FROM plan_review WHERE `+in+` ORDER BY plan_id, reviewed_on, id`, args, func(r scanner) error {
		var v goldthread.PlanReview
		if err := r.Scan(&v.PlanID, &v.ID, &v.Reviewed, &v.ReviewerID, &v.ReviewerName, &v.Outcome, &v.Note, &v.NextDue, &v.Created); err != nil {
			return err
		}
		out[v.PlanID] = append(out[v.PlanID], v)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store.loadReviews: %w", err)
	}
	return out, nil
}

// planSignaturesOf reads the signatures of the plans ids, each plan's in
// the order signed.
func planSignaturesOf(ctx context.Context, tx *Tx, ids []int64) (map[int64][]goldthread.PlanSignature, error) {
	out := map[int64][]goldthread.PlanSignature{}
	in, args := idIn("plan_id", ids)
	err := scanAll(ctx, tx, `SELECT plan_id, signer_role, COALESCE(user_id, 0), name, credential, signed_at FROM plan_signature
		WHERE `+in+` ORDER BY plan_id, id`, args, func(r scanner) error {
		var id int64
		var s goldthread.PlanSignature
		if err := r.Scan(&id, &s.SignerRole, &s.UserID, &s.Name, &s.Credential, &s.Signed); err != nil {
			return err
		}
		out[id] = append(out[id], s)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store.loadPlan: %w", err)
	}
	return out, nil
}
