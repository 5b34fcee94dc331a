package goldthread

import (
	"strings"
	"time"
	"unicode/utf8"
)

// VisitInput is a visit as a peer plans it. FromNoteID names the note whose
// next steps it follows, when it was made from one. It carries no JSON
// names: the API's shape of it lives with the API (internal/web).
type VisitInput struct {
	ParticipantID int64
	Start         time.Time
	Minutes       int
	Purpose       string
	FromNoteID    int64
}

// maxVisitPurpose bounds a visit's purpose: a few words for a schedule,
// not a note.
const maxVisitPurpose = 200

// Validate trims the purpose and checks in against now: a participant, a
// start from an hour ago up to a year ahead (a visit that happened gets a
// note, not a plan), 5 to 480 minutes, a short purpose. EINVALID names the
// field; whether the participant and note are in reach is the store's.
func (in *VisitInput) Validate(now time.Time) error {
	in.Purpose = strings.TrimSpace(in.Purpose)
	switch {
	case in.ParticipantID <= 0:
		return FieldError("participant_id", "Choose the participant the visit is with.")
	case in.Start.IsZero():
		return FieldError("start", "Enter the day and time of the visit.")
	case in.Start.Before(now.Add(-time.Hour)):
		return FieldError("start", "The visit is in the past; plan a visit from now on (write a note for one that happened).")
	case in.Start.After(now.AddDate(1, 0, 0)):
		return FieldError("start", "The visit is more than a year away; pick a nearer day.")
	case in.Minutes < 5 || in.Minutes > 480:
		return FieldError("minutes", "Enter how long the visit should last, in minutes (5 to 480).")
	case utf8.RuneCountInString(in.Purpose) > maxVisitPurpose:
		return FieldError("purpose", "Keep the purpose to %d %{character|characters}; the details belong in the note.", maxVisitPurpose)
	}
	return nil
}
