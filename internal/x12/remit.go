package x12

import (
	"strconv"
	"time"
)

// An 835 health care claim payment/advice (version 005010X221A1) is the
// payer's answer to claims: one transaction set per payment (a check, an
// EFT or a notice with no money), each listing the claims it pays, denies
// or takes back, their service lines, and why each amount differs from the
// charge (adjustments with claim adjustment reason codes, CARC, and remark
// codes, RARC). Read835 reads such a file into these plain values and
// Write835 writes them; the loops covered are:
//
//	BPR/TRN/DTM*405        payment, check or EFT trace number, production date
//	1000A                  payer (N1*PR, N3, N4, PER*BL)
//	1000B                  payee (N1*PE with NPI, REF*TJ)
//	2000                   header number (LX)
//	2100                   claim payment (CLP, CAS, NM1*QC, MOA)
//	2110                   service line payment (SVC, DTM*472, CAS, REF*6R, LQ*HE)
//	PLB                    provider-level adjustments
//
// Segments outside this list are skipped by Read835, so a payer's file
// with extra detail still reads; it is then not written back byte for
// byte.

// RemitVersion is the implementation guide of 835 files (GS08).
const RemitVersion = "005010X221A1"

// Claim status codes (CLP02) an agency meets.
const (
	RemitProcessedPrimary   = "1"
	RemitProcessedSecondary = "2"
	RemitProcessedTertiary  = "3"
	RemitDenied             = "4"
	RemitForwardedPrimary   = "19"
	RemitReversal           = "22" // reversal of a previous payment: a recoupment
	RemitNotOurClaim        = "23"
)

// Claim adjustment group codes (CAS01): who bears an adjusted amount.
const (
	GroupContractual = "CO" // contractual obligation: the provider writes it off
	GroupPatient     = "PR" // patient responsibility
	GroupOther       = "OA" // other adjustment
	GroupPayer       = "PI" // payer-initiated reduction
	GroupCorrection  = "CR" // correction and reversal
)

// RemittanceFile is one 835 interchange: its envelope and one Remittance
// per transaction set. Interchange is the payer's envelope (the payer is
// the sender); its Created, Usage, sender and receiver are read from ISA
// and GS.
type RemittanceFile struct {
	Interchange Interchange
	Remittances []Remittance
	// LineBreaks writes a newline after every segment; Read835 sets it
	// when the file was written that way.
	LineBreaks bool
}

// Remittance is one 835 transaction set: one payment and what it pays.
type Remittance struct {
	ControlNumber string // ST02

	Handling    string // BPR01: C payment and advice, I advice only, H notification, D payment only
	Amount      Money  // BPR02: total paid to the provider (may be 0, or negative only with D)
	CreditDebit string // BPR03: C credit or D debit
	Method      string // BPR04: ACH, CHK, BOP, FWT or NON
	Format      string // BPR05: CCP or CTX for ACH; empty otherwise
	// Bank is BPR06–BPR15, the sending and receiving bank and account
	// elements of an ACH payment, kept as read; empty for a check.
	Bank        [10]string
	PaymentDate time.Time // BPR16: check issue or EFT effective date

	TraceNumber   string    // TRN02: the check or EFT trace number
	PayerTraceID  string    // TRN03: "1" and the payer's tax id
	ProductionDay time.Time // DTM*405, zero omits it

	Payer RemitPayer
	Payee RemitPayee

	Claims              []ClaimPayment
	ProviderAdjustments []ProviderAdjustment // PLB
}

// RemitPayer is loop 1000A.
type RemitPayer struct {
	Name         string
	Address      Address
	ContactName  string // PER*BL
	ContactPhone string // ten digits
}

// RemitPayee is loop 1000B: the provider paid, by NPI.
type RemitPayee struct {
	Name  string
	NPI   string // N1*PE*…*XX
	TaxID string // REF*TJ, empty omits it
}

// ClaimPayment is loop 2100: the payer's answer on one claim.
type ClaimPayment struct {
	PatientControlNumber  string // CLP01: CLM01 of the 837P
	Status                string // CLP02, e.g. RemitProcessedPrimary, RemitDenied, RemitReversal
	Charge                Money  // CLP03 (negative on a reversal)
	Paid                  Money  // CLP04
	PatientResponsibility Money  // CLP05
	FilingIndicator       string // CLP06, e.g. "MC" Medicaid
	PayerClaimNumber      string // CLP07: the payer's internal control number
	Frequency             string // CLP09, empty omits it

	Adjustments []Adjustment // claim-level CAS
	Patient     PersonName   // NM1*QC
	MemberID    string       // NM1*QC*…*MI
	Remarks     []string     // MOA remark codes (RARC), at most five
	Lines       []LinePayment
}

// LinePayment is loop 2110: the answer on one service line.
type LinePayment struct {
	Procedure     string   // SVC01-2 (qualifier HC)
	Modifiers     []string // SVC01-3..6
	Charge        Money    // SVC02
	Paid          Money    // SVC03
	Units         float64  // SVC05 units paid; 0 omits it (one is assumed)
	ServiceDate   time.Time
	ControlNumber string // REF*6R: the 837P line item control number
	Adjustments   []Adjustment
	Remarks       []string // LQ*HE remark codes (RARC)
}

// Adjustment is one reason/amount triplet of a CAS segment.
type Adjustment struct {
	Group    string // CO, PR, OA, PI or CR
	Reason   string // CARC, e.g. "45"
	Amount   Money  // positive reduces the payment, negative increases it
	Quantity float64
}

// ProviderAdjustment is one reason/amount pair of a PLB segment: money
// taken from or added to the payment outside any claim (for example a
// recoupment of an earlier overpayment, code WO, referencing the claim).
type ProviderAdjustment struct {
	ProviderID      string    // PLB01, the provider's id at the payer (often the NPI)
	FiscalPeriodEnd time.Time // PLB02
	Reason          string    // PLB03-1, e.g. WO, L6, FB
	Reference       string    // PLB03-2, e.g. the claim's control number
	Amount          Money     // positive reduces the payment
}

// Adjusted is the sum of the amounts of adjustments.
func Adjusted(adjs []Adjustment) Money {
	var sum Money
	for _, a := range adjs {
		sum += a.Amount
	}
	return sum
}

// Unbalanced lists, in words, where the remittance's amounts do not add up
// as the guide requires: the payment equals the claims paid less the
// provider adjustments; each claim's charge less its paid amount equals its
// adjustments (claim and line); each line's charge less its paid amount
// equals its adjustments. Empty when everything balances.
func (r Remittance) Unbalanced() []string {
	var out []string
	for _, i := range r.Imbalances() {
		out = append(out, i.String())
	}
	return out
}

// Imbalance is one place where a remittance's amounts do not add up:
// a claim's line (Claim and Line), a claim (Line 0), or the payment
// itself (Claim ""), whose Amount is not Expected, the claims paid less
// the provider adjustments. Off is by how much a claim or line's charge
// less its paid amount differs from its adjustments.
type Imbalance struct {
	Claim            string
	Line             int // from 1
	Off              Money
	Amount, Expected Money
}

// String is the imbalance in English, as Unbalanced lists it.
func (i Imbalance) String() string {
	switch {
	case i.Claim == "":
		return "the payment " + i.Amount.String() + " is not the claims paid less provider adjustments, " + i.Expected.String()
	case i.Line > 0:
		return "claim " + i.Claim + " line " + strconv.Itoa(i.Line) + ": charge less paid differs from its adjustments by " + i.Off.String()
	}
	return "claim " + i.Claim + ": charge less paid differs from its adjustments by " + i.Off.String()
}

// Imbalances is Unbalanced as values, for a reader's language.
func (r Remittance) Imbalances() []Imbalance {
	var out []Imbalance
	var paid, plb Money
	for _, c := range r.Claims {
		paid += c.Paid
		adj := Adjusted(c.Adjustments)
		for i, l := range c.Lines {
			adj += Adjusted(l.Adjustments)
			if got := l.Charge - l.Paid - Adjusted(l.Adjustments); got != 0 {
				out = append(out, Imbalance{Claim: c.PatientControlNumber, Line: i + 1, Off: got})
			}
		}
		if got := c.Charge - c.Paid - adj; got != 0 {
			out = append(out, Imbalance{Claim: c.PatientControlNumber, Off: got})
		}
	}
	for _, p := range r.ProviderAdjustments {
		plb += p.Amount
	}
	if got := paid - plb; got != r.Amount {
		out = append(out, Imbalance{Amount: r.Amount, Expected: got})
	}
	return out
}
