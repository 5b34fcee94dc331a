package goldthread

import (
	"slices"
	"strings"
)

// CredentialInput is what a credential form or call supplies. It carries
// no JSON names: the API's shape of it lives with the API (internal/web).
type CredentialInput struct {
	Type     string
	Number   string
	Issuer   string
	Issued   Date
	Expires  Date
	Evidence string
}

// Validate trims in and checks it against today; types are the credential
// types the agency's rule packs and the clinical licences allow (the
// store's CredentialTypes). Returns EINVALID naming the field. A peer
// certification without an expiry date gets one from its pack in the
// store's transaction, so an empty expiry passes here.
func (in *CredentialInput) Validate(today Date, types []string) error {
	in.Type, in.Number = strings.TrimSpace(in.Type), strings.TrimSpace(in.Number)
	in.Issuer, in.Evidence = strings.TrimSpace(in.Issuer), strings.TrimSpace(in.Evidence)
	switch {
	case !slices.Contains(types, in.Type):
		return FieldError("type", "Choose the credential type: one of %s.", strings.Join(types, ", "))
	case in.Number == "":
		return FieldError("number", "Enter the certificate or licence number as printed on it.")
	case in.Issued.IsZero():
		return FieldError("issued_on", "Enter the date it was issued (or last renewed) as YYYY-MM-DD.")
	case in.Issued.After(today.Time):
		return FieldError("issued_on", "The issue date is in the future; check the year.")
	case !in.Expires.IsZero() && !in.Expires.After(in.Issued.Time):
		return FieldError("expires_on", "The expiry date must come after the issue date.")
	}
	return nil
}

// CredentialChange is an edit of a credential: its fields, or a revocation
// with its reason.
type CredentialChange struct {
	CredentialInput
	Revoke        bool
	RevokedReason string
}

// Validate checks the credential's fields as CredentialInput.Validate does
// and that a revocation says why (the reason is saved trimmed): whoever
// later reads a revoked credential must learn what happened.
func (ch *CredentialChange) Validate(today Date, types []string) error {
	if err := ch.CredentialInput.Validate(today, types); err != nil {
		return err
	}
	ch.RevokedReason = strings.TrimSpace(ch.RevokedReason)
	if ch.Revoke && ch.RevokedReason == "" {
		return FieldError("revoked_reason", "Say why the credential is revoked, for example \"revoked by the certification board on 2026-03-01\".")
	}
	return nil
}

// CEInput is one continuing-education entry as a form or call supplies it.
type CEInput struct {
	Taken         Date
	Minutes       int
	EthicsMinutes int
	Topic         string
	Provider      string
	Evidence      string
}

// maxCEMinutes bounds one entry (a week-long course) so a typo in hours
// does not fill a renewal period.
const maxCEMinutes = 40 * 60

// Validate trims in and checks it against today: training already done,
// hours within one entry's bound, ethics hours part of the hours, a topic
// and where the proof is. Returns EINVALID naming the form's field (hours
// and ethics_hours: forms enter hours, the entry keeps minutes).
func (in *CEInput) Validate(today Date) error {
	in.Topic, in.Provider, in.Evidence = strings.TrimSpace(in.Topic), strings.TrimSpace(in.Provider), strings.TrimSpace(in.Evidence)
	switch {
	case in.Taken.IsZero():
		return FieldError("taken_on", "Enter the date of the training as YYYY-MM-DD.")
	case in.Taken.After(today.Time):
		return FieldError("taken_on", "The training date is in the future; log hours once they are done.")
	case in.Minutes <= 0 || in.Minutes > maxCEMinutes:
		return FieldError("hours", "Enter the hours completed, more than 0 and at most 40 (for example 1.5).")
	case in.EthicsMinutes < 0 || in.EthicsMinutes > in.Minutes:
		return FieldError("ethics_hours", "Ethics hours are part of the hours: enter 0 up to the hours completed.")
	case in.Topic == "":
		return FieldError("topic", "Enter the topic of the training.")
	case in.Evidence == "":
		return FieldError("evidence", "Say where the proof is, for example \"certificate in HR file\" or the certificate number.")
	}
	return nil
}
