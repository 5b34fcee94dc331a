package goldthread

import (
	"strings"
	"unicode/utf8"
)

// maxAmendmentText caps each free-text box of the amendment feature.
const maxAmendmentText = 4000

// AmendmentInput is a participant's request: one signed note or plan, what
// is wrong and what it should say. It carries no JSON names: the API's
// shape of it lives with the API (internal/web).
type AmendmentInput struct {
	NoteID      int64
	PlanID      int64
	WhatIsWrong string
	ShouldSay   string
}

// Validate checks the request names exactly one note or plan and says, in
// the participant's words, what is wrong and what it should say (each
// saved trimmed, within maxAmendmentText); EINVALID names the field.
// Whether the record is the participant's own and signed is the store's to
// check.
func (in *AmendmentInput) Validate() error {
	if (in.NoteID == 0) == (in.PlanID == 0) {
		return FieldError("note_id", "Choose one note or one plan to amend.")
	}
	var err error
	if in.WhatIsWrong, err = amendmentText("what_is_wrong", in.WhatIsWrong, "Say what is wrong, in your own words."); err != nil {
		return err
	}
	in.ShouldSay, err = amendmentText("should_say", in.ShouldSay, "Say what it should say instead.")
	return err
}

// AmendmentDecisionInput is the decider's answer. Outcome is accepted or
// denied. An acceptance needs Correction (for a note it becomes the body of
// a correction addendum signed by the decider; for a plan it says what the
// next version will change) and the Attestation; a denial needs Reason.
// Either is a signature: Password re-authenticates the decider. It carries
// no JSON names: the API's shape of it lives with the API (internal/web).
type AmendmentDecisionInput struct {
	Outcome     string
	Reason      string
	Correction  string
	Attestation string
	Password    string
}

// Validate checks what the outcome needs (the text saved trimmed) and a
// password to sign with; EINVALID names the field. Who may decide, and
// whether the password is right, is the store's to check.
func (in *AmendmentDecisionInput) Validate() error {
	var err error
	switch in.Outcome {
	case AmendmentAccepted:
		if in.Correction, err = amendmentText("correction", in.Correction, "Write the correction: it is added to the record as a signed addendum."); err != nil {
			return err
		}
		if in.Attestation = strings.TrimSpace(in.Attestation); in.Attestation == "" {
			return FieldError("attest", "Confirm the attestation to sign the correction.")
		}
	case AmendmentDenied:
		if in.Reason, err = amendmentText("reason", in.Reason, "Give the reason for the denial; the participant reads it and may answer with a statement."); err != nil {
			return err
		}
	default:
		return FieldError("outcome", "Choose accept or deny.")
	}
	if in.Password == "" {
		return FieldError("password", "Enter your password to sign the decision.")
	}
	return nil
}

// Validate trims the participant's statement of disagreement with a
// denial and returns EINVALID on "statement" when it is empty or longer
// than maxAmendmentText.
func (st *DisagreementStatement) Validate() error {
	var err error
	st.Body, err = amendmentText("statement", st.Body, "Write your statement: why you disagree with the decision.")
	return err
}

// amendmentText trims s, one free-text box of the amendment feature, and
// refuses it on field when empty (with the message empty, which says what
// to write) or longer than maxAmendmentText.
func amendmentText(field, s, empty string) (string, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return s, FieldError(field, "%s", empty)
	case utf8.RuneCountInString(s) > maxAmendmentText:
		return s, FieldError(field, "Keep this under %d %{character|characters}.", maxAmendmentText)
	}
	return s, nil
}
