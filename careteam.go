package goldthread

import "time"

// Care team member kinds.
const (
	CareStaff    = "staff"    // someone of the agency
	CareProvider = "provider" // an outside provider: a prescriber, a housing navigator…
	CareNatural  = "natural"  // a natural support: family, a friend, a sponsor
)

// CareTeamMember is one person around a participant. A natural support is
// recorded by relationship ("sister") and at most a first name or initial,
// never a full name: the product does not collect the names of family and
// friends.
type CareTeamMember struct {
	ID            int64     `json:"id"`
	ParticipantID int64     `json:"participant_id"`
	Kind          string    `json:"kind"`
	StaffID       int64     `json:"staff_id,omitempty"`
	Name          string    `json:"name,omitempty"` // staff or provider name; a natural support's first name or initial
	Role          string    `json:"role,omitempty"` // "prescriber", "housing navigator"…
	Organisation  string    `json:"organisation,omitempty"`
	Relationship  string    `json:"relationship,omitempty"` // natural supports: "sister", "friend"
	Phone         string    `json:"phone,omitempty"`
	Created       time.Time `json:"created_at"`
}
