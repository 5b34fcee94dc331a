package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

func blockingFindings(fs []rules.Finding) []rules.Finding {
	var out []rules.Finding
	for _, f := range fs {
		if f.Severity == rules.BlockBilling || f.Severity == rules.BlockSigning {
			out = append(out, f)
		}
	}
	return out
}

// An approved note's findings, asked again, must not say a supervisor
// has not approved it: the findings path builds the same input as the
// scrubber (one function), approval fact included, so a note billing
// passes shows no blocking finding on its page either.
func TestFindingsOfAnApprovedNoteKnowTheApproval(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		n := e.signed(t, onMarch(9, 13))
		rf, _, err := db.NoteFindings(ctx, e.f.Supervisor, n.ID)
		if err != nil || !hasRuleFinding(rf, rules.RuleSupervisorApproval) {
			t.Fatalf("before approval, the approval finding is due: %v %+v", err, rf)
		}
		e.approve(t, n.ID)
		rf, _, err = db.NoteFindings(ctx, e.f.Supervisor, n.ID)
		if err != nil || len(blockingFindings(rf)) != 0 {
			t.Fatalf("an approved, billable note still has blocking findings: %v %+v", err, blockingFindings(rf))
		}
		svc, err := db.ScrubClaim(ctx, e.f.Billing, n.ID)
		if err != nil || len(svc.Blocks) != 0 {
			t.Fatalf("the scrubber disagrees with findings: %v %+v", err, svc.Blocks)
		}
	})
}

// Signing and billing pick the authorization by one rule: among those
// covering the service date, the first with units left, earliest ending
// first. Before, signing took the latest start and billing the most units
// left.
func TestOneAuthorizationRuleForSigningAndBilling(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		add := func(number string, from, to int, units, used int) {
			t.Helper()
			a := goldthread.Authorization{ParticipantID: e.f.Mine.ID, ProgramID: e.f.Program.ID, Payer: "NC Medicaid", Number: number,
				Start: goldthread.NewDate(2026, 3, from), End: goldthread.NewDate(2026, 3, to), UnitsAuthorized: units, UnitsUsed: used}
			if err := db.AddAuthorization(ctx, e.f.Clinician, &a); err != nil {
				t.Fatal(err)
			}
		}
		add("PA-200", 1, 31, 4, 0) // ends before PA-100 (June 30), fewer units left
		add("PA-300", 5, 20, 2, 2) // latest start and earliest end, but used up
		n := e.billable(t, onMarch(9, 13))
		rf, _, err := db.NoteFindings(ctx, e.f.Supervisor, n.ID)
		if err != nil || hasRuleFinding(rf, rules.RuleAuthUnits) {
			t.Fatalf("findings drew on a used-up authorization: %v %+v", err, rf)
		}
		svc, err := db.ScrubClaim(ctx, e.f.Billing, n.ID)
		if err != nil || svc.AuthorizationNumber != "PA-200" || len(svc.Blocks) != 0 {
			t.Fatalf("billing drew on %q, want PA-200 (ends first, units left): %v %+v", svc.AuthorizationNumber, err, svc.Blocks)
		}
	})
}

// A plan signed after the service it backs is a finding, on the page and
// in billing alike. The app itself never puts a plan in force before its
// signature, so the test stamps one as an import from an earlier system
// would: in force from Mar 5, signed Mar 12, backing a service on Mar 9.
func TestPlanSignedAfterTheServiceIsAFinding(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		n := e.billable(t, onMarch(9, 13))
		p := e.f.SamplePlan(goldthread.NewDate(2026, 3, 5))
		if err := db.CreatePlan(ctx, e.f.Peer, &p); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecRaw(ctx, "UPDATE plan SET status = ?, signed_at = ?, in_force_from = ? WHERE id = ?", goldthread.PlanSigned,
			time.Date(2026, 3, 12, 16, 0, 0, 0, time.UTC), goldthread.NewDate(2026, 3, 5), p.ID); err != nil {
			t.Fatal(err)
		}
		rf, _, err := db.NoteFindings(ctx, e.f.Supervisor, n.ID)
		if err != nil || !hasRuleFinding(rf, rules.RulePlanSignedAfter) {
			t.Fatalf("findings: %v %+v", err, rf)
		}
		svc, err := db.ScrubClaim(ctx, e.f.Billing, n.ID)
		if err != nil || !hasBillingBlock(svc.Blocks, rules.RulePlanSignedAfter) {
			t.Fatalf("billing: %v %+v", err, svc.Blocks)
		}
	})
}

func hasBillingBlock(bs []goldthread.BillingFinding, id string) bool {
	for _, b := range bs {
		if b.RuleID == id {
			return true
		}
	}
	return false
}

// The caseload ratio has one override store: the ratio an administrator
// sets on the Team page is the rule override the note checks read.
func TestCaseloadSettingReachesTheNoteChecks(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		n := e.mustSign(t, e.draft(t))
		rf, _, err := db.NoteFindings(ctx, e.f.Supervisor, n.ID)
		if err != nil || hasRuleFinding(rf, rules.RuleCaseload) {
			t.Fatalf("2 participants against 1:12: %v %+v", err, rf)
		}
		if err := db.SetWorkforceSetting(ctx, e.f.Admin, goldthread.SettingCaseloadPrefix+ncPack, "1", "pilot: one participant each"); err != nil {
			t.Fatal(err)
		}
		rf, _, err = db.NoteFindings(ctx, e.f.Supervisor, n.ID)
		if err != nil || !hasRuleFinding(rf, rules.RuleCaseload) {
			t.Fatalf("2 participants against the agency's 1:1: %v %+v", err, rf)
		}
	})
}
