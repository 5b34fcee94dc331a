package goldthread

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Claim statuses. A claim is written ready, then exported in an 837P file;
// the payer's answer is entered as accepted, denied (with a reason) or paid
// (with the amount). A sent claim is never edited: a replacement (frequency
// 7) or a void (frequency 8) is a new claim, and the original is then
// marked replaced or voided. Every move is a new row of the claim's status
// history.
const (
	ClaimReady    = "ready"
	ClaimExported = "exported"
	ClaimAccepted = "accepted"
	ClaimDenied   = "denied"
	ClaimPaid     = "paid"
	ClaimReplaced = "replaced"
	ClaimVoided   = "voided"
)

// ClaimOutcomes are the statuses billing staff enter from the payer's answer.
var ClaimOutcomes = []string{ClaimAccepted, ClaimDenied, ClaimPaid}

// Claim frequency codes (837P CLM05-3).
const (
	FrequencyOriginal    = "1"
	FrequencyReplacement = "7"
	FrequencyVoid        = "8"
)

// BillingFinding is why a service cannot be billed yet: the rule, what is
// wrong, what would fix it, who must act (peer, supervisor, clinician,
// billing) and where the rule comes from.
type BillingFinding struct {
	RuleID  string `json:"rule_id"`
	Message string `json:"message"`
	Fix     string `json:"fix"`
	WhoActs string `json:"who_acts"`
	Source  string `json:"source"`
	Status  string `json:"status"`
	// MessageText and FixText are a rule finding's Message and Fix as
	// format and arguments, for the reader's printer (not in the JSON,
	// whose message and fix stay English).
	MessageText Text `json:"-"`
	FixText     Text `json:"-"`
}

// BillableService is one signed, billable service note as billing sees it:
// codes, times, units, modifiers, place of service, diagnosis codes and
// amounts, never the narrative. Blocks lists what stops it from being
// claimed; an empty list means ready.
type BillableService struct {
	NoteID              int64            `json:"note_id"`
	ParticipantID       int64            `json:"participant_id"`
	ParticipantName     string           `json:"participant_name"`
	MemberID            string           `json:"member_id"`
	ProgramID           int64            `json:"program_id"`
	AuthorID            int64            `json:"author_id"`
	AuthorName          string           `json:"author_name"`
	RenderingNPI        string           `json:"rendering_npi,omitempty"`
	Kind                string           `json:"kind"`
	ServiceDate         Date             `json:"service_date"`
	Start               time.Time        `json:"start"`
	End                 time.Time        `json:"end"`
	Minutes             int              `json:"minutes"`
	Units               int              `json:"units"`
	Procedure           string           `json:"procedure"`
	Modifiers           []string         `json:"modifiers"`
	PlaceOfService      string           `json:"place_of_service"`
	Diagnoses           []string         `json:"diagnoses"`
	RateCents           int64            `json:"rate_cents"`
	RatePlaceholder     bool             `json:"rate_placeholder"` // the rate in effect is a placeholder
	ChargeCents         int64            `json:"charge_cents"`
	AuthorizationID     int64            `json:"authorization_id,omitempty"`
	AuthorizationNumber string           `json:"authorization_number,omitempty"`
	Blocks              []BillingFinding `json:"blocks"`
}

// Ready reports whether nothing blocks the service from being claimed.
func (s BillableService) Ready() bool { return len(s.Blocks) == 0 }

// BlockedGroup counts the blocked services that share one rule, with that
// rule's fix, source and who must act, for the billing screen.
type BlockedGroup struct {
	RuleID  string `json:"rule_id"`
	WhoActs string `json:"who_acts"`
	Fix     string `json:"fix"`
	Source  string `json:"source"`
	Example string `json:"example"` // the message of the first service blocked by it
	Count   int    `json:"count"`
	// FixText and ExampleText are Fix and Example as format and arguments,
	// for the reader's printer (the JSON keeps the English).
	FixText     Text `json:"-"`
	ExampleText Text `json:"-"`
}

// BillingWorklist is the billing screen for one program and period: the
// services ready to claim and those blocked, grouped by reason, and the
// placeholders their claim file would carry.
type BillingWorklist struct {
	ProgramID  int64             `json:"program_id"`
	From       Date              `json:"from"`
	To         Date              `json:"to"`
	Ready      []BillableService `json:"ready"`
	Blocked    []BillableService `json:"blocked"`
	Groups     []BlockedGroup    `json:"blocked_groups"`
	ReadyUnits int               `json:"ready_units"`
	ReadyCents int64             `json:"ready_cents"`
	// ReadyCount and BlockedCount count every service of the period; a
	// page (store.WorklistPage) lists only the first of each in Ready and
	// Blocked.
	ReadyCount   int `json:"ready_count"`
	BlockedCount int `json:"blocked_count"`
	// Pending counts the participants whose services are still being
	// checked (store.WorklistPage.AsStored): the lists and totals leave
	// their services out, or hold them as last checked. The CSV and the
	// API wait for the check, so theirs is always 0.
	Pending int `json:"-"`
	// Usage is the program's claim files: T (test) or P (production); ""
	// until payer settings are saved. Placeholders names each placeholder a
	// batch of the ready services would carry (a production batch is
	// refused while any remains).
	Usage        string   `json:"usage"`
	Placeholders []string `json:"placeholders"`
	// PlaceholderTexts are Placeholders as format and arguments, for the
	// reader's printer (the JSON keeps the English).
	PlaceholderTexts []Text `json:"-"`
}

// ClaimLine is one service line of a claim: one service note.
type ClaimLine struct {
	LineNo         int      `json:"line_no"`
	NoteID         int64    `json:"note_id"`
	ServiceDate    Date     `json:"service_date"`
	Procedure      string   `json:"procedure"`
	Modifiers      []string `json:"modifiers"`
	Minutes        int      `json:"minutes"`
	Units          int      `json:"units"`
	ChargeCents    int64    `json:"charge_cents"`
	PlaceOfService string   `json:"place_of_service"`
}

// ClaimStatusEntry is one move in a claim's status history. Its reason is
// either typed by staff (an outcome's, a correction's, a batch
// acceptance's), kept as typed in Reason with ReasonText empty, or said
// by Goldthread itself (a 277CA's or an 835's move), kept as ReasonText
// so each reader reads it in their language (locale.Printer.TextOr), with
// Reason its English.
type ClaimStatusEntry struct {
	Status           string    `json:"status"`
	AmountCents      int64     `json:"amount_cents,omitempty"`
	HasAmount        bool      `json:"has_amount"`
	Reason           string    `json:"reason,omitempty"`
	ReasonText       Text      `json:"-"`
	PayerClaimNumber string    `json:"payer_claim_number,omitempty"`
	ActorName        string    `json:"actor_name,omitempty"`
	At               time.Time `json:"at"`
	// Lines is what a payment paid on each line, when it was given.
	Lines []LineAmount `json:"lines,omitempty"`
}

// LineAmount is an amount paid on one line of a claim (ClaimLine.LineNo).
type LineAmount struct {
	LineNo      int   `json:"line_no"`
	AmountCents int64 `json:"amount_cents"`
}

// Claim is one 837P claim (loop 2300) as stored: it never changes after it
// is written; Status and History come from its status rows.
type Claim struct {
	ID                 int64              `json:"id"`
	Number             string             `json:"number"` // CLM01, see ClaimNumber
	BatchID            int64              `json:"batch_id"`
	ProgramID          int64              `json:"program_id"`
	ProgramName        string             `json:"program_name,omitempty"`
	ParticipantID      int64              `json:"participant_id"`
	ParticipantName    string             `json:"participant_name"`
	MemberID           string             `json:"member_id"`
	Frequency          string             `json:"frequency"`
	OriginalID         int64              `json:"original_claim_id,omitempty"`
	PayerClaimNumber   string             `json:"payer_claim_number,omitempty"`
	Reason             string             `json:"reason,omitempty"`
	PlaceOfService     string             `json:"place_of_service"`
	Diagnoses          []string           `json:"diagnoses"`
	RenderingName      string             `json:"rendering_name,omitempty"`
	RenderingNPI       string             `json:"rendering_npi,omitempty"`
	PriorAuthorization string             `json:"prior_authorization,omitempty"`
	TotalCents         int64              `json:"total_cents"`
	Units              int                `json:"units"`
	Created            time.Time          `json:"created_at"`
	Status             string             `json:"status"`
	StatusAt           time.Time          `json:"status_at"`
	PaidCents          int64              `json:"paid_cents,omitempty"`
	DenialReason       string             `json:"denial_reason,omitempty"`
	DenialReasonText   Text               `json:"-"`             // the latest denial's ReasonText (ClaimStatusEntry)
	ReviewNeeded       bool               `json:"review_needed"` // an addendum was added to a billed note
	Lines              []ClaimLine        `json:"lines,omitempty"`
	History            []ClaimStatusEntry `json:"history,omitempty"`
}

// ClaimNumber is the patient control number (CLM01) of claim id: "GT" and
// ten digits, unique because ids are, and within the 20 characters X12
// allows.
func ClaimNumber(id int64) string { return fmt.Sprintf("GT%010d", id) }

// ParseClaimNumber reads a claim number ("GT0000000042") or a bare claim id
// ("42") and returns the id.
func ParseClaimNumber(s string) (int64, error) {
	s = strings.TrimSpace(strings.ToUpper(s))
	s = strings.TrimPrefix(s, "GT")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%q is not a claim number such as GT0000000042", s)
	}
	return id, nil
}

// ClaimBatch is one export: the claims of one program and period in one
// 837P interchange (its control number is the batch id).
type ClaimBatch struct {
	ID          int64     `json:"id"`
	ProgramID   int64     `json:"program_id"`
	ProgramName string    `json:"program_name"`
	From        Date      `json:"from"`
	To          Date      `json:"to"`
	Claims      int       `json:"claims"`
	Lines       int       `json:"lines"`
	Units       int       `json:"units"`
	TotalCents  int64     `json:"total_cents"`
	Exported    bool      `json:"exported"`
	Created     time.Time `json:"created_at"`
	// Ack is the latest 999 answer on the batch's file, nil before one.
	Ack *BatchAck `json:"acknowledgment,omitempty"`
}

// ExportSummary is what an export wrote: the counts and total of the
// claims in the file, and how many services of the period stayed blocked.
// Placeholders names each placeholder the file was made with (a test file
// may carry them; a production batch is refused while any remains).
type ExportSummary struct {
	BatchID      int64    `json:"batch_id"`
	Claims       int      `json:"claims"`
	Lines        int      `json:"lines"`
	Units        int      `json:"units"`
	TotalCents   int64    `json:"total_cents"`
	Blocked      int      `json:"blocked"`
	Placeholders []string `json:"placeholders,omitempty"`
}

// ClaimOutcome is the payer's answer on one claim, entered by hand or from
// a line of an outcomes file. A payment may say what each line was paid
// (Lines, adding up to AmountCents). A payment above what was billed, on
// the claim or on a line, needs a Reason.
type ClaimOutcome struct {
	Status           string       `json:"status"` // one of ClaimOutcomes
	AmountCents      int64        `json:"amount_cents"`
	Reason           string       `json:"reason"`
	PayerClaimNumber string       `json:"payer_claim_number"`
	Lines            []LineAmount `json:"lines,omitempty"`
}

// ClaimFilter narrows a claim list. Scope is never a filter.
type ClaimFilter struct {
	ProgramID int64
	BatchID   int64
	Status    string
	Limit     int
}

// ProgramBilling is how a program's claims are addressed: the payer, the
// clearinghouse or payer receiving the files, and the interchange ids
// agreed with it. Placeholder marks demo or unconfirmed values.
type ProgramBilling struct {
	ProgramID             int64  `json:"program_id"`
	PayerName             string `json:"payer_name"`
	PayerID               string `json:"payer_id"`
	ReceiverName          string `json:"receiver_name"`
	ReceiverID            string `json:"receiver_id"`
	SenderQualifier       string `json:"sender_qualifier"`
	SenderID              string `json:"sender_id"`
	ReceiverQualifier     string `json:"receiver_qualifier"`
	InterchangeReceiverID string `json:"interchange_receiver_id"`
	SubmitterID           string `json:"submitter_id"`
	ContactName           string `json:"contact_name"`
	ContactPhone          string `json:"contact_phone"`
	Usage                 string `json:"usage"` // T test, P production
	Placeholder           bool   `json:"placeholder"`
}

// BillingRate is a program's rate per unit for one procedure code,
// individual or group, from EffectiveFrom (the zero Date: from the
// beginning) until the next rate of the same code and kind takes effect.
// A service is priced with the rate in effect on its service date, so a
// new rate never re-prices services already delivered. Placeholder marks a
// rate not taken from a payer schedule.
type BillingRate struct {
	ProgramID     int64  `json:"program_id"`
	Procedure     string `json:"procedure"`
	Group         bool   `json:"group"`
	CentsPerUnit  int64  `json:"cents_per_unit"`
	Placeholder   bool   `json:"placeholder"`
	Source        string `json:"source"`
	EffectiveFrom Date   `json:"effective_from"` // null: from the beginning
	// EffectiveTo is the last day the rate applies, the day before the
	// next rate takes effect; null while it is the latest. Read only.
	EffectiveTo Date `json:"effective_to"`
}

// ValidateEffectiveFrom refuses a rate that would re-price a day already
// past: one taking effect before today on a day that a rate of history
// (the earlier rates of the same code and kind) already prices. Services
// already delivered keep the rate in effect on their date; EINVALID on
// "effective_from" says from which day the new rate may start.
func (r BillingRate) ValidateEffectiveFrom(history []BillingRate, today Date) error {
	if !r.EffectiveFrom.Before(today.Time) {
		return nil
	}
	for _, old := range history {
		if old.EffectiveFrom.After(r.EffectiveFrom.Time) {
			continue
		}
		if r.EffectiveFrom.IsZero() {
			return FieldError("effective_from", "%s already has a rate from the beginning; give the day the new rate takes effect, %s or later. Services before it keep the rate in effect on their date.",
				r.Procedure, today)
		}
		return FieldError("effective_from", "Services of %s on %s are already priced by the rate in effect then; a new rate takes effect today (%s) or later, so services already delivered keep their rate.",
			r.Procedure, r.EffectiveFrom, today)
	}
	return nil
}

// InEffect reports whether the rate prices services dated d.
func (r BillingRate) InEffect(d Date) bool {
	return !d.Before(r.EffectiveFrom.Time) && (r.EffectiveTo.IsZero() || !d.After(r.EffectiveTo.Time))
}

// AcknowledgmentImport is what importing a 999 or 277CA did. A 999
// answers batches (Batches: the file accepted or rejected, claims keep
// their status); a 277CA answers claims (Claims: accepted into
// adjudication, or rejected before it, recorded as denied with the
// payer's codes). Unmatched batches and claims are listed with why.
// Duplicate: the same file had been imported; nothing changed.
type AcknowledgmentImport struct {
	ID        int64         `json:"id,omitempty"`
	Kind      string        `json:"kind"`
	Duplicate bool          `json:"duplicate"`
	Batches   []BatchAck    `json:"batches,omitempty"`
	Claims    []ClaimAckRow `json:"claims,omitempty"`
}

// BatchAck is a 999's answer on one batch.
type BatchAck struct {
	BatchID  int64  `json:"batch_id,omitempty"`
	Code     string `json:"code"` // A, E, P or R
	Accepted bool   `json:"accepted"`
	Detail   string `json:"detail,omitempty"`
	Problem  string `json:"problem,omitempty"`
	// ProblemText is Problem for a reader's printer.
	ProblemText Text      `json:"-"`
	At          time.Time `json:"at,omitzero"`
}

// ClaimAckRow is a 277CA's answer on one claim.
type ClaimAckRow struct {
	ControlNumber    string `json:"control_number"`
	ClaimID          int64  `json:"claim_id,omitempty"`
	Category         string `json:"category"`
	Status           string `json:"status_code"`
	PayerClaimNumber string `json:"payer_claim_number,omitempty"`
	Outcome          string `json:"outcome,omitempty"`
	Problem          string `json:"problem,omitempty"`
	ProblemText      Text   `json:"-"` // Problem for a reader's printer
}
