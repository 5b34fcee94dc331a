package store_test

import (
	"context"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

func TestGoldenThread(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		db.Now = (&storetest.Clock{T: planClock}).Now
		f := storetest.MustFixture(t, db)
		t.Run("NoPlanNoThread", func(t *testing.T) {
			th, err := db.GoldenThread(ctx, f.Peer, f.Mine.ID)
			if err != nil || len(th.Plans) != 0 {
				t.Fatalf("%v %+v", err, th)
			}
		})
		v1 := f.MustSignedPlan(t, db, f.SamplePlan(day26(1, 10)))
		t.Run("GoalsThenInterventionsOfThePlanInForce", func(t *testing.T) {
			th, err := db.GoldenThread(ctx, f.ParticipantUser, f.Mine.ID)
			if err != nil || len(th.Plans) != 1 || th.Plans[0].PlanID != v1.ID || len(th.Plans[0].Goals) != 2 ||
				len(th.Plans[0].Goals[0].Interventions) != 2 || th.Plans[0].Goals[0].Words != v1.Goals[0].Words {
				t.Fatalf("%v %+v", err, th)
			}
		})
		t.Run("GoalsWithoutRecentServiceStandOut", func(t *testing.T) {
			th, _ := db.GoldenThread(ctx, f.Peer, f.Mine.ID)
			if !th.Plans[0].Goals[0].Stale {
				t.Fatal("a goal with no service in 30 days of a plan in force since January is not flagged")
			}
		})
		t.Run("ANewPlanIsNotFlaggedYet", func(t *testing.T) {
			f.MustSignedPlan(t, db, f.SamplePlan(day26(6, 1)))
			th, _ := db.GoldenThread(ctx, f.Peer, f.Mine.ID)
			if th.Plans[0].Version != 2 || th.Plans[0].Goals[0].Stale {
				t.Fatalf("%+v", th.Plans[0])
			}
		})
		t.Run("ErrOutOfReach", func(t *testing.T) {
			if _, err := db.GoldenThread(ctx, f.OtherPeer, f.Mine.ID); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("err = %v", err)
			}
		})
	})
}

func TestNoteLinksOnlyToThePlanInForce(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		v1 := f.MustSignedPlan(t, db, f.SamplePlan(day26(1, 10)))
		v2 := f.MustSignedPlan(t, db, f.SamplePlan(day26(6, 1)))
		check := func(on goldthread.Date, goals, interventions []int64) error {
			return db.ReadTx(ctx, func(tx *store.Tx) error {
				return store.CheckGoalLinks(ctx, tx, f.Peer, f.Mine.ID, f.Program.ID, on, goals, interventions)
			})
		}
		g1, i1 := v1.Goals[0].ID, v1.Goals[0].Interventions[0].ID
		g2, i2 := v2.Goals[0].ID, v2.Goals[0].Interventions[0].ID
		t.Run("LinksOfThePlanInForcePass", func(t *testing.T) {
			if err := check(day26(3, 1), []int64{g1}, []int64{i1}); err != nil {
				t.Fatal(err)
			}
			if err := check(day26(6, 2), []int64{g2}, []int64{i2}); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("ErrGoalOfAnotherVersion", func(t *testing.T) {
			if err := check(day26(6, 2), []int64{g1}, nil); goldthread.ErrorField(err) != "goal_ids" {
				t.Fatalf("err = %v; want EINVALID on goal_ids", err)
			}
			if err := check(day26(3, 1), []int64{g2}, nil); goldthread.ErrorField(err) != "goal_ids" {
				t.Fatalf("a goal of a later version passed before it took effect: %v", err)
			}
		})
		t.Run("ErrInterventionOfAnotherVersion", func(t *testing.T) {
			if err := check(day26(6, 2), []int64{g2}, []int64{i1}); goldthread.ErrorField(err) != "intervention_ids" {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("ErrInterventionNotUnderALinkedGoal", func(t *testing.T) {
			other := v2.Goals[1].ID
			if err := check(day26(6, 2), []int64{other}, []int64{i2}); goldthread.ErrorField(err) != "intervention_ids" {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("ErrNoPlanInForce", func(t *testing.T) {
			if err := check(day26(1, 9), []int64{g1}, nil); goldthread.ErrorField(err) != "goal_ids" {
				t.Fatalf("err = %v", err)
			}
		})
	})
}
