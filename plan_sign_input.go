package goldthread

// PlanSignatureInput is one signature on a plan. Whoever signs as
// themselves (the peer, the clinician, a participant on their own account)
// gives Password again, or ReauthPrefix and a passkey proof, exactly as
// when signing a note. A participant without an account signs on a staff
// member's device by typing their full name in Name instead.
type PlanSignatureInput struct {
	Role     string
	Name     string
	Password string
}
