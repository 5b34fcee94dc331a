package store

import (
	"errors"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
)

// A ready stored verdict also keeps, in billing_verdict.claim (migration
// 0201), what a claim takes of it beyond the verdict's own columns (note,
// author, service date, units, charge): the service's codes, place,
// diagnoses, authorization and names, the member and the rendering
// provider. A claim batch reads that instead of decoding the service's
// JSON, which was half of reading a fresh run (issue 20). The format is
// this package's own: a version, then each field as its length in bytes,
// a colon and the bytes, so any text goes through unchanged.

// verdictClaimVersion is the layout written; a verdict of another layout,
// or none (a blocked one), is not claimed from: the batch scrubs its
// participant instead.
const verdictClaimVersion = "1"

// verdictClaimFields is how many fields the layout has after its version.
const verdictClaimFields = 22

// encodeVerdictClaim writes what a claim takes of the ready service sc
// beyond the verdict's columns.
func encodeVerdictClaim(sc *scrubbed) string {
	v, p, r := sc.svc, sc.party, sc.rendering
	fields := [verdictClaimFields]string{v.MemberID, v.AuthorName, v.RenderingNPI, strconv.Itoa(v.Minutes), v.Procedure,
		strings.Join(v.Modifiers, ","), v.PlaceOfService, strings.Join(v.Diagnoses, ","), strconv.FormatInt(v.AuthorizationID, 10),
		v.AuthorizationNumber, p.First, p.Last, p.MemberID, p.Gender, p.BirthDate.String(), p.Line1, p.City, p.State, p.ZIP,
		r.First, r.Last, r.Taxonomy}
	var b strings.Builder
	b.WriteString(verdictClaimVersion)
	for _, f := range fields {
		b.WriteString(strconv.Itoa(len(f)))
		b.WriteByte(':')
		b.WriteString(f)
	}
	return b.String()
}

// errVerdictClaim is a claim column of another layout, or cut short.
var errVerdictClaim = errors.New("store: a stored verdict's claim of another layout")

// decodeVerdictClaim fills sc, whose verdict columns (note, author, date,
// units, charge, program and participant) are already set, from what
// encodeVerdictClaim wrote. A list written empty reads as none: a claim
// keeps lists joined by commas, which reads the same either way.
func decodeVerdictClaim(s string, sc *scrubbed) error {
	rest, ok := strings.CutPrefix(s, verdictClaimVersion)
	if !ok {
		return errVerdictClaim
	}
	var f [verdictClaimFields]string
	for i := range f {
		colon := strings.IndexByte(rest, ':')
		if colon < 0 {
			return errVerdictClaim
		}
		n, err := strconv.Atoi(rest[:colon])
		if err != nil || n < 0 || n > len(rest)-colon-1 {
			return errVerdictClaim
		}
		f[i], rest = rest[colon+1:colon+1+n], rest[colon+1+n:]
	}
	if rest != "" {
		return errVerdictClaim
	}
	minutes, err1 := strconv.Atoi(f[3])
	auth, err2 := strconv.ParseInt(f[8], 10, 64)
	var birth goldthread.Date
	var err3 error
	if f[14] != "" {
		birth, err3 = goldthread.ParseDate(f[14])
	}
	if err := errors.Join(err1, err2, err3); err != nil {
		return errVerdictClaim
	}
	v := &sc.svc
	v.MemberID, v.AuthorName, v.RenderingNPI, v.Minutes, v.Procedure = f[0], f[1], f[2], minutes, f[4]
	v.Modifiers, v.PlaceOfService, v.Diagnoses, v.AuthorizationID, v.AuthorizationNumber = list(f[5]), f[6], list(f[7]), auth, f[9]
	sc.party = claimParty{First: f[10], Last: f[11], MemberID: f[12], Gender: f[13], BirthDate: birth, Line1: f[15], City: f[16],
		State: f[17], ZIP: f[18]}
	sc.rendering = claimRendering{First: f[19], Last: f[20], Taxonomy: f[21]}
	return nil
}

// list splits a comma-joined list; empty is none.
func list(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}
