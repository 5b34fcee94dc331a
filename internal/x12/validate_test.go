package x12

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func TestValidNPI(t *testing.T) {
	for npi, want := range map[string]bool{
		agencyNPI:     true,
		peerNPI:       true,
		peer2NPI:      true,
		"1234567890":  false, // wrong check digit
		"123456789":   false,
		"12345678931": false,
		"123456789X":  false,
		"":            false,
	} {
		if got := ValidNPI(npi); got != want {
			t.Errorf("ValidNPI(%q) = %v, want %v", npi, got, want)
		}
	}
}

func TestClaimValidationNamesTheField(t *testing.T) {
	tests := []struct {
		name string
		mut  func(*Claim)
		want string
	}{
		{"units must be positive", func(c *Claim) { withLines(2)(c); c.Lines[1].Units = 0 },
			"claim C123 line 2: units must be > 0"},
		{"units are not NaN", func(c *Claim) { c.Lines[0].Units = math.NaN() }, "claim C123 line 1: units must be > 0"},
		{"units have at most 3 decimals", func(c *Claim) { c.Lines[0].Units = 1.0001 }, "line 1: units must have at most 3 decimals"},
		{"claim id is required", func(c *Claim) { c.ID = "" }, "claim (no id): claim id is required"},
		{"claim id fits CLM01", func(c *Claim) { c.ID = strings.Repeat("9", 21) }, "claim id must be at most 20 characters"},
		{"claim id has no separator", func(c *Claim) { c.ID = "C1*2" }, "claim id must not contain * : ^ or ~"},
		{"member id is required", func(c *Claim) { c.Subscriber.MemberID = "" }, "claim C123: subscriber member id is required"},
		{"subscriber name is visible text", func(c *Claim) { c.Subscriber.Name.Last = " *~ " }, "subscriber last name is required"},
		{"subscriber as patient needs a birth date", func(c *Claim) { c.Subscriber.BirthDate = time.Time{} }, "subscriber birth date is required"},
		{"gender code", func(c *Claim) { c.Subscriber.Gender = "X" }, "subscriber gender must be one of F, M, U"},
		{"subscriber ZIP", func(c *Claim) { c.Subscriber.Address.ZIP = "2770" }, "subscriber address ZIP must be 5 or 9 digits"},
		{"state code", func(c *Claim) { c.Subscriber.Address.State = "North Carolina" }, "subscriber address state must be a two-letter code"},
		{"payer id", func(c *Claim) { c.Payer.ID = "" }, "payer id is required"},
		{"place of service", func(c *Claim) { c.PlaceOfService = "1" }, "claim C123: place of service must be a two-digit code"},
		{"frequency", func(c *Claim) { c.Frequency = "2" }, "frequency must be 1 (original), 7 (replacement) or 8 (void)"},
		{"replacement needs the payer claim number", func(c *Claim) { c.Frequency = FrequencyReplacement }, "payer claim control number is required"},
		{"void needs the payer claim number", func(c *Claim) { c.Frequency = FrequencyVoid }, "payer claim control number is required"},
		{"original has no payer claim number", func(c *Claim) { c.PayerClaimControlNumber = "ICN1" }, "payer claim control number is sent only with replacement (7) or void (8) claims"},
		{"diagnosis required", func(c *Claim) { c.Diagnoses = nil }, "diagnoses need at least the principal diagnosis"},
		{"diagnosis format", func(c *Claim) { c.Diagnoses[1] = "311" }, "claim C123: diagnosis 2 must be an ICD-10-CM code like F33.2"},
		{"at most 12 diagnoses", func(c *Claim) { c.Diagnoses = make([]string, 13); fillDx(c.Diagnoses) }, "diagnoses must be at most 12"},
		{"rendering NPI check digit", func(c *Claim) { withPeer(c); c.Rendering.NPI = "1447702833" }, "rendering provider NPI has a wrong check digit"},
		{"rendering taxonomy", func(c *Claim) { withPeer(c); c.Rendering.Taxonomy = "175T" }, "rendering provider taxonomy must be a 10-character taxonomy code"},
		{"no lines", func(c *Claim) { c.Lines = nil }, "service lines need at least one line"},
		{"at most 50 lines", withLines(51), "service lines must be at most 50 per claim"},
		{"procedure code", func(c *Claim) { c.Lines[0].Procedure = "H38" }, "claim C123 line 1: procedure code must be a HCPCS or CPT code like H0038"},
		{"modifier", func(c *Claim) { c.Lines[0].Modifiers = []string{"G*"} }, "line 1: modifier 1 must be 2 letters or digits"},
		{"at most four modifiers", func(c *Claim) { c.Lines[0].Modifiers = []string{"HQ", "GT", "U4", "KX", "HE"} }, "line 1: modifiers must be at most 4"},
		{"negative charge", func(c *Claim) { c.Lines[0].Charge = -1 }, "line 1: charge must be 0 to 99999999.99"},
		{"pointer in range", func(c *Claim) { c.Lines[0].DiagnosisPointers = []int{3} }, "line 1: diagnosis pointer 1 must point to one of the claim's 2 diagnoses"},
		{"pointer not repeated", func(c *Claim) { c.Lines[0].DiagnosisPointers = []int{1, 1} }, "line 1: diagnosis pointer 2 repeats an earlier pointer"},
		{"service date", func(c *Claim) { c.Lines[0].ServiceDate = time.Time{} }, "line 1: service date is required"},
		{"line control number length", func(c *Claim) { c.Lines[0].ControlNumber = strings.Repeat("L", 31) }, "line 1: line control number must be at most 30 characters"},
		{"patient relationship", func(c *Claim) { withChildPatient(c); c.Patient.Relationship = "18" }, "patient relationship must be one of"},
		{"patient address", func(c *Claim) { withChildPatient(c); c.Patient.Address = Address{} }, "patient address line 1 is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClaim("C123", tt.mut)
			err := c.Validate()
			if err == nil {
				t.Fatalf("Validate() = nil, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate() = %q\nwant it to contain %q", err, tt.want)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("errors.Is(err, ErrInvalid) = false")
			}
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Field == "" {
				t.Errorf("error is not a *ValidationError with a field: %#v", err)
			}
		})
	}
}

func fillDx(dx []string) {
	for i := range dx {
		dx[i] = "F3" + string(rune('0'+i%10)) + "." + string(rune('0'+i/10))
	}
}

func TestValidClaimsPass(t *testing.T) {
	for name, c := range map[string]Claim{
		"medicaid":     newClaim("C1"),
		"with peer":    newClaim("C1", withPeer),
		"child":        newClaim("C1", withChildPatient),
		"fifty lines":  newClaim("C1", withLines(50)),
		"lowercase":    newClaim("C1", func(c *Claim) { c.Diagnoses = []string{"f332"}; c.Lines[0].Procedure = "h0038" }),
		"cpt code":     newClaim("C1", func(c *Claim) { c.Lines[0].Procedure = "9083F" }),
		"replacement":  newClaim("C1", func(c *Claim) { c.Frequency = "7"; c.PayerClaimControlNumber = "X1" }),
		"zero charge":  newClaim("C1", func(c *Claim) { c.Lines[0].Charge = 0 }),
		"fractional":   newClaim("C1", func(c *Claim) { c.Lines[0].Units = 0.25 }),
		"explicit sum": newClaim("C1", func(c *Claim) { c.TotalCharge = 4788 }),
	} {
		if err := c.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestHeaderValidationNamesTheField(t *testing.T) {
	tests := []struct {
		name string
		mut  func(*Header)
		want string
	}{
		{"NPI length", func(h *Header) { h.BillingProvider.NPI = "12345" }, "billing provider NPI must be 10 digits"},
		{"NPI check digit", func(h *Header) { h.BillingProvider.NPI = "1234567890" }, "billing provider NPI has a wrong check digit"},
		{"EIN", func(h *Header) { h.BillingProvider.TaxID = "12345" }, "billing provider tax id must be a 9-digit EIN"},
		{"billing ZIP+4", func(h *Header) { h.BillingProvider.Address.ZIP = "27601" }, "billing provider address ZIP must be 9 digits (ZIP+4)"},
		{"billing taxonomy", func(h *Header) { h.BillingProvider.Taxonomy = "251s00000x" }, "billing provider taxonomy must be"},
		{"sender id fits ISA06", func(h *Header) { h.Interchange.SenderID = strings.Repeat("S", 16) }, "interchange sender id must be at most 15 characters"},
		{"receiver id has no separator", func(h *Header) { h.Interchange.ReceiverID = "NC~MCD" }, "interchange receiver id must not contain * : ^ or ~"},
		{"control number", func(h *Header) { h.Interchange.ControlNumber = 0 }, "interchange control number must be 1 to 999999999"},
		{"usage", func(h *Header) { h.Interchange.Usage = "X" }, "interchange usage indicator must be one of T, P"},
		{"created", func(h *Header) { h.Interchange.Created = time.Time{} }, "interchange creation date is required"},
		{"application sender", func(h *Header) { h.Interchange.ApplicationSender = "G" }, "application sender code must be at least 2 characters"},
		{"submitter contact", func(h *Header) { h.Submitter.Phone = "" }, "submitter contact needs a phone or an email"},
		{"submitter phone", func(h *Header) { h.Submitter.Phone = "555-0142" }, "submitter phone must be 10 digits"},
		{"receiver name", func(h *Header) { h.Receiver.Name = "" }, "receiver name is required"},
		{"billing street, not a box", func(h *Header) { h.BillingProvider.Address.Line1 = "P.O. Box 17" }, "billing provider address line 1 must be a street address"},
		{"billing name fits NM103", func(h *Header) { h.BillingProvider.Name = strings.Repeat("N", 61) }, "billing provider name must be at most 60 characters"},
		{"billing city fits N401", func(h *Header) { h.BillingProvider.Address.City = strings.Repeat("C", 31) }, "billing provider address city must be at most 30 characters"},
		{"pay-to street", func(h *Header) { h.PayTo = &Address{City: "Raleigh", State: "NC", ZIP: "27602"} }, "pay-to address line 1 is required"},
		{"pay-to ZIP", func(h *Header) {
			h.PayTo = &Address{Line1: "PO Box 1750", City: "Raleigh", State: "NC", ZIP: "2760"}
		}, "pay-to address ZIP must be 5 or 9 digits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHeader(tt.mut)
			err := h.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Validate() = %v, want it to contain %q", err, tt.want)
			}
			// The Writer reports it on the first claim and stops for good.
			var buf bytes.Buffer
			w := NewWriter(&buf, h)
			if err := w.WriteClaim(newClaim("C1")); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("WriteClaim = %v", err)
			}
			if err := w.Close(); err == nil {
				t.Error("Close after a header error = nil")
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes with an invalid header", buf.Len())
			}
		})
	}
}

func TestInvalidClaimIsSkippedAndWriterGoesOn(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf, newHeader())
	if err := w.WriteClaim(newClaim("C1")); err != nil {
		t.Fatal(err)
	}
	bad := newClaim("", func(c *Claim) { c.Lines[0].Units = -1 })
	err := w.WriteClaim(bad)
	if err == nil || !strings.Contains(err.Error(), "claim #2 line 1: units must be > 0") {
		t.Fatalf("WriteClaim(bad) = %v", err)
	}
	if err := w.WriteClaim(newClaim("C3")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	d := mustParse(t, buf.Bytes())
	if n := len(d.Find("CLM")); n != 2 {
		t.Errorf("%d claims written, want 2", n)
	}
	if w.ClaimsWritten() != 2 {
		t.Errorf("ClaimsWritten = %d", w.ClaimsWritten())
	}
}

func TestValidationReportsEveryProblem(t *testing.T) {
	err := newClaim("C1", func(c *Claim) {
		c.PlaceOfService = ""
		c.Lines[0].Units = 0
		c.Lines[0].Procedure = ""
	}).Validate()
	for _, want := range []string{"place of service", "line 1: units", "line 1: procedure code"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not mention %q", err, want)
		}
	}
}
