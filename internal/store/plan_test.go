package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

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
		db.Now = (&storetest.Clock{T: jan.Add(10 * time.Hour)}).Now
		v1 := f.SamplePlan(jan)
		if err := db.CreatePlan(ctx, f.Peer, &v1); err != nil {
			t.Fatal(err)
		}
		t.Run("ErrNoSignatureWithoutCrisisPlanInNC8G", func(t *testing.T) {
			_, err := db.SignPlan(ctx, f.Peer, v1.ID, store.PlanSignatureInput{Role: goldthread.SignerPeer})
			if goldthread.ErrorField(err) != "crisis_plan" || !strings.Contains(goldthread.ErrorMessage(err), "crisis plan") {
				t.Fatalf("err = %v; want EINVALID on crisis_plan", err)
			}
		})
		f.MustCrisisPlan(t, db, v1.ID)
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
			p, err := db.SignPlan(ctx, s.actor, v1.ID, store.PlanSignatureInput{Role: s.role, Password: storetest.Password})
			if err != nil || p.Status != goldthread.PlanDraft {
				t.Fatalf("sign as %s: %v, status %s", s.role, err, p.Status)
			}
		}
		t.Run("ErrSameRoleTwice", func(t *testing.T) {
			if _, err := db.SignPlan(ctx, f.Peer, v1.ID, store.PlanSignatureInput{Role: goldthread.SignerPeer, Password: storetest.Password}); goldthread.ErrorKind(err) != goldthread.ECONFLICT {
				t.Fatalf("err = %v", err)
			}
		})
		signed, err := db.SignPlan(ctx, f.Clinician, v1.ID, store.PlanSignatureInput{Role: goldthread.SignerClinician, Password: storetest.Password})
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

func TestPlanDraftsAndVersions(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		jan := goldthread.NewDate(2026, 1, 10)
		db.Now = (&storetest.Clock{T: jan.Add(10 * time.Hour)}).Now
		t.Run("ErrUnknownProgramNamesTheField", func(t *testing.T) {
			p := f.SamplePlan(jan, func(p *goldthread.Plan) { p.ProgramID = 999999 })
			if err := db.CreatePlan(ctx, f.Peer, &p); goldthread.ErrorKind(err) != goldthread.EINVALID || goldthread.ErrorField(err) != "program_id" {
				t.Fatalf("err = %v; want EINVALID on program_id", err)
			}
		})
		draft := f.SamplePlan(jan)
		if err := db.CreatePlan(ctx, f.Peer, &draft); err != nil {
			t.Fatal(err)
		}
		t.Run("ErrSecondDraft", func(t *testing.T) {
			p := f.SamplePlan(jan)
			if err := db.CreatePlan(ctx, f.Clinician, &p); goldthread.ErrorKind(err) != goldthread.ECONFLICT {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("DraftChangesUntilTheFirstSignature", func(t *testing.T) {
			upd := f.SamplePlan(jan, func(p *goldthread.Plan) {
				p.ID = draft.ID
				p.Goals = append(p.Goals, goldthread.Goal{Words: "I want to cook for my kids on Sundays",
					Interventions: []goldthread.Intervention{{Description: "Plan a shopping list together"}}})
			})
			if err := db.UpdateDraftPlan(ctx, f.Peer, &upd); err != nil {
				t.Fatal(err)
			}
			got, _ := db.Plan(ctx, f.Peer, draft.ID)
			if len(got.Goals) != 3 || got.Goals[2].Summary != "I want to cook for my kids on Sundays" {
				t.Fatalf("%+v", got.Goals)
			}
			bad := upd
			bad.Goals = []goldthread.Goal{{Words: "", Interventions: []goldthread.Intervention{{Description: "x"}}}}
			if err := db.UpdateDraftPlan(ctx, f.Peer, &bad); goldthread.ErrorField(err) != "goals[0].participant_words" {
				t.Fatalf("missing goal wording: %v", err)
			}
		})
		f.MustCrisisPlan(t, db, draft.ID)
		for _, s := range []struct {
			actor goldthread.Actor
			role  string
		}{{f.Peer, goldthread.SignerPeer}, {f.Clinician, goldthread.SignerClinician}} {
			if _, err := db.SignPlan(ctx, s.actor, draft.ID, store.PlanSignatureInput{Role: s.role, Password: storetest.Password}); err != nil {
				t.Fatal(err)
			}
		}
		t.Run("ErrEditAfterASignature", func(t *testing.T) {
			upd := f.SamplePlan(jan, func(p *goldthread.Plan) { p.ID = draft.ID })
			if err := db.UpdateDraftPlan(ctx, f.Peer, &upd); goldthread.ErrorKind(err) != goldthread.ECONFLICT {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("NotInForceWhileTheParticipantSignatureIsMissing", func(t *testing.T) {
			p, _ := db.Plan(ctx, f.Peer, draft.ID)
			if p.Status != goldthread.PlanDraft {
				t.Fatalf("status %s with the participant's signature missing", p.Status)
			}
			if _, err := db.PlanInForce(ctx, f.Peer, f.Mine.ID, f.Program.ID, jan); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("err = %v", err)
			}
		})
		signed, err := db.SignPlan(ctx, f.Peer, draft.ID, store.PlanSignatureInput{Role: goldthread.SignerParticipant, Name: "Marcus Bell"})
		if err != nil || signed.Status != goldthread.PlanSigned {
			t.Fatalf("%v %s", err, signed.Status)
		}
		v2, err := db.NewPlanVersion(ctx, f.Peer, draft.ID, goldthread.NewDate(2026, 6, 1))
		t.Run("NewVersionCopiesGoalsAndCrisisPlan", func(t *testing.T) {
			if err != nil || v2.Version != 2 || v2.Status != goldthread.PlanDraft || len(v2.Goals) != len(signed.Goals) || v2.Goals[0].ID == signed.Goals[0].ID ||
				v2.Crisis == nil || v2.Crisis.CrisisProvider != signed.Crisis.CrisisProvider || len(v2.Signatures) != 0 {
				t.Fatalf("%v %+v", err, v2)
			}
			if v2.ReviewDue != goldthread.NewDate(2026, 8, 30) {
				t.Fatalf("review due %s; want 90 days after June 1 (NC 8G)", v2.ReviewDue)
			}
		})
		t.Run("ErrNewVersionWhileADraftExists", func(t *testing.T) {
			if _, err := db.NewPlanVersion(ctx, f.Peer, draft.ID, goldthread.Date{}); goldthread.ErrorKind(err) != goldthread.ECONFLICT {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("ListPlansNewestFirst", func(t *testing.T) {
			list, err := db.ListPlans(ctx, f.ParticipantUser, f.Mine.ID)
			if err != nil || len(list) != 2 || list[0].ID != v2.ID || list[1].ID != draft.ID {
				t.Fatalf("%v %d", err, len(list))
			}
			if cur := goldthread.CurrentPlan(list, goldthread.NewDate(2026, 3, 1)); cur == nil || cur.ID != draft.ID {
				t.Fatalf("current plan on March 1: %+v; want the signed version 1", cur)
			}
			if _, err := db.ListPlans(ctx, f.OtherPeer, f.Mine.ID); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("out of reach: %v", err)
			}
		})
	})
}
