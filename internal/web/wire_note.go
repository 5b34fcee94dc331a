package web

import (
	"time"

	"github.com/goldthread/goldthread"
)

// noteWire is the API's JSON shape of a draft's content
// (goldthread.NoteInput). It has the root type's fields exactly, so a
// conversion moves it across and a field added to one and not the other
// fails to compile rather than vanish from the API.
type noteWire struct {
	ParticipantID       int64                 `json:"participant_id"`
	ProgramID           int64                 `json:"program_id"`
	Kind                string                `json:"kind"`
	Version             int                   `json:"version"`
	ServiceDate         goldthread.Date       `json:"service_date"`
	Start               time.Time             `json:"start,omitzero"`
	End                 time.Time             `json:"end,omitzero"`
	Location            string                `json:"location"`
	Modality            string                `json:"modality"`
	Category            string                `json:"category"`
	Goals               []goldthread.NoteGoal `json:"goals"`
	SingleEventReason   string                `json:"single_event_reason"`
	PeerAction          string                `json:"peer_action"`
	ParticipantResponse string                `json:"participant_response"`
	NextSteps           string                `json:"next_steps"`
	OthersPresent       string                `json:"others_present"`
	Billable            bool                  `json:"billable"`
	NonBillableReason   string                `json:"non_billable_reason"`
	Crisis              bool                  `json:"crisis"`
	LateEntryReason     string                `json:"late_entry_reason"`
}

// signNoteWire is the API's JSON shape of a signature on a note or a group
// session (goldthread.SignNoteInput).
type signNoteWire struct {
	Password        string `json:"password"`
	Attestation     string `json:"attestation"`
	Version         int    `json:"version"`
	LateEntryReason string `json:"late_entry_reason"`
	Grant           string `json:"grant,omitempty"`
}

// addendumWire is the API's JSON shape of a new addendum
// (goldthread.AddendumInput).
type addendumWire struct {
	Kind        string `json:"kind"`
	Body        string `json:"body"`
	Password    string `json:"password"`
	Attestation string `json:"attestation"`
}

// signFixWire is the API's JSON shape of one fix the signing page applies
// (goldthread.SignFix).
type signFixWire struct {
	Remedy            string    `json:"remedy"`
	Version           int       `json:"version"`
	Category          string    `json:"category,omitempty"`
	NonBillableReason string    `json:"non_billable_reason,omitempty"`
	Start             time.Time `json:"start,omitzero"`
	End               time.Time `json:"end,omitzero"`
}
