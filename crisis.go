package goldthread

import "time"

// CrisisPlan is the participant's plan for a crisis, part of a
// person-centered plan and frozen with it once anyone signs. Peer support
// is not a first-responder service, so CrisisProvider names who covers
// crisis response.
type CrisisPlan struct {
	ID                  int64     `json:"id"`
	PlanID              int64     `json:"plan_id"`
	ParticipantID       int64     `json:"participant_id"`
	WarningSigns        string    `json:"warning_signs"`
	WhatHelps           string    `json:"what_helps"`
	WhatDoesNotHelp     string    `json:"what_does_not_help"`
	Contacts            string    `json:"contacts"` // people and services to contact
	CrisisProvider      string    `json:"crisis_provider"`
	CrisisProviderPhone string    `json:"crisis_provider_phone"`
	Preferences         string    `json:"preferences,omitempty"`
	WRAP                *WRAPFile `json:"wrap,omitempty"`
	Updated             time.Time `json:"updated_at"`
}

// WRAPFile describes an attached Wellness Recovery Action Plan; the bytes
// are fetched on their own.
type WRAPFile struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int    `json:"size"`
}

// WRAPMaxBytes caps an attached WRAP.
const WRAPMaxBytes = 2 << 20

// WRAPTypes are the content types a WRAP may have, as sniffed from its bytes.
var WRAPTypes = []string{"application/pdf", "image/png", "image/jpeg"}

// CrisisPlanRequired reports whether a plan of a program under rulePack
// needs a crisis plan before anyone may sign it (NC 8G does).
func CrisisPlanRequired(rulePack string) bool { return rulePack == RulePackNC8G }

// SniffWRAP returns the content type of a WRAP file judged by its first
// bytes (never by its name or the type a browser claims), and whether it is
// one of WRAPTypes.
func SniffWRAP(b []byte) (string, bool) {
	switch {
	case len(b) >= 5 && string(b[:5]) == "%PDF-":
		return "application/pdf", true
	case len(b) >= 8 && string(b[:8]) == "\x89PNG\r\n\x1a\n":
		return "image/png", true
	case len(b) >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF:
		return "image/jpeg", true
	}
	return "", false
}
