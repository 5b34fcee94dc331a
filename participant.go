package goldthread

import (
	"strings"
	"time"
)

// Participant is a person receiving peer support. Screens say
// "participant", never "patient".
type Participant struct {
	ID            int64                `json:"id"`
	AgencyID      int64                `json:"agency_id"`
	FirstName     string               `json:"first_name"`
	LastName      string               `json:"last_name"`
	PreferredName string               `json:"preferred_name,omitempty"`
	Pronouns      string               `json:"pronouns,omitempty"`
	BirthDate     Date                 `json:"birth_date"`
	Gender        string               `json:"gender"` // administrative sex for claims: F, M or U
	MedicaidID    string               `json:"medicaid_id"`
	Phone         string               `json:"phone,omitempty"`
	Email         string               `json:"email,omitempty"`
	Address       Address              `json:"address"`
	Language      string               `json:"language,omitempty"`
	Status        string               `json:"status"` // active or discharged
	Enrollments   []Enrollment         `json:"enrollments,omitempty"`
	AssignedPeers []CaseloadAssignment `json:"assigned_peers,omitempty"`
	Created       time.Time            `json:"created_at"`
	// Part2: the participant has (or had) an enrolment in a 42 CFR Part 2
	// program, so their record may not be redisclosed without a Part 2
	// consent. Computed on read, never stored.
	Part2 bool `json:"part2"`
}

// Participant statuses.
const (
	ParticipantActive     = "active"
	ParticipantDischarged = "discharged"
)

// DisplayName is the name screens show: the preferred first name if any.
func (p Participant) DisplayName() string {
	first := p.FirstName
	if p.PreferredName != "" {
		first = p.PreferredName
	}
	return strings.TrimSpace(first + " " + p.LastName)
}

// Enrollment places a participant in a program for a period.
type Enrollment struct {
	ID          int64  `json:"id"`
	ProgramID   int64  `json:"program_id"`
	ProgramName string `json:"program_name"`
	RulePack    string `json:"rule_pack"`
	Start       Date   `json:"start_date"`
	End         Date   `json:"end_date,omitempty"`
	EndReason   string `json:"end_reason,omitempty"`
}

// Current reports whether the enrolment is open on day: started on or
// before it and not ended by then (the end date is the last day served).
func (e Enrollment) Current(day Date) bool {
	return !e.Start.After(day.Time) && (e.End.IsZero() || !e.End.Before(day.Time))
}

// CaseloadAssignment puts a participant on a peer specialist's caseload.
type CaseloadAssignment struct {
	PeerID   int64  `json:"peer_id"`
	PeerName string `json:"peer_name"`
	Start    Date   `json:"start_date"`
	End      Date   `json:"end_date,omitempty"`
}

// ParticipantFilter narrows a participant list. Scope (who may see whom) is
// never a filter: the store applies it from the actor.
type ParticipantFilter struct {
	Query     string // matches first, last or preferred name, or Medicaid ID
	ProgramID int64
	Status    string
	Limit     int
	Offset    int
}
