package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

func TestCreatePlanValidation(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		jan := goldthread.NewDate(2026, 1, 10)
		cases := []struct {
			field string
			mut   func(*goldthread.Plan)
		}{
			{"effective_date", func(p *goldthread.Plan) { p.Effective = goldthread.Date{} }},
			{"review_due", func(p *goldthread.Plan) { p.ReviewDue = p.Effective }},
			{"goals", func(p *goldthread.Plan) { p.Goals = nil }},
			{"goals[1].participant_words", func(p *goldthread.Plan) { p.Goals[1].Words = "  " }},
			{"goals[0].interventions", func(p *goldthread.Plan) { p.Goals[0].Interventions = nil }},
			{"goals[0].interventions[1].description", func(p *goldthread.Plan) { p.Goals[0].Interventions[1].Description = "" }},
		}
		for _, c := range cases {
			t.Run("Err_"+c.field, func(t *testing.T) {
				p := f.SamplePlan(jan, c.mut)
				err := db.CreatePlan(ctx, f.Peer, &p)
				if goldthread.ErrorField(err) != c.field {
					t.Fatalf("err = %v; want EINVALID on %s", err, c.field)
				}
			})
		}
		t.Run("ErrParticipantOutOfReach", func(t *testing.T) {
			p := f.SamplePlan(jan, func(p *goldthread.Plan) { p.ParticipantID = f.Others.ID })
			if err := db.CreatePlan(ctx, f.Peer, &p); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("ErrBillingCannotWritePlans", func(t *testing.T) {
			p := f.SamplePlan(jan)
			if err := db.CreatePlan(ctx, f.Billing, &p); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("err = %v", err)
			}
		})
	})
}

func TestPlanSigningAndVersions(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		jan, jun := goldthread.NewDate(2026, 1, 10), goldthread.NewDate(2026, 6, 1)
		v1 := f.SamplePlan(jan)
		if err := db.CreatePlan(ctx, f.Peer, &v1); err != nil {
			t.Fatal(err)
		}
		t.Run("DraftIsNotInForce", func(t *testing.T) {
			if _, err := db.PlanInForce(ctx, f.Peer, f.Mine.ID, f.Program.ID, jun); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("ErrPeerCannotSignAsClinician", func(t *testing.T) {
			if _, err := db.SignPlan(ctx, f.Peer, v1.ID, store.PlanSignatureInput{Role: goldthread.SignerClinician}); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("err = %v", err)
			}
		})
		for _, s := range []struct {
			actor goldthread.Actor
			role  string
		}{{f.ParticipantUser, goldthread.SignerParticipant}, {f.Peer, goldthread.SignerPeer}} {
			p, err := db.SignPlan(ctx, s.actor, v1.ID, store.PlanSignatureInput{Role: s.role})
			if err != nil || p.Status != goldthread.PlanDraft {
				t.Fatalf("sign as %s: %v, status %s", s.role, err, p.Status)
			}
		}
		t.Run("ErrSameRoleTwice", func(t *testing.T) {
			if _, err := db.SignPlan(ctx, f.Peer, v1.ID, store.PlanSignatureInput{Role: goldthread.SignerPeer}); goldthread.ErrorKind(err) != goldthread.ECONFLICT {
				t.Fatalf("err = %v", err)
			}
		})
		signed, err := db.SignPlan(ctx, f.Clinician, v1.ID, store.PlanSignatureInput{Role: goldthread.SignerClinician})
		if err != nil || signed.Status != goldthread.PlanSigned || len(signed.ContentHash) != 64 {
			t.Fatalf("last signature: %v, %+v", err, signed.Status)
		}
		t.Run("SignedPlanRefusesChangesInTheDatabase", func(t *testing.T) {
			for _, q := range []string{
				"UPDATE plan SET review_due = '2030-01-01' WHERE id = ?",
				"DELETE FROM plan WHERE id = ?",
				"UPDATE plan_goal SET participant_words = 'changed' WHERE plan_id = ?",
				"DELETE FROM plan_intervention WHERE plan_id = ?",
				"INSERT INTO plan_goal (plan_id, position, participant_words, summary) VALUES (?, 9, 'sneaked in', 'x')",
				"UPDATE plan_signature SET name = 'someone else' WHERE plan_id = ?",
				"DELETE FROM plan_signature WHERE plan_id = ?",
			} {
				if _, err := db.ExecRaw(ctx, q, v1.ID); err == nil || !(strings.Contains(err.Error(), "never change") || strings.Contains(err.Error(), "append-only")) {
					t.Errorf("%s: err = %v; want a refusal", q, err)
				}
			}
		})
		t.Run("InForceFromEffectiveDate", func(t *testing.T) {
			if _, err := db.PlanInForce(ctx, f.Peer, f.Mine.ID, f.Program.ID, goldthread.NewDate(2026, 1, 9)); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("a plan was in force before its effective date: %v", err)
			}
			p, err := db.PlanInForce(ctx, f.Peer, f.Mine.ID, f.Program.ID, jan)
			if err != nil || p.ID != v1.ID || len(p.Goals) != 2 || len(p.Goals[0].Interventions) != 2 {
				t.Fatalf("in force on effective date: %v %+v", err, p)
			}
		})
		v2 := f.MustSignedPlan(t, db, f.SamplePlan(jun, func(p *goldthread.Plan) { p.Goals = p.Goals[:1] }))
		t.Run("NewVersionTakesOverFromItsDate", func(t *testing.T) {
			if v2.Version != 2 {
				t.Fatalf("version %d", v2.Version)
			}
			before, _ := db.PlanInForce(ctx, f.Peer, f.Mine.ID, f.Program.ID, goldthread.NewDate(2026, 5, 31))
			after, _ := db.PlanInForce(ctx, f.Peer, f.Mine.ID, f.Program.ID, jun)
			if before.ID != v1.ID || after.ID != v2.ID {
				t.Fatalf("May 31 -> %d, Jun 1 -> %d; want %d then %d", before.ID, after.ID, v1.ID, v2.ID)
			}
			old, err := db.Plan(ctx, f.Peer, v1.ID)
			if err != nil || old.Status != goldthread.PlanSuperseded || len(old.Goals) != 2 {
				t.Fatalf("old version: %v, status %s, %d goals; want readable and superseded", err, old.Status, len(old.Goals))
			}
		})
		t.Run("OutOfReach", func(t *testing.T) {
			if _, err := db.Plan(ctx, f.OtherPeer, v1.ID); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("err = %v", err)
			}
		})
	})
}
