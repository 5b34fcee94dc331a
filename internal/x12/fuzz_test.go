package x12

import (
	"bytes"
	"errors"
	"strconv"
	"testing"
)

// FuzzWriteClaim feeds random values into a claim. Whatever the input,
// WriteClaim either rejects it with a validation error or the file parses,
// has correct control counts, and holds the claim's identifiers unchanged.
func FuzzWriteClaim(f *testing.F) {
	f.Add("C123", "Rivera", "Ana", "12 Elm St", "Durham", "900123456Q", "NC Medicaid", "H0038", "GT", "F33.2", 4.0, int64(4788), "11", "", "1", "", false, false)
	f.Add("C*1", "O~Neil", "A:na", "1^2", "D\nurham", "9001~", "N*C", "h0038", "hq", "f332", 2.5, int64(1), "12", "L*1", "7", "ICN1", true, true)
	f.Add("X", "***", "", "~~~", "", "M", "", "99213", "", "Z00", 0.001, int64(0), "99", "", "8", "", true, false)
	f.Add("LONGLONGLONGLONGLONGLONG", "Nguyễn", "Bảo", "Straße", "Łódź", "MEMBER", "Payer", "A1234", "U4", "Z59.00", 99999.999, int64(9999999999), "02", "LINE1", "", "", false, true)
	f.Fuzz(func(t *testing.T, id, last, first, street, city, member, payer, proc, modifier, dx string,
		units float64, charge int64, pos, lineCtl, freq, icn string, child, peer bool) {
		c := newClaim(id, func(c *Claim) {
			c.Subscriber.Name = PersonName{Last: last, First: first}
			c.Subscriber.Address.Line1 = street
			c.Subscriber.Address.City = city
			c.Subscriber.MemberID = member
			c.Payer.Name = payer
			c.Diagnoses = []string{dx}
			c.PlaceOfService = pos
			c.Frequency = freq
			c.PayerClaimControlNumber = icn
			l := &c.Lines[0]
			l.Procedure, l.Units, l.Charge, l.ControlNumber = proc, units, Money(charge), lineCtl
			l.Modifiers = nil
			if modifier != "" {
				l.Modifiers = []string{modifier}
			}
			c.Lines = append(c.Lines, *l) // a second line exercises LX numbering
			if child {
				withChildPatient(c)
				c.Patient.Name.First = first
			}
			if peer {
				withPeer(c)
				c.Rendering.Name.Last = last
			}
		})
		h := newHeader(func(h *Header) { h.Submitter.ContactName = first + street })

		var buf bytes.Buffer
		w := NewWriter(&buf, h)
		if err := w.WriteClaim(newClaim("FIXED1")); err != nil {
			t.Fatalf("fixed claim: %v", err)
		}
		if err := w.WriteClaim(c); err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("WriteClaim error is not a validation error: %v", err)
			}
			return
		}
		if err := w.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
		d, err := Parse(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("Parse: %v\n%s", err, buf.Bytes())
		}
		if err := d.VerifyEnvelope(); err != nil {
			t.Fatalf("VerifyEnvelope: %v\n%s", err, buf.Bytes())
		}
		clms := d.Find("CLM")
		if len(clms) != 2 || clms[1].Element(1) != id {
			t.Fatalf("CLM segments %v, want FIXED1 and %q", clms, id)
		}
		if got := len(d.Find("LX")); got != 3 {
			t.Fatalf("%d LX segments, want 3", got)
		}
		sv1 := d.Find("SV1")[1]
		if got, _ := strconv.ParseFloat(sv1.Element(4), 64); got <= 0 || got-units > 0.0005 || units-got > 0.0005 {
			t.Fatalf("SV104 = %q for units %v", sv1.Element(4), units)
		}
		if got, want := sv1.Element(2), Money(charge).String(); got != want {
			t.Fatalf("SV102 = %q, want %q", got, want)
		}
		var got []string
		for _, s := range d.Find("NM1") {
			if s.Element(1) == "IL" {
				got = append(got, s.Element(9))
			}
		}
		if got[len(got)-1] != member {
			t.Fatalf("member id changed: %q", got)
		}
	})
}
