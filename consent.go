package goldthread

import "time"

// Consent kinds.
const (
	ConsentROI   = "roi"   // release of information (HIPAA authorization)
	ConsentPart2 = "part2" // 42 CFR Part 2 consent for substance use disorder records
)

// Consent is a participant's written permission to share information with
// one recipient for one purpose. It is in effect from Signed until it
// expires or is revoked; a revoked or expired consent stops the sharing it
// covered.
type Consent struct {
	ID             int64     `json:"id"`
	ParticipantID  int64     `json:"participant_id"`
	Kind           string    `json:"kind"`
	Recipient      string    `json:"recipient"`
	Purpose        string    `json:"purpose"`
	Information    string    `json:"information"` // what may be shared
	Signed         Date      `json:"signed_on"`
	Expires        Date      `json:"expires_on"`
	Revoked        Date      `json:"revoked_on,omitempty"`
	RevocationNote string    `json:"revocation_note,omitempty"`
	Created        time.Time `json:"created_at"`
}

// InEffectOn reports whether the consent allows sharing on date on: signed
// on or before it, not expired before it, and not revoked on or before it.
func (c Consent) InEffectOn(on Date) bool {
	if c.Signed.IsZero() || on.Before(c.Signed.Time) {
		return false
	}
	if !c.Expires.IsZero() && on.After(c.Expires.Time) {
		return false
	}
	return c.Revoked.IsZero() || on.Before(c.Revoked.Time)
}

// StatusOn is "in_effect", "revoked", "expired" or "not_yet" on date on
// (screens show it as words, never colour alone).
func (c Consent) StatusOn(on Date) string {
	switch {
	case !c.Revoked.IsZero() && !on.Before(c.Revoked.Time):
		return "revoked"
	case !c.Expires.IsZero() && on.After(c.Expires.Time):
		return "expired"
	case on.Before(c.Signed.Time):
		return "not_yet"
	}
	return "in_effect"
}
