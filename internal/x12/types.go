package x12

import (
	"strconv"
	"time"
)

// Money is an amount in US cents. Claims carry money as integers so that
// line charges always add up exactly to the claim total.
type Money int64

// String formats m the way X12 decimal elements expect: no currency sign,
// no thousands separator, no trailing zeros ("80", "80.5", "11.97").
func (m Money) String() string {
	return string(appendMoney(nil, m))
}

func appendMoney(dst []byte, m Money) []byte {
	if m < 0 {
		dst = append(dst, '-')
		m = -m
	}
	dst = strconv.AppendInt(dst, int64(m/100), 10)
	cents := int64(m % 100)
	switch {
	case cents == 0:
	case cents%10 == 0:
		dst = append(dst, '.', byte('0'+cents/10))
	default:
		dst = append(dst, '.', byte('0'+cents/10), byte('0'+cents%10))
	}
	return dst
}

// Header is everything a batch file says once, before its claims: the
// envelope, the submitter and receiver, and the billing provider all claims
// of the file are billed under.
type Header struct {
	Interchange     Interchange
	Submitter       Submitter
	Receiver        Receiver
	BillingProvider BillingProvider
	// PayTo is loop 2010AB, the address payments go to when it is not the
	// billing provider's; nil omits the loop.
	PayTo *Address

	// BatchID is BHT03, the submitter's reference for this batch. Empty
	// means the interchange control number. When the file is split into
	// several transaction sets, the second and later ones get "-2", "-3"…
	// appended so each BHT03 stays unique.
	BatchID string

	// MaxClaimsPerTransaction starts a new ST transaction set after this
	// many claims. The guide recommends at most 5000 claims per transaction
	// set, which is the default (zero).
	MaxClaimsPerTransaction int

	// LineBreaks writes a newline after every segment terminator. Payers
	// accept it; it makes files readable and diffable (golden files use it).
	LineBreaks bool
}

// Interchange holds the ISA and GS envelope values agreed with the
// clearinghouse or payer.
type Interchange struct {
	SenderQualifier   string // ISA05, e.g. "ZZ" (mutually defined) or "30" (tax id)
	SenderID          string // ISA06, at most 15 characters
	ReceiverQualifier string // ISA07
	ReceiverID        string // ISA08, at most 15 characters

	// ControlNumber is ISA13 and IEA02: 1..999999999, unique per sender.
	ControlNumber int
	// GroupControlNumber is GS06 and GE02; zero means ControlNumber.
	GroupControlNumber int

	// Created is the file's creation date and time (ISA09/10, GS04/05,
	// BHT04/05), written in its own location.
	Created time.Time

	// Usage is ISA15: "T" for test files, "P" for production.
	Usage string
	// AckRequested sets ISA14 to 1 to ask for a TA1 acknowledgment.
	AckRequested bool

	ApplicationSender   string // GS02, 2–15 characters
	ApplicationReceiver string // GS03, 2–15 characters
}

// Submitter is loop 1000A: the organization sending the file and the
// person the payer contacts about it. At least one of Phone and Email is
// required.
type Submitter struct {
	Name        string // NM103, organization name
	ID          string // NM109, the id the receiver assigned (qualifier 46)
	ContactName string // PER02
	Phone       string // PER*TE, ten digits; punctuation is ignored
	Email       string // PER*EM
}

// Receiver is loop 1000B: the clearinghouse or payer receiving the file.
type Receiver struct {
	Name string // NM103
	ID   string // NM109 (qualifier 46)
}

// Address is an N3/N4 pair. ZIP may be written with or without the hyphen.
type Address struct {
	Line1 string
	Line2 string
	City  string
	State string // two-letter code
	ZIP   string
}

// PersonName is the name elements of an NM1 segment for a person.
type PersonName struct {
	Last   string
	First  string
	Middle string
	Suffix string
}

// BillingProvider is loop 2000A/2010AA: the agency that bills and is paid.
type BillingProvider struct {
	Name     string // organization name
	NPI      string // ten digits with a valid check digit
	TaxID    string // employer identification number, nine digits (hyphen allowed)
	Taxonomy string // PRV*BI, e.g. "251S00000X"; empty omits the PRV segment
	Address  Address
}

// Gender values for DMG03.
const (
	GenderFemale  = "F"
	GenderMale    = "M"
	GenderUnknown = "U"
)

// Subscriber is loop 2000B/2010BA: the insured member. For Medicaid the
// subscriber is the patient; then Address, BirthDate and Gender are
// required.
type Subscriber struct {
	Name      PersonName
	MemberID  string // Medicaid or plan member id (NM1*IL qualifier MI)
	BirthDate time.Time
	Gender    string // GenderFemale, GenderMale or GenderUnknown
	Address   Address

	// PayerResponsibility is SBR01: "P" primary (default), "S" secondary…
	PayerResponsibility string
	// FilingIndicator is SBR09, the claim filing indicator: "MC"
	// (Medicaid) by default.
	FilingIndicator string
	// GroupNumber is SBR03; usually empty for Medicaid.
	GroupNumber string
}

// Payer is loop 2010BB: the plan that pays the claim.
type Payer struct {
	Name string
	ID   string // payer id (NM1*PR qualifier PI)
}

// Patient is loop 2000C/2010CA, used only when the patient is not the
// subscriber (a child on a parent's plan, for instance).
type Patient struct {
	Name      PersonName
	BirthDate time.Time
	Gender    string
	Address   Address
	// Relationship is PAT01, the patient's relationship to the subscriber:
	// "01" spouse, "19" child, "20" employee, "21" unknown, "39" organ
	// donor, "40" cadaver donor, "53" life partner, "G8" other.
	Relationship string
}

// Claim frequency codes (CLM05-3).
const (
	FrequencyOriginal    = "1"
	FrequencyReplacement = "7"
	FrequencyVoid        = "8"
)

// RenderingProvider is loop 2310B: the person who delivered the services,
// when that is not the billing provider.
type RenderingProvider struct {
	Name     PersonName
	NPI      string
	Taxonomy string // PRV*PE; empty omits the PRV segment
}

// Claim is one 2300 loop with its subscriber, payer, optional patient and
// service lines. Consecutive claims for the same subscriber, payer and
// patient are written under one subscriber (and patient) HL.
type Claim struct {
	// ID is CLM01, the patient control number the payer echoes back on
	// remittances: 1–20 characters.
	ID string

	Subscriber Subscriber
	Payer      Payer
	Patient    *Patient // nil when the subscriber is the patient

	// TotalCharge is CLM02. It must equal the sum of the line charges;
	// zero means "compute it from the lines".
	TotalCharge Money
	// PlaceOfService is CLM05-1, the two-digit CMS place of service code.
	PlaceOfService string
	// Frequency is CLM05-3: FrequencyOriginal (default when empty),
	// FrequencyReplacement or FrequencyVoid.
	Frequency string
	// PayerClaimControlNumber is REF*F8, the payer's number for the claim
	// being replaced or voided. Required for frequency 7 and 8, refused
	// for originals.
	PayerClaimControlNumber string
	// PriorAuthorization is REF*G1; empty omits it.
	PriorAuthorization string

	// ProviderSignatureOnFile is CLM06: "Y" (default) or "N".
	ProviderSignatureOnFile string
	// Assignment is CLM07, plan participation: "A" assigned (default),
	// "B" lab services only, "C" not assigned.
	Assignment string
	// BenefitsAssigned is CLM08: "Y" (default), "N" or "W" (not applicable).
	BenefitsAssigned string
	// ReleaseOfInformation is CLM09: "Y" (default) or "I" (informed
	// consent to release limited to what is needed to pay the claim).
	ReleaseOfInformation string

	// Diagnoses are ICD-10-CM codes, principal first (HI*ABK, then ABF),
	// one to twelve; a dot after the third character is removed.
	Diagnoses []string

	// Rendering is written as loop 2310B unless it is nil or has the
	// billing provider's NPI.
	Rendering *RenderingProvider

	// Lines are the 2400 service lines, one to fifty.
	Lines []ServiceLine
}

// ServiceLine is one 2400 loop.
type ServiceLine struct {
	Procedure string   // HCPCS or CPT code, e.g. "H0038"
	Modifiers []string // zero to four two-character modifiers, e.g. "HQ", "GT"
	Charge    Money    // SV102
	// Units is SV104, the number of units (for H0038, 15-minute units).
	// It must be > 0, at most 99999.999, with at most three decimals.
	Units float64
	// PlaceOfService is SV105; it is written only when it differs from the
	// claim's place of service.
	PlaceOfService string
	// DiagnosisPointers are SV107: one to four 1-based positions in
	// Claim.Diagnoses. Empty means the principal diagnosis (1).
	DiagnosisPointers []int
	ServiceDate       time.Time // DTP*472, written as a single date (D8)
	// ControlNumber is REF*6R, the line item control number the payer
	// echoes back on the remittance; empty omits it.
	ControlNumber string
}
