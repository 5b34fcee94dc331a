package store

import (
	"testing"

	"github.com/goldthread/goldthread"
)

// TestWeaveHangsServicesUnderTheirGoal covers what the notes hook feeds in:
// services land under their intervention (or the goal when they name none)
// and a goal served in the last 30 days is not stale.
func TestWeaveHangsServicesUnderTheirGoal(t *testing.T) {
	on := goldthread.NewDate(2026, 6, 15)
	th := goldthread.Thread{On: on, Plans: []goldthread.ThreadPlan{{Effective: goldthread.NewDate(2026, 1, 10), Goals: []goldthread.ThreadGoal{
		{Goal: goldthread.Goal{ID: 1}, Interventions: []goldthread.ThreadIntervention{{Intervention: goldthread.Intervention{ID: 11}}}},
		{Goal: goldthread.Goal{ID: 2}, Interventions: []goldthread.ThreadIntervention{{Intervention: goldthread.Intervention{ID: 21}}}},
	}}}}
	weave(&th, []goldthread.ThreadEntry{
		{NoteID: 100, GoalID: 1, InterventionID: 11, ServiceDate: goldthread.NewDate(2026, 6, 1), Minutes: 45},
		{NoteID: 101, GoalID: 1, ServiceDate: goldthread.NewDate(2026, 6, 3), Minutes: 30},
		{NoteID: 102, GoalID: 2, InterventionID: 21, ServiceDate: goldthread.NewDate(2026, 4, 1), Minutes: 60},
	})
	g1, g2 := th.Plans[0].Goals[0], th.Plans[0].Goals[1]
	if len(g1.Interventions[0].ServedBy) != 1 || len(g1.Other) != 1 || g1.LastServed != goldthread.NewDate(2026, 6, 3) || g1.Stale {
		t.Fatalf("goal 1: %+v", g1)
	}
	if len(g2.Interventions[0].ServedBy) != 1 || !g2.Stale {
		t.Fatalf("goal 2 last served in April is not stale: %+v", g2)
	}
}
