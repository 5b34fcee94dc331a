package goldthread

import "time"

// Note kinds. An individual note is a service with the participant; a
// collateral note is a service with family or natural supports, the
// participant absent, focused on the participant's goals; group notes come
// from a group session (one per attendee).
const (
	NoteIndividual = "individual"
	NoteGroup      = "group"
	NoteCollateral = "collateral"
)

// Note statuses. A draft is private to its author and their supervisors;
// a signed note never changes (only addenda follow). Drafts are never
// deleted or discarded: an abandoned draft stays visible on its author's
// list until it is completed and signed.
const (
	NoteDraft  = "draft"
	NoteSigned = "signed"
)

// Addendum kinds.
const (
	AddendumCorrection    = "correction"
	AddendumClarification = "clarification"
	AddendumLateEntry     = "late_entry"
)

// NoteLocations are the places a service can happen; the rule pack maps
// each (with the modality) to the payer's place-of-service code, so a peer
// never picks a code.
var NoteLocations = []string{"home", "office", "community", "shelter", "street_outreach", "school", "hospital_ed", "other"}

// NoteModalities are the ways a service can be given.
var NoteModalities = []string{"in_person", "video", "audio_only"}

// AddendumKinds lists the addendum kinds in the order forms offer them.
var AddendumKinds = []string{AddendumCorrection, AddendumClarification, AddendumLateEntry}

// Note is a service note: what a peer did with (or, collateral, for) a
// participant, when, where and how, tied to the goals of the plan in force.
type Note struct {
	ID            int64  `json:"id"`
	AgencyID      int64  `json:"agency_id"`
	ParticipantID int64  `json:"participant_id"`
	ProgramID     int64  `json:"program_id"`
	AuthorID      int64  `json:"author_id"`
	AuthorName    string `json:"author_name,omitempty"`
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	// Version counts saves of a draft; an update names the version it
	// started from, so two devices cannot overwrite each other silently.
	Version     int        `json:"version"`
	ServiceDate Date       `json:"service_date"`
	Start       time.Time  `json:"start,omitzero"`
	End         time.Time  `json:"end,omitzero"`
	Location    string     `json:"location"`
	Modality    string     `json:"modality"`
	Category    string     `json:"category"`
	Goals       []NoteGoal `json:"goals"`
	// SingleEventReason explains a service not tied to a plan goal.
	SingleEventReason string `json:"single_event_reason,omitempty"`
	// The narrative. Billing never receives these fields.
	PeerAction          string `json:"peer_action"`
	ParticipantResponse string `json:"participant_response"`
	NextSteps           string `json:"next_steps"`
	// OthersPresent names who else took part by role or relationship
	// ("sister", "housing navigator"), never by full name.
	OthersPresent     string `json:"others_present,omitempty"`
	Billable          bool   `json:"billable"`
	NonBillableReason string `json:"non_billable_reason,omitempty"`
	Crisis            bool   `json:"crisis"`
	// The participant's own words and acknowledgement, added on the peer's
	// device before signing (collaborative documentation).
	ParticipantWords   string    `json:"participant_words,omitempty"`
	ParticipantAckName string    `json:"participant_ack_name,omitempty"`
	ParticipantAckAt   time.Time `json:"participant_ack_at,omitzero"`
	LateEntryReason    string    `json:"late_entry_reason,omitempty"`
	// Due is the documentation deadline from the program's rule pack,
	// counted from the service end.
	Due         time.Time        `json:"due,omitzero"`
	Dismissals  []CoachDismissal `json:"coach_dismissals,omitempty"`
	Signature   *NoteSignature   `json:"signature,omitempty"`
	ContentHash string           `json:"content_hash,omitempty"`
	Addenda     []Addendum       `json:"addenda,omitempty"`
	Created     time.Time        `json:"created_at"`
	Updated     time.Time        `json:"updated_at"`
	// Narrative is false when the reader may not see the narrative
	// (billing): those fields are empty, not missing.
	Narrative bool `json:"narrative_visible"`
}

// Minutes is the service's length in whole minutes, 0 when the times are
// missing or end is not after start.
func (n Note) Minutes() int {
	if n.Start.IsZero() || !n.End.After(n.Start) {
		return 0
	}
	return int(n.End.Sub(n.Start) / time.Minute)
}

// Late reports whether the note was signed after its deadline: it is then
// labelled "late entry" and carries its reason.
func (n Note) Late() bool {
	return n.Signature != nil && !n.Due.IsZero() && n.Signature.Signed.After(n.Due)
}

// NoteGoal links a note to a goal of the plan in force and, optionally,
// the intervention used.
type NoteGoal struct {
	GoalID         int64 `json:"goal_id"`
	InterventionID int64 `json:"intervention_id,omitempty"`
}

// NoteSignature is the author's signature: who, with which credential,
// when, and the attestation they confirmed.
type NoteSignature struct {
	UserID      int64     `json:"user_id"`
	Name        string    `json:"name"`
	Credential  string    `json:"credential,omitempty"`
	Attestation string    `json:"attestation"`
	Signed      time.Time `json:"signed_at"`
}

// Addendum is a signed, dated addition under a signed note: a correction,
// a clarification or a late entry. The original stays as it was.
type Addendum struct {
	ID                int64     `json:"id"`
	NoteID            int64     `json:"note_id"`
	Kind              string    `json:"kind"`
	Body              string    `json:"body"`
	AuthorID          int64     `json:"author_id"`
	Name              string    `json:"name"`
	Credential        string    `json:"credential,omitempty"`
	Attestation       string    `json:"attestation"`
	Signed            time.Time `json:"signed_at"`
	ContentHash       string    `json:"content_hash"`
	ClaimReviewNeeded bool      `json:"claim_review_needed"`
}

// CoachDismissal records that someone judged a coach finding not to apply.
// A block-level finding counts as dismissed only when a supervisor
// dismissed it.
type CoachDismissal struct {
	Field        string    `json:"field"`
	RuleID       string    `json:"rule_id"`
	Words        string    `json:"words"`
	Severity     string    `json:"severity"`
	DismissedBy  int64     `json:"dismissed_by"`
	BySupervisor bool      `json:"by_supervisor"`
	Reason       string    `json:"reason,omitempty"`
	At           time.Time `json:"dismissed_at"`
}

// NoteFilter narrows a note list. Scope is never a filter: the store
// applies it from the actor.
type NoteFilter struct {
	ParticipantID int64
	AuthorID      int64
	Status        string
	Limit         int
}
