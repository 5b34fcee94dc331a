package goldthread

import "time"

// Audit actions. Every read or write of a participant's record, every
// sign-in and every failed sign-in leaves one event.
const (
	ActionSignIn          = "sign_in"
	ActionSignInFailed    = "sign_in_failed"
	ActionSignOut         = "sign_out"
	ActionRead            = "read"
	ActionList            = "list"
	ActionCreate          = "create"
	ActionUpdate          = "update"
	ActionSign            = "sign"
	ActionExport          = "export"
	ActionPrint           = "print"
	ActionSettingChange   = "setting_change"
	ActionPrivilegeChange = "privilege_change"
	ActionEmergencyAccess = "emergency_access"
)

// Audit outcomes.
const (
	OutcomeSuccess = "success"
	OutcomeDenied  = "denied"
	OutcomeFailure = "failure"
)

// AuditEvent is one row of the tamper-evident audit trail. Events are
// append-only and chained, one chain per agency (the events of no agency
// in a system chain of their own): Hash covers PrevHash and every other
// field, so an altered, deleted, reordered or moved row breaks its chain
// from that point on. Seq orders the whole trail (it may skip numbers);
// ChainSeq is the event's place in its agency's chain, 1, 2, … (0 on the
// events written before the chains were split, which form one legacy
// chain by Seq).
type AuditEvent struct {
	Seq           int64     `json:"seq"`
	ChainSeq      int64     `json:"chain_seq,omitempty"`
	At            time.Time `json:"at"` // UTC
	AgencyID      int64     `json:"agency_id,omitempty"`
	ActorID       int64     `json:"actor_id,omitempty"`
	ActorRole     Role      `json:"actor_role,omitempty"`
	Action        string    `json:"action"`
	RecordType    string    `json:"record_type,omitempty"`
	RecordID      int64     `json:"record_id,omitempty"`
	ParticipantID int64     `json:"participant_id,omitempty"`
	IP            string    `json:"ip,omitempty"`
	Outcome       string    `json:"outcome"`
	Detail        string    `json:"detail,omitempty"` // never PHI: ids and reasons only
	PrevHash      string    `json:"prev_hash"`
	Hash          string    `json:"hash"`
}
