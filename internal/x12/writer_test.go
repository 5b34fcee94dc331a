package x12

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestRoundTripKeepsClaimFields(t *testing.T) {
	c := newClaim("C123", withPeer, func(c *Claim) {
		c.Frequency = FrequencyReplacement
		c.PayerClaimControlNumber = "PAYER-ICN-77"
		c.PriorAuthorization = "PA12345"
		c.Diagnoses = []string{"f33.2", "F41.1", "Z59.0"}
		c.Lines = append(c.Lines, ServiceLine{
			Procedure:         "H0038",
			Modifiers:         []string{"hq", "GT", "U4", "KX"},
			Charge:            1150,
			Units:             2.5,
			PlaceOfService:    "12",
			DiagnosisPointers: []int{3, 1},
			ServiceDate:       time.Date(2024, 5, 9, 0, 0, 0, 0, time.UTC),
			ControlNumber:     "LINE-2",
		})
	})
	d := mustParse(t, mustWrite(t, newHeader(), c))

	clm := d.Find("CLM")[0]
	checks := []struct{ name, got, want string }{
		{"CLM01", clm.Element(1), "C123"},
		{"CLM02", clm.Element(2), "59.38"},
		{"CLM05-1", clm.Component(5, 1), "11"},
		{"CLM05-2", clm.Component(5, 2), "B"},
		{"CLM05-3", clm.Component(5, 3), "7"},
		{"CLM06..09", strings.Join(clm.Elements[5:9], ","), "Y,A,Y,Y"},
		{"REF*G1", refValue(d, "G1"), "PA12345"},
		{"REF*F8", refValue(d, "F8"), "PAYER-ICN-77"},
		{"HI01", d.Find("HI")[0].Element(1), "ABK:F332"},
		{"HI03", d.Find("HI")[0].Element(3), "ABF:Z590"},
		{"subscriber", nm1(d, "IL").String(), "NM1*IL*1*RIVERA*ANA****MI*900123456Q"},
		{"payer", nm1(d, "PR").String(), "NM1*PR*2*NC MEDICAID*****PI*NCMCD"},
		{"rendering", nm1(d, "82").String(), "NM1*82*1*OKAFOR*GRACE****XX*" + peerNPI},
		{"billing NPI", nm1(d, "85").Element(9), agencyNPI},
		{"billing ZIP", d.Find("N4")[0].Element(3), "276011234"},
		{"tax id", refValue(d, "EI"), "561234567"},
		{"DMG", d.Find("DMG")[0].String(), "DMG*D8*19880412*F"},
		{"SV1 line 1", d.Find("SV1")[0].String(), "SV1*HC:H0038:GT*47.88*UN*4***1"},
		{"SV1 line 2", d.Find("SV1")[1].String(), "SV1*HC:H0038:HQ:GT:U4:KX*11.5*UN*2.5*12**3:1"},
		{"SV101-6", d.Find("SV1")[1].Component(1, 6), "KX"},
		{"DTP line 2", d.Find("DTP")[1].String(), "DTP*472*D8*20240509"},
		{"REF*6R", refValue(d, "6R"), "LINE-2"},
		{"LX", d.Find("LX")[1].Element(1), "2"},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %q, want %q", ch.name, ch.got, ch.want)
		}
	}
}

func refValue(d *Document, qualifier string) string {
	for _, s := range d.Find("REF") {
		if s.Element(1) == qualifier {
			return s.Element(2)
		}
	}
	return ""
}

func nm1(d *Document, entity string) Segment {
	for _, s := range d.Find("NM1") {
		if s.Element(1) == entity {
			return s
		}
	}
	return Segment{}
}

func TestControlNumbersAndCounts(t *testing.T) {
	h := newHeader(func(h *Header) {
		h.Interchange.ControlNumber = 4321
		h.Interchange.GroupControlNumber = 77
		h.MaxClaimsPerTransaction = 2
	})
	claims := []Claim{newClaim("A1"), newClaim("A2", withLines(3)), newClaim("A3"), newClaim("A4"), newClaim("A5")}
	data := mustWrite(t, h, claims...)
	if isa := data[:bytes.IndexByte(data, '~')+1]; len(isa) != 106 {
		t.Errorf("ISA is %d characters, want 106: %q", len(isa), isa)
	}
	d := mustParse(t, data)
	segs := d.Segments
	if got := segs[0].Element(13); got != "000004321" {
		t.Errorf("ISA13 = %q", got)
	}
	if got := segs[len(segs)-1].String(); got != "IEA*1*000004321" {
		t.Errorf("IEA = %q", got)
	}
	if got := d.Find("GS")[0].Element(6); got != "77" {
		t.Errorf("GS06 = %q", got)
	}
	if got := d.Find("GE")[0].String(); got != "GE*3*77" {
		t.Errorf("GE = %q, want 3 transaction sets of at most 2 claims", got)
	}
	// Count ST..SE by hand, independently of VerifyEnvelope.
	n, st := 0, 0
	for _, s := range segs {
		switch s.ID {
		case "ST":
			st++
			n = 1
			if want := "000" + strconv.Itoa(st); s.Element(2) != want {
				t.Errorf("ST02 = %q, want %q", s.Element(2), want)
			}
		case "SE":
			n++
			if s.Element(1) != strconv.Itoa(n) {
				t.Errorf("SE01 = %q, counted %d", s.Element(1), n)
			}
			if want := "000" + strconv.Itoa(st); s.Element(2) != want {
				t.Errorf("SE02 = %q, want %q", s.Element(2), want)
			}
		default:
			n++
		}
	}
	bhts := d.Find("BHT")
	for i, want := range []string{"4321", "4321-2", "4321-3"} {
		if got := bhts[i].Element(3); got != want {
			t.Errorf("BHT03 of transaction %d = %q, want %q", i+1, got, want)
		}
	}
	if got := len(d.Find("CLM")); got != 5 {
		t.Errorf("%d claims, want 5", got)
	}
}

// hlLine is an HL segment as "id parent level child" for compact checks.
func hlLines(d *Document) []string {
	var out []string
	for _, s := range d.Find("HL") {
		out = append(out, strings.Join(s.Elements, " "))
	}
	return out
}

func TestHLStructure(t *testing.T) {
	other := func(c *Claim) {
		c.Subscriber.MemberID = "900999999Z"
		c.Subscriber.Name.First = "Ben"
	}
	leo := withChildPatient
	mia := func(c *Claim) { c.Patient.Name.First = "Mia" }
	tests := []struct {
		name   string
		claims []Claim
		want   []string
	}{
		{"same subscriber shares one HL", []Claim{newClaim("C1"), newClaim("C2")},
			[]string{"1  20 1", "2 1 22 0"}},
		{"new subscriber opens a new HL under the billing provider", []Claim{newClaim("C1"), newClaim("C2", other), newClaim("C3")},
			[]string{"1  20 1", "2 1 22 0", "3 1 22 0", "4 1 22 0"}},
		{"patient who is not the subscriber gets 2000C", []Claim{newClaim("C1", leo)},
			[]string{"1  20 1", "2 1 22 1", "3 2 23 0"}},
		{"same patient shares the patient HL", []Claim{newClaim("C1", leo), newClaim("C2", leo)},
			[]string{"1  20 1", "2 1 22 1", "3 2 23 0"}},
		{"second dependent shares the subscriber HL", []Claim{newClaim("C1", leo), newClaim("C2", leo, mia)},
			[]string{"1  20 1", "2 1 22 1", "3 2 23 0", "4 2 23 0"}},
		{"subscriber as patient after a dependent opens a new subscriber HL",
			[]Claim{newClaim("C1", leo), newClaim("C2", func(c *Claim) { c.Subscriber.BirthDate = time.Time{}; c.Subscriber.Gender = "" }, leo), newClaim("C3")},
			[]string{"1  20 1", "2 1 22 1", "3 2 23 0", "4 1 22 0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustParse(t, mustWrite(t, newHeader(), tt.claims...))
			got := hlLines(d)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("HL segments:\n got %q\nwant %q", got, tt.want)
			}
			if n := len(d.Find("CLM")); n != len(tt.claims) {
				t.Errorf("%d CLM segments, want %d", n, len(tt.claims))
			}
		})
	}
}

func TestNewTransactionSetRestartsHLs(t *testing.T) {
	h := newHeader(func(h *Header) { h.MaxClaimsPerTransaction = 1 })
	d := mustParse(t, mustWrite(t, h, newClaim("C1", withChildPatient), newClaim("C2", withChildPatient)))
	want := []string{"1  20 1", "2 1 22 1", "3 2 23 0", "1  20 1", "2 1 22 1", "3 2 23 0"}
	if got := hlLines(d); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("HL segments:\n got %q\nwant %q", got, want)
	}
	if n := len(nm1s(d, "85")); n != 2 {
		t.Errorf("billing provider written %d times, want once per transaction set", n)
	}
}

func nm1s(d *Document, entity string) []Segment {
	var out []Segment
	for _, s := range d.Find("NM1") {
		if s.Element(1) == entity {
			out = append(out, s)
		}
	}
	return out
}

func TestClaimsSitUnderTheirSubscriber(t *testing.T) {
	other := func(c *Claim) { c.Subscriber.MemberID = "900999999Z" }
	d := mustParse(t, mustWrite(t, newHeader(), newClaim("C1"), newClaim("C2", other), newClaim("C3", other)))
	member := ""
	got := map[string]string{}
	for _, s := range d.Segments {
		switch {
		case s.ID == "NM1" && s.Element(1) == "IL":
			member = s.Element(9)
		case s.ID == "CLM":
			got[s.Element(1)] = member
		}
	}
	want := map[string]string{"C1": "900123456Q", "C2": "900999999Z", "C3": "900999999Z"}
	for id, m := range want {
		if got[id] != m {
			t.Errorf("claim %s is under member %q, want %q", id, got[id], m)
		}
	}
}

func TestRenderingProviderOnlyWhenNotTheBillingProvider(t *testing.T) {
	tests := []struct {
		name string
		mut  func(*Claim)
		want bool
	}{
		{"no rendering provider", func(*Claim) {}, false},
		{"rendering NPI is the billing NPI", func(c *Claim) { withPeer(c); c.Rendering.NPI = agencyNPI }, false},
		{"peer renders", withPeer, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustParse(t, mustWrite(t, newHeader(), newClaim("C1", tt.mut)))
			got := nm1(d, "82").ID != ""
			if got != tt.want {
				t.Errorf("2310B present = %v, want %v", got, tt.want)
			}
			prvPE := false
			for _, s := range d.Find("PRV") {
				prvPE = prvPE || s.Element(1) == "PE"
			}
			if prvPE != tt.want {
				t.Errorf("PRV*PE present = %v, want %v", prvPE, tt.want)
			}
		})
	}
}

// TestPayToAddressOnlyWhenGiven: loop 2010AB (NM1*87 with its N3/N4)
// follows the billing provider when payments go elsewhere, and is absent
// otherwise; the pay-to ZIP may have five digits.
func TestPayToAddressOnlyWhenGiven(t *testing.T) {
	d := mustParse(t, mustWrite(t, newHeader(), newClaim("C1")))
	if nm1(d, "87").ID != "" {
		t.Fatal("a pay-to loop was written without a pay-to address")
	}
	box := &Address{Line1: "PO Box 1750", City: "Raleigh", State: "NC", ZIP: "27602"}
	d = mustParse(t, mustWrite(t, newHeader(func(h *Header) { h.PayTo = box }), newClaim("C1")))
	var got []string
	for i, s := range d.Segments {
		if s.ID == "NM1" && s.Element(1) == "87" {
			for _, n := range d.Segments[i : i+3] {
				got = append(got, n.String())
			}
		}
	}
	want := []string{"NM1*87*2", "N3*PO BOX 1750", "N4*RALEIGH*NC*27602"}
	if strings.Join(got, "~") != strings.Join(want, "~") {
		t.Fatalf("2010AB = %q, want %q", got, want)
	}
}

func TestReplacementAndVoidCarryPayerClaimNumber(t *testing.T) {
	for _, freq := range []string{FrequencyReplacement, FrequencyVoid} {
		d := mustParse(t, mustWrite(t, newHeader(), newClaim("C9", func(c *Claim) {
			c.Frequency = freq
			c.PayerClaimControlNumber = "ICN2024000123"
		})))
		if got := d.Find("CLM")[0].Component(5, 3); got != freq {
			t.Errorf("CLM05-3 = %q, want %q", got, freq)
		}
		if got := refValue(d, "F8"); got != "ICN2024000123" {
			t.Errorf("frequency %s: REF*F8 = %q", freq, got)
		}
	}
	d := mustParse(t, mustWrite(t, newHeader(), newClaim("C1")))
	if got := refValue(d, "F8"); got != "" {
		t.Errorf("original claim has REF*F8 %q", got)
	}
}

func TestLinePlaceOfServiceOnlyWhenDifferent(t *testing.T) {
	d := mustParse(t, mustWrite(t, newHeader(), newClaim("C1", withLines(2), func(c *Claim) {
		c.Lines[0].PlaceOfService = "11" // same as the claim
		c.Lines[1].PlaceOfService = "12"
	})))
	sv1 := d.Find("SV1")
	if got := sv1[0].Element(5); got != "" {
		t.Errorf("line 1 SV105 = %q, want empty", got)
	}
	if got := sv1[1].Element(5); got != "12" {
		t.Errorf("line 2 SV105 = %q, want 12", got)
	}
}

func TestTotalChargeIsComputedOrChecked(t *testing.T) {
	d := mustParse(t, mustWrite(t, newHeader(), newClaim("C1", withLines(3))))
	if got := d.Find("CLM")[0].Element(2); got != "17.28" { // 2.88 + 5.76 + 8.64
		t.Errorf("CLM02 = %q, want 17.28", got)
	}
	err := newClaim("C1", func(c *Claim) { c.TotalCharge = 100 }).Validate()
	if err == nil || !strings.Contains(err.Error(), "claim C1: total charge must equal the sum of line charges (47.88)") {
		t.Errorf("mismatched total: %v", err)
	}
}

func TestMoneyString(t *testing.T) {
	for m, want := range map[Money]string{0: "0", 8000: "80", 4788: "47.88", 1150: "11.5", 5: "0.05", -250: "-2.5"} {
		if got := m.String(); got != want {
			t.Errorf("Money(%d) = %q, want %q", int64(m), got, want)
		}
	}
}

func TestCloseWithoutClaimsWritesNothing(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf, newHeader())
	if err := w.Close(); !errors.Is(err, ErrNoClaims) {
		t.Errorf("Close = %v, want ErrNoClaims", err)
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %q", buf.String())
	}
	if err := w.Close(); !errors.Is(err, ErrClosed) {
		t.Errorf("second Close = %v, want ErrClosed", err)
	}
	if err := w.WriteClaim(newClaim("C1")); !errors.Is(err, ErrClosed) {
		t.Errorf("WriteClaim after Close = %v, want ErrClosed", err)
	}
}

type failingWriter struct{ after int }

func (f *failingWriter) Write(p []byte) (int, error) {
	if f.after -= len(p); f.after < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestWriteErrorIsSticky(t *testing.T) {
	w := NewWriter(&failingWriter{after: 100}, newHeader())
	var err error
	// The bufio buffer hides the failure until it fills or Close flushes.
	for i := 0; i < 1000 && err == nil; i++ {
		err = w.WriteClaim(newClaim("C" + strconv.Itoa(i)))
	}
	if err == nil || err.Error() != "disk full" {
		t.Fatalf("WriteClaim = %v, want disk full", err)
	}
	if err := w.WriteClaim(newClaim("CX")); err == nil || err.Error() != "disk full" {
		t.Errorf("next WriteClaim = %v, want the same error", err)
	}
	if err := w.Close(); err == nil || err.Error() != "disk full" {
		t.Errorf("Close = %v, want the same error", err)
	}
}
