package goldthread

import (
	"slices"
	"strings"
)

// AddendumInput is a new addendum with the signer's re-authentication.
type AddendumInput struct {
	Kind        string
	Body        string
	Password    string
	Attestation string
}

// Validate checks what the signer must give and returns EINVALID naming
// the field; the body and attestation are saved trimmed. Whether the
// signer may add one, and whether the password is right, is the store's
// to check.
func (in *AddendumInput) Validate() error {
	in.Body, in.Attestation = strings.TrimSpace(in.Body), strings.TrimSpace(in.Attestation)
	switch {
	case !slices.Contains(AddendumKinds, in.Kind):
		return FieldError("kind", "Choose correction, clarification or late entry.")
	case in.Body == "":
		return FieldError("body", "Write what the addendum adds or corrects.")
	case in.Attestation == "":
		return FieldError("attest", "Confirm the attestation to sign the addendum.")
	case in.Password == "":
		return FieldError("password", "Enter your password to sign the addendum.")
	}
	return nil
}
