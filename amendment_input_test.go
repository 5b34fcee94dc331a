package goldthread_test

import (
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
)

func validAmendment() goldthread.AmendmentInput {
	return goldthread.AmendmentInput{NoteID: 7, WhatIsWrong: "It says two calls.", ShouldSay: "One call."}
}

// tooLong is one character over what an amendment's text box keeps.
var tooLong = strings.Repeat("é", 4001)

func TestAmendmentInputValidate(t *testing.T) {
	type a = goldthread.AmendmentInput
	checkRules(t, validAmendment, (*a).Validate, []ruleCase[a]{
		{"a note or a plan", func(in *a) { in.NoteID = 0 }, "note_id", "one note or one plan"},
		{"not both", func(in *a) { in.PlanID = 3 }, "note_id", "one note or one plan"},
		{"what is wrong", func(in *a) { in.WhatIsWrong = " " }, "what_is_wrong", "Say what is wrong"},
		{"what is wrong, briefly", func(in *a) { in.WhatIsWrong = tooLong }, "what_is_wrong", "under 4000 characters"},
		{"what it should say", func(in *a) { in.ShouldSay = "" }, "should_say", "what it should say instead"},
		{"what it should say, briefly", func(in *a) { in.ShouldSay = tooLong }, "should_say", "under 4000 characters"},
	})
	in := goldthread.AmendmentInput{PlanID: 3, WhatIsWrong: " " + strings.Repeat("é", 4000) + "\n", ShouldSay: " One call. "}
	if err := in.Validate(); err != nil || in.WhatIsWrong != strings.Repeat("é", 4000) || in.ShouldSay != "One call." {
		t.Errorf("a plan request of 4000 characters: %v, should say %q (want accepted, trimmed)", err, in.ShouldSay)
	}
}

func validAcceptance() goldthread.AmendmentDecisionInput {
	return goldthread.AmendmentDecisionInput{Outcome: goldthread.AmendmentAccepted, Correction: "There was one call.", Attestation: "I attest.", Password: "pw"}
}

func validDenial() goldthread.AmendmentDecisionInput {
	return goldthread.AmendmentDecisionInput{Outcome: goldthread.AmendmentDenied, Reason: "Both calls happened.", Password: "pw"}
}

func TestAmendmentDecisionInputValidate(t *testing.T) {
	type d = goldthread.AmendmentDecisionInput
	checkRules(t, validAcceptance, (*d).Validate, []ruleCase[d]{
		{"an outcome", func(in *d) { in.Outcome = "maybe" }, "outcome", "accept or deny"},
		{"an acceptance writes the correction", func(in *d) { in.Correction = "\n" }, "correction", "Write the correction"},
		{"a correction fits", func(in *d) { in.Correction = tooLong }, "correction", "under 4000 characters"},
		{"an acceptance is attested", func(in *d) { in.Attestation = " " }, "attest", "Confirm the attestation"},
		{"an acceptance is signed", func(in *d) { in.Password = "" }, "password", "password to sign the decision"},
	})
	checkRules(t, validDenial, (*d).Validate, []ruleCase[d]{
		{"a denial gives its reason", func(in *d) { in.Reason = "" }, "reason", "reason for the denial"},
		{"a reason fits", func(in *d) { in.Reason = tooLong }, "reason", "under 4000 characters"},
		{"a denial is signed", func(in *d) { in.Password = "" }, "password", "password to sign the decision"},
	})
}

func TestDisagreementStatementValidate(t *testing.T) {
	type s = goldthread.DisagreementStatement
	valid := func() s { return s{Body: " I remember one call. "} }
	checkRules(t, valid, (*s).Validate, []ruleCase[s]{
		{"a statement", func(st *s) { st.Body = " " }, "statement", "why you disagree"},
		{"a statement fits", func(st *s) { st.Body = tooLong }, "statement", "under 4000 characters"},
	})
	st := valid()
	if err := st.Validate(); err != nil || st.Body != "I remember one call." {
		t.Errorf("statement: %v, %q (want accepted, trimmed)", err, st.Body)
	}
}
