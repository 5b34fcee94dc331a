package goldthread

import (
	"slices"
	"time"
)

// Consent kinds.
const (
	ConsentROI   = "roi"   // release of information (HIPAA authorization)
	ConsentPart2 = "part2" // 42 CFR Part 2 consent for substance use disorder records
)

// Sections of a participant's record: what a consent lets the agency
// share, and what a release sends. A release holds only sections its
// consent covers.
const (
	SectionDemographics = "demographics" // birth date, Medicaid ID, contact details, programs
	SectionPlans        = "plans"        // signed person-centered plans: goals and interventions
	SectionCrisisPlans  = "crisis_plans" // the crisis plans of those plans
	SectionNotes        = "notes"        // signed service notes with their addenda
	SectionAmendments   = "amendments"   // amendment requests, decisions and statements of disagreement
)

// RecordSections lists every section, in the order a record shows them.
var RecordSections = []string{SectionDemographics, SectionPlans, SectionCrisisPlans, SectionNotes, SectionAmendments}

// Who signed a consent (42 CFR 2.31(a)(8)).
const (
	SignedByParticipant    = "participant"
	SignedByRepresentative = "representative"
)

// Part 2 consent checks an agency may require before a Part 2 consent is
// relied on (Part2Check): the signed document attached, a second staff
// member's verification against the signed paper, or either.
const (
	Part2CheckDocument     = "document"
	Part2CheckSecondPerson = "second_person"
	Part2CheckEither       = "either"
)

// Consent is a participant's written permission to share information with
// one recipient for one purpose. It is in effect from Signed until it
// expires or is revoked; a revoked or expired consent stops the sharing it
// covered. The row never changes: a revocation, the attached document and
// a second person's verification are rows of their own, and a correction
// is a new consent.
type Consent struct {
	ID            int64  `json:"id"`
	ParticipantID int64  `json:"participant_id"`
	Kind          string `json:"kind"`
	Recipient     string `json:"recipient"`
	Purpose       string `json:"purpose"`
	Information   string `json:"information"` // what may be shared, in the consent's words
	// Sections are the parts of the record the consent covers; a release
	// under it holds no other.
	Sections []string `json:"sections"`
	// Discloser names who may disclose (a program or the agency), as 42
	// CFR 2.31(a)(2) requires of a Part 2 consent.
	Discloser string `json:"discloser,omitempty"`
	// SignedBy is participant or representative; Representative names the
	// person who signed for the participant.
	SignedBy       string `json:"signed_by,omitempty"`
	Representative string `json:"representative,omitempty"`
	// RevocationNotice: the signed form states the right to revoke and its
	// limit (42 CFR 2.31(a)(6)).
	RevocationNotice bool      `json:"revocation_notice"`
	Signed           Date      `json:"signed_on"`
	Expires          Date      `json:"expires_on"`
	Revoked          Date      `json:"revoked_on,omitempty"`
	RevocationNote   string    `json:"revocation_note,omitempty"`
	CreatedBy        int64     `json:"created_by"`
	Created          time.Time `json:"created_at"`
	// Document is the signed consent attached, when it is.
	Document *ConsentDocument `json:"document,omitempty"`
	// VerifiedBy names the second staff member who checked the consent
	// against the signed paper, when one did.
	VerifiedBy string     `json:"verified_by,omitempty"`
	VerifiedAt *time.Time `json:"verified_at,omitempty"`
}

// ConsentDocument describes the signed consent attached to a consent.
type ConsentDocument struct {
	ContentType string    `json:"content_type"`
	Size        int       `json:"size"`
	SHA256      string    `json:"sha256"`
	Uploaded    time.Time `json:"uploaded_at"`
}

// ConsentDocumentMaxBytes bounds an attached signed consent (a phone scan).
const ConsentDocumentMaxBytes = 2 << 20

// Covers reports whether every section of want is in the consent's scope.
func (c Consent) Covers(want []string) bool {
	for _, s := range want {
		if !slices.Contains(c.Sections, s) {
			return false
		}
	}
	return len(want) > 0
}

// CheckedFor reports whether a Part 2 consent meets the agency's check
// (Part2Check*): its signed document attached, or verified by a second
// person. A release of information needs no such check.
func (c Consent) CheckedFor(policy string) bool {
	if c.Kind != ConsentPart2 {
		return true
	}
	doc, second := c.Document != nil, c.VerifiedBy != ""
	switch policy {
	case Part2CheckDocument:
		return doc
	case Part2CheckSecondPerson:
		return second
	}
	return doc || second
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

// Limit returns the record holding only sections: demographics beyond the
// name, plans, their crisis plans, notes and amendment requests that are
// not among them are left out, so no renderer can send what a consent
// does not cover.
func (r Record) Limit(sections []string) Record {
	has := func(s string) bool { return slices.Contains(sections, s) }
	out := r
	if !has(SectionDemographics) {
		p := Participant{ID: r.Participant.ID, AgencyID: r.Participant.AgencyID, FirstName: r.Participant.FirstName,
			LastName: r.Participant.LastName, PreferredName: r.Participant.PreferredName, Part2: r.Participant.Part2}
		out.Participant = p
	}
	out.Plans = nil
	if has(SectionPlans) || has(SectionCrisisPlans) {
		for _, pl := range r.Plans {
			if !has(SectionCrisisPlans) {
				pl.Crisis = nil
			}
			if !has(SectionPlans) {
				pl.Goals = nil
			}
			out.Plans = append(out.Plans, pl)
		}
	}
	if !has(SectionNotes) {
		out.Notes = nil
	}
	if !has(SectionAmendments) {
		out.Amendments = nil
	}
	out.Sections = slices.Clone(sections)
	return out
}
