package goldthread

import (
	"fmt"
	"strings"
)

// Validate checks a draft plan and returns EINVALID naming the first field
// that is wrong (goals[0].participant_words and the like). It trims the
// goals' and interventions' text first, and a goal without a short summary
// takes the participant's words as its summary, so what is saved is what
// was checked.
func (p *Plan) Validate() error {
	switch {
	case p.ParticipantID == 0:
		return FieldError("participant_id", "Choose the participant the plan is for.")
	case p.ProgramID == 0:
		return FieldError("program_id", "Choose the program the plan belongs to.")
	case p.Effective.IsZero():
		return FieldError("effective_date", "Enter the date the plan takes effect, as YYYY-MM-DD.")
	case p.ReviewDue.IsZero():
		return FieldError("review_due", "Enter the date the plan is due for review, as YYYY-MM-DD.")
	case !p.ReviewDue.After(p.Effective.Time):
		return FieldError("review_due", "The review date must come after the effective date.")
	case len(p.Goals) == 0:
		return FieldError("goals", "Add at least one goal, in the participant's own words.")
	}
	for i := range p.Goals {
		g := &p.Goals[i]
		g.Words, g.Summary = strings.TrimSpace(g.Words), strings.TrimSpace(g.Summary)
		f := fmt.Sprintf("goals[%d].", i)
		if g.Words == "" {
			return FieldError(f+"participant_words", "Write goal %d in the participant's own words.", i+1)
		}
		if g.Summary == "" {
			g.Summary = g.Words
		}
		if len(g.Interventions) == 0 {
			return FieldError(f+"interventions", "Add at least one intervention the peer will use for goal %d.", i+1)
		}
		for j := range g.Interventions {
			in := &g.Interventions[j]
			in.Description = strings.TrimSpace(in.Description)
			if in.Description == "" {
				return FieldError(fmt.Sprintf("%sinterventions[%d].description", f, j), "Describe what the peer will do (intervention %d of goal %d).", j+1, i+1)
			}
		}
	}
	return nil
}
