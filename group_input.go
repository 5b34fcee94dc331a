package goldthread

import "time"

// GroupSessionInput is what a facilitator enters about a group session.
// It carries no JSON names: the API's shape of it lives with the API
// (internal/web).
type GroupSessionInput struct {
	ProgramID         int64
	CoFacilitators    string
	Topic             string
	ServiceDate       Date
	Start             time.Time
	End               time.Time
	Location          string
	Modality          string
	Category          string
	SharedDescription string
	NextSteps         string
	// Version is the version an update started from (ECONFLICT when it is
	// not the current one; required by UpdateGroupSession).
	Version int
	// Attendees, when not nil, is the whole roster: each member's
	// attendance, response and goals; members left out are taken off.
	Attendees []GroupAttendee
}
