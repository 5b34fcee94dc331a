package x12

import (
	"bufio"
	"errors"
	"io"
	"strconv"
)

var (
	// ErrNoClaims is returned by Close when no claim was written: an 837P
	// must carry at least one claim, so nothing is written at all.
	ErrNoClaims = errors.New("x12: no claims written")
	// ErrClosed is returned by WriteClaim and Close after Close.
	ErrClosed = errors.New("x12: writer closed")
)

const defaultMaxClaimsPerTransaction = 5000

// Writer streams one 837P interchange: one ISA/GS envelope holding one or
// more ST transaction sets. It buffers a single segment at a time plus a
// bufio.Writer, so memory stays the same however many claims are written.
//
// The envelope is written with the first claim. Consecutive claims with the
// same subscriber, payer and patient share one subscriber HL (and patient
// HL); sort claims by member before writing to keep files small. A Writer
// is not safe for concurrent use.
type Writer struct {
	h   Header
	seg segmentWriter

	started bool
	closed  bool
	// err is sticky: a header problem or a write error ends the file.
	err error

	transactions   int // ST segments written so far
	claimsInTx     int
	claimsWritten  int
	hl             int // last HL id used in the current transaction set
	subscriberHL   int
	last           *Claim // party of the previous claim, for HL grouping
	lastClaimParty Claim
}

// NewWriter returns a Writer that writes the interchange described by h to
// w. Nothing is written, and h is not checked, until the first WriteClaim.
// Close writes the trailers and flushes but does not close w.
func NewWriter(w io.Writer, h Header) *Writer {
	if h.MaxClaimsPerTransaction == 0 {
		h.MaxClaimsPerTransaction = defaultMaxClaimsPerTransaction
	}
	if h.Interchange.GroupControlNumber == 0 {
		h.Interchange.GroupControlNumber = h.Interchange.ControlNumber
	}
	if h.BatchID == "" {
		h.BatchID = strconv.Itoa(h.Interchange.ControlNumber)
	}
	return &Writer{
		h: h,
		seg: segmentWriter{
			out:        bufio.NewWriterSize(w, 32<<10),
			lineBreaks: h.LineBreaks,
			buf:        make([]byte, 0, 512),
		},
	}
}

// WriteClaim validates c and writes it with the HL segments it needs.
//
// If c is invalid, WriteClaim returns the joined *ValidationError values
// (errors.Is(err, ErrInvalid) holds), writes nothing, and the Writer stays
// usable for the next claim. If the header is invalid (checked on the
// first call) or the underlying writer fails, that error is returned now
// and by every later call, and the output must be discarded.
func (w *Writer) WriteClaim(c Claim) error {
	if w.closed {
		return ErrClosed
	}
	if w.err != nil {
		return w.err
	}
	if !w.started {
		if err := w.h.Validate(); err != nil {
			w.err = err
			return err
		}
	}
	if err := c.validate(w.claimsWritten + 1); err != nil {
		return err
	}
	if !w.started {
		w.started = true
		w.writeInterchangeHeader()
		w.beginTransaction()
	} else if w.claimsInTx >= w.h.MaxClaimsPerTransaction {
		w.endTransaction()
		w.beginTransaction()
	}
	w.writeParties(&c)
	w.writeClaim(&c)
	w.claimsInTx++
	w.claimsWritten++
	if w.seg.err != nil {
		w.err = w.seg.err
	}
	return w.err
}

// writeParties opens the subscriber HL (2000B) and, when the patient is
// not the subscriber, the patient HL (2000C) the claim belongs under,
// reusing the previous claim's HLs when the parties are the same.
func (w *Writer) writeParties(c *Claim) {
	if w.last != nil && sameParties(w.last, c) {
		return
	}
	sameSubscriber := w.last != nil && c.Patient != nil && w.last.Patient != nil &&
		sameSubscriberAndPayer(w.last, c)
	if !sameSubscriber {
		w.hl++
		w.subscriberHL = w.hl
		w.writeHL(w.subscriberHL, 1, "22", c.Patient != nil)
		w.writeSubscriber(c)
	}
	if c.Patient != nil {
		w.hl++
		w.writeHL(w.hl, w.subscriberHL, "23", false)
		w.writePatient(c.Patient)
	}
	// Keep a copy of the parties only (not the lines), so grouping
	// needs no memory beyond one claim header.
	w.lastClaimParty = Claim{Subscriber: c.Subscriber, Payer: c.Payer}
	if c.Patient != nil {
		pt := *c.Patient
		w.lastClaimParty.Patient = &pt
	}
	w.last = &w.lastClaimParty
}

func sameSubscriberAndPayer(a, b *Claim) bool {
	as, bs := a.Subscriber, b.Subscriber
	return as.Name == bs.Name && as.MemberID == bs.MemberID && as.BirthDate.Equal(bs.BirthDate) &&
		as.Gender == bs.Gender && as.Address == bs.Address &&
		as.PayerResponsibility == bs.PayerResponsibility && as.FilingIndicator == bs.FilingIndicator &&
		as.GroupNumber == bs.GroupNumber && a.Payer == b.Payer
}

func sameParties(a, b *Claim) bool {
	if !sameSubscriberAndPayer(a, b) || (a.Patient == nil) != (b.Patient == nil) {
		return false
	}
	if a.Patient == nil {
		return true
	}
	ap, bp := a.Patient, b.Patient
	return ap.Name == bp.Name && ap.BirthDate.Equal(bp.BirthDate) && ap.Gender == bp.Gender &&
		ap.Address == bp.Address && ap.Relationship == bp.Relationship
}

// Close ends the open transaction set and the envelope (SE, GE, IEA) and
// flushes. It returns ErrNoClaims, writing nothing, when no claim was
// written; the sticky error when the header was invalid or a write failed;
// and ErrClosed when called again.
func (w *Writer) Close() error {
	if w.closed {
		return ErrClosed
	}
	w.closed = true
	if w.err != nil {
		return w.err
	}
	if !w.started {
		return ErrNoClaims
	}
	w.endTransaction()
	s := &w.seg
	s.begin("GE")
	s.int(w.transactions)
	s.int(w.h.Interchange.GroupControlNumber)
	s.finish()
	s.begin("IEA")
	s.int(1)
	s.buf = appendControlNumber(s.buf, w.h.Interchange.ControlNumber)
	s.end = len(s.buf)
	s.finish()
	if s.err == nil {
		s.err = s.out.Flush()
	}
	w.err = s.err
	return w.err
}

// ClaimsWritten is the number of claims accepted so far.
func (w *Writer) ClaimsWritten() int { return w.claimsWritten }

// appendControlNumber appends an element holding n as the nine-digit,
// zero-padded interchange control number (ISA13 and IEA02 must match
// character for character).
func appendControlNumber(dst []byte, n int) []byte {
	dst = append(dst, elementSeparator)
	s := strconv.Itoa(n)
	for i := len(s); i < 9; i++ {
		dst = append(dst, '0')
	}
	return append(dst, s...)
}
