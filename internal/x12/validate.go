package x12

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ErrInvalid is wrapped by every *ValidationError, so callers can map any
// input problem to one error kind with errors.Is(err, ErrInvalid).
var ErrInvalid = errors.New("x12: invalid input")

// ValidationError names one input value that cannot be written.
//
// Its message reads "<where>: <field> <problem>", for example
// "claim C123 line 2: units must be > 0", or "<field> <problem>" for header
// values ("billing provider NPI must be 10 digits"). Messages name fields
// and claim ids only, never the member's name or other PHI values.
type ValidationError struct {
	Where   string // "claim C123", "claim C123 line 2", or "" for the header
	Field   string // the field, in domain words: "units", "billing provider NPI"
	Problem string // what is wrong: "must be > 0"
}

func (e *ValidationError) Error() string {
	if e.Where == "" {
		return e.Field + " " + e.Problem
	}
	return e.Where + ": " + e.Field + " " + e.Problem
}

// Unwrap lets errors.Is(err, ErrInvalid) match.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

// problems collects the validation errors of one header or claim, so the
// caller learns everything to fix at once instead of one error per try.
// The "claim … line …" prefix is built only when a problem is found, so
// validating a good claim allocates nothing.
type problems struct {
	isClaim bool
	claimID string
	ordinal int // position of the claim in the file, for claims without id
	line    int // 1-based service line being checked, or 0
	errs    []error
}

func (p *problems) add(field, problem string) {
	p.errs = append(p.errs, &ValidationError{Where: p.where(), Field: field, Problem: problem})
}

func (p *problems) where() string {
	if !p.isClaim {
		return ""
	}
	w := claimLabel(p.claimID, p.ordinal)
	if p.line > 0 {
		w += " line " + strconv.Itoa(p.line)
	}
	return w
}

func (p *problems) err() error { return errors.Join(p.errs...) }

func (p *problems) requireText(field, v string) {
	if !hasText(v) {
		p.add(field, "is required")
	}
}

func (p *problems) identifier(field, v string, minLen, maxLen int) {
	if msg := identifierProblem(v, minLen, maxLen); msg != "" {
		p.add(field, msg)
	}
}

func (p *problems) optionalIdentifier(field, v string, minLen, maxLen int) {
	if v != "" {
		p.identifier(field, v, minLen, maxLen)
	}
}

func (p *problems) oneOf(field, v string, allowed ...string) {
	for _, a := range allowed {
		if v == a {
			return
		}
	}
	p.add(field, "must be one of "+strings.Join(allowed, ", "))
}

// ValidNPI reports whether npi is a National Provider Identifier: ten
// digits whose last is the Luhn check digit computed over the 80840 prefix
// (the NPI's issuer prefix) and the first nine digits.
func ValidNPI(npi string) bool {
	if len(npi) != 10 || !allDigits(npi) {
		return false
	}
	const prefixSum = 24 // Luhn sum of the doubled-position digits of "80840"
	sum := prefixSum
	// Walk the first nine digits from the right; the rightmost of them is
	// doubled because the check digit follows it.
	for i := 8; i >= 0; i-- {
		d := int(npi[i] - '0')
		if (8-i)%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return (10-sum%10)%10 == int(npi[9]-'0')
}

func (p *problems) npi(field, v string) {
	switch {
	case v == "":
		p.add(field, "is required")
	case len(v) != 10 || !allDigits(v):
		p.add(field, "must be 10 digits")
	case !ValidNPI(v):
		p.add(field, "has a wrong check digit")
	}
}

// taxonomy checks a Health Care Provider Taxonomy code (see
// TaxonomyProblem); empty is allowed.
func (p *problems) taxonomy(field, v string) {
	if msg := TaxonomyProblem(v); v != "" && msg != "" {
		p.add(field, msg)
	}
}

// TaxonomyProblem says what is wrong with a Health Care Provider Taxonomy
// code as PRV03 carries it (ten characters: three digits, six capital
// letters or digits, then X, such as 175T00000X), or "" when nothing is.
func TaxonomyProblem(v string) string {
	ok := len(v) == 10 && allDigits(v[:3]) && v[9] == 'X'
	for i := 3; ok && i < 9; i++ {
		ok = isUpperAlnum(v[i])
	}
	if !ok {
		return "must be a 10-character taxonomy code like 175T00000X"
	}
	return ""
}

// address checks an N3/N4 pair; zip9 requires the nine-digit ZIP+4 the
// guide asks for on the billing provider.
func (p *problems) address(field string, a Address, zip9 bool) {
	if !hasText(a.Line1) {
		p.add(field+" line 1", "is required")
	}
	if !hasText(a.City) {
		p.add(field+" city", "is required")
	}
	if len(a.State) != 2 || !isLetter(a.State[0]) || !isLetter(a.State[1]) {
		p.add(field+" state", "must be a two-letter code")
	}
	zip, ok := digitsOnly(a.ZIP)
	switch {
	case !ok || (len(zip) != 5 && len(zip) != 9):
		p.add(field+" ZIP", "must be 5 or 9 digits")
	case zip9 && len(zip) != 9:
		p.add(field+" ZIP", "must be 9 digits (ZIP+4)")
	}
}

func isLetter(b byte) bool { return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') }

func (p *problems) date(field string, t time.Time) {
	if t.IsZero() {
		p.add(field, "is required")
	} else if y := t.Year(); y < 1000 || y > 9999 {
		p.add(field, "must have a four-digit year")
	}
}

// Validate reports every problem in the header as a *ValidationError
// (joined with errors.Join), or nil. NewWriter's Writer calls it before
// writing anything.
func (h Header) Validate() error {
	p := problems{}
	ic := h.Interchange
	p.identifier("interchange sender qualifier", ic.SenderQualifier, 2, 2)
	p.identifier("interchange sender id", ic.SenderID, 1, 15) // ISA06 is padded to 15
	p.identifier("interchange receiver qualifier", ic.ReceiverQualifier, 2, 2)
	p.identifier("interchange receiver id", ic.ReceiverID, 1, 15)
	if ic.ControlNumber < 1 || ic.ControlNumber > 999999999 {
		p.add("interchange control number", "must be 1 to 999999999")
	}
	if ic.GroupControlNumber < 0 || ic.GroupControlNumber > 999999999 {
		p.add("group control number", "must be 0 (same as interchange) to 999999999")
	}
	p.date("interchange creation date", ic.Created)
	p.oneOf("interchange usage indicator", ic.Usage, "T", "P")
	p.identifier("application sender code", ic.ApplicationSender, 2, 15)
	p.identifier("application receiver code", ic.ApplicationReceiver, 2, 15)
	// 45 leaves room for the "-N" suffix of later transaction sets in BHT03's 50.
	p.optionalIdentifier("batch id", h.BatchID, 1, 45)
	if h.MaxClaimsPerTransaction < 0 {
		p.add("max claims per transaction", "must not be negative")
	}

	s := h.Submitter
	p.requireText("submitter name", s.Name)
	p.identifier("submitter id", s.ID, 2, 80)
	if s.Phone == "" && s.Email == "" {
		p.add("submitter contact", "needs a phone or an email")
	}
	if s.Phone != "" {
		if d, ok := digitsOnly(s.Phone); !ok || len(d) != 10 {
			p.add("submitter phone", "must be 10 digits")
		}
	}
	p.optionalIdentifier("submitter email", s.Email, 3, 256)

	p.requireText("receiver name", h.Receiver.Name)
	p.identifier("receiver id", h.Receiver.ID, 2, 80)

	p.billingProvider(h.BillingProvider, h.PayTo)
	return p.err()
}

// ValidateBillingProvider reports every problem of a billing provider
// (loop 2010AA) and its pay-to address (2010AB, when payTo is not nil) as
// a *ValidationError (joined), or nil: the checks Header.Validate makes,
// for callers that keep these values before any file is written.
func ValidateBillingProvider(b BillingProvider, payTo *Address) error {
	p := problems{}
	p.billingProvider(b, payTo)
	return p.err()
}

func (p *problems) billingProvider(b BillingProvider, payTo *Address) {
	p.requireText("billing provider name", b.Name)
	// The agency's own texts are checked against the element sizes too:
	// the writer would cut them, and a cut legal name or street is not
	// the agency's.
	p.fits("billing provider name", b.Name, maxOrgName)
	p.npi("billing provider NPI", b.NPI)
	if d, ok := digitsOnly(b.TaxID); !ok || len(d) != 9 {
		p.add("billing provider tax id", "must be a 9-digit EIN")
	}
	p.taxonomy("billing provider taxonomy", b.Taxonomy)
	p.address("billing provider address", b.Address, true)
	p.addressFits("billing provider address", b.Address)
	// The guide: the billing provider's address is where the services are
	// billed from, a street address; a post office or lock box belongs in
	// the pay-to address.
	if isPostBox(b.Address.Line1) || isPostBox(b.Address.Line2) {
		p.add("billing provider address line 1", "must be a street address, not a post office box (a box goes in the pay-to address)")
	}
	if payTo != nil {
		// The guide asks ZIP+4 only of the billing provider (and service
		// facility); a pay-to address may have five digits.
		p.address("pay-to address", *payTo, false)
		p.addressFits("pay-to address", *payTo)
	}
}

// fits adds a problem when v has more than max characters.
func (p *problems) fits(field, v string, max int) {
	if utf8.RuneCountInString(v) > max {
		p.add(field, "must be at most "+strconv.Itoa(max)+" characters")
	}
}

func (p *problems) addressFits(field string, a Address) {
	p.fits(field+" line 1", a.Line1, maxAddress)
	p.fits(field+" line 2", a.Line2, maxAddress)
	p.fits(field+" city", a.City, maxCity)
}

// isPostBox reports whether an address line is a post office or lock box
// ("PO Box 12", "P.O. Box 12", "Post Office Box 12", "Lockbox 7").
func isPostBox(line string) bool {
	l := strings.ToUpper(strings.NewReplacer(".", "", " ", "").Replace(line))
	return strings.HasPrefix(l, "POBOX") || strings.HasPrefix(l, "POSTOFFICEBOX") || strings.HasPrefix(l, "LOCKBOX")
}

// Validate reports every problem in the claim as a *ValidationError
// (joined with errors.Join), or nil. Errors are prefixed "claim <ID>" and,
// for service lines, "line <n>" counted from 1.
func (c Claim) Validate() error {
	return c.validate(0)
}

func claimLabel(id string, ordinal int) string {
	if id != "" {
		return "claim " + id
	}
	if ordinal > 0 {
		return "claim #" + strconv.Itoa(ordinal)
	}
	return "claim (no id)"
}

// validate checks c; ordinal is its 1-based position in the file (0 when
// unknown), used to name claims that have no id.
func (c *Claim) validate(ordinal int) error {
	p := problems{isClaim: true, claimID: c.ID, ordinal: ordinal}
	p.identifier("claim id", c.ID, 1, 20)

	s := c.Subscriber
	p.person("subscriber", s.Name)
	p.identifier("subscriber member id", s.MemberID, 2, 80)
	if s.PayerResponsibility != "" {
		p.oneOf("subscriber payer responsibility", s.PayerResponsibility, "P", "S", "T", "A", "B", "C", "D", "E", "F", "G", "H", "U")
	}
	if f := s.FilingIndicator; f != "" && (len(f) != 2 || !isUpperAlnum(f[0]) || !isUpperAlnum(f[1])) {
		p.add("subscriber filing indicator", "must be a two-character code such as MC")
	}
	p.optionalIdentifier("subscriber group number", s.GroupNumber, 1, 50)
	if c.Patient == nil || !s.BirthDate.IsZero() || s.Gender != "" {
		// Required when the subscriber is the patient; checked whenever given.
		p.date("subscriber birth date", s.BirthDate)
		p.oneOf("subscriber gender", s.Gender, GenderFemale, GenderMale, GenderUnknown)
	}
	if c.Patient == nil || s.Address != (Address{}) {
		p.address("subscriber address", s.Address, false)
	}

	p.requireText("payer name", c.Payer.Name)
	p.identifier("payer id", c.Payer.ID, 2, 80)

	if pt := c.Patient; pt != nil {
		p.person("patient", pt.Name)
		p.date("patient birth date", pt.BirthDate)
		p.oneOf("patient gender", pt.Gender, GenderFemale, GenderMale, GenderUnknown)
		p.address("patient address", pt.Address, false)
		p.oneOf("patient relationship", pt.Relationship, "01", "19", "20", "21", "39", "40", "53", "G8")
	}

	if c.TotalCharge < 0 {
		p.add("total charge", "must not be negative")
	}
	p.placeOfService("place of service", c.PlaceOfService, true)
	switch c.Frequency {
	case "", FrequencyOriginal:
		if c.PayerClaimControlNumber != "" {
			p.add("payer claim control number", "is sent only with replacement (7) or void (8) claims")
		}
	case FrequencyReplacement, FrequencyVoid:
		p.identifier("payer claim control number", c.PayerClaimControlNumber, 1, 50)
	default:
		p.add("frequency", "must be 1 (original), 7 (replacement) or 8 (void)")
	}
	p.optionalIdentifier("prior authorization", c.PriorAuthorization, 1, PriorAuthorizationMax)
	p.indicator("provider signature indicator", c.ProviderSignatureOnFile, "Y", "N")
	p.indicator("assignment code", c.Assignment, "A", "B", "C")
	p.indicator("benefits assignment indicator", c.BenefitsAssigned, "Y", "N", "W")
	p.indicator("release of information code", c.ReleaseOfInformation, "Y", "I")

	switch n := len(c.Diagnoses); {
	case n == 0:
		p.add("diagnoses", "need at least the principal diagnosis")
	case n > 12:
		p.add("diagnoses", "must be at most 12")
	}
	for i, d := range c.Diagnoses {
		if !validDiagnosis(d) {
			p.add("diagnosis "+strconv.Itoa(i+1), "must be an ICD-10-CM code like F33.2")
		}
	}

	if r := c.Rendering; r != nil {
		p.person("rendering provider", r.Name)
		p.npi("rendering provider NPI", r.NPI)
		p.taxonomy("rendering provider taxonomy", r.Taxonomy)
	}

	switch n := len(c.Lines); {
	case n == 0:
		p.add("service lines", "need at least one line")
	case n > 50:
		p.add("service lines", "must be at most 50 per claim")
	}
	var sum Money
	// Line problems are listed after the claim's own, in line order.
	lineErrs := problems{isClaim: true, claimID: c.ID, ordinal: ordinal}
	for i := range c.Lines {
		lineErrs.line = i + 1
		lineErrs.serviceLine(&c.Lines[i], len(c.Diagnoses))
		sum += c.Lines[i].Charge
	}
	if c.TotalCharge != 0 && c.TotalCharge != sum {
		p.add("total charge", "must equal the sum of line charges ("+sum.String()+")")
	}
	p.errs = append(p.errs, lineErrs.errs...)
	return p.err()
}

// maxCharge keeps sums of fifty lines far from int64 overflow; it is the
// largest amount SV102 and CLM02 can carry in practice.
const maxCharge = Money(99_999_999_99)

func (p *problems) serviceLine(l *ServiceLine, diagnoses int) {
	if !validProcedure(l.Procedure) {
		p.add("procedure code", "must be a HCPCS or CPT code like H0038")
	}
	if len(l.Modifiers) > 4 {
		p.add("modifiers", "must be at most 4")
	}
	for i, m := range l.Modifiers {
		if len(m) != 2 || !isUpperAlnum(upperByte(m[0])) || !isUpperAlnum(upperByte(m[1])) {
			p.add("modifier "+strconv.Itoa(i+1), "must be 2 letters or digits")
		}
	}
	if l.Charge < 0 || l.Charge > maxCharge {
		p.add("charge", "must be 0 to 99999999.99")
	}
	switch u := l.Units; {
	case math.IsNaN(u) || u <= 0:
		p.add("units", "must be > 0")
	case u > 99999.999:
		p.add("units", "must be at most 99999.999")
	case math.Abs(u*1000-math.Round(u*1000)) > 1e-6:
		p.add("units", "must have at most 3 decimals")
	}
	p.placeOfService("place of service", l.PlaceOfService, false)
	if len(l.DiagnosisPointers) > 4 {
		p.add("diagnosis pointers", "must be at most 4")
	}
	for i, ptr := range l.DiagnosisPointers {
		if ptr < 1 || ptr > diagnoses {
			p.add("diagnosis pointer "+strconv.Itoa(i+1), "must point to one of the claim's "+strconv.Itoa(diagnoses)+" diagnoses")
		}
		for _, prev := range l.DiagnosisPointers[:i] {
			if prev == ptr {
				p.add("diagnosis pointer "+strconv.Itoa(i+1), "repeats an earlier pointer")
			}
		}
	}
	p.date("service date", l.ServiceDate)
	p.optionalIdentifier("line control number", l.ControlNumber, 1, 30)
}

func (p *problems) person(field string, n PersonName) {
	if !hasText(n.Last) {
		p.add(field+" last name", "is required")
	}
}

func (p *problems) placeOfService(field, v string, required bool) {
	if v == "" && !required {
		return
	}
	if len(v) != 2 || !allDigits(v) {
		p.add(field, "must be a two-digit code")
	}
}

// indicator checks an optional one-letter code; empty takes the default.
func (p *problems) indicator(field, v string, allowed ...string) {
	if v != "" {
		p.oneOf(field, v, allowed...)
	}
}

func upperByte(b byte) byte {
	if b >= 'a' && b <= 'z' {
		return b - 'a' + 'A'
	}
	return b
}

// validDiagnosis accepts ICD-10-CM codes with or without the dot after the
// third character, in either case: a letter other than U, a digit, then one
// to five letters or digits.
func validDiagnosis(code string) bool {
	if len(code) > 4 && code[3] == '.' {
		code = code[:3] + code[4:]
	}
	if len(code) < 3 || len(code) > 7 {
		return false
	}
	first := upperByte(code[0])
	if first < 'A' || first > 'Z' || first == 'U' || code[1] < '0' || code[1] > '9' {
		return false
	}
	for i := 2; i < len(code); i++ {
		if !isUpperAlnum(upperByte(code[i])) {
			return false
		}
	}
	return true
}

// validProcedure accepts a HCPCS Level II code (a letter and four digits)
// or a CPT code (four digits and a digit or letter), in either case.
func validProcedure(code string) bool {
	if len(code) != 5 {
		return false
	}
	c0 := upperByte(code[0])
	if c0 >= 'A' && c0 <= 'Z' {
		return allDigits(code[1:])
	}
	return allDigits(code[:4]) && isUpperAlnum(upperByte(code[4]))
}
