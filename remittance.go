package goldthread

import "time"

// Remittance is one payment from a payer as its 835 file told it: the
// check or EFT, the claims it answers and the money taken or added outside
// any claim. Matched claims carry the claim id and the status the answer
// moves them to; unmatched ones (a control number Goldthread did not
// write, a claim of another agency, a claim already corrected) are listed
// with why and change nothing: they are never guessed.
//
// A remittance is imported once: its payer trace id and check or EFT
// number (TRN03, TRN02) identify it, and the same payment imported again
// changes nothing (Duplicate is then set and ID is the first import).
type Remittance struct {
	ID           int64    `json:"id,omitempty"`
	TraceNumber  string   `json:"trace_number"`   // check or EFT number
	PayerTraceID string   `json:"payer_trace_id"` // "1" and the payer's tax id
	Method       string   `json:"method"`         // ACH, CHK, BOP, FWT or NON
	PaymentDate  Date     `json:"payment_date"`
	AmountCents  int64    `json:"amount_cents"` // negative when the payer takes money back
	PayerName    string   `json:"payer_name"`
	PayeeNPI     string   `json:"payee_npi"`
	FileName     string   `json:"file_name"`
	Matched      int      `json:"matched"`
	Unmatched    int      `json:"unmatched"`
	Duplicate    bool     `json:"duplicate"`
	Unbalanced   []string `json:"unbalanced"` // where the payer's amounts do not add up
	// UnbalancedTexts is Unbalanced for a reader's printer (empty for a
	// payment stored before it was kept).
	UnbalancedTexts []Text               `json:"-"`
	ImportedBy      string               `json:"imported_by,omitempty"`
	ImportedAt      time.Time            `json:"imported_at,omitzero"`
	Claims          []RemittanceClaim    `json:"claims"`
	Adjustments     []ProviderAdjustment `json:"provider_adjustments"`
}

// RemittanceClaim is the payer's answer on one claim (835 loop 2100).
type RemittanceClaim struct {
	ControlNumber    string           `json:"control_number"` // CLP01, our ClaimNumber
	ClaimID          int64            `json:"claim_id,omitempty"`
	StatusCode       string           `json:"status_code"` // CLP02
	ChargeCents      int64            `json:"charge_cents"`
	PaidCents        int64            `json:"paid_cents"`
	PatientCents     int64            `json:"patient_responsibility_cents"`
	PayerClaimNumber string           `json:"payer_claim_number"`
	Adjustments      []Adjustment     `json:"adjustments"`
	Remarks          []string         `json:"remarks"`
	Lines            []RemittanceLine `json:"lines"`
	// CurrentStatus is the claim's status before the answer; Outcome the
	// status it moves to ("" when it does not move); Problem why an
	// unmatched claim was not matched.
	CurrentStatus string `json:"current_status,omitempty"`
	Outcome       string `json:"outcome,omitempty"`
	Problem       string `json:"problem,omitempty"`
	ProblemText   Text   `json:"-"` // Problem for a reader's printer (empty when stored before it was kept)
}

// RemittanceLine is the answer on one service line (loop 2110), matched to
// the claim's line by the line control number the 837P wrote.
type RemittanceLine struct {
	ControlNumber string       `json:"control_number"`
	NoteID        int64        `json:"note_id,omitempty"`
	Procedure     string       `json:"procedure"`
	Modifiers     []string     `json:"modifiers"`
	ServiceDate   Date         `json:"service_date"`
	ChargeCents   int64        `json:"charge_cents"`
	PaidCents     int64        `json:"paid_cents"`
	Units         float64      `json:"units"`
	Adjustments   []Adjustment `json:"adjustments"`
	Remarks       []string     `json:"remarks"`
	Problem       string       `json:"problem,omitempty"`
	ProblemText   Text         `json:"-"`
}

// Adjustment is why an amount differs from the charge: a group (CO
// contractual, PR patient, OA other, PI payer, CR correction) and a claim
// adjustment reason code (CARC).
type Adjustment struct {
	Group       string  `json:"group"`
	Reason      string  `json:"reason"`
	AmountCents int64   `json:"amount_cents"`
	Quantity    float64 `json:"quantity,omitempty"`
}

// ProviderAdjustment is money the payer took or added outside any claim
// (835 PLB): a positive amount reduces the payment.
type ProviderAdjustment struct {
	ProviderID  string `json:"provider_id"`
	Reason      string `json:"reason"`
	Reference   string `json:"reference"`
	AmountCents int64  `json:"amount_cents"`
}
