package web

import (
	"context"

	"github.com/goldthread/goldthread"
)

// reviewDueWindow is how many days ahead Today lists plan reviews coming due.
const reviewDueWindow = 14

func init() {
	participantSections = append(participantSections,
		participantSection{Order: 5, Template: "plan-links", Load: loadPlanLinks},
		participantSection{Order: 20, Template: "plan-summary", Load: loadPlanSummary},
		participantSection{Order: 30, Template: "plan-thread", Load: loadThread},
	)
	todaySections = append(todaySections, todaySection{Order: 20, Template: "reviews-due", Load: loadReviewsDue})
}

// planLinks is the quick-access row at the top of the participant page:
// the crisis plan first, because on a phone in a hard moment it must be one
// tap away.
type planLinks struct {
	Crisis, Plans, Eligibility, Consents, CareTeam, Discharge bool
}

func loadPlanLinks(_ context.Context, _ *Server, actor goldthread.Actor, _ goldthread.Participant) (any, bool, error) {
	plans := goldthread.CanReadPlans(actor)
	return planLinks{Crisis: plans, Plans: plans, Eligibility: goldthread.CanReadParticipants(actor), Consents: plans, CareTeam: plans, Discharge: plans}, true, nil
}

// planSummary is the participant page's plan section: per program, the
// plan shown first and the other versions.
type planSummary struct {
	Programs []programPlans
	CanWrite bool
}

type programPlans struct {
	Enrollment goldthread.Enrollment
	Current    *goldthread.Plan
	Versions   []goldthread.Plan
}

func loadPlanSummary(ctx context.Context, s *Server, actor goldthread.Actor, p goldthread.Participant) (any, bool, error) {
	if !goldthread.CanReadPlans(actor) {
		return nil, false, nil
	}
	plans, err := s.db.ListPlans(ctx, actor, p.ID)
	if err != nil {
		return nil, false, err
	}
	today := s.todayOf(actor)
	v := planSummary{CanWrite: goldthread.CanWritePlans(actor) && p.Status == goldthread.ParticipantActive}
	for _, e := range p.Enrollments {
		pp := programPlans{Enrollment: e}
		for _, pl := range plans {
			if pl.ProgramID == e.ProgramID {
				pp.Versions = append(pp.Versions, pl)
			}
		}
		pp.Current = goldthread.CurrentPlan(pp.Versions, today)
		v.Programs = append(v.Programs, pp)
	}
	return v, true, nil
}

func loadThread(ctx context.Context, s *Server, actor goldthread.Actor, p goldthread.Participant) (any, bool, error) {
	if !goldthread.CanReadPlans(actor) {
		return nil, false, nil
	}
	th, err := s.db.GoldenThread(ctx, actor, p.ID)
	if err != nil {
		return nil, false, err
	}
	return th, true, nil
}

func loadReviewsDue(ctx context.Context, s *Server, actor goldthread.Actor) (any, bool, error) {
	if !actor.Has(goldthread.RolePeer) && !actor.Has(goldthread.RoleSupervisor) {
		return nil, false, nil
	}
	due, err := s.db.PlanReviewsDue(ctx, actor, reviewDueWindow)
	if err != nil {
		return nil, false, err
	}
	return due, true, nil
}
