package x12

import "strconv"

// Maximum lengths of free-text elements in 005010X222A1.
const (
	maxOrgName    = 60 // NM103
	maxFirstName  = 35 // NM104
	maxMiddleName = 25 // NM105
	maxSuffix     = 10 // NM107
	maxAddress    = 55 // N301, N302
	maxCity       = 30 // N401
	maxContact    = 60 // PER02
)

// Version of the implementation guide, in GS08 and ST03.
const guideVersion = "005010X222A1"

// writeInterchangeHeader writes ISA and GS. ISA is fixed width: every
// element is padded to its size, so the segment is always 106 characters
// and readers can find the separators at fixed positions.
func (w *Writer) writeInterchangeHeader() {
	writeEnvelopeHeader(&w.seg, w.h.Interchange, "HC", guideVersion)
}

// writeEnvelopeHeader writes ISA and a GS of the functional group
// (HC claims, HP payments) and guide version given.
func writeEnvelopeHeader(s *segmentWriter, ic Interchange, functionalID, version string) {
	s.begin("ISA")
	s.raw(elementSeparator)
	s.rawString("00")
	s.raw(elementSeparator)
	s.rawString("          ") // ISA02 authorization information: none
	s.raw(elementSeparator)
	s.rawString("00")
	s.raw(elementSeparator)
	s.rawString("          ") // ISA04 security information: none
	s.padded(ic.SenderQualifier, 2)
	s.padded(ic.SenderID, 15)
	s.padded(ic.ReceiverQualifier, 2)
	s.padded(ic.ReceiverID, 15)
	s.raw(elementSeparator)
	s.buf = ic.Created.AppendFormat(s.buf, "060102")
	s.raw(elementSeparator)
	s.buf = ic.Created.AppendFormat(s.buf, "1504")
	s.raw(elementSeparator, repetitionSeparator)
	s.raw(elementSeparator)
	s.rawString("00501")
	s.buf = appendControlNumber(s.buf, ic.ControlNumber)
	ack := byte('0')
	if ic.AckRequested {
		ack = '1'
	}
	s.raw(elementSeparator, ack, elementSeparator, ic.Usage[0], elementSeparator, componentSeparator)
	s.finish()

	s.begin("GS")
	s.id(functionalID)
	s.id(ic.ApplicationSender)
	s.id(ic.ApplicationReceiver)
	s.date(ic.Created)
	s.clock(ic.Created)
	s.int(ic.GroupControlNumber)
	s.id("X")
	s.id(version)
	s.finish()
}

// padded appends a fixed-width ISA element, padded with spaces.
func (s *segmentWriter) padded(v string, width int) {
	s.buf = append(s.buf, elementSeparator)
	s.buf = append(s.buf, v...)
	for i := len(v); i < width; i++ {
		s.buf = append(s.buf, ' ')
	}
	s.end = len(s.buf)
}

// beginTransaction writes ST, BHT and the loops every transaction set
// repeats: 1000A submitter, 1000B receiver, 2000A/2010AA billing provider
// and, when set, 2010AB pay-to address.
func (w *Writer) beginTransaction() {
	w.transactions++
	w.claimsInTx = 0
	w.hl = 0
	w.last = nil
	s := &w.seg
	s.count = 0

	s.begin("ST")
	s.id("837")
	s.controlNumber(w.transactions)
	s.id(guideVersion)
	s.finish()

	ic := w.h.Interchange
	s.begin("BHT")
	s.id("0019") // hierarchical structure: provider, subscriber, dependent
	s.id("00")   // original transmission
	s.id(w.h.BatchID)
	if w.transactions > 1 {
		s.raw('-')
		s.buf = strconv.AppendInt(s.buf, int64(w.transactions), 10)
		s.end = len(s.buf)
	}
	s.date(ic.Created)
	s.clock(ic.Created)
	s.id("CH") // chargeable: a claim, not an encounter report
	s.finish()

	sub := w.h.Submitter
	s.begin("NM1")
	s.id("41")
	s.id("2") // non-person entity
	s.text(sub.Name, maxOrgName)
	s.id("")
	s.id("")
	s.id("")
	s.id("")
	s.id("46")
	s.id(sub.ID)
	s.finish()

	s.begin("PER")
	s.id("IC")
	s.text(sub.ContactName, maxContact)
	if sub.Phone != "" {
		s.id("TE")
		s.digits(sub.Phone)
	}
	if sub.Email != "" {
		s.id("EM")
		s.id(sub.Email)
	}
	s.finish()

	s.begin("NM1")
	s.id("40")
	s.id("2")
	s.text(w.h.Receiver.Name, maxOrgName)
	s.id("")
	s.id("")
	s.id("")
	s.id("")
	s.id("46")
	s.id(w.h.Receiver.ID)
	s.finish()

	bp := w.h.BillingProvider
	w.hl++
	w.writeHL(w.hl, 0, "20", true)
	if bp.Taxonomy != "" {
		s.begin("PRV")
		s.id("BI")
		s.id("PXC")
		s.id(bp.Taxonomy)
		s.finish()
	}
	s.begin("NM1")
	s.id("85")
	s.id("2")
	s.text(bp.Name, maxOrgName)
	s.id("")
	s.id("")
	s.id("")
	s.id("")
	s.id("XX")
	s.id(bp.NPI)
	s.finish()
	s.address(bp.Address)
	s.begin("REF")
	s.id("EI")
	s.digits(bp.TaxID)
	s.finish()

	if pt := w.h.PayTo; pt != nil {
		// 2010AB names no one: the entity is the billing provider, the
		// loop only says where its payments go.
		s.begin("NM1")
		s.id("87")
		s.id("2")
		s.finish()
		s.address(*pt)
	}
}

// endTransaction writes SE with the number of segments from ST to SE.
func (w *Writer) endTransaction() {
	s := &w.seg
	s.begin("SE")
	s.int(s.count + 1)
	s.controlNumber(w.transactions)
	s.finish()
}

// controlNumber appends a transaction set control number, at least four
// digits as the guide's examples show (ST02 and SE02).
func (s *segmentWriter) controlNumber(n int) {
	s.buf = append(s.buf, elementSeparator)
	for m := 1000; m > 1 && n < m; m /= 10 {
		s.buf = append(s.buf, '0')
	}
	s.buf = strconv.AppendInt(s.buf, int64(n), 10)
	s.end = len(s.buf)
}

// digits appends an element holding only the digits of v (phone numbers,
// ZIP codes and tax ids are validated to have the right count).
func (s *segmentWriter) digits(v string) {
	s.buf = append(s.buf, elementSeparator)
	for i := 0; i < len(v); i++ {
		if v[i] >= '0' && v[i] <= '9' {
			s.buf = append(s.buf, v[i])
		}
	}
	s.end = len(s.buf)
}

func (w *Writer) writeHL(id, parent int, level string, hasChildren bool) {
	s := &w.seg
	s.begin("HL")
	s.int(id)
	if parent > 0 {
		s.int(parent)
	} else {
		s.id("")
	}
	s.id(level)
	if hasChildren {
		s.id("1")
	} else {
		s.id("0")
	}
	s.finish()
}

// address writes N3 and N4.
func (s *segmentWriter) address(a Address) {
	s.begin("N3")
	s.text(a.Line1, maxAddress)
	s.text(a.Line2, maxAddress)
	s.finish()
	s.begin("N4")
	s.text(a.City, maxCity)
	s.text(a.State, 2)
	s.digits(a.ZIP)
	s.finish()
}

// person writes an NM1 for a person: entity code, "1", the name elements,
// and the id qualifier and id when idQualifier is not empty.
func (s *segmentWriter) person(entity string, n PersonName, idQualifier, id string) {
	s.begin("NM1")
	s.id(entity)
	s.id("1")
	s.text(n.Last, maxOrgName)
	s.text(n.First, maxFirstName)
	s.text(n.Middle, maxMiddleName)
	s.id("") // NM106 prefix: not used
	s.text(n.Suffix, maxSuffix)
	s.id(idQualifier)
	s.id(id)
	s.finish()
}
