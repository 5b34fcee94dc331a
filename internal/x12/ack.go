package x12

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Acknowledgment is what a payer or clearinghouse answers to an 837P file
// before paying anything: a 999 implementation acknowledgment (the file,
// transaction set by transaction set, was accepted or rejected) or a
// 277CA claim acknowledgment (each claim was accepted into adjudication
// or rejected at the front door). ReadAcknowledgment reads either.
type Acknowledgment struct {
	Kind        string // "999" or "277CA"
	Interchange Interchange
	Groups      []GroupAcknowledgment // 999
	Claims      []ClaimAcknowledgment // 277CA
}

// GroupAcknowledgment is a 999's answer on one functional group of the
// acknowledged file (AK1 … AK9).
type GroupAcknowledgment struct {
	GroupControlNumber int    // AK102: GS06 of the acknowledged file
	Code               string // AK901: A accepted, E accepted with errors, P partly, R rejected
	Sets               []SetAcknowledgment
}

// SetAcknowledgment is the answer on one transaction set (AK2 … IK5).
type SetAcknowledgment struct {
	ControlNumber string   // AK202: ST02 of the acknowledged set
	Code          string   // IK501: A, E, M, R, W or X
	Errors        []string // IK3 segment and IK4 element errors, in words with their codes
}

// Accepted reports whether the group (or set) code accepts the file
// (A, or E: accepted with errors noted).
func (g GroupAcknowledgment) Accepted() bool { return g.Code == "A" || g.Code == "E" }

// ClaimAcknowledgment is a 277CA's answer on one claim (loop 2200D).
type ClaimAcknowledgment struct {
	PatientControlNumber string // TRN02: CLM01 of the 837P
	Category             string // STC01-1, e.g. A1 received, A2 accepted, A3/A6/A7/A8 rejected
	Status               string // STC01-2, the claim status code
	Entity               string // STC01-3, the entity the status is about
	Action               string // STC03: WQ accepted, U rejected
	Amount               Money  // STC04: the charge acknowledged
	PayerClaimNumber     string // REF*1K
}

// Rejected reports whether the payer refused the claim before
// adjudication; Accepted whether it took it in. A claim may be neither
// (forwarded, pending).
func (c ClaimAcknowledgment) Rejected() bool {
	switch c.Category {
	case "A3", "A4", "A6", "A7", "A8":
		return true
	}
	return c.Action == "U"
}

// Accepted reports whether the claim was acknowledged or accepted into
// adjudication.
func (c ClaimAcknowledgment) Accepted() bool {
	return !c.Rejected() && (c.Category == "A1" || c.Category == "A2")
}

// ErrNotAcknowledgment is wrapped by ReadAcknowledgment errors for a
// well-formed X12 file that is not a 999 or 277CA, or breaks its structure.
var ErrNotAcknowledgment = errors.New("x12: not a 999 or 277CA acknowledgment")

// ReadAcknowledgment reads a 999 or a 277CA interchange. Envelope counts
// must agree; errors wrap ErrSyntax or ErrNotAcknowledgment.
func ReadAcknowledgment(r io.Reader) (*Acknowledgment, error) {
	a, err := readAcknowledgment(r)
	if err != nil && errors.Is(err, ErrNotRemittance) {
		err = fmt.Errorf("%w%s", ErrNotAcknowledgment, strings.TrimPrefix(err.Error(), ErrNotRemittance.Error()))
	}
	return a, err
}

func readAcknowledgment(r io.Reader) (*Acknowledgment, error) {
	data, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err != nil {
		return nil, err
	}
	doc, err := Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if err := doc.VerifyEnvelope(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSyntax, err)
	}
	a := &Acknowledgment{}
	rd := remitReader{doc: doc, f: &RemittanceFile{}}
	var group *GroupAcknowledgment
	var set *SetAcknowledgment
	var claim *ClaimAcknowledgment
	level, inLine := "", false
	for rd.i = 0; rd.i < len(doc.Segments); rd.i++ {
		s := doc.Segments[rd.i]
		rd.seg = s
		switch s.ID {
		case "ISA":
			if err := rd.isa(); err != nil {
				return nil, err
			}
		case "ST":
			kind := s.Element(1)
			if kind == "277" {
				kind = "277CA"
			}
			if kind != "999" && kind != "277CA" || (a.Kind != "" && a.Kind != kind) {
				return nil, rd.fail("transaction set %q is not a 999 or a 277CA", s.Element(1))
			}
			a.Kind = kind
		case "AK1":
			n, err := strconv.Atoi(s.Element(2))
			if err != nil {
				return nil, rd.fail("group control number %q is not a number", s.Element(2))
			}
			a.Groups = append(a.Groups, GroupAcknowledgment{GroupControlNumber: n})
			group, set = &a.Groups[len(a.Groups)-1], nil
		case "AK2":
			if group == nil {
				return nil, rd.fail("AK2 outside an AK1 group")
			}
			group.Sets = append(group.Sets, SetAcknowledgment{ControlNumber: s.Element(2)})
			set = &group.Sets[len(group.Sets)-1]
		case "IK3":
			if set != nil {
				set.Errors = append(set.Errors, fmt.Sprintf("segment %s at position %s: error %s", s.Element(1), s.Element(2), s.Element(4)))
			}
		case "IK4":
			if set != nil {
				set.Errors = append(set.Errors, fmt.Sprintf("element %s: error %s", s.Element(1), s.Element(3)))
			}
		case "IK5":
			if set == nil {
				return nil, rd.fail("IK5 outside an AK2 transaction set")
			}
			set.Code = s.Element(1)
		case "AK9":
			if group == nil {
				return nil, rd.fail("AK9 outside an AK1 group")
			}
			group.Code = s.Element(1)
		case "HL":
			level, inLine, claim = s.Element(3), false, nil
		case "TRN":
			if level == "PT" && !inLine {
				a.Claims = append(a.Claims, ClaimAcknowledgment{PatientControlNumber: s.Element(2)})
				claim = &a.Claims[len(a.Claims)-1]
			}
		case "STC":
			if claim != nil && !inLine && claim.Category == "" {
				parts := strings.Split(s.Element(1), string(doc.ComponentSeparator))
				claim.Category = parts[0]
				if len(parts) > 1 {
					claim.Status = parts[1]
				}
				if len(parts) > 2 {
					claim.Entity = parts[2]
				}
				claim.Action = s.Element(3)
				m, err := rd.money(4)
				if err != nil {
					return nil, err
				}
				claim.Amount = m
			}
		case "REF":
			if claim != nil && !inLine && s.Element(1) == "1K" {
				claim.PayerClaimNumber = s.Element(2)
			}
		case "SVC":
			inLine = true
		}
	}
	switch {
	case a.Kind == "":
		return nil, fmt.Errorf("%w: the file holds no 999 or 277CA transaction set", ErrNotRemittance)
	case a.Kind == "999" && len(a.Groups) == 0:
		return nil, fmt.Errorf("%w: the 999 acknowledges no functional group (AK1)", ErrNotRemittance)
	case a.Kind == "277CA" && len(a.Claims) == 0:
		return nil, fmt.Errorf("%w: the 277CA acknowledges no claim", ErrNotRemittance)
	}
	a.Interchange = rd.f.Interchange
	for _, c := range a.Claims {
		if c.PatientControlNumber == "" || c.Category == "" {
			return nil, fmt.Errorf("%w: a claim of the 277CA has no trace number or status", ErrNotRemittance)
		}
	}
	return a, nil
}
