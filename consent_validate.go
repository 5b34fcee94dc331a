package goldthread

import (
	"slices"
	"strings"
)

// Validate checks a consent as the signed form must read and returns
// EINVALID naming the first field that is wrong. It trims the text first
// and takes a consent without a signer as signed by the participant, so
// what is saved is what was checked. A Part 2 consent must also name the
// elements of 42 CFR 2.31(a).
func (c *Consent) Validate() error {
	c.Recipient, c.Purpose, c.Information = strings.TrimSpace(c.Recipient), strings.TrimSpace(c.Purpose), strings.TrimSpace(c.Information)
	c.Discloser, c.Representative = strings.TrimSpace(c.Discloser), strings.TrimSpace(c.Representative)
	if c.SignedBy == "" {
		c.SignedBy = SignedByParticipant
	}
	switch {
	case c.Kind != ConsentROI && c.Kind != ConsentPart2:
		return FieldError("kind", "Choose a release of information or a 42 CFR Part 2 consent.")
	case c.Recipient == "":
		return FieldError("recipient", "Enter who may receive the information (a person's role or an organisation).")
	case c.Purpose == "":
		return FieldError("purpose", "Enter why the information is shared.")
	case len(c.Sections) == 0:
		return FieldError("sections", "Choose the parts of the record the consent lets you share, as the signed form says.")
	case c.Information == "":
		return FieldError("information", "Enter what may be shared, in the words of the signed form.")
	case c.Signed.IsZero():
		return FieldError("signed_on", "Enter the date the participant signed, as YYYY-MM-DD.")
	case c.Expires.IsZero():
		return FieldError("expires_on", "Enter the date the consent expires, as YYYY-MM-DD; a consent must end.")
	case !c.Expires.After(c.Signed.Time):
		return FieldError("expires_on", "The expiry date must come after the date signed.")
	case c.SignedBy != SignedByParticipant && c.SignedBy != SignedByRepresentative:
		return FieldError("signed_by", "Say who signed: the participant, or a representative for them.")
	case c.SignedBy == SignedByRepresentative && c.Representative == "":
		return FieldError("representative", "Enter the name of the representative who signed for the participant.")
	}
	seen := map[string]bool{}
	for _, sec := range c.Sections {
		if !slices.Contains(RecordSections, sec) || seen[sec] {
			return FieldError("sections", "Choose sections from the list, each once.")
		}
		seen[sec] = true
	}
	if c.Kind == ConsentPart2 {
		// 42 CFR 2.31(a): the elements a Part 2 consent must name.
		switch {
		case c.Discloser == "":
			return FieldError("discloser", "Enter who may disclose, as the form names them (the program or the agency); a Part 2 consent must say (42 CFR 2.31(a)(2)).")
		case len([]rune(c.Information)) < 10:
			return FieldError("information", "Describe the substance use disorder information that may be shared, as the form does (42 CFR 2.31(a)(3)).")
		case !c.RevocationNotice:
			return FieldError("revocation_notice", "Confirm the signed form tells the participant they may revoke it (42 CFR 2.31(a)(6)); without that statement the consent is not valid.")
		}
	}
	return nil
}
