package goldthread

import "time"

// Plan statuses. A plan is drafted, then signed by everyone the program
// requires; a signed plan never changes. An update is a new version (a new
// draft copied from the old), and signing it supersedes the old version,
// which stays readable. Superseded is derived, never written back.
const (
	PlanDraft      = "draft"
	PlanSigned     = "signed"
	PlanSuperseded = "superseded"
)

// Plan is a person-centered plan: goals in the participant's own words and
// the interventions the peer will use toward them. Service notes link to the
// goals and interventions of the plan in force on the service date.
type Plan struct {
	ID            int64           `json:"id"`
	AgencyID      int64           `json:"agency_id"`
	ParticipantID int64           `json:"participant_id"`
	ProgramID     int64           `json:"program_id"`
	Version       int             `json:"version"`
	Status        string          `json:"status"`
	Effective     Date            `json:"effective_date"`
	ReviewDue     Date            `json:"review_due"`
	Goals         []Goal          `json:"goals"`
	Signatures    []PlanSignature `json:"signatures,omitempty"`
	CreatedBy     int64           `json:"created_by"`
	Created       time.Time       `json:"created_at"`
	Signed        time.Time       `json:"signed_at,omitzero"`
	ContentHash   string          `json:"content_hash,omitempty"` // SHA-256 of the signed content
}

// Goal is one goal of a plan. Words is the participant's own phrasing (the
// quote the plan keeps); Summary is the short peer-facing label shown on
// note chips.
type Goal struct {
	ID            int64          `json:"id"`
	PlanID        int64          `json:"plan_id"`
	Position      int            `json:"position"`
	Words         string         `json:"participant_words"`
	Summary       string         `json:"summary"`
	TargetDate    Date           `json:"target_date"`
	Interventions []Intervention `json:"interventions"`
}

// Intervention is what the peer will do toward a goal, how often and by
// whom. Notes pick interventions from the plan; NC 8G does not cover an
// intervention that is not in the plan.
type Intervention struct {
	ID          int64  `json:"id"`
	GoalID      int64  `json:"goal_id"`
	Description string `json:"description"`
	Frequency   string `json:"frequency"`
	Responsible string `json:"responsible"` // e.g. "peer specialist"
}

// Plan signer roles.
const (
	SignerParticipant = "participant"
	SignerPeer        = "peer"
	SignerClinician   = "clinician" // the licensed professional the program requires
)

// PlanSignature records one signature on a plan.
type PlanSignature struct {
	SignerRole string    `json:"signer_role"`
	UserID     int64     `json:"user_id,omitempty"` // empty for a participant signing on the peer's device
	Name       string    `json:"name"`
	Credential string    `json:"credential,omitempty"`
	Signed     time.Time `json:"signed_at"`
}
