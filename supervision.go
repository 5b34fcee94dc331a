package goldthread

import "time"

// Supervision session kinds.
const (
	SupervisionIndividual = "individual" // one peer
	SupervisionGroup      = "group"      // two or more peers
)

// Workforce settings an administrator may set for the agency. A setting
// overrides the rule pack (or, where no pack says, the Goldthread default)
// and is audited as a setting change.
const (
	// SettingSupervisionDays is the most days between two supervision
	// sessions of a peer when no rule pack gives a frequency.
	SettingSupervisionDays = "supervision.frequency_days"
	// SettingCaseloadPrefix + a rule pack id overrides that pack's caseload
	// ratio (participants per peer specialist).
	SettingCaseloadPrefix = "caseload.max_per_peer."
)

// DefaultSupervisionDays is the supervision frequency used when neither a
// rule pack nor the agency sets one: monthly.
const DefaultSupervisionDays = 30

// SupervisionSession is one supervision meeting between a supervisor and
// one peer (individual) or several (group). NotesReviewed names the notes
// discussed, as free text for now.
type SupervisionSession struct {
	ID             int64      `json:"id"`
	SupervisorID   int64      `json:"supervisor_id"`
	SupervisorName string     `json:"supervisor_name,omitempty"`
	Kind           string     `json:"kind"`
	Held           Date       `json:"held_on"`
	Minutes        int        `json:"minutes"`
	Topics         string     `json:"topics"`
	NotesReviewed  string     `json:"notes_reviewed,omitempty"`
	FollowUps      string     `json:"follow_ups,omitempty"`
	Peers          []StaffRef `json:"peers"`
	Created        time.Time  `json:"created_at"`
}

// StaffRef names a staff member.
type StaffRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// WorkforceRule is a workforce value (a caseload ratio, a supervision
// frequency) with where it comes from, so screens can say "12 (confirmed,
// S1); another source says 15". Value 0 means no limit is configured.
type WorkforceRule struct {
	Value        int                `json:"value"`
	Status       string             `json:"status"` // confirmed, secondary, unconfirmed, agency_override or default
	Source       string             `json:"source"`
	Note         string             `json:"note,omitempty"`
	Pack         string             `json:"rule_pack,omitempty"`
	Alternatives []WorkforceRuleAlt `json:"alternatives,omitempty"`
	// Override is set when an agency setting replaced the pack's value.
	Override *SettingChange `json:"override,omitempty"`
	// PackValue is the rule pack's own value when overridden.
	PackValue int `json:"pack_value,omitempty"`
}

// WorkforceRuleAlt is a value another source gives for the same rule.
type WorkforceRuleAlt struct {
	Value  int    `json:"value"`
	Status string `json:"status"`
	Source string `json:"source"`
}

// SettingChange is an agency setting as it was last set.
type SettingChange struct {
	Name   string    `json:"name"`
	Value  string    `json:"value"`
	Reason string    `json:"reason,omitempty"`
	SetBy  string    `json:"set_by,omitempty"`
	SetAt  time.Time `json:"set_at"`
}

// TeamMember is one peer as their supervisor (or an administrator) sees
// them: caseload against the limit, credential status and supervision.
type TeamMember struct {
	Staff          Staff           `json:"staff"`
	Supervisors    []StaffRef      `json:"supervisors,omitempty"`
	Caseload       int             `json:"caseload"`
	Limit          WorkforceRule   `json:"caseload_limit"`
	OverLimit      bool            `json:"over_limit"`
	Credential     CredentialCheck `json:"credential"`
	DaysToExpiry   int             `json:"days_to_expiry"`
	Expires        bool            `json:"expires"` // the credential has an expiry date
	LastSupervised Date            `json:"last_supervised,omitempty"`
	SupervisionDue Date            `json:"supervision_due"`
	Frequency      WorkforceRule   `json:"supervision_frequency"`
}

// ExpiredDaysAgo is how many days ago the credential expired.
func (m TeamMember) ExpiredDaysAgo() int { return -m.DaysToExpiry }

// SupervisionOverdue reports whether the next session was due before on.
func (m TeamMember) SupervisionOverdue(on Date) bool { return on.After(m.SupervisionDue.Time) }

// CaseloadEntry is one participant on a peer's caseload, for the
// reassignment form (name only: nothing clinical).
type CaseloadEntry struct {
	ParticipantID int64  `json:"participant_id"`
	Name          string `json:"name"`
	PeerID        int64  `json:"peer_id"`
	Since         Date   `json:"since"`
}
