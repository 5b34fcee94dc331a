package x12

import (
	"bufio"
	"math"
	"strconv"
	"time"
)

// segmentWriter builds one segment at a time in a reused buffer and hands
// it to a bufio.Writer, so writing a claim allocates next to nothing and
// memory does not grow with the file.
//
// Trailing empty elements are dropped when a segment ends (X12 forbids
// trailing separators), so loop code can write optional elements without
// counting them.
type segmentWriter struct {
	out        *bufio.Writer
	lineBreaks bool

	buf []byte
	// end is len(buf) just after the last non-empty element.
	end int
	// count is the number of segments since the current ST, ST included.
	count int
	// err is the first write error; once set, nothing more is written.
	err error
}

func (s *segmentWriter) begin(id string) {
	s.buf = append(s.buf[:0], id...)
	s.end = len(s.buf)
}

// markIfFilled records that the element just appended, which began at
// start, was not empty.
func (s *segmentWriter) markIfFilled(start int) {
	if len(s.buf) > start {
		s.end = len(s.buf)
	}
}

// id appends an element whose value was validated as an identifier or code.
func (s *segmentWriter) id(v string) {
	s.buf = append(s.buf, elementSeparator)
	start := len(s.buf)
	s.buf = append(s.buf, v...)
	s.markIfFilled(start)
}

// text appends a free-text element, cleaned and cut to max characters.
func (s *segmentWriter) text(v string, max int) {
	s.buf = append(s.buf, elementSeparator)
	start := len(s.buf)
	s.buf = appendText(s.buf, v, max)
	s.markIfFilled(start)
}

func (s *segmentWriter) money(m Money) {
	s.buf = append(s.buf, elementSeparator)
	s.buf = appendMoney(s.buf, m)
	s.end = len(s.buf)
}

func (s *segmentWriter) int(n int) {
	s.buf = append(s.buf, elementSeparator)
	s.buf = strconv.AppendInt(s.buf, int64(n), 10)
	s.end = len(s.buf)
}

// quantity appends a unit count with at most three decimals and no
// exponent ("4", "1.5").
func (s *segmentWriter) quantity(q float64) {
	s.buf = append(s.buf, elementSeparator)
	q = math.Round(q*1000) / 1000
	s.buf = strconv.AppendFloat(s.buf, q, 'f', -1, 64)
	s.end = len(s.buf)
}

// date appends CCYYMMDD.
func (s *segmentWriter) date(t time.Time) {
	s.buf = append(s.buf, elementSeparator)
	s.buf = t.AppendFormat(s.buf, "20060102")
	s.end = len(s.buf)
}

// clock appends HHMM.
func (s *segmentWriter) clock(t time.Time) {
	s.buf = append(s.buf, elementSeparator)
	s.buf = t.AppendFormat(s.buf, "1504")
	s.end = len(s.buf)
}

// composite appends an element made of components, dropping trailing
// empty components.
func (s *segmentWriter) composite(parts ...string) {
	s.buf = append(s.buf, elementSeparator)
	start := len(s.buf)
	last := len(parts) - 1
	for last >= 0 && parts[last] == "" {
		last--
	}
	for i := 0; i <= last; i++ {
		if i > 0 {
			s.buf = append(s.buf, componentSeparator)
		}
		s.buf = append(s.buf, parts[i]...)
	}
	s.markIfFilled(start)
}

// codeComponent appends a component separator and a code upper-cased with
// dots removed (diagnoses are written without the dot: F33.2 → F332).
func (s *segmentWriter) codeComponent(code string) {
	s.buf = append(s.buf, componentSeparator)
	for i := 0; i < len(code); i++ {
		b := code[i]
		switch {
		case b == '.':
		case b >= 'a' && b <= 'z':
			s.buf = append(s.buf, b-'a'+'A')
		default:
			s.buf = append(s.buf, b)
		}
	}
	s.end = len(s.buf)
}

// raw appends already formatted bytes to the current element.
func (s *segmentWriter) raw(b ...byte) {
	s.buf = append(s.buf, b...)
	s.end = len(s.buf)
}

func (s *segmentWriter) rawString(v string) {
	s.buf = append(s.buf, v...)
	s.end = len(s.buf)
}

// finish ends the segment and writes it.
func (s *segmentWriter) finish() {
	s.buf = append(s.buf[:s.end], segmentTerminator)
	if s.lineBreaks {
		s.buf = append(s.buf, '\n')
	}
	s.count++
	if s.err == nil {
		_, s.err = s.out.Write(s.buf)
	}
}
