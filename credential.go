package goldthread

import (
	"time"
)

// LicenceTypes are the clinical licences a staff member can hold, offered
// after the peer certifications, which come from the rule packs (each
// pack's credentials: NC CPSS, California CMPSS, New York NYCPS, Family and
// Youth Peer Advocates...), so a new pack brings its own.
var LicenceTypes = []string{"LCSW", "LMFT", "LPC", "PhD", "MD", "other"}

// Credential states on a date. Screens show them as words, never colour
// alone.
const (
	CredentialValid      = "valid"
	CredentialExpired    = "expired"
	CredentialRevoked    = "revoked"
	CredentialMissing    = "missing"    // nothing of an accepted type on file
	CredentialNotYet     = "not_yet"    // issued after the date
	CredentialUnverified = "unverified" // entered by the person, not yet checked by a supervisor or administrator
)

// CredentialAlertDays are the days before expiry at which the person and
// their supervisor are alerted, largest first.
var CredentialAlertDays = []int{90, 60, 30}

// Credential is a certification or licence of a staff member. A credential
// the person entered themselves counts only once a supervisor or an
// administrator has verified it (against the certificate or the
// certification board's register). A revoked credential never counts again.
type Credential struct {
	ID             int64     `json:"id"`
	StaffID        int64     `json:"staff_id"`
	StaffName      string    `json:"staff_name,omitempty"`
	Type           string    `json:"type"`
	Number         string    `json:"number"`
	Issuer         string    `json:"issuer,omitempty"`
	Issued         Date      `json:"issued_on"`
	Expires        Date      `json:"expires_on,omitempty"` // zero: does not expire
	Evidence       string    `json:"evidence,omitempty"`   // where the proof is: "certificate scanned to HR file 2026-01"
	VerifiedBy     int64     `json:"verified_by,omitempty"`
	VerifiedByName string    `json:"verified_by_name,omitempty"`
	VerifiedAt     time.Time `json:"verified_at,omitzero"`
	Revoked        bool      `json:"revoked"`
	RevokedReason  string    `json:"revoked_reason,omitempty"`
	Created        time.Time `json:"created_at"`
	Updated        time.Time `json:"updated_at"`
}

// Verified reports whether a supervisor or administrator has checked it.
func (c Credential) Verified() bool { return c.VerifiedBy != 0 }

// StatusOn is the credential's state on date on: revoked, not yet issued,
// expired (the day after its expiry date), unverified, or valid.
func (c Credential) StatusOn(on Date) string {
	switch {
	case c.Revoked:
		return CredentialRevoked
	case on.Before(c.Issued.Time):
		return CredentialNotYet
	case !c.Expires.IsZero() && on.After(c.Expires.Time):
		return CredentialExpired
	case !c.Verified():
		return CredentialUnverified
	}
	return CredentialValid
}

// DaysToExpiry is the number of days from on to the expiry date: 0 on the
// last valid day, negative once expired. ok is false for a credential that
// does not expire.
func (c Credential) DaysToExpiry(on Date) (days int, ok bool) {
	if c.Expires.IsZero() {
		return 0, false
	}
	return int(c.Expires.Sub(on.Time).Hours() / 24), true
}

// AlertThreshold is the alert a credential is under on date on: 90, 60 or
// 30 for the smallest threshold its expiry falls within, 0 once expired,
// and -1 for no alert (more than 90 days left, no expiry, or revoked).
func (c Credential) AlertThreshold(on Date) int {
	days, ok := c.DaysToExpiry(on)
	if !ok || c.Revoked {
		return -1
	}
	if days < 0 {
		return 0
	}
	alert := -1
	for _, d := range CredentialAlertDays {
		if days <= d {
			alert = d
		}
	}
	return alert
}

// CredentialCheck answers whether a staff member held a valid credential
// on a date: the credential when so, otherwise the reason (one of the
// credential states) and the credential the reason is about, if any.
type CredentialCheck struct {
	StaffID    int64       `json:"staff_id"`
	On         Date        `json:"on"`
	Valid      bool        `json:"valid"`
	Reason     string      `json:"reason"` // CredentialValid or why not
	Credential *Credential `json:"credential,omitempty"`
}

// CredentialAlert is one credential expiring within the alert window (or
// expired) as the person or their supervisor sees it.
type CredentialAlert struct {
	Credential Credential `json:"credential"`
	DaysLeft   int        `json:"days_left"` // negative once expired
	Threshold  int        `json:"threshold"` // 90, 60, 30, or 0 when expired
	Own        bool       `json:"own"`       // the reader's own credential
}

// CEEntry is continuing education a staff member completed, with the
// evidence that proves it. Hours are kept in minutes so sums are exact.
type CEEntry struct {
	ID            int64     `json:"id"`
	StaffID       int64     `json:"staff_id"`
	Taken         Date      `json:"taken_on"`
	Minutes       int       `json:"minutes"`
	EthicsMinutes int       `json:"ethics_minutes"` // part of Minutes
	Topic         string    `json:"topic"`
	Provider      string    `json:"provider,omitempty"`
	Evidence      string    `json:"evidence"`
	Created       time.Time `json:"created_at"`
}

// CETotal is the continuing education counted toward one credential's
// renewal: the entries dated in its renewal period against what the rule
// pack requires (zero Required when the pack does not say).
type CETotal struct {
	Credential     Credential `json:"credential"`
	PeriodStart    Date       `json:"period_start"`
	PeriodEnd      Date       `json:"period_end"`
	Minutes        int        `json:"minutes"`
	EthicsMinutes  int        `json:"ethics_minutes"`
	RequiredHours  int        `json:"required_hours"`
	RequiredEthics int        `json:"required_ethics_hours"`
	Status         string     `json:"requirement_status,omitempty"` // the rule pack's status of the requirement
	Source         string     `json:"requirement_source,omitempty"`
}

// HoursShort is how many CE hours are still missing (0 when met).
func (t CETotal) HoursShort() float64 {
	return max(0, float64(t.RequiredHours*60-t.Minutes)/60)
}

// EthicsShort is how many ethics hours are still missing (0 when met).
func (t CETotal) EthicsShort() float64 {
	return max(0, float64(t.RequiredEthics*60-t.EthicsMinutes)/60)
}

// Met reports whether the period's hours and ethics hours are complete.
func (t CETotal) Met() bool { return t.HoursShort() == 0 && t.EthicsShort() == 0 }

// DaysAgo is how many days ago the credential expired (for an expired one).
func (a CredentialAlert) DaysAgo() int { return -a.DaysLeft }
