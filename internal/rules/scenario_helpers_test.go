package rules

import (
	"sync"
	"testing"
	"time"
)

const (
	packNC = "us-nc-medicaid-8g-pss"
	packCA = "us-ca-medi-cal-peer-support"
	packNY = "us-ny-omh-mhotrs-pss"
)

var allPacks = []string{packNC, packCA, packNY}

var (
	catalogOnce sync.Once
	catalog     *Catalog
	catalogErr  error
)

// mustCatalog loads the embedded packs once per test binary.
func mustCatalog(tb testing.TB) *Catalog {
	tb.Helper()
	catalogOnce.Do(func() { catalog, catalogErr = Load() })
	if catalogErr != nil {
		tb.Fatalf("Load: %v", catalogErr)
	}
	return catalog
}

func mustPack(tb testing.TB, id string) *Pack {
	tb.Helper()
	p, err := mustCatalog(tb).Pack(id)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// mustOverride replaces in.Pack with a copy carrying one agency override.
func mustOverride(tb testing.TB, in *Input, path, value string) {
	tb.Helper()
	p, err := in.Pack.WithOverrides([]Override{{Path: path, Value: value, By: "admin-1", Reason: "test"}})
	if err != nil {
		tb.Fatalf("override %s=%s: %v", path, value, err)
	}
	in.Pack = p
}

// Wednesday 12 March 2025, 10:00-10:45 (45 minutes, 3 units under every pack).
var (
	serviceDay   = time.Date(2025, 3, 12, 0, 0, 0, 0, time.UTC)
	serviceStart = time.Date(2025, 3, 12, 10, 0, 0, 0, time.UTC)
	serviceEnd   = serviceStart.Add(45 * time.Minute)
)

// baseInput is a clean, billable, individual in-person note under pack id
// that passes every rule. Scenario mutators break one thing at a time.
func baseInput(tb testing.TB, id string) Input {
	tb.Helper()
	p := mustPack(tb, id)
	byPack := map[string]struct{ category, credential string }{
		packNC: {"peer_mentoring_coaching", "CPSS"},
		packCA: {"engagement", "CMPSS"},
		packNY: {"adult_peer_support", "NYCPS"},
	}
	category, credential := byPack[id].category, byPack[id].credential
	return Input{
		Pack: p,
		Note: Note{
			ID: "note-1", ParticipantID: "marcus", AuthorID: "dana", PackID: id,
			ServiceDate: serviceDay, Start: serviceStart, End: serviceEnd,
			Location: Home, Modality: InPerson, Category: category,
			GoalIDs: []string{"goal-apartment"}, InterventionIDs: []string{"practice-landlord-calls"},
			PeerAction:          "Practiced a phone call to a landlord with Marcus using the script he wrote last week, then he made the call himself.",
			ParticipantResponse: `Marcus said "I did the call myself this time" and booked a viewing for Friday.`,
			NextSteps:           "Visit the apartment together on Friday; Marcus will bring his pay stubs.",
			Billable:            true,
		},
		Plan: &Plan{
			ID: "plan-1", HasCrisisPlan: true, ReviewedOn: time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC),
			Goals: []PlanGoal{
				{ID: "goal-apartment", InterventionIDs: []string{"practice-landlord-calls", "housing-resources"}},
				{ID: "goal-friends", InterventionIDs: []string{"community-groups"}},
			},
		},
		ServiceOrderDate: time.Date(2025, 1, 5, 0, 0, 0, 0, time.UTC),
		Authorization: &Authorization{ID: "auth-7", From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
			To: time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC), UnitsAuthorized: 100, UnitsUsed: 10},
		Credentials:         []HeldCredential{{Type: credential, Issued: time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC)}},
		SupervisorApproved:  true,
		UnitsBilledToday:    0,
		UnitsBilledThisYear: 6,
		AuthorCaseload:      9,
		History:             NewHistory(unrelatedHistory()),
		Now:                 serviceEnd.Add(2 * time.Hour),
	}
}

// unrelatedHistory is other peers' notes about other participants.
func unrelatedHistory() []HistoryNote {
	return []HistoryNote{
		{ID: "other-1", AuthorID: "luis", ParticipantID: "ana", Start: serviceStart, End: serviceEnd, Billable: true,
			Narrative: "Walked with Ana to the library to sign up for the computer class she chose for her job search."},
		{ID: "other-2", AuthorID: "sam", ParticipantID: "jo", Start: serviceStart.Add(-24 * time.Hour), End: serviceEnd.Add(-24 * time.Hour), Billable: true,
			Narrative: "Jo led the check-in at the wellness group and shared her plan for the weekend with two friends."},
	}
}

// addHistory indexes one more note in the input's history.
func addHistory(in *Input, n HistoryNote) { in.History.Add(n) }

// asGroup turns the note into a group note of size n under a group category.
func asGroup(in *Input, n int) {
	in.Note.Group, in.Note.GroupSize = true, n
	in.Note.Category = map[string]string{packNC: "skills_building_recovery_group", packCA: "educational_skill_building_group", packNY: "adult_peer_support"}[in.Pack.ID]
}

func has(fs []Finding, rule string) (Finding, bool) {
	for _, f := range fs {
		if f.RuleID == rule {
			return f, true
		}
	}
	return Finding{}, false
}
