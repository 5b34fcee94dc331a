package x12

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// ErrNotRemittance is wrapped by Read835 errors for a well-formed X12 file
// that is not an 835 (an 837P, a 999) or breaks the 835's structure.
var ErrNotRemittance = errors.New("x12: not an 835 remittance")

// Read835 reads an 835 interchange. Envelope counts and control numbers
// must agree (a truncated file is refused, never half read), every
// transaction set must be an 835, and amounts, dates and quantities must
// be numbers; a problem is reported with the segment's position and id.
// Errors wrap ErrSyntax (the X12 itself is broken) or ErrNotRemittance.
// Amounts are not required to balance: see Remittance.Unbalanced.
func Read835(r io.Reader) (*RemittanceFile, error) {
	data, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err != nil {
		return nil, err
	}
	doc, err := Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if err := doc.VerifyEnvelope(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSyntax, err)
	}
	f := &RemittanceFile{LineBreaks: bytes.Contains(data, []byte{doc.SegmentTerminator, '\n'})}
	rd := remitReader{doc: doc, f: f}
	if err := rd.read(); err != nil {
		return nil, err
	}
	if len(f.Remittances) == 0 {
		return nil, fmt.Errorf("%w: the file holds no 835 transaction set", ErrNotRemittance)
	}
	return f, nil
}

type remitReader struct {
	doc *Document
	f   *RemittanceFile
	i   int // index of the segment being read
	seg Segment

	rem   *Remittance
	claim *ClaimPayment
	line  *LinePayment
	// party is the 1000 loop being read: 'R' payer, 'E' payee, 0 none.
	party byte
}

func (rd *remitReader) fail(format string, args ...any) error {
	return fmt.Errorf("%w: segment %d (%s): %s", ErrNotRemittance, rd.i+1, rd.seg.ID, fmt.Sprintf(format, args...))
}

func (rd *remitReader) read() error {
	for rd.i = 0; rd.i < len(rd.doc.Segments); rd.i++ {
		rd.seg = rd.doc.Segments[rd.i]
		if err := rd.segment(); err != nil {
			return err
		}
	}
	return nil
}

func (rd *remitReader) segment() error {
	s := rd.seg
	if rd.rem == nil {
		switch s.ID {
		case "ISA":
			return rd.isa()
		case "GS":
			if s.Element(1) != "HP" {
				return rd.fail("functional group %q is not HP (claim payment/advice)", s.Element(1))
			}
			ic := &rd.f.Interchange
			ic.ApplicationSender, ic.ApplicationReceiver = s.Element(2), s.Element(3)
			n, err := strconv.Atoi(s.Element(6))
			if err != nil {
				return rd.fail("group control number %q is not a number", s.Element(6))
			}
			ic.GroupControlNumber = n
			return nil
		case "ST":
			if s.Element(1) != "835" {
				return rd.fail("transaction set %q is not an 835", s.Element(1))
			}
			rd.f.Remittances = append(rd.f.Remittances, Remittance{ControlNumber: s.Element(2)})
			rd.rem = &rd.f.Remittances[len(rd.f.Remittances)-1]
			rd.claim, rd.line, rd.party = nil, nil, 0
			return nil
		case "GE", "IEA":
			return nil
		}
		return rd.fail("segment outside a transaction set")
	}
	r := rd.rem
	switch s.ID {
	case "SE":
		rd.rem = nil
		return nil
	case "BPR":
		r.Handling, r.CreditDebit, r.Method, r.Format = s.Element(1), s.Element(3), s.Element(4), s.Element(5)
		for k := range r.Bank {
			r.Bank[k] = s.Element(6 + k)
		}
		var err error
		if r.Amount, err = rd.money(2); err != nil {
			return err
		}
		r.PaymentDate, err = rd.date(16)
		return err
	case "TRN":
		r.TraceNumber, r.PayerTraceID = s.Element(2), s.Element(3)
		if r.TraceNumber == "" {
			return rd.fail("the check or EFT trace number (TRN02) is missing")
		}
		return nil
	case "DTM":
		return rd.dtm()
	case "N1":
		switch s.Element(1) {
		case "PR":
			rd.party = 'R'
			r.Payer.Name = s.Element(2)
		case "PE":
			rd.party = 'E'
			r.Payee.Name = s.Element(2)
			if s.Element(3) == "XX" {
				r.Payee.NPI = s.Element(4)
			}
		}
		return nil
	case "N3":
		if rd.party == 'R' {
			r.Payer.Address.Line1, r.Payer.Address.Line2 = s.Element(1), s.Element(2)
		}
		return nil
	case "N4":
		if rd.party == 'R' {
			a := &r.Payer.Address
			a.City, a.State, a.ZIP = s.Element(1), s.Element(2), s.Element(3)
		}
		return nil
	case "PER":
		if rd.party == 'R' && s.Element(1) == "BL" {
			r.Payer.ContactName = s.Element(2)
			if s.Element(3) == "TE" {
				r.Payer.ContactPhone = s.Element(4)
			}
		}
		return nil
	case "REF":
		return rd.ref()
	case "LX":
		rd.party = 0
		return nil
	case "CLP":
		return rd.clp()
	case "CAS":
		return rd.cas()
	case "NM1":
		if rd.claim != nil && rd.line == nil && s.Element(1) == "QC" {
			rd.claim.Patient = PersonName{Last: s.Element(3), First: s.Element(4), Middle: s.Element(5), Suffix: s.Element(7)}
			rd.claim.MemberID = s.Element(9)
		}
		return nil
	case "MOA":
		if rd.claim == nil {
			return rd.fail("MOA outside a claim")
		}
		for n := 3; n <= 7; n++ {
			if v := s.Element(n); v != "" {
				rd.claim.Remarks = append(rd.claim.Remarks, v)
			}
		}
		return nil
	case "SVC":
		return rd.svc()
	case "LQ":
		if rd.line == nil {
			return rd.fail("LQ outside a service line")
		}
		if s.Element(1) == "HE" {
			rd.line.Remarks = append(rd.line.Remarks, s.Element(2))
		}
		return nil
	case "PLB":
		rd.claim, rd.line = nil, nil
		return rd.plb()
	}
	return nil // a segment this reader does not use
}

func (rd *remitReader) isa() error {
	s := rd.seg
	ic := &rd.f.Interchange
	ic.SenderQualifier, ic.SenderID = s.Element(5), strings.TrimRight(s.Element(6), " ")
	ic.ReceiverQualifier, ic.ReceiverID = s.Element(7), strings.TrimRight(s.Element(8), " ")
	created, err := time.Parse("0601021504", s.Element(9)+s.Element(10))
	if err != nil {
		return rd.fail("interchange date and time %q %q are not YYMMDD and HHMM", s.Element(9), s.Element(10))
	}
	ic.Created = created
	n, err := strconv.Atoi(s.Element(13))
	if err != nil {
		return rd.fail("interchange control number %q is not a number", s.Element(13))
	}
	ic.ControlNumber = n
	ic.AckRequested = s.Element(14) == "1"
	ic.Usage = s.Element(15)
	return nil
}

func (rd *remitReader) dtm() error {
	s := rd.seg
	d, err := rd.date(2)
	if err != nil {
		return err
	}
	switch {
	case s.Element(1) == "405" && rd.claim == nil:
		rd.rem.ProductionDay = d
	case s.Element(1) == "472" && rd.line != nil:
		rd.line.ServiceDate = d
	}
	return nil
}

func (rd *remitReader) ref() error {
	s := rd.seg
	switch {
	case s.Element(1) == "TJ" && rd.party == 'E':
		rd.rem.Payee.TaxID = s.Element(2)
	case s.Element(1) == "6R" && rd.line != nil:
		rd.line.ControlNumber = s.Element(2)
	}
	return nil
}

func (rd *remitReader) clp() error {
	s := rd.seg
	c := ClaimPayment{PatientControlNumber: s.Element(1), Status: s.Element(2), FilingIndicator: s.Element(6),
		PayerClaimNumber: s.Element(7), Frequency: s.Element(9)}
	if c.PatientControlNumber == "" {
		return rd.fail("the patient control number (CLP01) is missing")
	}
	var err error
	if c.Charge, err = rd.money(3); err != nil {
		return err
	}
	if c.Paid, err = rd.money(4); err != nil {
		return err
	}
	if c.PatientResponsibility, err = rd.money(5); err != nil {
		return err
	}
	rd.rem.Claims = append(rd.rem.Claims, c)
	rd.claim, rd.line = &rd.rem.Claims[len(rd.rem.Claims)-1], nil
	return nil
}

func (rd *remitReader) svc() error {
	if rd.claim == nil {
		return rd.fail("SVC outside a claim")
	}
	s := rd.seg
	parts := strings.Split(s.Element(1), string(rd.doc.ComponentSeparator))
	l := LinePayment{}
	if len(parts) > 1 {
		l.Procedure = parts[1]
		l.Modifiers = append(l.Modifiers, parts[2:min(len(parts), 6)]...)
	}
	var err error
	if l.Charge, err = rd.money(2); err != nil {
		return err
	}
	if l.Paid, err = rd.money(3); err != nil {
		return err
	}
	if l.Units, err = rd.quantity(5); err != nil {
		return err
	}
	rd.claim.Lines = append(rd.claim.Lines, l)
	rd.line = &rd.claim.Lines[len(rd.claim.Lines)-1]
	return nil
}

func (rd *remitReader) cas() error {
	s := rd.seg
	var target *[]Adjustment
	switch {
	case rd.line != nil:
		target = &rd.line.Adjustments
	case rd.claim != nil:
		target = &rd.claim.Adjustments
	default:
		return rd.fail("CAS outside a claim")
	}
	group := s.Element(1)
	switch group {
	case GroupContractual, GroupPatient, GroupOther, GroupPayer, GroupCorrection:
	default:
		return rd.fail("group code %q is not CO, PR, OA, PI or CR", group)
	}
	for n := 2; n <= 17; n += 3 {
		if s.Element(n) == "" {
			continue
		}
		a := Adjustment{Group: group, Reason: s.Element(n)}
		var err error
		if a.Amount, err = rd.money(n + 1); err != nil {
			return err
		}
		if a.Quantity, err = rd.quantity(n + 2); err != nil {
			return err
		}
		*target = append(*target, a)
	}
	return nil
}

func (rd *remitReader) plb() error {
	s := rd.seg
	end, err := rd.date(2)
	if err != nil {
		return err
	}
	for n := 3; n <= 13; n += 2 {
		if s.Element(n) == "" {
			continue
		}
		p := ProviderAdjustment{ProviderID: s.Element(1), FiscalPeriodEnd: end, Reason: s.Component(n, 1), Reference: s.Component(n, 2)}
		if p.Amount, err = rd.money(n + 1); err != nil {
			return err
		}
		rd.rem.ProviderAdjustments = append(rd.rem.ProviderAdjustments, p)
	}
	return nil
}

// money reads element n as dollars and cents ("47.88", "-10", ".5");
// empty is 0. More than two decimals are refused unless they are zeros.
func (rd *remitReader) money(n int) (Money, error) {
	v := rd.seg.Element(n)
	m, ok := ParseMoney(v)
	if !ok {
		return 0, rd.fail("element %02d %q is not an amount", n, v)
	}
	return m, nil
}

// ParseMoney reads an X12 decimal amount into cents; "" is 0.
func ParseMoney(v string) (Money, bool) {
	if v == "" {
		return 0, true
	}
	neg := v[0] == '-'
	if neg {
		v = v[1:]
	}
	whole, frac, _ := strings.Cut(v, ".")
	if (whole == "" && frac == "") || len(whole) > 13 || !digitsOrEmpty(whole) || !digitsOrEmpty(frac) {
		return 0, false
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > 2 {
		return 0, false
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, _ := strconv.ParseInt("0"+whole, 10, 64)
	c, _ := strconv.ParseInt(frac, 10, 64)
	m := Money(w*100 + c)
	if neg {
		m = -m
	}
	return m, true
}

func digitsOrEmpty(s string) bool { return s == "" || allDigits(s) }

func (rd *remitReader) quantity(n int) (float64, error) {
	v := rd.seg.Element(n)
	if v == "" {
		return 0, nil
	}
	q, err := strconv.ParseFloat(v, 64)
	if err != nil || q != q || q > 1e9 || q < -1e9 || strings.ContainsAny(v, "eEnNxXpP_") {
		return 0, rd.fail("element %02d %q is not a quantity", n, v)
	}
	return q, nil
}

func (rd *remitReader) date(n int) (time.Time, error) {
	v := rd.seg.Element(n)
	if v == "" {
		return time.Time{}, nil
	}
	if len(v) != 8 || !allDigits(v) {
		return time.Time{}, rd.fail("element %02d %q is not a date CCYYMMDD", n, v)
	}
	d, err := time.Parse("20060102", v)
	if err != nil {
		return time.Time{}, rd.fail("element %02d %q is not a date CCYYMMDD", n, v)
	}
	return d, nil
}
