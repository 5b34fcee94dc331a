package goldthread

import (
	"net/mail"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Intake is what registering a participant records in one step: who they
// are, the program they join and from which day, and the peer specialist
// who will serve them. A participant is never registered without a
// program and a peer: nobody would reach a record that belongs to no
// caseload, and the program's rule pack decides what their Medicaid ID
// must look like.
type Intake struct {
	Participant Participant `json:"participant"`
	ProgramID   int64       `json:"program_id"`
	Start       Date        `json:"start_date"` // the first day served; today when zero
	PeerID      int64       `json:"peer_id"`
	// NotDuplicate is the registrar's word that the similar records the
	// intake found (same name and date of birth) are somebody else.
	NotDuplicate bool `json:"not_duplicate"`
}

// DuplicateCandidate is a participant already registered who an intake may
// describe again. Name is empty when the registrar may not reach the
// record: they learn that a record exists and whom to ask, not who it is.
type DuplicateCandidate struct {
	ID        int64  `json:"id"`
	Name      string `json:"name,omitempty"`
	BirthDate Date   `json:"birth_date"`
	// Reason is "medicaid_id" (the same Medicaid ID: the same person, so
	// the intake is refused) or "name_birth_date" (the same name and date
	// of birth: confirm it is someone else).
	Reason  string `json:"reason"`
	InReach bool   `json:"in_reach"`
}

// Duplicate reasons.
const (
	DuplicateMedicaidID    = "medicaid_id"
	DuplicateNameBirthDate = "name_birth_date"
)

// Validate checks the fields every participant record must have and
// tidies them (spaces trimmed, the Medicaid ID upper-cased without spaces
// or dashes, gender U when unknown, status active when new). today is the
// agency's date, against which a birth date in the future is refused.
// Returns EINVALID naming the first field that is wrong. Whether the
// Medicaid ID has the payer's shape is a rule of the program's pack,
// checked where the program is known.
func (p *Participant) Validate(today Date) error {
	for _, f := range []*string{&p.FirstName, &p.LastName, &p.PreferredName, &p.Pronouns, &p.Phone, &p.Email, &p.Language,
		&p.Address.Line1, &p.Address.City, &p.Address.State, &p.Address.PostalCode} {
		*f = strings.TrimSpace(*f)
	}
	p.MedicaidID = NormalizeMedicaidID(p.MedicaidID)
	p.Address.State = strings.ToUpper(p.Address.State)
	switch {
	case p.FirstName == "":
		return FieldError("first_name", "Enter the participant's legal first name, as on their Medicaid card.")
	case p.LastName == "":
		return FieldError("last_name", "Enter the participant's legal last name, as on their Medicaid card.")
	case p.BirthDate.IsZero():
		return FieldError("birth_date", "Enter the date of birth as YYYY-MM-DD.")
	case p.BirthDate.After(today.Time):
		return FieldError("birth_date", "The date of birth is in the future; check the year.")
	case p.BirthDate.Year() < today.Year()-120:
		return FieldError("birth_date", "The date of birth is more than 120 years ago; check the year.")
	case p.Email != "" && !validEmail(p.Email):
		return FieldError("email", "Enter an email address such as name@example.org, or leave it empty.")
	case p.Address.State != "" && !validState(p.Address.State):
		return FieldError("state", "Enter the state as its two-letter code, such as NC.")
	case p.Address.PostalCode != "" && !validZIP(p.Address.PostalCode):
		return FieldError("postal_code", "Enter the ZIP code as 5 digits or ZIP+4 (28801 or 28801-1234).")
	}
	switch p.Gender {
	case "":
		p.Gender = "U"
	case "F", "M", "U":
	default:
		return FieldError("gender", "Use F, M or U (unknown) as claims require.")
	}
	if p.Status == "" {
		p.Status = ParticipantActive
	}
	return nil
}

// NormalizeMedicaidID is the form a Medicaid ID is stored and compared in:
// upper case, without the spaces and dashes people type from a card.
func NormalizeMedicaidID(id string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' {
			return -1
		}
		return unicode.ToUpper(r)
	}, strings.TrimSpace(id))
}

// FoldName is the form names are compared in to find duplicates: lower
// case, accents dropped, only letters kept ("Lucía O'Neil" and "lucia
// oneil" fold alike).
func FoldName(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	folded, _, err := transform.String(t, s)
	if err != nil {
		folded = s
	}
	var b strings.Builder
	for _, r := range strings.ToLower(folded) {
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s, "@")
}

func validState(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

func validZIP(s string) bool {
	digits := func(s string) bool {
		for _, r := range s {
			if r < '0' || r > '9' {
				return false
			}
		}
		return true
	}
	switch len(s) {
	case 5, 9:
		return digits(s)
	case 10:
		return s[5] == '-' && digits(s[:5]) && digits(s[6:])
	}
	return false
}

// PeerChoice is a peer specialist an intake may assign, with how full
// their caseload is against the limit that would bind them.
type PeerChoice struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Caseload int    `json:"caseload"`
	Limit    int    `json:"limit"` // 0: no limit configured
}

// Full reports whether the peer takes nobody else.
func (c PeerChoice) Full() bool { return c.Limit > 0 && c.Caseload >= c.Limit }

// IntakeProgram is a program an intake may enrol into, with what its
// payer's member IDs look like (from the agency's effective rule pack).
type IntakeProgram struct {
	Program
	MemberIDExample string `json:"member_id_example,omitempty"`
}

// ImportRow is one participant of a file from another system: the intake
// it describes, with the program and peer as the file names them (the
// program by id or name, the peer by the email they sign in with).
type ImportRow struct {
	Line      int // the file's line (the header is line 1)
	Intake    Intake
	Program   string
	PeerEmail string
}

// ImportError says what is wrong with one row of an import: the line and
// the field, so the file can be fixed and sent again.
type ImportError struct {
	Line    int    `json:"line"`
	Field   string `json:"field"`
	Message string `json:"message"`
	// MessageText is Message as format and arguments, for the reader's
	// printer (the JSON's message stays English).
	MessageText Text `json:"-"`
}

// ImportProblem is an ImportError of line and field saying msg, in
// English and as a Text.
func ImportProblem(line int, field string, msg Text) ImportError {
	return ImportError{Line: line, Field: field, Message: msg.String(), MessageText: msg}
}
