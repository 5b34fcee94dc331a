package goldthread

import "time"

// NoteInput is what a peer writes on a draft. Version, on update, is the
// version the edit started from. It carries no JSON names: the API's shape
// of it lives with the API (internal/web).
type NoteInput struct {
	ParticipantID       int64
	ProgramID           int64
	Kind                string
	Version             int
	ServiceDate         Date
	Start               time.Time
	End                 time.Time
	Location            string
	Modality            string
	Category            string
	Goals               []NoteGoal
	SingleEventReason   string
	PeerAction          string
	ParticipantResponse string
	NextSteps           string
	OthersPresent       string
	Billable            bool
	NonBillableReason   string
	Crisis              bool
	LateEntryReason     string
}
