package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

func TestPlanReviews(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		db.Now = (&storetest.Clock{T: planClock}).Now
		f := storetest.MustFixture(t, db)
		draft := f.SamplePlan(day26(1, 10), func(p *goldthread.Plan) { p.ParticipantID = f.MineToo.ID })
		if err := db.CreatePlan(ctx, f.Peer, &draft); err != nil {
			t.Fatal(err)
		}
		// Marcus's plan was due for review on May 1: overdue on June 15.
		p := f.MustSignedPlan(t, db, f.SamplePlan(day26(1, 10), func(p *goldthread.Plan) { p.ReviewDue = day26(5, 1) }))
		t.Run("ErrDraftIsNotReviewed", func(t *testing.T) {
			r := goldthread.PlanReview{Reviewed: day26(6, 1), Outcome: goldthread.ReviewContinue}
			if err := db.AddPlanReview(ctx, f.Peer, draft.ID, &r); goldthread.ErrorKind(err) != goldthread.ECONFLICT {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("OverdueVisibleToPeerAndSupervisor", func(t *testing.T) {
			for name, actor := range map[string]goldthread.Actor{"peer": f.Peer, "supervisor": f.Supervisor} {
				due, err := db.PlanReviewsDue(ctx, actor, 14)
				if err != nil || len(due) != 1 || due[0].ParticipantID != f.Mine.ID || !due[0].Overdue || due[0].Due != day26(5, 1) {
					t.Fatalf("%s: %v %+v", name, err, due)
				}
			}
			due, err := db.PlanReviewsDue(ctx, f.OtherPeer, 14)
			if err != nil || len(due) != 0 {
				t.Fatalf("another peer sees %+v (%v)", due, err)
			}
		})
		for field, r := range map[string]goldthread.PlanReview{
			"outcome":     {Reviewed: day26(6, 1), Outcome: "fine"},
			"reviewed_on": {Reviewed: day26(7, 1), Outcome: goldthread.ReviewContinue},
			"next_due":    {Reviewed: day26(6, 1), Outcome: goldthread.ReviewContinue, NextDue: day26(5, 1)},
		} {
			t.Run("Err_"+field, func(t *testing.T) {
				if err := db.AddPlanReview(ctx, f.Peer, p.ID, &r); goldthread.ErrorField(err) != field {
					t.Fatalf("err = %v; want EINVALID on %s", err, field)
				}
			})
		}
		r := goldthread.PlanReview{Reviewed: day26(6, 1), Outcome: goldthread.ReviewContinue, Note: "Marcus wants to keep going."}
		if err := db.AddPlanReview(ctx, f.Peer, p.ID, &r); err != nil {
			t.Fatal(err)
		}
		t.Run("ReviewSetsNextDueByProgramInterval", func(t *testing.T) {
			if r.NextDue != day26(8, 30) || r.ReviewerName != "Pat Peer" {
				t.Fatalf("next due %s by %q; want 2026-08-30 (90 days, NC 8G) by Pat Peer", r.NextDue, r.ReviewerName)
			}
			got, _ := db.Plan(ctx, f.Peer, p.ID)
			if got.NextReviewDue != day26(8, 30) || len(got.Reviews) != 1 {
				t.Fatalf("%+v", got)
			}
			if due, _ := db.PlanReviewsDue(ctx, f.Peer, 14); len(due) != 0 {
				t.Fatalf("still listed as due: %+v", due)
			}
		})
		t.Run("ReviewsAreAppendOnly", func(t *testing.T) {
			for _, q := range []string{"UPDATE plan_review SET outcome = 'update_needed' WHERE plan_id = ?", "DELETE FROM plan_review WHERE plan_id = ?"} {
				if _, err := db.ExecRaw(ctx, q, p.ID); err == nil || !strings.Contains(err.Error(), "append-only") {
					t.Errorf("%s: err = %v", q, err)
				}
			}
		})
	})
}
