package goldthread

import "time"

// GroupSession is one group service (a skills-building group, a coping
// skills circle): topic, facilitator, time, place and one shared description,
// with a roster. Signing it writes one signed note per attendee present, in
// that attendee's own record with their own response and goals; absentees
// get no note.
type GroupSession struct {
	ID                int64           `json:"id"`
	AgencyID          int64           `json:"agency_id"`
	ProgramID         int64           `json:"program_id"`
	FacilitatorID     int64           `json:"facilitator_id"`
	FacilitatorName   string          `json:"facilitator_name,omitempty"`
	CoFacilitators    string          `json:"co_facilitators,omitempty"` // by role, e.g. "peer intern"
	Topic             string          `json:"topic"`
	ServiceDate       Date            `json:"service_date"`
	Start             time.Time       `json:"start"`
	End               time.Time       `json:"end"`
	Location          string          `json:"location"`
	Modality          string          `json:"modality"`
	Category          string          `json:"category"`
	SharedDescription string          `json:"shared_description"`
	NextSteps         string          `json:"next_steps"` // shared by every attendee's note
	Status            string          `json:"status"`     // draft or signed
	Version           int             `json:"version"`    // changes at every save of a draft
	Attendees         []GroupAttendee `json:"attendees"`
	Signed            time.Time       `json:"signed_at,omitzero"`
	MaxSize           int             `json:"max_size,omitempty"`        // from the rule pack; 0 = no limit known
	MaxSizeSource     string          `json:"max_size_source,omitempty"` // where the limit comes from
}

// GroupAttendee is one person on a group's roster.
type GroupAttendee struct {
	ParticipantID int64      `json:"participant_id"`
	Name          string     `json:"name,omitempty"`
	Present       bool       `json:"present"`
	Response      string     `json:"response"` // their response, in their words where possible
	Goals         []NoteGoal `json:"goals"`
	NoteID        int64      `json:"note_id,omitempty"` // set once the session is signed
}

// PresentCount is the number of attendees present (the group's size for
// the payer's limit).
func (g GroupSession) PresentCount() int {
	n := 0
	for _, a := range g.Attendees {
		if a.Present {
			n++
		}
	}
	return n
}
