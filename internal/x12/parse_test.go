package x12

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// A minimal interchange written with other separators than ours, with
// CRLF between segments, as other systems send.
const foreignSeparators = "ISA|00|          |00|          |ZZ|SENDER         |ZZ|RECEIVER       |240510|1200|}|00501|000000007|0|P|>!\r\n" +
	"GS|HC|SENDER|RECEIVER|20240510|1200|7|X|005010X222A1!\r\n" +
	"ST|837|0001|005010X222A1!\r\n" +
	"SV1|HC>H0038>HQ>GT|80|UN|4|||1>2!\r\n" +
	"SE|3|0001!\r\n" +
	"GE|1|7!\r\n" +
	"IEA|1|000000007!\r\n"

func TestParseDetectsSeparators(t *testing.T) {
	d, err := Parse(strings.NewReader(foreignSeparators))
	if err != nil {
		t.Fatal(err)
	}
	if d.ElementSeparator != '|' || d.ComponentSeparator != '>' || d.RepetitionSeparator != '}' || d.SegmentTerminator != '!' {
		t.Errorf("separators = %q %q %q %q", d.ElementSeparator, d.ComponentSeparator, d.RepetitionSeparator, d.SegmentTerminator)
	}
	if err := d.VerifyEnvelope(); err != nil {
		t.Error(err)
	}
	sv1 := d.Find("SV1")[0]
	if got := sv1.Component(1, 4); got != "GT" {
		t.Errorf("SV101-4 = %q", got)
	}
	if got := sv1.Component(7, 2); got != "2" {
		t.Errorf("SV107-2 = %q", got)
	}
	if got := sv1.Component(1, 9); got != "" {
		t.Errorf("missing component = %q", got)
	}
	if got := sv1.Element(40); got != "" {
		t.Errorf("missing element = %q", got)
	}
	if got := sv1.String(); got != "SV1*HC:H0038:HQ:GT*80*UN*4***1:2" {
		t.Errorf("String() = %q", got)
	}
	if got := d.Segments[0].Element(6); got != "SENDER         " {
		t.Errorf("ISA06 = %q, padding must be kept", got)
	}
}

func TestParseRejectsMalformedInput(t *testing.T) {
	ok := foreignSeparators
	tests := map[string]string{
		"empty":                 "",
		"not ISA":               "GS*HC~",
		"short ISA":             "ISA*00*00~",
		"no final terminator":   strings.TrimSuffix(ok, "!\r\n"),
		"bad segment id":        strings.Replace(ok, "SV1|", "S-1|", 1),
		"separator used twice":  strings.Replace(ok, "|P|>!", "|P|!!", 1),
		"letter as a separator": strings.Replace(ok, "|P|>!", "|P|A!", 1),
	}
	for name, in := range tests {
		if _, err := Parse(strings.NewReader(in)); !errors.Is(err, ErrSyntax) {
			t.Errorf("%s: Parse error = %v, want ErrSyntax", name, err)
		}
	}
}

func TestVerifyEnvelopeFindsMiscounts(t *testing.T) {
	good := mustWrite(t, newHeader(), newClaim("C1"))
	tests := map[string][2]string{
		"SE01":  {"SE*", "SE*9"},
		"SE02":  {"*0001~\nGE", "*0002~\nGE"},
		"GE01":  {"GE*1", "GE*2"},
		"GE02":  {"GE*1*101", "GE*1*102"},
		"IEA01": {"IEA*1", "IEA*2"},
		"IEA02": {"IEA*1*000000101", "IEA*1*000000102"},
	}
	for name, r := range tests {
		bad := bytes.Replace(good, []byte(r[0]), []byte(r[1]), 1)
		if bytes.Equal(bad, good) {
			t.Fatalf("%s: replacement %q not found", name, r[0])
		}
		d, err := Parse(bytes.NewReader(bad))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := d.VerifyEnvelope(); err == nil {
			t.Errorf("%s: VerifyEnvelope accepted a wrong %s", name, name)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(foreignSeparators))
	f.Add(mustWrite(f, newHeader(), newClaim("C1", withPeer, withLines(3))))
	f.Add([]byte("ISA*"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse(bytes.NewReader(data))
		if err != nil {
			return
		}
		_ = d.VerifyEnvelope()
		for _, s := range d.Segments {
			_ = s.Component(1, 2)
			_ = s.String()
		}
	})
}
