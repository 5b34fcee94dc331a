package goldthread

import "time"

// RuleOverride is one agency change to a payer rule pack value (issue 6).
// Rows are never changed: a newer row for the same path supersedes an
// older one, and a row with an empty Value returns to the pack's value.
type RuleOverride struct {
	ID     int64     `json:"id"`
	PackID string    `json:"pack_id"`
	Path   string    `json:"path"`
	Value  string    `json:"value"` // YAML text; "" means back to the pack's value
	Reason string    `json:"reason"`
	SetBy  string    `json:"set_by"`
	SetAt  time.Time `json:"set_at"`
	// Current is true for the newest row of its path: the one in force
	// (when Value is not empty).
	Current bool `json:"current"`
}

// The two kinds of agency lexicon change.
const (
	LexiconAdd     = "add"
	LexiconSilence = "silence"
)

// LexiconChange is one agency change to the peer-language coach (issue
// 5): an added entry or a silenced rule, for one program or (ProgramID 0)
// all of them. A change is never deleted; it is ended (Active false).
type LexiconChange struct {
	ID          int64     `json:"id"`
	ProgramID   int64     `json:"program_id,omitempty"`
	ProgramName string    `json:"program_name,omitempty"`
	Action      string    `json:"action"` // LexiconAdd or LexiconSilence
	RuleID      string    `json:"rule_id"`
	Category    string    `json:"category,omitempty"`
	Severity    string    `json:"severity,omitempty"`
	Pattern     string    `json:"pattern,omitempty"`
	Why         string    `json:"why,omitempty"`
	Suggestion  string    `json:"suggestion,omitempty"`
	Flags       string    `json:"flags,omitempty"`
	Reason      string    `json:"reason"`
	SetBy       string    `json:"set_by"`
	SetAt       time.Time `json:"set_at"`
	Active      bool      `json:"active"`
	EndedBy     string    `json:"ended_by,omitempty"`
	EndedAt     time.Time `json:"ended_at,omitzero"`
}

// CoachingRule is how often one coach rule fired in signed notes, with
// what the coach tells the peer, to guide a supervisor's coaching.
type CoachingRule struct {
	RuleID     string `json:"rule_id"`
	Category   string `json:"category"`
	Severity   string `json:"severity"`
	Why        string `json:"why"`
	Suggestion string `json:"suggestion"`
	// SuggestionText is Suggestion for a reader's printer: a suggestion
	// the coach composed (for a full name) is a format with its values.
	SuggestionText Text `json:"-"`
	Count          int  `json:"count"` // findings
	Notes          int  `json:"notes"` // notes with at least one
}

// CoachingPeer is one peer's coach findings in signed notes, most
// frequent rule first.
type CoachingPeer struct {
	PeerID int64          `json:"peer_id"`
	Name   string         `json:"name"`
	Notes  int            `json:"notes"` // signed notes in the period
	Rules  []CoachingRule `json:"rules"`
}

// CoachingReport counts coach findings in the signed notes of a team over
// a period: for the team as a whole and per peer, most frequent first.
type CoachingReport struct {
	Since time.Time      `json:"since"`
	Until time.Time      `json:"until"`
	Notes int            `json:"notes"`
	Team  []CoachingRule `json:"team"`
	Peers []CoachingPeer `json:"peers"`
}
