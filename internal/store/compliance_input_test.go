package store_test

import (
	"context"
	"strconv"
	"strings"
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

const clonedStory = "We met at the library and practised the phone call to the housing office twice. " +
	"He wrote down the three questions he wanted to ask about the waiting list and the documents they need. " +
	"He made the call himself while I sat beside him and he got an appointment for next Tuesday morning. " +
	"Afterwards he said he felt proud that he did the talking and that the worker was kind to him."

// A narrative copied with one word in ten changed blocks billing until a
// supervisor approves it; the signature of each note is stored once, at
// signing.
func TestNearVerbatimCopyBlocksBillingUntilApproved(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		first := e.billable(t, onMarch(2, 13), func(in *store.NoteInput) {
			in.PeerAction, in.ParticipantResponse, in.NextSteps = clonedStory, "He said it went well.", "Gather pay stubs before Tuesday."
		})
		words := strings.Fields(clonedStory)
		for i := 5; i < len(words); i += 10 {
			words[i] = "then"
		}
		copied := e.signed(t, onMarch(9, 13), func(in *store.NoteInput) {
			in.PeerAction, in.ParticipantResponse, in.NextSteps = strings.Join(words, " "), "He said it went well.", "Gather pay stubs before Tuesday."
		})
		var stored int
		if err := db.QueryRowRaw(ctx, "SELECT COUNT(*) FROM note_text_signature WHERE note_id IN (?, ?)", first.ID, copied.ID).Scan(&stored); err != nil || stored != 2 {
			t.Fatalf("signatures stored at signing: %d (%v)", stored, err)
		}
		svc, err := db.ScrubClaim(ctx, e.f.Billing, copied.ID)
		if err != nil || !hasBillingBlock(svc.Blocks, rules.RuleClonedNarrative) {
			t.Fatalf("a 90%% copy is not blocked: %v %+v", err, svc.Blocks)
		}
		rf, _, err := db.NoteFindings(ctx, e.f.Supervisor, copied.ID)
		if f := findingOf(rf, rules.RuleClonedNarrative); err != nil || f == nil || f.Severity != rules.BlockBilling || f.Related != strconv.FormatInt(first.ID, 10) {
			t.Fatalf("findings: %v %+v", err, rf)
		}
		e.approve(t, copied.ID)
		if svc, err = db.ScrubClaim(ctx, e.f.Billing, copied.ID); err != nil || hasBillingBlock(svc.Blocks, rules.RuleClonedNarrative) {
			t.Fatalf("the supervisor's approval does not release it: %v %+v", err, svc.Blocks)
		}
	})
}

func findingOf(fs []rules.Finding, id string) *rules.Finding {
	for i := range fs {
		if fs[i].RuleID == id {
			return &fs[i]
		}
	}
	return nil
}

// TestServiceOutsideTheEnrolmentIsAFinding: signing refuses a service
// outside the participant's enrolment; when the enrolment changes after a
// signature (a corrected start, an imported record), the findings and the
// scrubber both say so and the service is not billed.
func TestServiceOutsideTheEnrolmentIsAFinding(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		n := e.billable(t, onMarch(9, 13))
		rf, _, err := db.NoteFindings(ctx, e.f.Supervisor, n.ID)
		if err != nil || hasRuleFinding(rf, rules.RuleEnrolment) {
			t.Fatalf("a service within the enrolment: %v %+v", err, rf)
		}
		if _, err := db.ExecRaw(ctx, "UPDATE enrollment SET start_date = ? WHERE participant_id = ? AND program_id = ?",
			goldthread.NewDate(2026, 3, 10), n.ParticipantID, n.ProgramID); err != nil {
			t.Fatal(err)
		}
		rf, _, err = db.NoteFindings(ctx, e.f.Supervisor, n.ID)
		if err != nil || !hasRuleFinding(rf, rules.RuleEnrolment) {
			t.Fatalf("findings of a service before the enrolment start: %v %+v", err, rf)
		}
		svc, err := db.ScrubClaim(ctx, e.f.Billing, n.ID)
		if err != nil || !hasBillingBlock(svc.Blocks, rules.RuleEnrolment) {
			t.Fatalf("billing of a service before the enrolment start: %v %+v", err, svc.Blocks)
		}
	})
}
