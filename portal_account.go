package goldthread

import "time"

// A participant's portal account is their own sign-in to read their record
// and sign their plan. Staff who serve them invite them; the participant
// joins with the invitation's link or code, choosing a sign-in name and a
// password; staff can turn the account off and on again.

// Portal account states, as staff see them.
const (
	PortalNone     = "none"     // never invited, or the invitation lapsed
	PortalInvited  = "invited"  // an invitation waits to be used
	PortalActive   = "active"   // the participant signs in
	PortalDisabled = "disabled" // turned off by staff: no sign-in, no session
)

// PortalOffReasons are why staff turn an account off, a fixed list so the
// audit trail can carry the reason without carrying PHI.
var PortalOffReasons = []string{"lost_device", "participant_asked", "services_ended", "other"}

// PortalInvitationLife is how long an invitation can be used.
const PortalInvitationLife = 72 * time.Hour

// PortalAccount is the state of one participant's own sign-in.
type PortalAccount struct {
	ParticipantID int64     `json:"participant_id"`
	State         string    `json:"state"`
	SignInName    string    `json:"sign_in_name,omitempty"` // email or username
	Since         time.Time `json:"since,omitzero"`         // when the account was made
	SecondStep    bool      `json:"second_step"`            // an authenticator app or a passkey
	// Invitation is the invitation waiting to be used, if any: for a new
	// account, or for a participant who forgot their password.
	Invitation *PortalInvitation `json:"invitation,omitempty"`
}

// PortalInvitation is a one-time invitation to join the portal. Code and
// Token exist only in the answer that made it: only their hashes are kept,
// and neither is ever logged or audited.
type PortalInvitation struct {
	ID        int64     `json:"id"`
	Created   time.Time `json:"created_at"`
	Expires   time.Time `json:"expires_at"`
	InvitedBy string    `json:"invited_by"`
	// Code is short, for typing on a phone ("K7QMH-4XPTW"); Token goes in
	// the link. Either works once, and using one spends both.
	Code  string `json:"code,omitempty"`
	Token string `json:"-"`
}
