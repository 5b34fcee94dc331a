package web

import (
	"time"

	"github.com/goldthread/goldthread"
)

// groupSessionWire is the API's JSON shape of a group session's details
// (goldthread.GroupSessionInput), field for field, so a conversion moves
// it across and the two cannot drift apart unnoticed.
type groupSessionWire struct {
	ProgramID         int64                      `json:"program_id"`
	CoFacilitators    string                     `json:"co_facilitators"`
	Topic             string                     `json:"topic"`
	ServiceDate       goldthread.Date            `json:"service_date"`
	Start             time.Time                  `json:"start"`
	End               time.Time                  `json:"end"`
	Location          string                     `json:"location"`
	Modality          string                     `json:"modality"`
	Category          string                     `json:"category"`
	SharedDescription string                     `json:"shared_description"`
	NextSteps         string                     `json:"next_steps"`
	Version           int                        `json:"version"`
	Attendees         []goldthread.GroupAttendee `json:"attendees"`
}
