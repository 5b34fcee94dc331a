package store_test

import (
	"context"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestNoteGoalsMustBeTheParticipants: a goal link to a goal id that does
// not exist, to another participant's goal, or to an intervention of
// another goal is refused naming goals (never a foreign-key error, never
// stored), on creating and on saving a draft.
func TestNoteGoalsMustBeTheParticipants(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		other := e.f.SamplePlan(goldthread.NewDate(2026, 2, 1), func(p *goldthread.Plan) { p.ParticipantID = e.f.MineToo.ID })
		if err := db.CreatePlan(ctx, e.f.Peer, &other); err != nil {
			t.Fatal(err)
		}
		mine := e.plan.Goals
		bad := map[string]goldthread.NoteGoal{
			"UnknownGoal":                 {GoalID: 99999999},
			"AnotherParticipantsGoal":     {GoalID: other.Goals[0].ID, InterventionID: other.Goals[0].Interventions[0].ID},
			"InterventionOfAnotherGoal":   {GoalID: mine[0].ID, InterventionID: mine[1].Interventions[0].ID},
			"AnotherParticipantsPractice": {GoalID: mine[0].ID, InterventionID: other.Goals[0].Interventions[0].ID},
		}
		draft := e.draft(t)
		for name, g := range bad {
			t.Run(name, func(t *testing.T) {
				_, err := db.CreateDraftNote(ctx, e.f.Peer, e.input(func(in *store.NoteInput) { in.Goals = []goldthread.NoteGoal{g} }))
				wantKind(t, err, goldthread.EINVALID, "goals")
				_, err = db.UpdateDraftNote(ctx, e.f.Peer, draft.ID, e.input(func(in *store.NoteInput) {
					in.Goals, in.Version = []goldthread.NoteGoal{g}, draft.Version
				}))
				wantKind(t, err, goldthread.EINVALID, "goals")
			})
		}
		t.Run("NothingSaved", func(t *testing.T) {
			list, err := db.ListNotes(ctx, e.f.Peer, goldthread.NoteFilter{ParticipantID: e.f.Mine.ID, Limit: 100})
			if err != nil || len(list) != 1 {
				t.Fatalf("%d notes, %v; want only the first draft", len(list), err)
			}
			if n, _ := db.Note(ctx, e.f.Peer, draft.ID); n.Version != draft.Version || len(n.Goals) != 1 || n.Goals[0].GoalID != mine[0].ID {
				t.Fatalf("the draft changed: %+v", n.Goals)
			}
		})
	})
}
