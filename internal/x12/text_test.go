package x12

import (
	"strings"
	"testing"
)

func TestCleanText(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"Hope Peer Services", 60, "HOPE PEER SERVICES"},
		{"SMITH*JONES", 60, "SMITH JONES"},
		{"a:b^c~d", 60, "A B C D"},
		{"  line\r\nbreak\t tab  ", 60, "LINE BREAK TAB"},
		{"***", 60, ""},
		{"José Muñoz-Peña", 60, "JOSE MUNOZ-PENA"},
		{"Łukasz Żółć", 60, "LUKASZ ZOLC"},
		{"Straße Ærø", 60, "STRASSE AERO"},
		{"O’Brien – Jr", 60, "O'BRIEN - JR"},
		{"Nguyễn Bảo Ơn", 60, "NGUYEN BAO ON"},
		{"李 Wei", 60, "WEI"},
		{"ABCDEFGHIJ", 5, "ABCDE"},
		{"ABCD FGHIJ", 5, "ABCD"}, // no trailing space after the cut
		{"ÆÆÆ", 5, "AEAEA"},
		{"100 Main St., Suite #4 (rear)", 55, "100 MAIN ST., SUITE #4 (REAR)"},
		{"bad\xffutf8", 60, "BAD UTF8"},
	}
	for _, tt := range tests {
		if got := cleanText(tt.in, tt.max); got != tt.want {
			t.Errorf("cleanText(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
		if got := hasText(tt.in); got != (tt.want != "") {
			t.Errorf("hasText(%q) = %v, want %v", tt.in, got, tt.want != "")
		}
	}
}

// TestSeparatorsInDataDoNotBreakTheFile writes names, addresses and
// contacts full of separators and checks the file still has the right
// segments and elements.
func TestSeparatorsInDataDoNotBreakTheFile(t *testing.T) {
	h := newHeader(func(h *Header) {
		h.Submitter.Name = "Hope*Peer~Services:Inc^"
		h.Submitter.ContactName = "Desk~\nNM1*XX"
		h.BillingProvider.Name = "Hope~ISA*00"
		h.BillingProvider.Address.Line1 = "100 Main St*Suite:4"
		h.BillingProvider.Address.Line2 = "Rear^Door~"
	})
	c := newClaim("C1", withPeer, func(c *Claim) {
		c.Subscriber.Name = PersonName{Last: "O'Neil~SE*1", First: "Ana:Maria", Middle: "^", Suffix: "Jr~"}
		c.Subscriber.Address.City = "Durham~\r\nIEA*1"
		c.Payer.Name = "NC*Medicaid"
		c.Rendering.Name.Last = strings.Repeat("Okafor*", 20)
	})
	data := mustWrite(t, h, c)
	d := mustParse(t, data)

	want := map[string]string{
		"41": "NM1*41*2*HOPE PEER SERVICES INC*****46*HOPE001",
		"85": "NM1*85*2*HOPE ISA 00*****XX*" + agencyNPI,
		"IL": "NM1*IL*1*O'NEIL SE 1*ANA MARIA***JR*MI*900123456Q",
		"PR": "NM1*PR*2*NC MEDICAID*****PI*NCMCD",
	}
	for entity, w := range want {
		if got := nm1(d, entity).String(); got != w {
			t.Errorf("NM1*%s = %q, want %q", entity, got, w)
		}
	}
	if got := d.Find("PER")[0].String(); got != "PER*IC*DESK NM1 XX*TE*9195550142" {
		t.Errorf("PER = %q", got)
	}
	if got := d.Find("N3")[0].String(); got != "N3*100 MAIN ST SUITE 4*REAR DOOR" {
		t.Errorf("N3 = %q", got)
	}
	if got := d.Find("N4")[1].Element(1); got != "DURHAM IEA 1" {
		t.Errorf("N401 = %q", got)
	}
	if got := nm1(d, "82").Element(3); len(got) != maxOrgName {
		t.Errorf("rendering last name %q is %d characters, want it cut to %d", got, len(got), maxOrgName)
	}
	for _, id := range []string{"IEA", "ISA", "SE"} {
		if n := len(d.Find(id)); n != 1 {
			t.Errorf("%d %s segments, want 1: data was read as a segment", n, id)
		}
	}
	for i, s := range d.Segments[1:] {
		for _, e := range s.Elements {
			if strings.ContainsAny(e, "*^~\r\n") {
				t.Errorf("segment %d %s: element %q holds a separator", i+2, s.ID, e)
			}
		}
	}
}

func TestIdentifierProblem(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"C123", ""},
		{"c-12/3 x", ""},
		{"", "is required"},
		{"C1~", "must not contain * : ^ or ~"},
		{"C:1", "must not contain * : ^ or ~"},
		{"C\n1", "must contain only printable ASCII characters"},
		{"Cé", "must contain only printable ASCII characters"},
		{" C1", "must not start or end with a space"},
		{"C1234567890", "must be at most 10 characters"},
	}
	for _, tt := range tests {
		if got := identifierProblem(tt.in, 1, 10); got != tt.want {
			t.Errorf("identifierProblem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
