package goldthread

import (
	"regexp"
	"strings"
	"time"
)

// Eligibility is what makes a participant eligible for peer support, as a
// clinician enters it: the clinical assessment, the diagnoses claims need,
// the service order of a licensed professional and the payer's
// authorizations. Peers see that these exist and their dates; the clinical
// content (assessment summary, diagnosis codes) is left empty for them by
// the store, and ClinicalHidden says so.
type Eligibility struct {
	ParticipantID  int64           `json:"participant_id"`
	Assessments    []Assessment    `json:"assessments"`
	Diagnoses      []Diagnosis     `json:"diagnoses"`
	Orders         []ServiceOrder  `json:"service_orders"`
	Authorizations []Authorization `json:"authorizations"`
	ClinicalHidden bool            `json:"clinical_hidden"` // true when the reader may not see clinical content
}

// Assessment is a clinical assessment. Summary is clinical content: only
// clinicians and auditors read it.
type Assessment struct {
	ID            int64     `json:"id"`
	ParticipantID int64     `json:"participant_id"`
	Assessed      Date      `json:"assessed_on"`
	ClinicianName string    `json:"clinician_name"`
	Summary       string    `json:"summary,omitempty"`
	Created       time.Time `json:"created_at"`
}

// Diagnosis is an ICD-10-CM diagnosis on file. Code and Description are
// clinical content; claims need the code, so billing reads it too.
type Diagnosis struct {
	ID            int64     `json:"id"`
	ParticipantID int64     `json:"participant_id"`
	Code          string    `json:"code,omitempty"`
	Description   string    `json:"description,omitempty"`
	Primary       bool      `json:"primary"`
	Since         Date      `json:"since"`
	Created       time.Time `json:"created_at"`
}

// ServiceOrder is the order of a licensed professional for peer support in a
// program. No service in the program may be dated before Signed.
type ServiceOrder struct {
	ID            int64     `json:"id"`
	ParticipantID int64     `json:"participant_id"`
	ProgramID     int64     `json:"program_id"`
	ProgramName   string    `json:"program_name,omitempty"`
	Professional  string    `json:"professional"`
	Credential    string    `json:"credential"`
	NPI           string    `json:"npi"`
	Signed        Date      `json:"signed_on"`
	Created       time.Time `json:"created_at"`
}

// Authorization is a payer's service authorization: a number, a date range
// and the units authorized and used so far.
type Authorization struct {
	ID              int64     `json:"id"`
	ParticipantID   int64     `json:"participant_id"`
	ProgramID       int64     `json:"program_id"`
	ProgramName     string    `json:"program_name,omitempty"`
	Payer           string    `json:"payer"`
	Number          string    `json:"number"`
	Start           Date      `json:"start_date"`
	End             Date      `json:"end_date"`
	UnitsAuthorized int       `json:"units_authorized"`
	UnitsUsed       int       `json:"units_used"`
	Created         time.Time `json:"created_at"`
}

// UnitsLeft is how many authorized units remain.
func (a Authorization) UnitsLeft() int { return a.UnitsAuthorized - a.UnitsUsed }

// icd10 is the shape of an ICD-10-CM code: a letter, two characters of the
// category, then optionally a dot and up to four more characters.
var icd10 = regexp.MustCompile(`^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$`)

// NormalizeICD10 returns code in the form claims and screens use (upper
// case, with the dot after the category: "f331" → "F33.1") and whether it
// has the shape of an ICD-10-CM code. The shape check cannot tell whether
// the code exists; it stops typing slips.
func NormalizeICD10(code string) (string, bool) {
	c := strings.ToUpper(strings.TrimSpace(code))
	if len(c) > 3 && c[3] != '.' {
		c = c[:3] + "." + c[3:]
	}
	return c, icd10.MatchString(c)
}
