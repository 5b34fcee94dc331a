package web

import (
	"time"

	"github.com/goldthread/goldthread"
)

// credentialWire is the API's JSON shape of a new credential
// (goldthread.CredentialInput). It has the root type's fields exactly, so
// a conversion moves it across and a field added to one and not the other
// fails to compile rather than vanish from the API.
type credentialWire struct {
	Type     string          `json:"type"`
	Number   string          `json:"number"`
	Issuer   string          `json:"issuer"`
	Issued   goldthread.Date `json:"issued_on"`
	Expires  goldthread.Date `json:"expires_on"`
	Evidence string          `json:"evidence"`
}

// supervisionWire is the API's JSON shape of a supervision session to log
// (goldthread.SupervisionInput).
type supervisionWire struct {
	SupervisorID  int64           `json:"supervisor_id"`
	PeerIDs       []int64         `json:"peer_ids"`
	Kind          string          `json:"kind"`
	Held          goldthread.Date `json:"held_on"`
	Minutes       int             `json:"minutes"`
	Topics        string          `json:"topics"`
	NotesReviewed string          `json:"notes_reviewed"`
	FollowUps     string          `json:"follow_ups"`
}

// visitWire is the API's JSON shape of a visit to plan
// (goldthread.VisitInput).
type visitWire struct {
	ParticipantID int64     `json:"participant_id"`
	Start         time.Time `json:"start"`
	Minutes       int       `json:"minutes"`
	Purpose       string    `json:"purpose"`
	FromNoteID    int64     `json:"from_note_id,omitempty"`
}

// recoveryCapitalWire is the API's JSON shape of a BARC-10
// (goldthread.RecoveryCapitalInput); the participant comes from the path.
type recoveryCapitalWire struct {
	ParticipantID int64                     `json:"participant_id"`
	Occasion      string                    `json:"occasion"`
	TakenOn       goldthread.Date           `json:"taken_on"`
	Answers       [goldthread.BARCItems]int `json:"answers"`
}
