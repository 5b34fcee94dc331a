package x12

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Document is an X12 interchange read by Parse: its separators and its
// segments in file order, ISA first.
type Document struct {
	ElementSeparator    byte
	ComponentSeparator  byte
	RepetitionSeparator byte
	SegmentTerminator   byte
	Segments            []Segment
}

// Segment is one segment: its id ("CLM") and its elements as written,
// components still joined by the component separator.
type Segment struct {
	ID       string
	Elements []string // Elements[0] is element 01

	componentSeparator byte
}

// Element returns element n, counted from 1 as in "CLM05", or "" when the
// segment has fewer elements.
func (s Segment) Element(n int) string {
	if n < 1 || n > len(s.Elements) {
		return ""
	}
	return s.Elements[n-1]
}

// Component returns component m of element n, both counted from 1 as in
// "CLM05-3", or "" when absent.
func (s Segment) Component(n, m int) string {
	e := s.Element(n)
	for i := 1; i < m; i++ {
		k := strings.IndexByte(e, s.componentSeparator)
		if k < 0 {
			return ""
		}
		e = e[k+1:]
	}
	if k := strings.IndexByte(e, s.componentSeparator); k >= 0 {
		e = e[:k]
	}
	return e
}

// String formats the segment back with '*' and ':' (for messages and tests).
func (s Segment) String() string {
	var b strings.Builder
	b.WriteString(s.ID)
	for _, e := range s.Elements {
		b.WriteByte('*')
		if s.componentSeparator != ':' {
			e = strings.ReplaceAll(e, string(s.componentSeparator), ":")
		}
		b.WriteString(e)
	}
	return b.String()
}

// Find returns the segments with the given id, in file order.
func (d *Document) Find(id string) []Segment {
	var out []Segment
	for _, s := range d.Segments {
		if s.ID == id {
			out = append(out, s)
		}
	}
	return out
}

// ErrSyntax is wrapped by every error Parse returns for malformed input.
var ErrSyntax = errors.New("x12: syntax error")

// Parse reads a whole X12 interchange. The separators are taken from the
// ISA segment: the element separator is the character after "ISA", the
// repetition separator is ISA11, and the component separator and segment
// terminator are the two characters after ISA's sixteenth element
// separator. Line breaks and spaces between segments are ignored.
//
// Parse checks syntax only (separators, segment ids, a terminator after
// the last segment); VerifyEnvelope checks counts and control numbers.
// Errors wrap ErrSyntax, or are the reader's error.
func Parse(r io.Reader) (*Document, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")) // a byte-order mark some editors add
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) < 4 || string(data[:3]) != "ISA" {
		return nil, fmt.Errorf("%w: file does not start with ISA", ErrSyntax)
	}
	d := &Document{ElementSeparator: data[3]}
	seps := 0
	i := 3
	for ; i < len(data) && seps < 16; i++ {
		if data[i] == d.ElementSeparator {
			seps++
		}
	}
	if seps < 16 || i+1 >= len(data) {
		return nil, fmt.Errorf("%w: ISA segment is incomplete", ErrSyntax)
	}
	d.ComponentSeparator, d.SegmentTerminator = data[i], data[i+1]
	isa := bytes.Split(data[:i], []byte{d.ElementSeparator})
	if len(isa[11]) == 1 {
		d.RepetitionSeparator = isa[11][0]
	}
	if err := d.checkSeparators(); err != nil {
		return nil, err
	}

	rest := data
	for n := 1; ; n++ {
		rest = bytes.TrimLeft(rest, " \t\r\n")
		if len(rest) == 0 {
			break
		}
		end := bytes.IndexByte(rest, d.SegmentTerminator)
		if end < 0 {
			return nil, fmt.Errorf("%w: segment %d has no terminator", ErrSyntax, n)
		}
		seg, err := d.splitSegment(rest[:end], n)
		if err != nil {
			return nil, err
		}
		d.Segments = append(d.Segments, seg)
		rest = rest[end+1:]
	}
	return d, nil
}

func (d *Document) checkSeparators() error {
	seps := []byte{d.ElementSeparator, d.ComponentSeparator, d.SegmentTerminator}
	if d.RepetitionSeparator != 0 && d.RepetitionSeparator != 'U' {
		seps = append(seps, d.RepetitionSeparator)
	}
	for i, a := range seps {
		if isUpperAlnum(a) || (a >= 'a' && a <= 'z') || a == ' ' {
			return fmt.Errorf("%w: separator %q is a letter, digit or space", ErrSyntax, a)
		}
		for _, b := range seps[:i] {
			if a == b {
				return fmt.Errorf("%w: separator %q is used twice", ErrSyntax, a)
			}
		}
	}
	return nil
}

func (d *Document) splitSegment(raw []byte, n int) (Segment, error) {
	parts := bytes.Split(raw, []byte{d.ElementSeparator})
	id := parts[0]
	if len(id) < 2 || len(id) > 3 {
		return Segment{}, fmt.Errorf("%w: segment %d: invalid segment id %q", ErrSyntax, n, id)
	}
	for _, b := range id {
		if !isUpperAlnum(b) {
			return Segment{}, fmt.Errorf("%w: segment %d: invalid segment id %q", ErrSyntax, n, id)
		}
	}
	seg := Segment{ID: string(id), componentSeparator: d.ComponentSeparator}
	if len(parts) > 1 {
		seg.Elements = make([]string, len(parts)-1)
		for k, p := range parts[1:] {
			seg.Elements[k] = string(p)
		}
	}
	return seg, nil
}

// VerifyEnvelope checks the control structure of a parsed interchange:
// ISA first and IEA last, IEA01 = number of groups, IEA02 = ISA13,
// GE01 = number of transaction sets, GE02 = GS06, SE01 = segments from ST
// to SE inclusive, and SE02 = ST02. It returns the first mismatch found.
func (d *Document) VerifyEnvelope() error {
	segs := d.Segments
	if len(segs) < 2 || segs[0].ID != "ISA" || segs[len(segs)-1].ID != "IEA" {
		return errors.New("x12: interchange must start with ISA and end with IEA")
	}
	isa, iea := segs[0], segs[len(segs)-1]
	if isa.Element(13) != iea.Element(2) {
		return fmt.Errorf("x12: IEA02 %q does not match ISA13 %q", iea.Element(2), isa.Element(13))
	}
	groups, txSets, stAt := 0, 0, -1
	var gs, st Segment
	for i, s := range segs[1 : len(segs)-1] {
		switch s.ID {
		case "GS":
			gs, txSets = s, 0
			groups++
		case "GE":
			if gs.ID == "" {
				return errors.New("x12: GE without GS")
			}
			if s.Element(1) != strconv.Itoa(txSets) {
				return fmt.Errorf("x12: GE01 %q but the group has %d transaction sets", s.Element(1), txSets)
			}
			if s.Element(2) != gs.Element(6) {
				return fmt.Errorf("x12: GE02 %q does not match GS06 %q", s.Element(2), gs.Element(6))
			}
			gs = Segment{}
		case "ST":
			st, stAt = s, i
			txSets++
		case "SE":
			if stAt < 0 {
				return errors.New("x12: SE without ST")
			}
			if want := strconv.Itoa(i - stAt + 1); s.Element(1) != want {
				return fmt.Errorf("x12: SE01 %q but the transaction set %q has %s segments", s.Element(1), st.Element(2), want)
			}
			if s.Element(2) != st.Element(2) {
				return fmt.Errorf("x12: SE02 %q does not match ST02 %q", s.Element(2), st.Element(2))
			}
			stAt = -1
		}
	}
	if gs.ID != "" || stAt >= 0 {
		return errors.New("x12: unclosed group or transaction set")
	}
	if iea.Element(1) != strconv.Itoa(groups) {
		return fmt.Errorf("x12: IEA01 %q but the interchange has %d groups", iea.Element(1), groups)
	}
	return nil
}
