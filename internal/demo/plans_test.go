package demo

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestDemoPlans checks what the demo promises to show about plans: every
// participant eligible with a service order, plans in force with crisis
// plans in North Carolina, newer versions, one draft, one overdue review,
// a revoked and a Part 2 consent, and the two discharges.
func TestDemoPlans(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		today := Today(time.Now())
		if _, err := Load(ctx, db, today, cheap); err != nil {
			t.Fatal(err)
		}
		step, err := db.SignIn(ctx, "dana@riverbend.example", Password, "127.0.0.1", store.SessionWeb, store.DefaultSessionPolicy)
		dana := step.Actor
		if err != nil {
			t.Fatal(err)
		}
		step, err = db.SignIn(ctx, "elena.reyes@riverbend.example", Password, "127.0.0.1", store.SessionWeb, store.DefaultSessionPolicy)
		reyes := step.Actor
		if err != nil {
			t.Fatal(err)
		}
		all, err := db.ListParticipants(ctx, reyes, goldthread.ParticipantFilter{Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		var drafts, newer, discharged int
		for _, p := range all {
			e, err := db.Eligibility(ctx, reyes, p.ID)
			if err != nil || len(e.Orders) == 0 || len(e.Diagnoses) == 0 || len(e.Authorizations) == 0 || len(e.Assessments) == 0 {
				t.Errorf("%s: eligibility %+v (%v)", p.DisplayName(), e, err)
			}
			plans, err := db.ListPlans(ctx, reyes, p.ID)
			if err != nil || len(plans) == 0 {
				t.Fatalf("%s: no plan (%v)", p.DisplayName(), err)
			}
			for _, pl := range plans {
				if pl.Status == goldthread.PlanDraft {
					drafts++
				}
				if pl.Version > 1 {
					newer++
				}
				if pl.RulePack == goldthread.RulePackNC8G && pl.Status != goldthread.PlanDraft && pl.Crisis == nil {
					t.Errorf("%s: signed NC plan without a crisis plan", p.DisplayName())
				}
			}
			if d, _ := db.Discharges(ctx, reyes, p.ID); len(d) > 0 {
				discharged++
				if p.Status != goldthread.ParticipantDischarged || len(d[0].Goals) == 0 {
					t.Errorf("%s: discharge %+v, status %s", p.DisplayName(), d[0], p.Status)
				}
			}
		}
		if drafts != 1 || newer < 5 || discharged != 2 {
			t.Errorf("%d drafts, %d newer versions, %d discharges; want 1, at least 5, 2", drafts, newer, discharged)
		}
		t.Run("OneOverdueReviewOnDanasCaseload", func(t *testing.T) {
			due, err := db.PlanReviewsDue(ctx, dana, 14)
			overdue := 0
			for _, d := range due {
				if d.Overdue {
					overdue++
				}
			}
			if err != nil || overdue != 1 {
				t.Fatalf("%v %+v", err, due)
			}
		})
		t.Run("MarcusHasACrisisPlanWithWRAPAndAConsent", func(t *testing.T) {
			marcus := all[0]
			for _, p := range all {
				if p.DisplayName() == "Marcus Bell" {
					marcus = p
				}
			}
			th, err := db.GoldenThread(ctx, dana, marcus.ID)
			if err != nil || len(th.Plans) != 1 || th.Plans[0].Version != 2 {
				t.Fatalf("%v %+v", err, th)
			}
			pl, _ := db.Plan(ctx, dana, th.Plans[0].PlanID)
			if pl.Crisis == nil || pl.Crisis.WRAP == nil {
				t.Fatal("Marcus's plan has no crisis plan with a WRAP")
			}
			if _, ok, err := db.ConsentInEffect(ctx, dana, marcus.ID, "Mountain Housing Partners", today); err != nil || !ok {
				t.Fatalf("Marcus's housing release is not in effect: %v", err)
			}
		})
	})
}
