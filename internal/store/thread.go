package store

import (
	"context"
	"fmt"

	"github.com/goldthread/goldthread"
)

// GoldenThread returns, for each program of the participant, the plan in
// force today with each goal, its interventions and the services that
// addressed them. A goal is Stale when its plan has been in force for
// goldthread.StaleGoalDays or more and no service addressed it in that many
// days. The read is audited. Returns ENOTFOUND out of reach; a participant
// with no plan in force gets a Thread with no plans.
func (db *DB) GoldenThread(ctx context.Context, actor goldthread.Actor, participantID int64) (goldthread.Thread, error) {
	th := goldthread.Thread{ParticipantID: participantID}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, participantID); err != nil {
			return err
		}
		on, err := agencyToday(ctx, tx, actor.AgencyID)
		if err != nil {
			return err
		}
		th.On = on
		var programs []int64
		if err := scanAll(ctx, tx, `SELECT DISTINCT e.program_id FROM enrollment e WHERE e.participant_id = ? AND e.agency_id = ?
			ORDER BY e.program_id`, []any{participantID, actor.AgencyID}, func(r scanner) error {
			var id int64
			err := r.Scan(&id)
			programs = append(programs, id)
			return err
		}); err != nil {
			return err
		}
		var goalIDs []int64
		for _, prog := range programs {
			p, err := PlanInForceTx(ctx, tx, actor, participantID, prog, th.On)
			if goldthread.ErrorKind(err) == goldthread.ENOTFOUND {
				continue
			}
			if err != nil {
				return err
			}
			tp := goldthread.ThreadPlan{PlanID: p.ID, ProgramID: p.ProgramID, ProgramName: p.ProgramName, Version: p.Version, Effective: p.Effective,
				InForce: p.InForceFrom()}
			for _, g := range p.Goals {
				tg := goldthread.ThreadGoal{Goal: g}
				for _, in := range g.Interventions {
					tg.Interventions = append(tg.Interventions, goldthread.ThreadIntervention{Intervention: in})
				}
				tg.Goal.Interventions = nil
				tp.Goals = append(tp.Goals, tg)
				goalIDs = append(goalIDs, g.ID)
			}
			th.Plans = append(th.Plans, tp)
		}
		var entries []goldthread.ThreadEntry
		if len(goalIDs) > 0 {
			var err error
			if entries, err = signedNotesForGoals(ctx, tx, participantID, goalIDs); err != nil {
				return fmt.Errorf("store.GoldenThread: %w", err)
			}
		}
		weave(&th, entries)
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionRead, "golden_thread", 0, participantID))
	})
	return th, err
}

// weave hangs each entry under its goal (and intervention when it names
// one of the goal's), and marks goals without a recent service.
func weave(th *goldthread.Thread, entries []goldthread.ThreadEntry) {
	since := th.On.AddDate(0, 0, -goldthread.StaleGoalDays)
	for pi := range th.Plans {
		tp := &th.Plans[pi]
		for gi := range tp.Goals {
			g := &tp.Goals[gi]
			for _, e := range entries {
				if e.GoalID != g.ID {
					continue
				}
				if e.ServiceDate.After(g.LastServed.Time) {
					g.LastServed = e.ServiceDate
				}
				placed := false
				for ii := range g.Interventions {
					if e.InterventionID != 0 && g.Interventions[ii].ID == e.InterventionID {
						g.Interventions[ii].ServedBy = append(g.Interventions[ii].ServedBy, e)
						placed = true
					}
				}
				if !placed {
					g.Other = append(g.Other, e)
				}
			}
			inForceLong := !tp.InForce.After(since)
			g.Stale = inForceLong && (g.LastServed.IsZero() || g.LastServed.Before(since))
		}
	}
}

// CheckGoalLinks returns nil when the goals and interventions a note links
// are all in the plan in force for the participant and program on date,
// and every intervention sits under a linked goal. Otherwise it returns
// EINVALID on goal_ids or intervention_ids saying which link is wrong and
// why. A note linking nothing passes (whether a note needs a goal is the
// notes feature's rule). Signing a note calls it inside its transaction.
func CheckGoalLinks(ctx context.Context, tx *Tx, actor goldthread.Actor, participantID, programID int64, date goldthread.Date, goalIDs, interventionIDs []int64) error {
	if len(goalIDs) == 0 && len(interventionIDs) == 0 {
		return nil
	}
	p, err := PlanInForceTx(ctx, tx, actor, participantID, programID, date)
	if goldthread.ErrorKind(err) == goldthread.ENOTFOUND {
		return goldthread.FieldError("goal_ids", "No signed plan is in force on %s, so the note cannot link to a goal. Check the service date or get the plan signed.", date)
	}
	if err != nil {
		return err
	}
	goalOf := map[int64]int64{} // intervention → goal
	inPlan := map[int64]bool{}
	for _, g := range p.Goals {
		inPlan[g.ID] = true
		for _, in := range g.Interventions {
			goalOf[in.ID] = g.ID
		}
	}
	linked := map[int64]bool{}
	for _, id := range goalIDs {
		if !inPlan[id] {
			return goldthread.FieldError("goal_ids", "Goal %d is not in the plan in force on %s (version %d). Pick a goal of that plan.", id, date, p.Version)
		}
		linked[id] = true
	}
	for _, id := range interventionIDs {
		g, ok := goalOf[id]
		if !ok {
			return goldthread.FieldError("intervention_ids", "Intervention %d is not in the plan in force on %s (version %d). Pick an intervention of that plan.", id, date, p.Version)
		}
		if !linked[g] {
			return goldthread.FieldError("intervention_ids", "Intervention %d belongs to goal %d, which the note does not link. Link the goal too.", id, g)
		}
	}
	return nil
}
