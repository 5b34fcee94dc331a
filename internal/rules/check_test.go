package rules

import (
	"slices"
	"testing"
	"time"
)

// TestBaseInputIsClean: the fixture every scenario starts from passes
// every rule in every pack, so each scenario's finding is caused by its
// own mutation.
func TestBaseInputIsClean(t *testing.T) {
	for _, id := range allPacks {
		if fs := Check(baseInput(t, id)); len(fs) > 0 {
			t.Errorf("%s: base input has findings: %+v", id, fs)
		}
	}
}

type scenario struct {
	rule  string
	packs []string
	// fail must produce the rule; pass (nil = the base input) must not.
	fail, pass func(t *testing.T, in *Input)
	sev        Severity // expected severity when fail applies; "" = any
	once       bool     // the failing note gets the rule exactly once
}

// The rules, each with a failing and a passing note in every pack where
// it applies. Read as the list of what the engine checks.
var scenarios = []scenario{
	{rule: RulePackMissing, packs: allPacks,
		fail: func(t *testing.T, in *Input) { in.Pack = nil }, sev: BlockSigning},
	{rule: RulePackMissing, packs: []string{packNC},
		fail: func(t *testing.T, in *Input) { in.Note.PackID = packCA }, sev: BlockSigning},

	{rule: RuleRequiredElements, packs: allPacks,
		fail: func(t *testing.T, in *Input) { in.Note.ParticipantID = "" }, sev: BlockSigning},
	{rule: RuleRequiredElements, packs: []string{packNC},
		fail: func(t *testing.T, in *Input) { in.Note.ParticipantResponse = " " }},
	{rule: RuleRequiredElements, packs: []string{packNC},
		fail: func(t *testing.T, in *Input) { in.Note.GoalIDs, in.Note.InterventionIDs = nil, nil },
		pass: func(t *testing.T, in *Input) {
			in.Note.GoalIDs, in.Note.InterventionIDs, in.Note.SingleEventReason = nil, nil, "participant came in after an eviction notice"
		}},
	{rule: RuleRequiredElements, packs: []string{packCA},
		fail: func(t *testing.T, in *Input) { asGroup(in, 8); in.Note.ParticipantResponse = "" },
		pass: func(t *testing.T, in *Input) { asGroup(in, 8) }},
	{rule: RuleRequiredElements, packs: []string{packNY},
		pass: func(t *testing.T, in *Input) { in.Note.NextSteps = "" }},
	{rule: RuleRequiredElements, packs: []string{packCA},
		fail: func(t *testing.T, in *Input) { in.Note.NextSteps = "" }},
	{rule: RuleRequiredElements, packs: allPacks,
		fail: func(t *testing.T, in *Input) { in.Note.Start, in.Note.End = time.Time{}, time.Time{} }},

	{rule: RuleCategory, packs: allPacks,
		fail: func(t *testing.T, in *Input) { in.Note.Category = "bowling" }, sev: BlockSigning},

	{rule: RuleTimes, packs: allPacks,
		fail: func(t *testing.T, in *Input) { in.Note.End = in.Note.Start.Add(-10 * time.Minute) }, sev: BlockSigning},
	{rule: RuleFutureDate, packs: allPacks,
		fail: func(t *testing.T, in *Input) { shift(in, 48*time.Hour) }, sev: BlockSigning,
		pass: func(t *testing.T, in *Input) { in.Now = in.Note.End }},
	{rule: RuleDuration, packs: allPacks,
		fail: func(t *testing.T, in *Input) { in.Note.End = in.Note.Start.Add(7 * time.Hour) }, sev: Warn,
		pass: func(t *testing.T, in *Input) { in.Note.End = in.Note.Start.Add(3 * time.Hour) }},

	{rule: RuleServiceCode, packs: allPacks,
		fail: func(t *testing.T, in *Input) { in.Note.Group, in.Note.GroupSize = true, 5 }, sev: BlockBilling},
	{rule: RuleServiceCode, packs: []string{packNC, packCA},
		pass: func(t *testing.T, in *Input) { asGroup(in, 5) }},
	{rule: RuleZeroUnits, packs: allPacks,
		fail: func(t *testing.T, in *Input) { in.Note.End = in.Note.Start.Add(5 * time.Minute) }, sev: Warn,
		pass: func(t *testing.T, in *Input) { in.Note.End = in.Note.Start.Add(15 * time.Minute) }},

	{rule: RuleCollateral, packs: []string{packNC},
		fail: func(t *testing.T, in *Input) { in.Note.Collateral = true }, sev: BlockSigning,
		pass: func(t *testing.T, in *Input) {
			in.Note.Collateral, in.Note.Billable, in.Note.NonBillableReason = true, false, "collateral"
		}},
	{rule: RuleCollateral, packs: []string{packCA, packNY},
		pass: func(t *testing.T, in *Input) { in.Note.Collateral = true }},

	{rule: RuleNoncovered, packs: allPacks,
		fail: func(t *testing.T, in *Input) { in.Noncovered = []string{"drove him to the store"} }, sev: BlockBilling,
		pass: func(t *testing.T, in *Input) {
			in.Noncovered, in.Note.Billable, in.Note.NonBillableReason = []string{"drove him"}, false, "transportation"
		}},
	{rule: RuleNonbillableReason, packs: allPacks,
		fail: func(t *testing.T, in *Input) { in.Note.Billable = false }, sev: Warn,
		pass: func(t *testing.T, in *Input) {
			in.Note.Billable, in.Note.NonBillableReason = false, "missed visit follow-up"
		}},

	{rule: RuleModality, packs: []string{packNC},
		fail: func(t *testing.T, in *Input) { asGroup(in, 6); in.Note.Modality = Video }, sev: BlockBilling,
		pass: func(t *testing.T, in *Input) { in.Note.Modality = Video }},
	{rule: RuleModality, packs: []string{packCA},
		fail: func(t *testing.T, in *Input) { asGroup(in, 6); in.Note.Modality = AudioOnly },
		pass: func(t *testing.T, in *Input) { in.Note.Modality = AudioOnly }},
	{rule: RuleModality, packs: []string{packNY},
		fail: func(t *testing.T, in *Input) { in.Note.Modality = Video },
		pass: func(t *testing.T, in *Input) {
			mustOverride(t, in, "modalities.video.allowed", "true")
			in.Note.Modality = Video
		}},

	{rule: RuleGroupSize, packs: []string{packNC},
		fail: func(t *testing.T, in *Input) { asGroup(in, 13) }, sev: BlockSigning,
		pass: func(t *testing.T, in *Input) { asGroup(in, 12) }},
	{rule: RuleGroupSize, packs: []string{packCA},
		fail: func(t *testing.T, in *Input) { mustOverride(t, in, "group.max_size", "10"); asGroup(in, 11) },
		pass: func(t *testing.T, in *Input) { asGroup(in, 40) }},
	{rule: RuleGroupMinSize, packs: allPacks,
		fail: func(t *testing.T, in *Input) { asGroup(in, 1) }, sev: Warn,
		pass: func(t *testing.T, in *Input) { asGroup(in, 2) }},

	{rule: RulePlanMissing, packs: allPacks,
		fail: func(t *testing.T, in *Input) { in.Plan = nil }, sev: BlockBilling,
		pass: func(t *testing.T, in *Input) {
			in.Plan, in.Note.Billable, in.Note.NonBillableReason = nil, false, "no plan yet"
		}},
	{rule: RuleCrisisPlan, packs: []string{packNC},
		fail: func(t *testing.T, in *Input) { in.Plan.HasCrisisPlan = false }, sev: BlockBilling},
	{rule: RuleCrisisPlan, packs: []string{packCA, packNY},
		pass: func(t *testing.T, in *Input) { in.Plan.HasCrisisPlan = false }},
	{rule: RulePlanReview, packs: []string{packNC},
		fail: func(t *testing.T, in *Input) { in.Plan.ReviewedOn = time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC) }, sev: Warn,
		pass: func(t *testing.T, in *Input) { in.Plan.ReviewedOn = time.Date(2024, 3, 20, 0, 0, 0, 0, time.UTC) }},
	{rule: RulePlanReview, packs: []string{packCA, packNY},
		fail: func(t *testing.T, in *Input) {
			mustOverride(t, in, "plan.review_days", "90")
			in.Plan.ReviewedOn = time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)
		},
		pass: func(t *testing.T, in *Input) { in.Plan.ReviewedOn = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC) }},

	{rule: RuleGoalInPlan, packs: allPacks,
		fail: func(t *testing.T, in *Input) { in.Note.GoalIDs = []string{"goal-from-old-plan"} }, sev: BlockBilling},
	{rule: RuleGoalInPlan, packs: []string{packCA},
		fail: func(t *testing.T, in *Input) { in.Note.GoalIDs = nil },
		pass: func(t *testing.T, in *Input) { in.Note.GoalIDs, in.Note.SingleEventReason = nil, "eviction notice" }},
	{rule: RuleInterventionInPlan, packs: []string{packNC},
		fail: func(t *testing.T, in *Input) { in.Note.InterventionIDs = []string{"cooking-lesson"} }, sev: BlockBilling,
		pass: func(t *testing.T, in *Input) { in.Note.InterventionIDs = []string{"housing-resources"} }},
	{rule: RuleInterventionInPlan, packs: []string{packCA, packNY},
		fail: func(t *testing.T, in *Input) { in.Note.InterventionIDs = []string{"cooking-lesson"} }, sev: Warn},
	{rule: RuleSingleEvent, packs: allPacks,
		fail: func(t *testing.T, in *Input) {
			in.Note.GoalIDs, in.Note.InterventionIDs, in.Note.SingleEventReason = nil, nil, "came in after an eviction notice"
		}, sev: Info},

	{rule: RuleServiceOrder, packs: []string{packNC},
		fail: func(t *testing.T, in *Input) { in.ServiceOrderDate = serviceDay.AddDate(0, 0, 1) }, sev: BlockBilling,
		pass: func(t *testing.T, in *Input) { in.ServiceOrderDate = serviceDay.Add(16 * time.Hour) }},
	{rule: RuleServiceOrder, packs: []string{packNC},
		fail: func(t *testing.T, in *Input) { in.ServiceOrderDate = time.Time{} }},
	{rule: RuleServiceOrder, packs: []string{packCA, packNY},
		pass: func(t *testing.T, in *Input) { in.ServiceOrderDate = time.Time{} }},

	{rule: RuleAuthDates, packs: allPacks,
		fail: func(t *testing.T, in *Input) { in.Authorization.To = serviceDay.AddDate(0, 0, -1) }, sev: BlockBilling,
		pass: func(t *testing.T, in *Input) { in.Authorization.To = serviceDay }},
	{rule: RuleAuthUnits, packs: allPacks,
		fail: func(t *testing.T, in *Input) { in.Authorization.UnitsUsed = 98 }, sev: BlockBilling,
		pass: func(t *testing.T, in *Input) { in.Authorization.UnitsUsed = 97 }},
	{rule: RuleAuthMissing, packs: []string{packNC},
		fail: func(t *testing.T, in *Input) { in.Authorization, in.UnitsBilledThisYear = nil, 22 }, sev: BlockBilling,
		pass: func(t *testing.T, in *Input) { in.Authorization, in.UnitsBilledThisYear = nil, 21 }},
	{rule: RuleAuthMissing, packs: []string{packNC},
		fail: func(t *testing.T, in *Input) {
			mustOverride(t, in, "caps.unmanaged_per_year", "0")
			in.Authorization = nil
		}},
	{rule: RuleAuthMissing, packs: []string{packCA, packNY},
		pass: func(t *testing.T, in *Input) { in.Authorization = nil }},

	{rule: RuleCapDay, packs: allPacks,
		fail: func(t *testing.T, in *Input) { mustOverride(t, in, "caps.per_day", "4"); in.UnitsBilledToday = 2 }, sev: BlockBilling,
		pass: func(t *testing.T, in *Input) { mustOverride(t, in, "caps.per_day", "4"); in.UnitsBilledToday = 1 }},
	{rule: RuleCapYear, packs: allPacks,
		fail: func(t *testing.T, in *Input) {
			mustOverride(t, in, "caps.per_year", "100")
			in.UnitsBilledThisYear = 98
		}, sev: BlockBilling,
		pass: func(t *testing.T, in *Input) {
			mustOverride(t, in, "caps.per_year", "100")
			in.UnitsBilledThisYear = 97
		}},

	{rule: RuleCredentialType, packs: []string{packNC},
		fail: func(t *testing.T, in *Input) { in.Credentials[0].Type = "CMPSS" }, sev: BlockBilling},
	{rule: RuleCredentialType, packs: []string{packCA},
		fail: func(t *testing.T, in *Input) { in.Credentials[0].Type = "CPSS" }},
	{rule: RuleCredentialType, packs: []string{packCA},
		fail: func(t *testing.T, in *Input) { in.Credentials = nil }},
	{rule: RuleCredentialType, packs: []string{packNY},
		fail: func(t *testing.T, in *Input) { in.Note.Category = "family_peer_support" },
		pass: func(t *testing.T, in *Input) { in.Note.Category, in.Credentials[0].Type = "family_peer_support", "FPA" }},
	{rule: RuleCredentialValid, packs: allPacks,
		fail: func(t *testing.T, in *Input) { in.Credentials[0].Issued = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC) }, sev: BlockBilling,
		pass: func(t *testing.T, in *Input) { in.Credentials[0].Issued = time.Date(2023, 3, 12, 0, 0, 0, 0, time.UTC) }},
	{rule: RuleCredentialValid, packs: allPacks,
		fail: func(t *testing.T, in *Input) { in.Credentials[0].Expires = serviceDay.AddDate(0, 0, -1) },
		pass: func(t *testing.T, in *Input) { in.Credentials[0].Expires = serviceDay }},
	{rule: RuleCredentialExpiring, packs: allPacks,
		fail: func(t *testing.T, in *Input) { in.Credentials[0].Expires = in.Now.AddDate(0, 0, 10) }, sev: Info,
		pass: func(t *testing.T, in *Input) { in.Credentials[0].Expires = in.Now.AddDate(0, 0, 40) }},

	{rule: RuleEnrolment, packs: allPacks,
		fail: func(t *testing.T, in *Input) { in.Enrolments = []Span{{From: serviceDay.AddDate(0, 0, 1)}} }, sev: BlockBilling, once: true,
		pass: func(t *testing.T, in *Input) { in.Enrolments = []Span{{From: serviceDay}} }},
	{rule: RuleEnrolment, packs: allPacks,
		fail: func(t *testing.T, in *Input) {
			in.Enrolments = []Span{{From: serviceDay.AddDate(-1, 0, 0), To: serviceDay.AddDate(0, 0, -1)}, {From: serviceDay.AddDate(0, 1, 0)}}
		}, sev: BlockBilling,
		pass: func(t *testing.T, in *Input) {
			in.Enrolments = []Span{{From: serviceDay.AddDate(-1, 0, 0), To: serviceDay}, {From: serviceDay.AddDate(0, 1, 0)}}
		}},
	{rule: RuleEnrolment, packs: []string{packNC},
		fail: func(t *testing.T, in *Input) { in.Enrolments = []Span{} }, sev: BlockBilling},

	{rule: RulePlanSignedAfter, packs: allPacks,
		fail: func(t *testing.T, in *Input) { in.Plan.SignedOn = serviceDay.AddDate(0, 0, 1) }, sev: BlockBilling,
		pass: func(t *testing.T, in *Input) { in.Plan.SignedOn = serviceDay.Add(23 * time.Hour) }},

	{rule: RuleSupervisorApproval, packs: allPacks,
		fail: func(t *testing.T, in *Input) { in.SupervisorApproved = false }, sev: BlockBilling},
	{rule: RuleCaseload, packs: []string{packNC},
		fail: func(t *testing.T, in *Input) { in.AuthorCaseload = 13 }, sev: Warn,
		pass: func(t *testing.T, in *Input) { in.AuthorCaseload = 12 }},
	{rule: RuleCaseload, packs: []string{packNC},
		pass: func(t *testing.T, in *Input) {
			mustOverride(t, in, "caseload.max_participants_per_peer", "15")
			in.AuthorCaseload = 15
		}},

	{rule: RuleLate, packs: allPacks,
		fail: func(t *testing.T, in *Input) { in.Now = in.Note.End.AddDate(0, 0, 6) }, sev: BlockBilling,
		pass: func(t *testing.T, in *Input) { in.Now = in.Note.End.Add(47 * time.Hour) }},
	{rule: RuleLate, packs: allPacks,
		fail: func(t *testing.T, in *Input) { in.Note.Crisis, in.Now = true, in.Note.End.Add(25*time.Hour) },
		pass: func(t *testing.T, in *Input) { in.Note.Crisis, in.Now = true, in.Note.End.Add(23*time.Hour) }},
	{rule: RuleLate, packs: []string{packNY},
		fail: func(t *testing.T, in *Input) {
			mustOverride(t, in, "timeliness.late_entry_allowed", "false")
			in.Now, in.Note.LateEntryReason = in.Note.End.AddDate(0, 0, 6), "was out sick"
		}},
	{rule: RuleLateEntry, packs: allPacks,
		fail: func(t *testing.T, in *Input) {
			in.Now, in.Note.LateEntryReason = in.Note.End.AddDate(0, 0, 6), "was out sick"
		}, sev: Info},

	{rule: RuleOverlapAuthor, packs: allPacks,
		fail: func(t *testing.T, in *Input) {
			addHistory(in, HistoryNote{ID: "n-2", AuthorID: "dana", ParticipantID: "kim", Start: serviceStart.Add(30 * time.Minute), End: serviceEnd.Add(30 * time.Minute), Billable: true, Narrative: "x"})
		}, sev: BlockSigning,
		pass: func(t *testing.T, in *Input) {
			addHistory(in, HistoryNote{ID: "n-2", AuthorID: "dana", ParticipantID: "kim", Start: serviceEnd, End: serviceEnd.Add(30 * time.Minute), Billable: true, Narrative: "x"})
		}},
	// The author's own group session counts too: Dana cannot see Marcus
	// alone while she runs a group.
	{rule: RuleOverlapAuthor, packs: allPacks,
		fail: func(t *testing.T, in *Input) {
			for _, p := range []string{"kim", "lee", "max"} {
				addHistory(in, HistoryNote{ID: "n-" + p, AuthorID: "dana", ParticipantID: p, Start: serviceStart.Add(-30 * time.Minute), End: serviceStart.Add(30 * time.Minute),
					Group: true, GroupSession: "g-1", Billable: true, Narrative: "x"})
			}
		}, sev: BlockSigning, once: true},
	// A non-billable note that overlaps is worth a look, not a refusal.
	{rule: RuleOverlapAuthor, packs: allPacks,
		fail: func(t *testing.T, in *Input) {
			in.Note.Billable, in.Note.NonBillableReason = false, "ride home after the visit"
			addHistory(in, HistoryNote{ID: "n-2", AuthorID: "dana", ParticipantID: "kim", Start: serviceStart, End: serviceEnd, Billable: true, Narrative: "x"})
		}, sev: Warn},
	// The notes of one group session share their times: no overlap.
	{rule: RuleOverlapAuthor, packs: []string{packNC, packCA},
		pass: func(t *testing.T, in *Input) {
			asGroup(in, 5)
			in.Note.GroupSession = "g-1"
			addHistory(in, HistoryNote{ID: "n-2", AuthorID: "dana", ParticipantID: "kim", Start: serviceStart, End: serviceEnd, Group: true, GroupSession: "g-1", Billable: true, Narrative: "x"})
		}},
	{rule: RuleOverlapParticipant, packs: allPacks,
		fail: func(t *testing.T, in *Input) {
			addHistory(in, HistoryNote{ID: "n-3", AuthorID: "luis", ParticipantID: "marcus", Start: serviceStart.Add(-10 * time.Minute), End: serviceStart.Add(5 * time.Minute), Billable: true, Narrative: "y"})
		}, sev: BlockBilling,
		pass: func(t *testing.T, in *Input) {
			addHistory(in, HistoryNote{ID: "n-3", AuthorID: "luis", ParticipantID: "marcus", Start: serviceStart.Add(-10 * time.Minute), End: serviceStart.Add(5 * time.Minute), Billable: false, Narrative: "y"})
		}},
	{rule: RuleClonedNarrative, packs: allPacks,
		fail: func(t *testing.T, in *Input) {
			addHistory(in, HistoryNote{ID: "n-4", AuthorID: "dana", ParticipantID: "kim", Start: serviceStart.AddDate(0, 0, -7), End: serviceEnd.AddDate(0, 0, -7), Billable: true, Narrative: Narrative(in.Note)})
		}, sev: Warn,
		pass: func(t *testing.T, in *Input) {
			addHistory(in, HistoryNote{ID: "n-4", AuthorID: "dana", ParticipantID: "kim", Start: serviceStart.AddDate(0, 0, -7), End: serviceEnd.AddDate(0, 0, -7), Billable: true,
				Narrative: "Kim chose the bus route to the food bank and we rode it together once; she wants to try it alone next week."})
		}},
	{rule: RuleClonedNarrative, packs: allPacks,
		fail: func(t *testing.T, in *Input) {
			in.SupervisorApproved = false
			addHistory(in, HistoryNote{ID: "n-4", AuthorID: "dana", ParticipantID: "kim", Start: serviceStart.AddDate(0, 0, -7), End: serviceEnd.AddDate(0, 0, -7), Billable: true, Narrative: Narrative(in.Note)})
		}, sev: BlockBilling},
}

func shift(in *Input, d time.Duration) {
	in.Note.ServiceDate = in.Note.ServiceDate.Add(d)
	in.Note.Start = in.Note.Start.Add(d)
	in.Note.End = in.Note.End.Add(d)
}

func TestRules(t *testing.T) {
	for _, sc := range scenarios {
		for _, id := range sc.packs {
			t.Run(sc.rule+"/"+id, func(t *testing.T) {
				pass := baseInput(t, id)
				if sc.pass != nil {
					sc.pass(t, &pass)
				}
				if f, ok := has(Check(pass), sc.rule); ok {
					t.Errorf("passing note got %s: %s", sc.rule, f.Message)
				}
				if sc.fail == nil {
					return
				}
				fail := baseInput(t, id)
				sc.fail(t, &fail)
				fs := Check(fail)
				f, ok := has(fs, sc.rule)
				if !ok {
					t.Fatalf("failing note did not get %s; got %+v", sc.rule, fs)
				}
				if sc.sev != "" && f.Severity != sc.sev {
					t.Errorf("severity = %s, want %s", f.Severity, sc.sev)
				}
				if n := len(slices.DeleteFunc(slices.Clone(fs), func(f Finding) bool { return f.RuleID != sc.rule })); sc.once && n != 1 {
					t.Errorf("the failing note got %s %d times; want once", sc.rule, n)
				}
				assertWellFormed(t, fs)
			})
		}
	}
}

// assertWellFormed: every finding tells the user what, how to fix, who
// acts, and where the rule comes from; the list is in the stable order.
func assertWellFormed(t *testing.T, fs []Finding) {
	t.Helper()
	for _, f := range fs {
		if f.Message == "" || f.Fix == "" || f.WhoActs == "" || f.Source == "" || f.Status == "" {
			t.Errorf("incomplete finding %+v", f)
		}
		if !slices.Contains([]Severity{Info, Warn, BlockSigning, BlockBilling}, f.Severity) {
			t.Errorf("bad severity %q", f.Severity)
		}
	}
	if !slices.IsSortedFunc(fs, func(a, b Finding) int {
		if a.Severity.rank() != b.Severity.rank() {
			return a.Severity.rank() - b.Severity.rank()
		}
		switch {
		case a.RuleID < b.RuleID:
			return -1
		case a.RuleID > b.RuleID:
			return 1
		}
		return 0
	}) {
		t.Errorf("findings not ordered: %+v", fs)
	}
}
