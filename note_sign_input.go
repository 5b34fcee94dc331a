package goldthread

// SignNoteInput is what signing asks of the author: their password again
// (re-authentication), the attestation text they confirmed, the version of
// the draft they saw, and the reason when the note is late. Signing a
// group session asks the same of its facilitator.
type SignNoteInput struct {
	Password        string
	Attestation     string
	Version         int
	LateEntryReason string
	// Grant, in place of the password, is a re-authentication grant of
	// the author's session (GrantReauth) that has not run out.
	Grant string
}
