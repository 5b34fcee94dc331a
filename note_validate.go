package goldthread

import (
	"slices"
	"strings"
)

// ValidateDraft checks what a draft a peer writes must already get right
// (the finished note is checked at signing): an individual service (the
// default) or a collateral contact, never a group note, which only a group
// session writes. Then it checks the fields every note shares (Validate).
func (in *NoteInput) ValidateDraft(knownCategory func(id string) bool) error {
	if in.Kind == "" {
		in.Kind = NoteIndividual
	}
	if in.Kind != NoteIndividual && in.Kind != NoteCollateral {
		return FieldError("kind", "Choose an individual service or a collateral contact; group notes come from a group session.")
	}
	return in.Validate(knownCategory)
}

// Validate checks the fields every note shares, whatever its kind, and
// returns EINVALID naming the form field. It trims the free text first, so
// a field of spaces counts as empty everywhere after. knownCategory
// answers whether a category is on the program's list (its rule pack); nil
// when there is no list to check against.
func (in *NoteInput) Validate(knownCategory func(id string) bool) error {
	for _, s := range []*string{&in.SingleEventReason, &in.PeerAction, &in.ParticipantResponse, &in.NextSteps,
		&in.OthersPresent, &in.NonBillableReason, &in.LateEntryReason, &in.Category} {
		*s = strings.TrimSpace(*s)
	}
	switch {
	case in.ParticipantID == 0:
		return FieldError("participant_id", "Choose the participant the note is for.")
	case in.ProgramID == 0:
		return FieldError("program_id", "Choose the program the service belongs to.")
	case in.ServiceDate.IsZero():
		return FieldError("service_date", "Enter the date of the service as YYYY-MM-DD.")
	case in.Location != "" && !slices.Contains(NoteLocations, in.Location):
		return FieldError("location", "Choose where the service took place from the list.")
	case in.Modality != "" && !slices.Contains(NoteModalities, in.Modality):
		return FieldError("modality", "Choose in person, video or phone.")
	case in.Category != "" && knownCategory != nil && !knownCategory(in.Category):
		return FieldError("category", "Choose a type of service from this program's list.")
	}
	type link struct{ goal, intervention int64 }
	seen := map[link]bool{}
	for _, g := range in.Goals {
		l := link{g.GoalID, g.InterventionID}
		if g.GoalID == 0 || seen[l] {
			return FieldError("goals", "Each goal link needs a goal of the plan, once.")
		}
		seen[l] = true
	}
	return nil
}
