package goldthread_test

import (
	"testing"

	"github.com/goldthread/goldthread"
)

func validRelease() goldthread.Consent {
	return goldthread.Consent{ParticipantID: 1, Kind: goldthread.ConsentROI, Recipient: "Housing navigator",
		Purpose: "Find housing", Sections: []string{goldthread.SectionPlans}, Information: "Goals of the plan",
		Signed: goldthread.NewDate(2026, 3, 1), Expires: goldthread.NewDate(2027, 3, 1)}
}

func validPart2() goldthread.Consent {
	c := validRelease()
	c.Kind, c.Discloser, c.Information, c.RevocationNotice = goldthread.ConsentPart2, "The agency", "Attendance at recovery groups", true
	return c
}

func TestConsentValidate(t *testing.T) {
	type c = goldthread.Consent
	checkRules(t, validRelease, (*c).Validate, []ruleCase[c]{
		{"a kind", func(c *c) { c.Kind = "verbal" }, "kind", "release of information or a 42 CFR Part 2 consent"},
		{"a recipient", func(c *c) { c.Recipient = " " }, "recipient", "who may receive the information"},
		{"a purpose", func(c *c) { c.Purpose = "" }, "purpose", "why the information is shared"},
		{"sections", func(c *c) { c.Sections = nil }, "sections", "Choose the parts of the record"},
		{"sections from the list", func(c *c) { c.Sections = []string{"diary"} }, "sections", "from the list, each once"},
		{"each section once", func(c *c) { c.Sections = []string{goldthread.SectionPlans, goldthread.SectionPlans} }, "sections", "from the list, each once"},
		{"the information", func(c *c) { c.Information = "" }, "information", "what may be shared"},
		{"a date signed", func(c *c) { c.Signed = goldthread.Date{} }, "signed_on", "the date the participant signed"},
		{"an expiry", func(c *c) { c.Expires = goldthread.Date{} }, "expires_on", "a consent must end"},
		{"expiry after signing", func(c *c) { c.Expires = c.Signed }, "expires_on", "must come after the date signed"},
		{"a known signer", func(c *c) { c.SignedBy = "guardian angel" }, "signed_by", "the participant, or a representative"},
		{"a representative's name", func(c *c) { c.SignedBy = goldthread.SignedByRepresentative }, "representative", "name of the representative"},
	})
	checkRules(t, validPart2, (*c).Validate, []ruleCase[c]{
		{"part 2 names the discloser", func(c *c) { c.Discloser = "" }, "discloser", "who may disclose"},
		{"part 2 describes the information", func(c *c) { c.Information = "SUD info" }, "information", "substance use disorder information"},
		{"part 2 tells of revocation", func(c *c) { c.RevocationNotice = false }, "revocation_notice", "may revoke it"},
	})
}

// TestConsentValidateFills: a consent without a signer was signed by the
// participant, and its text is saved trimmed.
func TestConsentValidateFills(t *testing.T) {
	c := validRelease()
	c.Recipient = " Housing navigator\n"
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.SignedBy != goldthread.SignedByParticipant || c.Recipient != "Housing navigator" {
		t.Errorf("signed by %q, recipient %q", c.SignedBy, c.Recipient)
	}
}
