package goldthread_test

import (
	"testing"

	"github.com/goldthread/goldthread"
)

func validNote() goldthread.NoteInput {
	return goldthread.NoteInput{ParticipantID: 1, ProgramID: 2, Kind: goldthread.NoteIndividual,
		ServiceDate: goldthread.NewDate(2026, 3, 10), Location: "home", Modality: "in_person", Category: "coaching",
		Goals:      []goldthread.NoteGoal{{GoalID: 7, InterventionID: 8}, {GoalID: 7, InterventionID: 9}},
		PeerAction: "We practiced the call.", ParticipantResponse: "He made it.", NextSteps: "Friday."}
}

// coaching is the program's list of categories in these cases.
func coaching(id string) bool { return id == "coaching" }

func TestNoteInputValidateDraft(t *testing.T) {
	validate := func(in *goldthread.NoteInput) error { return in.ValidateDraft(coaching) }
	checkRules(t, validNote, validate, []ruleCase[goldthread.NoteInput]{
		{"a peer writes no group note", func(in *goldthread.NoteInput) { in.Kind = goldthread.NoteGroup }, "kind", "individual service or a collateral contact"},
		{"an unknown kind", func(in *goldthread.NoteInput) { in.Kind = "phone_call" }, "kind", "individual service or a collateral contact"},
		{"a participant", func(in *goldthread.NoteInput) { in.ParticipantID = 0 }, "participant_id", "Choose the participant"},
		{"a program", func(in *goldthread.NoteInput) { in.ProgramID = 0 }, "program_id", "Choose the program"},
		{"a service date", func(in *goldthread.NoteInput) { in.ServiceDate = goldthread.Date{} }, "service_date", "YYYY-MM-DD"},
		{"a location from the list", func(in *goldthread.NoteInput) { in.Location = "moon" }, "location", "from the list"},
		{"a modality from the list", func(in *goldthread.NoteInput) { in.Modality = "telepathy" }, "modality", "in person, video or phone"},
		{"a category of the program", func(in *goldthread.NoteInput) { in.Category = "yoga" }, "category", "from this program's list"},
		{"a goal link names a goal", func(in *goldthread.NoteInput) { in.Goals[0].GoalID = 0 }, "goals", "needs a goal of the plan"},
		{"a goal link once", func(in *goldthread.NoteInput) { in.Goals[1] = in.Goals[0] }, "goals", "once"},
	})
}

// TestNoteInputValidateFills: a draft without a kind is an individual
// service, the free text is saved trimmed, a program without a category
// list takes any category, and a group session's attendee notes (Validate)
// pass with their group kind.
func TestNoteInputValidateFills(t *testing.T) {
	in := validNote()
	in.Kind, in.PeerAction, in.Category = "", "  We walked.\n", " coaching "
	if err := in.ValidateDraft(coaching); err != nil {
		t.Fatal(err)
	}
	if in.Kind != goldthread.NoteIndividual || in.PeerAction != "We walked." || in.Category != "coaching" {
		t.Errorf("kind %q, peer action %q, category %q", in.Kind, in.PeerAction, in.Category)
	}
	in.Category = "anything"
	if err := in.ValidateDraft(nil); err != nil {
		t.Errorf("without a category list: %v", err)
	}
	in.Kind = goldthread.NoteGroup
	if err := in.Validate(coaching); err == nil || goldthread.ErrorField(err) != "category" {
		t.Errorf("group note with an unknown category: %v", err)
	}
	in.Category = "coaching"
	if err := in.Validate(coaching); err != nil {
		t.Errorf("group note: %v", err)
	}
}
