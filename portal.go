package goldthread

import "time"

// The participant's side of the record (ONC §170.315(d)(4), (d)(8),
// (d)(10)/(11) and 42 CFR Part 2): their own copy, the accounting of
// disclosures, who looked at the record, amendment requests and integrity.

// Part2Notice is the notice that travels with every disclosure of a record
// from a 42 CFR Part 2 program: the abbreviated statement 42 CFR §2.32(a)(2)
// permits, then the same rule in plain words.
const Part2Notice = "42 CFR part 2 prohibits unauthorized use or disclosure of these records. " +
	"This record comes from a substance use disorder program and is protected by federal confidentiality rules: " +
	"you may not share it further unless the person it is about consents in writing or 42 CFR part 2 allows it."

// OwnRequestRecipient is the recipient of a disclosure the participant asked
// for themselves (the right of access): no consent is needed.
const OwnRequestRecipient = "the participant (own copy)"

// Disclosure formats.
const (
	FormatPDF  = "pdf"
	FormatJSON = "json"
	FormatFHIR = "fhir" // a FHIR R4 Bundle (application/fhir+json)
)

// Disclosure is one line of the accounting of disclosures: a copy of the
// record that left the agency (a PDF download, a print, an export), to whom,
// why, what, under which consent, by whom and when. Disclosures are
// append-only.
type Disclosure struct {
	ID            int64     `json:"id"`
	ParticipantID int64     `json:"participant_id"`
	Recipient     string    `json:"recipient"`
	Purpose       string    `json:"purpose"`
	Information   string    `json:"information"` // what was disclosed
	Sections      []string  `json:"sections"`    // the sections of the record sent
	ConsentID     int64     `json:"consent_id,omitempty"`
	ConsentKind   string    `json:"consent_kind,omitempty"`
	OwnRequest    bool      `json:"own_request"` // the participant's own request: no consent needed
	Format        string    `json:"format"`
	ContentHash   string    `json:"content_hash"` // SHA-256 of the exported content
	Part2         bool      `json:"part2"`        // the record is from a Part 2 program: the notice went with it
	ByID          int64     `json:"by_id"`
	ByName        string    `json:"by_name"`
	ByRole        Role      `json:"by_role"`
	At            time.Time `json:"disclosed_at"`
}

// Record is a participant's record as it leaves the agency: demographics,
// signed plans with their crisis plans, signed notes with addenda, and the
// statements of disagreement attached to them. Drafts and clinical
// assessments are never part of it.
type Record struct {
	AgencyName  string             `json:"agency_name"`
	Participant Participant        `json:"participant"`
	Plans       []Plan             `json:"plans"`
	Notes       []Note             `json:"notes"`
	Amendments  []AmendmentRequest `json:"amendments"`
	Part2       bool               `json:"part2"` // the participant has (or had) an enrolment in a 42 CFR Part 2 program
	Generated   time.Time          `json:"generated_at"`
	// Sections are the parts of the record this copy holds (Limit); empty
	// for the whole record.
	Sections []string `json:"sections,omitempty"`
}

// AccessEntry is one row of "who looked at my record": accesses on one day
// by one person outside the participant's care team, with their role and
// the purpose the role implies; emergency access carries its reason.
type AccessEntry struct {
	Day       Date   `json:"day"`
	Role      Role   `json:"role"`
	Purpose   string `json:"purpose"` // treatment, supervision, payment, audit, disclosure, emergency
	Emergency bool   `json:"emergency"`
	Reason    string `json:"reason,omitempty"` // the emergency access reason
	Count     int    `json:"count"`
}

// Amendment outcomes.
const (
	AmendmentPending  = "pending"
	AmendmentAccepted = "accepted"
	AmendmentDenied   = "denied"
)

// AmendmentRequest is a participant's request to amend a signed note or
// plan of their record: what is wrong and what it should say. A clinician
// or the author's supervisor decides; an acceptance adds a correction
// addendum, a denial gives a reason, and the participant may then attach a
// statement of disagreement that travels with the record from then on.
type AmendmentRequest struct {
	ID            int64                  `json:"id"`
	ParticipantID int64                  `json:"participant_id"`
	NoteID        int64                  `json:"note_id,omitempty"`
	PlanID        int64                  `json:"plan_id,omitempty"`
	WhatIsWrong   string                 `json:"what_is_wrong"`
	ShouldSay     string                 `json:"should_say"`
	Requested     time.Time              `json:"requested_at"`
	Decision      *AmendmentDecision     `json:"decision,omitempty"`
	Statement     *DisagreementStatement `json:"statement,omitempty"`
}

// Status is pending until a decision, then the decision's outcome.
func (a AmendmentRequest) Status() string {
	if a.Decision == nil {
		return AmendmentPending
	}
	return a.Decision.Outcome
}

// AmendmentDecision is the answer to a request, signed by the decider.
type AmendmentDecision struct {
	Outcome    string    `json:"outcome"` // accepted or denied
	Reason     string    `json:"reason,omitempty"`
	AddendumID int64     `json:"addendum_id,omitempty"`
	ByName     string    `json:"by_name"`
	ByRole     Role      `json:"by_role"`
	Decided    time.Time `json:"decided_at"`
}

// DisagreementStatement is the participant's own statement after a denial.
type DisagreementStatement struct {
	Body    string    `json:"body"`
	Written time.Time `json:"written_at"`
}

// Integrity is the result of recomputing a signed record's content hash.
type Integrity struct {
	RecordType string `json:"record_type"` // note or plan
	RecordID   int64  `json:"record_id"`
	OK         bool   `json:"ok"`
	Stored     string `json:"stored_hash"`
	Computed   string `json:"computed_hash"`
	Problem    string `json:"problem,omitempty"` // what does not match
	// ProblemText is Problem for a reader's printer (a participant reads
	// it on their own record).
	ProblemText Text `json:"-"`
}

// SetProblem sets what does not match, in English and as a Text.
func (i *Integrity) SetProblem(t Text) { i.Problem, i.ProblemText = t.String(), t }
