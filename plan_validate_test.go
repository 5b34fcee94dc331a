package goldthread_test

import (
	"testing"

	"github.com/goldthread/goldthread"
)

func validPlan() goldthread.Plan {
	return goldthread.Plan{ParticipantID: 1, ProgramID: 2, Effective: goldthread.NewDate(2026, 3, 1),
		ReviewDue: goldthread.NewDate(2026, 5, 30), Goals: []goldthread.Goal{{Words: "Keep my apartment",
			Interventions: []goldthread.Intervention{{Description: "Practice calls to the landlord"}}}}}
}

func TestPlanValidate(t *testing.T) {
	checkRules(t, validPlan, (*goldthread.Plan).Validate, []ruleCase[goldthread.Plan]{
		{"a participant", func(p *goldthread.Plan) { p.ParticipantID = 0 }, "participant_id", "Choose the participant"},
		{"a program", func(p *goldthread.Plan) { p.ProgramID = 0 }, "program_id", "Choose the program"},
		{"an effective date", func(p *goldthread.Plan) { p.Effective = goldthread.Date{} }, "effective_date", "takes effect, as YYYY-MM-DD"},
		{"a review date", func(p *goldthread.Plan) { p.ReviewDue = goldthread.Date{} }, "review_due", "due for review, as YYYY-MM-DD"},
		{"review after the effective date", func(p *goldthread.Plan) { p.ReviewDue = p.Effective }, "review_due", "must come after the effective date"},
		{"a goal", func(p *goldthread.Plan) { p.Goals = nil }, "goals", "Add at least one goal"},
		{"a goal in the participant's words", func(p *goldthread.Plan) { p.Goals[0].Words = "  " }, "goals[0].participant_words", "Write goal 1 in the participant's own words"},
		{"an intervention per goal", func(p *goldthread.Plan) { p.Goals[0].Interventions = nil }, "goals[0].interventions", "Add at least one intervention"},
		{"an intervention says what the peer does", func(p *goldthread.Plan) { p.Goals[0].Interventions[0].Description = "\t" },
			"goals[0].interventions[0].description", "Describe what the peer will do (intervention 1 of goal 1)"},
	})
}

// TestPlanValidateFills: what is saved is what was checked, trimmed, and a
// goal without a summary shows the participant's words on note chips.
func TestPlanValidateFills(t *testing.T) {
	p := validPlan()
	p.Goals[0].Words, p.Goals[0].Interventions[0].Description = " Keep my apartment ", " Calls "
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	g := p.Goals[0]
	if g.Words != "Keep my apartment" || g.Summary != g.Words || g.Interventions[0].Description != "Calls" {
		t.Errorf("goal after Validate: %+v", g)
	}
}
