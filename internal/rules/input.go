package rules

import (
	"time"

	"github.com/goldthread/goldthread"
)

// Input is everything Check needs about one note, as plain values. The
// caller (note signing, supervisor review, billing queue) gathers it; Check
// does no I/O.
type Input struct {
	Note Note
	// Pack is the program pack the note is billed under, with the
	// agency's overrides applied. Nil or a different id than Note.PackID
	// is itself a finding.
	Pack *Pack

	// Plan is the person-centered plan in force on the service date; nil
	// when there is none.
	Plan *Plan
	// Enrolments are the participant's enrolment spans in the note's
	// program (To zero while open); nil when the caller did not look, which
	// skips the enrolment rule. An empty, non-nil list means never enrolled.
	Enrolments []Span
	// ServiceOrderDate is when the service order was signed; zero = none.
	ServiceOrderDate time.Time
	// Authorization covering this participant and service; nil = none.
	Authorization *Authorization
	// Credentials the author holds (any state; the pack decides which count).
	Credentials []HeldCredential
	// SupervisorApproved: a supervisor has approved the note.
	SupervisorApproved bool
	// UnitsBilledToday and UnitsBilledThisYear count units already billed
	// for this participant, excluding this note ("year" per the pack's
	// fiscal_year_start_month).
	UnitsBilledToday    int
	UnitsBilledThisYear int
	// AuthorCaseload is the author's number of active participants; 0 = unknown.
	AuthorCaseload int
	// Noncovered are phrases the language coach found that describe
	// activities payers do not cover ("drove her to", "played cards").
	Noncovered []string
	// History indexes the other notes, for overlaps and cloned text; nil
	// skips those rules.
	History *History
	// CloneText is the note's own text signature when the caller has it
	// (NewTextSignature of CloneText(Note)); nil computes it.
	CloneText *TextSignature
	// Holidays, when set, are skipped when counting business days.
	Holidays HolidayFunc
	// Now is the current time; it stands for the signing time when the
	// note is not yet signed.
	Now time.Time
}

// Note is the service note under check.
type Note struct {
	ID            string
	ParticipantID string
	AuthorID      string
	PackID        string
	// ServiceDate is the calendar date of the service; Start and End are
	// the full start and end instants.
	ServiceDate time.Time
	Start, End  time.Time
	Location    Location
	Modality    Modality
	Category    string
	Group       bool
	GroupSize   int
	// GroupSession is the session a group note comes from (see
	// HistoryNote.GroupSession).
	GroupSession string
	// Collateral: the service was with someone other than the participant
	// (family, natural supports) on the participant's behalf.
	Collateral      bool
	GoalIDs         []string
	InterventionIDs []string
	// SingleEventReason explains a service not tied to a plan goal.
	SingleEventReason string
	// The narrative: what the peer did, how the participant responded,
	// what happens next.
	PeerAction          string
	ParticipantResponse string
	NextSteps           string
	Billable            bool
	NonBillableReason   string
	// SignedAt is zero for a note not yet signed (Input.Now is used).
	SignedAt        time.Time
	LateEntryReason string
	Crisis          bool
}

// Minutes is the note's duration in whole minutes (0 if End is not after Start).
func (n Note) Minutes() int {
	if !n.End.After(n.Start) {
		return 0
	}
	return int(n.End.Sub(n.Start) / time.Minute)
}

// Plan is the person-centered plan in force on the service date.
type Plan struct {
	ID    string
	Goals []PlanGoal
	// HasCrisisPlan: the plan includes a crisis plan.
	HasCrisisPlan bool
	// ReviewedOn is the date of the last review or approval.
	ReviewedOn time.Time
	// SignedOn is when the plan (this version) was signed; zero = unknown.
	// A plan signed after the service it backs did not back it then.
	SignedOn time.Time
}

// PlanGoal is a goal and the interventions the plan lists for it.
type PlanGoal struct {
	ID              string
	InterventionIDs []string
}

// Authorization is a prior authorization as a counter of units.
type Authorization struct {
	ID       string
	From, To time.Time // inclusive dates
	// UnitsAuthorized in total; UnitsUsed before this note.
	UnitsAuthorized int
	UnitsUsed       int
}

// HeldCredential is a certification the author holds.
type HeldCredential struct {
	Type    string // pack credential code: CPSS, CMPSS, NYCPS, FPA, YPA...
	Issued  time.Time
	Expires time.Time // zero = issued + the pack's renewal period
}

// NoteFields are the note elements a pack may require.
var NoteFields = []string{
	"participant", "author", "service_date", "start_end_time", "location",
	"modality", "category", "goal", "intervention", "peer_action",
	"participant_response", "next_steps", "author_credential", "group_size",
}

// Severity orders how much a finding stops.
type Severity string

// Severities, from most to least blocking.
const (
	// BlockSigning: the note cannot be signed until fixed.
	BlockSigning Severity = "block_signing"
	// BlockBilling: the note may be signed but not billed.
	BlockBilling Severity = "block_billing"
	Warn         Severity = "warn"
	Info         Severity = "info"
)

func (s Severity) rank() int {
	switch s {
	case BlockSigning:
		return 0
	case BlockBilling:
		return 1
	case Warn:
		return 2
	}
	return 3
}

// Actor is who must act on a finding.
type Actor string

// The actors findings are routed to.
const (
	Peer       Actor = "peer"
	Supervisor Actor = "supervisor"
	Clinician  Actor = "clinician"
	Billing    Actor = "billing"
	// Administrator keeps staff records and the agency's billing identity.
	Administrator Actor = "administrator"
)

// Finding is one result of Check.
type Finding struct {
	RuleID   string
	Severity Severity
	// Message is plain English for the user; Fix says what would resolve it.
	Message string
	Fix     string
	// MessageText and FixText are Message and Fix as format and arguments,
	// so a reader's printer renders them in their language
	// (locale.Printer.Finding); a finding stored before they existed has
	// none and reads in English.
	MessageText goldthread.Text `json:",omitzero"`
	FixText     goldthread.Text `json:",omitzero"`
	WhoActs     Actor
	// Source and Status are those of the pack value the rule applied.
	Source string
	Status Status
	// Related is another note involved (overlap, clone), if any.
	Related string
	// Field is the note element a missing-element finding is about
	// ("category", "peer_action", "goal"…), so a screen can offer its fix.
	Field string `json:",omitempty"`
	// Similarity is set for cloned-text findings (estimated Jaccard, 0..1).
	Similarity float64
}

// Span is a stretch of calendar dates, From through To; a zero To is open.
type Span struct {
	From, To time.Time
}
