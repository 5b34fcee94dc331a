package x12

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"time"
)

// Write835 writes f as one 835 interchange. It exists so tests, the demo
// and a payer simulator can make remittance files; what it writes, Read835
// reads back to the same values. Nothing is written when f is invalid:
// the joined *ValidationError values are returned (errors.Is(err,
// ErrInvalid) holds).
func Write835(w io.Writer, f RemittanceFile) error {
	if err := f.Validate(); err != nil {
		return err
	}
	ic := f.Interchange
	if ic.GroupControlNumber == 0 {
		ic.GroupControlNumber = ic.ControlNumber
	}
	s := &segmentWriter{out: bufio.NewWriterSize(w, 32<<10), lineBreaks: f.LineBreaks, buf: make([]byte, 0, 256)}
	writeEnvelopeHeader(s, ic, "HP", RemitVersion)
	for i := range f.Remittances {
		writeRemittance(s, &f.Remittances[i], i+1)
	}
	s.begin("GE")
	s.int(len(f.Remittances))
	s.int(ic.GroupControlNumber)
	s.finish()
	s.begin("IEA")
	s.int(1)
	s.buf = appendControlNumber(s.buf, ic.ControlNumber)
	s.end = len(s.buf)
	s.finish()
	if s.err != nil {
		return s.err
	}
	return s.out.Flush()
}

func writeRemittance(s *segmentWriter, r *Remittance, n int) {
	s.count = 0
	ctl := r.ControlNumber
	if ctl == "" {
		ctl = fmt.Sprintf("%04d", n)
	}
	s.begin("ST")
	s.id("835")
	s.id(ctl)
	s.finish()

	s.begin("BPR")
	s.id(r.Handling)
	s.money(r.Amount)
	s.id(r.CreditDebit)
	s.id(r.Method)
	s.id(r.Format)
	for _, b := range r.Bank {
		s.id(b)
	}
	s.date(r.PaymentDate)
	s.finish()

	s.begin("TRN")
	s.id("1")
	s.id(r.TraceNumber)
	s.id(r.PayerTraceID)
	s.finish()
	if !r.ProductionDay.IsZero() {
		s.begin("DTM")
		s.id("405")
		s.date(r.ProductionDay)
		s.finish()
	}

	p := r.Payer
	s.begin("N1")
	s.id("PR")
	s.text(p.Name, maxOrgName)
	s.finish()
	if p.Address.Line1 != "" {
		s.begin("N3")
		s.text(p.Address.Line1, maxAddress)
		s.text(p.Address.Line2, maxAddress)
		s.finish()
		s.begin("N4")
		s.text(p.Address.City, maxCity)
		s.id(p.Address.State)
		s.id(p.Address.ZIP)
		s.finish()
	}
	if p.ContactName != "" || p.ContactPhone != "" {
		s.begin("PER")
		s.id("BL")
		s.text(p.ContactName, maxContact)
		if p.ContactPhone != "" {
			s.id("TE")
			s.id(p.ContactPhone)
		}
		s.finish()
	}
	s.begin("N1")
	s.id("PE")
	s.text(r.Payee.Name, maxOrgName)
	if r.Payee.NPI != "" {
		s.id("XX")
		s.id(r.Payee.NPI)
	}
	s.finish()
	if r.Payee.TaxID != "" {
		s.begin("REF")
		s.id("TJ")
		s.id(r.Payee.TaxID)
		s.finish()
	}

	if len(r.Claims) > 0 {
		s.begin("LX")
		s.int(1)
		s.finish()
	}
	for i := range r.Claims {
		writeClaimPayment(s, &r.Claims[i])
	}
	writeProviderAdjustments(s, r.ProviderAdjustments)

	s.begin("SE")
	s.int(s.count + 1)
	s.id(ctl)
	s.finish()
}

func writeClaimPayment(s *segmentWriter, c *ClaimPayment) {
	s.begin("CLP")
	s.id(c.PatientControlNumber)
	s.id(c.Status)
	s.money(c.Charge)
	s.money(c.Paid)
	s.money(c.PatientResponsibility)
	s.id(c.FilingIndicator)
	s.id(c.PayerClaimNumber)
	s.id("")
	s.id(c.Frequency)
	s.finish()
	writeAdjustments(s, c.Adjustments)
	s.begin("NM1")
	s.id("QC")
	s.id("1")
	s.text(c.Patient.Last, maxOrgName)
	s.text(c.Patient.First, maxFirstName)
	s.text(c.Patient.Middle, maxMiddleName)
	s.id("")
	s.text(c.Patient.Suffix, maxSuffix)
	if c.MemberID != "" {
		s.id("MI")
		s.id(c.MemberID)
	}
	s.finish()
	if len(c.Remarks) > 0 {
		s.begin("MOA")
		s.id("")
		s.id("")
		for _, r := range c.Remarks {
			s.id(r)
		}
		s.finish()
	}
	for i := range c.Lines {
		l := &c.Lines[i]
		s.begin("SVC")
		parts := append([]string{"HC", l.Procedure}, l.Modifiers...)
		s.composite(parts...)
		s.money(l.Charge)
		s.money(l.Paid)
		if l.Units != 0 {
			s.id("")
			s.quantity(l.Units)
		}
		s.finish()
		if !l.ServiceDate.IsZero() {
			s.begin("DTM")
			s.id("472")
			s.date(l.ServiceDate)
			s.finish()
		}
		writeAdjustments(s, l.Adjustments)
		if l.ControlNumber != "" {
			s.begin("REF")
			s.id("6R")
			s.id(l.ControlNumber)
			s.finish()
		}
		for _, r := range l.Remarks {
			s.begin("LQ")
			s.id("HE")
			s.id(r)
			s.finish()
		}
	}
}

// writeAdjustments writes one CAS per run of adjustments with the same
// group code, at most six reasons per segment, in the order given, so a
// file read back writes the same segments.
func writeAdjustments(s *segmentWriter, adjs []Adjustment) {
	for i := 0; i < len(adjs); {
		j := i + 1
		for j < len(adjs) && j-i < 6 && adjs[j].Group == adjs[i].Group {
			j++
		}
		s.begin("CAS")
		s.id(adjs[i].Group)
		for _, a := range adjs[i:j] {
			s.id(a.Reason)
			s.money(a.Amount)
			if a.Quantity != 0 {
				s.quantity(a.Quantity)
			} else {
				s.id("")
			}
		}
		s.finish()
		i = j
	}
}

// writeProviderAdjustments writes one PLB per run of adjustments of the
// same provider and fiscal period, at most six per segment.
func writeProviderAdjustments(s *segmentWriter, plb []ProviderAdjustment) {
	for i := 0; i < len(plb); {
		j := i + 1
		for j < len(plb) && j-i < 6 && plb[j].ProviderID == plb[i].ProviderID && plb[j].FiscalPeriodEnd.Equal(plb[i].FiscalPeriodEnd) {
			j++
		}
		s.begin("PLB")
		s.id(plb[i].ProviderID)
		s.date(plb[i].FiscalPeriodEnd)
		for _, p := range plb[i:j] {
			s.composite(p.Reason, p.Reference)
			s.money(p.Amount)
		}
		s.finish()
		i = j
	}
}

// maxRemitAmount bounds every amount an 835 carries (18 digits allowed;
// far beyond any payment, and safe from overflow when summed).
const maxRemitAmount = Money(99_999_999_999_99)

// Validate reports every value of f that Write835 cannot write as it is,
// as joined *ValidationError values, or nil.
func (f RemittanceFile) Validate() error {
	p := problems{}
	ic := f.Interchange
	p.identifier("interchange sender qualifier", ic.SenderQualifier, 2, 2)
	p.identifier("interchange sender id", ic.SenderID, 1, 15)
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
	if len(f.Remittances) == 0 {
		p.add("remittances", "must hold at least one payment")
	}
	for i := range f.Remittances {
		f.Remittances[i].check(&p, i+1)
	}
	return p.err()
}

func (p *problems) amount(field string, m Money) {
	if m > maxRemitAmount || m < -maxRemitAmount {
		p.add(field, "is out of range")
	}
}

func (p *problems) remarks(field string, codes []string, max int) {
	if len(codes) > max {
		p.add(field, "may hold at most "+strconv.Itoa(max)+" codes")
	}
	for _, c := range codes {
		p.identifier(field, c, 1, 30)
	}
}

func (r *Remittance) check(p *problems, n int) {
	where := "payment " + strconv.Itoa(n) + " "
	p.optionalIdentifier(where+"control number", r.ControlNumber, 4, 9)
	p.oneOf(where+"handling code", r.Handling, "C", "D", "H", "I", "P", "U", "X")
	p.amount(where+"amount", r.Amount)
	p.oneOf(where+"credit or debit flag", r.CreditDebit, "C", "D")
	p.oneOf(where+"payment method", r.Method, "ACH", "BOP", "CHK", "FWT", "NON")
	p.optionalIdentifier(where+"payment format", r.Format, 3, 3)
	for _, b := range r.Bank {
		p.optionalIdentifier(where+"bank details", b, 1, 35)
	}
	p.date(where+"payment date", r.PaymentDate)
	p.identifier(where+"trace number", r.TraceNumber, 1, 50)
	p.identifier(where+"payer trace id", r.PayerTraceID, 10, 10)
	checkYear(p, where+"production date", r.ProductionDay)
	p.requireText(where+"payer name", r.Payer.Name)
	if r.Payer.Address.Line1 != "" {
		p.identifier(where+"payer state", r.Payer.Address.State, 2, 2)
		p.identifier(where+"payer ZIP", r.Payer.Address.ZIP, 3, 15)
	}
	p.optionalIdentifier(where+"payer phone", r.Payer.ContactPhone, 1, 256)
	p.requireText(where+"payee name", r.Payee.Name)
	p.optionalIdentifier(where+"payee NPI", r.Payee.NPI, 2, 80)
	p.optionalIdentifier(where+"payee tax id", r.Payee.TaxID, 1, 50)
	for i := range r.Claims {
		c := &r.Claims[i]
		cw := where + "claim " + strconv.Itoa(i+1) + " "
		p.identifier(cw+"patient control number", c.PatientControlNumber, 1, 38)
		p.identifier(cw+"status", c.Status, 1, 2)
		p.amount(cw+"charge", c.Charge)
		p.amount(cw+"paid", c.Paid)
		p.amount(cw+"patient responsibility", c.PatientResponsibility)
		p.optionalIdentifier(cw+"filing indicator", c.FilingIndicator, 1, 2)
		p.optionalIdentifier(cw+"payer claim number", c.PayerClaimNumber, 1, 50)
		p.optionalIdentifier(cw+"frequency", c.Frequency, 1, 1)
		p.optionalIdentifier(cw+"member id", c.MemberID, 1, 80)
		p.remarks(cw+"remark", c.Remarks, 5)
		p.adjustments(cw, c.Adjustments)
		for j := range c.Lines {
			l := &c.Lines[j]
			lw := cw + "line " + strconv.Itoa(j+1) + " "
			p.identifier(lw+"procedure", l.Procedure, 1, 48)
			if len(l.Modifiers) > 4 {
				p.add(lw+"modifiers", "may hold at most 4")
			}
			for _, m := range l.Modifiers {
				p.identifier(lw+"modifier", m, 2, 2)
			}
			p.amount(lw+"charge", l.Charge)
			p.amount(lw+"paid", l.Paid)
			if l.Units < 0 || l.Units > 99999 || l.Units != l.Units {
				p.add(lw+"units", "must be 0 to 99999")
			}
			checkYear(p, lw+"service date", l.ServiceDate)
			p.optionalIdentifier(lw+"control number", l.ControlNumber, 1, 50)
			p.remarks(lw+"remark", l.Remarks, 99)
			p.adjustments(lw, l.Adjustments)
		}
	}
	for i, a := range r.ProviderAdjustments {
		aw := where + "provider adjustment " + strconv.Itoa(i+1) + " "
		p.identifier(aw+"provider id", a.ProviderID, 1, 50)
		p.date(aw+"fiscal period end", a.FiscalPeriodEnd)
		p.identifier(aw+"reason", a.Reason, 2, 2)
		p.optionalIdentifier(aw+"reference", a.Reference, 1, 50)
		p.amount(aw+"amount", a.Amount)
	}
}

func (p *problems) adjustments(where string, adjs []Adjustment) {
	for i, a := range adjs {
		aw := where + "adjustment " + strconv.Itoa(i+1) + " "
		p.oneOf(aw+"group", a.Group, GroupContractual, GroupPatient, GroupOther, GroupPayer, GroupCorrection)
		p.identifier(aw+"reason", a.Reason, 1, 5)
		p.amount(aw+"amount", a.Amount)
		if a.Quantity < -99999 || a.Quantity > 99999 || a.Quantity != a.Quantity {
			p.add(aw+"quantity", "must be -99999 to 99999")
		}
	}
}

func checkYear(p *problems, field string, t time.Time) {
	if !t.IsZero() {
		p.date(field, t)
	}
}
