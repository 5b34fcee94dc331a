package x12

import "time"

// writeSubscriber writes SBR and loops 2010BA (subscriber) and 2010BB
// (payer) after the subscriber HL.
func (w *Writer) writeSubscriber(c *Claim) {
	s := &w.seg
	sub := c.Subscriber
	s.begin("SBR")
	s.id(orDefault(sub.PayerResponsibility, "P"))
	if c.Patient == nil {
		s.id("18") // the subscriber is the patient ("self")
	} else {
		s.id("") // the relationship goes in PAT01 instead
	}
	s.id(sub.GroupNumber)
	for range 5 { // SBR04 group name, SBR05 insurance type, SBR06–08 unused
		s.id("")
	}
	s.id(orDefault(sub.FilingIndicator, "MC"))
	s.finish()

	s.person("IL", sub.Name, "MI", sub.MemberID)
	if sub.Address != (Address{}) {
		s.address(sub.Address)
	}
	if !sub.BirthDate.IsZero() {
		s.demographics(sub.BirthDate, sub.Gender)
	}

	s.begin("NM1")
	s.id("PR")
	s.id("2")
	s.text(c.Payer.Name, maxOrgName)
	s.id("")
	s.id("")
	s.id("")
	s.id("")
	s.id("PI")
	s.id(c.Payer.ID)
	s.finish()
}

// writePatient writes PAT and loop 2010CA after the patient HL. Patients
// have no member id of their own in 5010: the payer finds them through
// the subscriber.
func (w *Writer) writePatient(p *Patient) {
	s := &w.seg
	s.begin("PAT")
	s.id(p.Relationship)
	s.finish()
	s.person("QC", p.Name, "", "")
	s.address(p.Address)
	s.demographics(p.BirthDate, p.Gender)
}

// demographics writes DMG with the birth date and gender.
func (s *segmentWriter) demographics(birth time.Time, gender string) {
	s.begin("DMG")
	s.id("D8")
	s.date(birth)
	s.id(gender)
	s.finish()
}

// writeClaim writes loop 2300 (CLM, REF*G1, REF*F8, HI), loop 2310B when
// someone other than the billing provider rendered the services, and the
// 2400 service lines. The claim has been validated.
func (w *Writer) writeClaim(c *Claim) {
	s := &w.seg
	total := c.TotalCharge
	if total == 0 {
		for i := range c.Lines {
			total += c.Lines[i].Charge
		}
	}
	s.begin("CLM")
	s.id(c.ID)
	s.money(total)
	s.id("") // CLM03, CLM04 not used
	s.id("")
	s.composite(c.PlaceOfService, "B", orDefault(c.Frequency, FrequencyOriginal))
	s.id(orDefault(c.ProviderSignatureOnFile, "Y"))
	s.id(orDefault(c.Assignment, "A"))
	s.id(orDefault(c.BenefitsAssigned, "Y"))
	s.id(orDefault(c.ReleaseOfInformation, "Y"))
	s.finish()

	// REF segments follow the guide's order: G1 before F8.
	if c.PriorAuthorization != "" {
		s.reference("G1", c.PriorAuthorization)
	}
	if c.Frequency == FrequencyReplacement || c.Frequency == FrequencyVoid {
		s.reference("F8", c.PayerClaimControlNumber)
	}

	s.begin("HI")
	for i, d := range c.Diagnoses {
		s.buf = append(s.buf, elementSeparator)
		if i == 0 {
			s.rawString("ABK") // principal diagnosis, ICD-10-CM
		} else {
			s.rawString("ABF") // other diagnosis, ICD-10-CM
		}
		s.codeComponent(d)
	}
	s.finish()

	if r := c.Rendering; r != nil && r.NPI != w.h.BillingProvider.NPI {
		s.person("82", r.Name, "XX", r.NPI)
		if r.Taxonomy != "" {
			s.begin("PRV")
			s.id("PE") // performing
			s.id("PXC")
			s.id(r.Taxonomy)
			s.finish()
		}
	}

	for i := range c.Lines {
		w.writeLine(i+1, &c.Lines[i], c.PlaceOfService)
	}
}

// writeLine writes one 2400 loop: LX, SV1, DTP*472 and REF*6R.
func (w *Writer) writeLine(n int, l *ServiceLine, claimPOS string) {
	s := &w.seg
	s.begin("LX")
	s.int(n)
	s.finish()

	s.begin("SV1")
	s.buf = append(s.buf, elementSeparator)
	s.rawString("HC")
	s.codeComponent(l.Procedure)
	for _, m := range l.Modifiers {
		s.codeComponent(m)
	}
	s.money(l.Charge)
	s.id("UN")
	s.quantity(l.Units)
	if l.PlaceOfService != claimPOS {
		s.id(l.PlaceOfService)
	} else {
		s.id("")
	}
	s.id("") // SV106 not used
	s.buf = append(s.buf, elementSeparator)
	if len(l.DiagnosisPointers) == 0 {
		s.raw('1')
	}
	for i, p := range l.DiagnosisPointers {
		if i > 0 {
			s.buf = append(s.buf, componentSeparator)
		}
		// Pointers are validated to be 1..12.
		if p >= 10 {
			s.buf = append(s.buf, '1')
			p -= 10
		}
		s.raw(byte('0' + p))
	}
	s.finish()

	s.begin("DTP")
	s.id("472")
	s.id("D8")
	s.date(l.ServiceDate)
	s.finish()

	if l.ControlNumber != "" {
		s.reference("6R", l.ControlNumber)
	}
}

func (s *segmentWriter) reference(qualifier, v string) {
	s.begin("REF")
	s.id(qualifier)
	s.id(v)
	s.finish()
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
