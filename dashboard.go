package goldthread

import "time"

// ReportFilter narrows every dashboard: services dated From through To
// (inclusive), one program, one staff member; zero ids mean all within
// the viewer's reach. A filter never widens reach: a staff member outside
// it yields nothing, not an error, so the filter cannot probe who exists.
type ReportFilter struct {
	From      Date  `json:"from"`
	To        Date  `json:"to"`
	ProgramID int64 `json:"program_id,omitempty"`
	StaffID   int64 `json:"staff_id,omitempty"`
}

// MaxReportDays bounds a dashboard's period, so one request cannot scan
// the agency's whole history.
const MaxReportDays = 366

// DirectorRowsPerPage is how many participant rows the program dashboard
// shows on a page; its CSV export holds every row.
const DirectorRowsPerPage = 50

// Validate returns EINVALID naming from or to when the period is missing,
// reversed or longer than MaxReportDays.
func (f ReportFilter) Validate() error {
	switch {
	case f.From.IsZero():
		return FieldError("from", "Enter the first day of the period as YYYY-MM-DD.")
	case f.To.IsZero():
		return FieldError("to", "Enter the last day of the period as YYYY-MM-DD.")
	case f.To.Before(f.From.Time):
		return FieldError("to", "The last day is before the first day; swap them or pick a later last day.")
	case f.To.Sub(f.From.Time) >= MaxReportDays*24*time.Hour:
		return FieldError("to", "A dashboard covers at most a year; pick a shorter period.")
	}
	return nil
}

// WeekOf is the Monday starting d's week: dashboards count by these weeks.
func WeekOf(d Date) Date {
	back := (int(d.Weekday()) + 6) % 7
	return Date{d.AddDate(0, 0, -back)}
}

// Weeks lists the Mondays of the weeks From through To touch.
func (f ReportFilter) Weeks() []Date {
	var out []Date
	for w := WeekOf(f.From); !w.After(f.To.Time); w = (Date{w.AddDate(0, 0, 7)}) {
		out = append(out, w)
	}
	return out
}

// PlannedVisit is a peer's appointment with a participant: what Today's
// "next visits" lists. Purpose is a few words ("visit the apartment"),
// often a note's next steps (FromNoteID). Cancelled visits are kept.
type PlannedVisit struct {
	ID              int64     `json:"id"`
	ParticipantID   int64     `json:"participant_id"`
	ParticipantName string    `json:"participant_name,omitempty"`
	PeerID          int64     `json:"peer_id"`
	Start           time.Time `json:"start"`
	Minutes         int       `json:"minutes"`
	Purpose         string    `json:"purpose"`
	FromNoteID      int64     `json:"from_note_id,omitempty"`
	Created         time.Time `json:"created_at"`
	Cancelled       time.Time `json:"cancelled_at,omitzero"`
}

// PeerToday is the part of a peer's Today that counts: the services dated
// today, the next planned visits, and the participants of the caseload
// not seen in NoContactDays days.
type PeerToday struct {
	Today         Date           `json:"today"`
	Services      []ServiceToday `json:"services"`
	Visits        []PlannedVisit `json:"visits"`
	NoContactDays int            `json:"no_contact_days"`
	NoContact     []NoContact    `json:"no_contact"`
}

// ServiceToday is one of the peer's services dated today, documented or
// not yet.
type ServiceToday struct {
	NoteID          int64     `json:"note_id"`
	ParticipantName string    `json:"participant_name"`
	Start           time.Time `json:"start,omitzero"`
	Minutes         int       `json:"minutes"`
	Signed          bool      `json:"signed"`
}

// NoContact is a participant on a caseload whose last signed service is
// older than the threshold, or who has none (Last zero).
type NoContact struct {
	ParticipantID int64  `json:"participant_id"`
	Name          string `json:"name"`
	Last          Date   `json:"last_contact,omitzero"`
	Days          int    `json:"days"` // since Last; -1 when never
}

// Timeliness counts the notes of one week or one peer that have a
// deadline: signed by it, late (signed after it, or still unsigned past
// it), or pending (unsigned, not yet due).
type Timeliness struct {
	Week    Date   `json:"week,omitzero"`
	PeerID  int64  `json:"peer_id,omitempty"`
	Name    string `json:"name,omitempty"`
	OnTime  int    `json:"on_time"`
	Late    int    `json:"late"`
	Pending int    `json:"pending"`
}

// Share is the part of decided notes signed on time, 0 to 1 (0 when none
// is decided yet).
func (t Timeliness) Share() float64 {
	if t.OnTime+t.Late == 0 {
		return 0
	}
	return float64(t.OnTime) / float64(t.OnTime+t.Late)
}

// AgeBucket is how many items fall in one age band (days From through To;
// To < 0 means no upper bound).
type AgeBucket struct {
	From  int   `json:"from_days"`
	To    int   `json:"to_days"`
	Count int   `json:"count"`
	Cents int64 `json:"cents,omitempty"`
}

// SupervisorReport is the supervisor's dashboard over a period: timeliness
// by week and by peer, the review queue by age, the coach's findings per
// peer and rule, and each peer's supervision, credential and caseload.
type SupervisorReport struct {
	Filter   ReportFilter   `json:"filter"`
	Weeks    []Timeliness   `json:"weeks"`
	Peers    []Timeliness   `json:"peers"`
	Queue    []AgeBucket    `json:"review_queue_age"`
	Coaching CoachingReport `json:"coaching"`
	Team     []TeamMember   `json:"team"`
}

// BillingReport is the billing manager's dashboard: the period's unclaimed
// services ready or blocked (by the first reason blocking each) by week,
// units and amounts by program and week (ready and claimed), denials by
// reason, accounts receivable by age today, and the units left on each
// authorization in force today.
type BillingReport struct {
	Filter         ReportFilter        `json:"filter"`
	Weeks          []BillingWeek       `json:"weeks"`
	Reasons        []BlockedGroup      `json:"blocked_reasons"` // most frequent first
	Amounts        []BillingAmount     `json:"amounts"`
	Denials        []DenialCount       `json:"denials"`
	Aging          []AgeBucket         `json:"receivable_aging"`
	Authorizations []AuthorizationLeft `json:"authorizations,omitempty"`
	Rows           bool                `json:"-"` // Authorizations may name participants for this reader
	// Pending counts, by program, the participants whose services are
	// still being checked (store.DB.BillingReportAsStored); the CSV and
	// the API wait for the check, so theirs is empty.
	Pending map[int64]int `json:"-"`
}

// BillingWeek counts one week's unclaimed services: ready, and blocked by
// the rule id of their first block.
type BillingWeek struct {
	Week    Date           `json:"week"`
	Ready   int            `json:"ready"`
	Blocked map[string]int `json:"blocked"`
}

// BillingAmount is one program's units and charges for services of one
// week: ready to claim, and already on a claim not voided or replaced.
type BillingAmount struct {
	ProgramID    int64  `json:"program_id"`
	Program      string `json:"program"`
	Week         Date   `json:"week"`
	ReadyUnits   int    `json:"ready_units"`
	ReadyCents   int64  `json:"ready_cents"`
	ClaimedUnits int    `json:"claimed_units"`
	ClaimedCents int64  `json:"claimed_cents"`
}

// DenialCount is how many claims were denied for one reason in the
// period, and their billed amount. Reason is the English; ReasonText,
// when Goldthread said the reason (ClaimStatusEntry), renders it in the
// reader's language.
type DenialCount struct {
	Reason     string `json:"reason"`
	ReasonText Text   `json:"-"`
	Count      int    `json:"count"`
	Cents      int64  `json:"cents"`
}

// AuthorizationLeft is one authorization in force: units authorized,
// used and left.
type AuthorizationLeft struct {
	ParticipantID int64  `json:"participant_id"`
	Name          string `json:"participant_name"`
	Program       string `json:"program"`
	Number        string `json:"number"`
	End           Date   `json:"end_date"`
	Authorized    int    `json:"units_authorized"`
	Used          int    `json:"units_used"`
}

// Left is the units still authorized (never below zero).
func (a AuthorizationLeft) Left() int { return max(0, a.Authorized-a.Used) }

// BARC-10 (Brief Assessment of Recovery Capital): ten statements, each
// answered from 1 (strongly disagree) to 6 (strongly agree); the total runs
// from 10 to 60, higher meaning more recovery capital. The statements'
// wording lives in the message catalog (barc.item.1 to barc.item.10).
const (
	BARCItems     = 10
	BARCMinAnswer = 1
	BARCMaxAnswer = 6
)

// When a BARC-10 is taken.
const (
	BARCIntake    = "intake"
	BARCReview    = "review"
	BARCDischarge = "discharge"
)

// RecoveryCapital is one BARC-10 as recorded. It never changes; a mistake
// is corrected by recording again.
type RecoveryCapital struct {
	ID            int64          `json:"id"`
	ParticipantID int64          `json:"participant_id"`
	Occasion      string         `json:"occasion"`
	TakenOn       Date           `json:"taken_on"`
	Answers       [BARCItems]int `json:"answers"`
	Total         int            `json:"total"`
	RecordedBy    string         `json:"recorded_by"`
	Recorded      time.Time      `json:"recorded_at"`
}

// DirectorReport is the program director's dashboard: services by
// category and modality, goal progress, discharges with natural supports,
// and recovery capital. Rows (participants with their goals and BARC-10
// trend) come only for readers who reach those participants.
type DirectorReport struct {
	Filter       ReportFilter       `json:"filter"`
	Services     []ServiceCount     `json:"services"`
	Goals        GoalProgress       `json:"goals"`
	Discharges   DischargeCount     `json:"discharges"`
	Capital      CapitalSummary     `json:"recovery_capital"`
	Participants []ParticipantTrend `json:"participants,omitempty"`
	Rows         bool               `json:"-"`
	// RowsTotal is how many participant rows there are in all, and
	// RowsFrom the position (0 first) of Participants' first among them,
	// when Participants is one page of the rows.
	RowsTotal int `json:"participants_total"`
	RowsFrom  int `json:"-"`
}

// ServiceCount is the signed services of one category and modality.
type ServiceCount struct {
	Category string `json:"category"`
	Modality string `json:"modality"`
	Count    int    `json:"count"`
}

// GoalProgress counts the goals of the plans in force: addressed by at
// least one signed note in the period or not, and the goals of the
// period's discharges by outcome.
type GoalProgress struct {
	InForce   int `json:"in_force"`
	Addressed int `json:"addressed"`
	Met       int `json:"met"`
	PartlyMet int `json:"partly_met"`
	NotMet    int `json:"not_met"`
}

// DischargeCount is the period's discharges and how many name natural
// supports in place.
type DischargeCount struct {
	Total           int `json:"total"`
	NaturalSupports int `json:"with_natural_supports"`
}

// CapitalSummary sums the BARC-10s of the participants in reach:
// how many have two or more, and of those how many rose, held or fell
// from their first to their latest.
type CapitalSummary struct {
	Measured int `json:"measured"`
	Twice    int `json:"measured_twice"`
	Rose     int `json:"rose"`
	Held     int `json:"held"`
	Fell     int `json:"fell"`
}

// ParticipantTrend is one participant's BARC-10 totals, oldest first,
// beside the goals of their plan in force with the notes addressing each
// in the period.
type ParticipantTrend struct {
	ParticipantID int64       `json:"participant_id"`
	Name          string      `json:"name"`
	Totals        []int       `json:"barc10_totals"`
	Dates         []Date      `json:"barc10_dates"`
	Goals         []GoalNotes `json:"goals"`
}

// GoalNotes is one goal and how many signed notes addressed it.
type GoalNotes struct {
	Words string `json:"participant_words"`
	Notes int    `json:"notes"`
}
