package goldthread

import (
	"slices"
	"strings"
)

// SupervisionInput is a supervision session as the supervisor logs it.
// SupervisorID is the actor unless an administrator logs on a supervisor's
// behalf. It carries no JSON names: the API's shape of it lives with the
// API (internal/web).
type SupervisionInput struct {
	SupervisorID  int64
	PeerIDs       []int64
	Kind          string
	Held          Date
	Minutes       int
	Topics        string
	NotesReviewed string
	FollowUps     string
}

// Validate tidies in (text trimmed, each peer once, a session without a
// kind individual for one peer and group for more) and checks it against
// today; EINVALID names the field. Whether the supervisor supervises the
// peers is the store's to check.
func (in *SupervisionInput) Validate(today Date) error {
	in.Topics, in.NotesReviewed, in.FollowUps = strings.TrimSpace(in.Topics), strings.TrimSpace(in.NotesReviewed), strings.TrimSpace(in.FollowUps)
	slices.Sort(in.PeerIDs)
	in.PeerIDs = slices.Compact(in.PeerIDs)
	if in.Kind == "" {
		in.Kind = SupervisionIndividual
		if len(in.PeerIDs) > 1 {
			in.Kind = SupervisionGroup
		}
	}
	switch {
	case len(in.PeerIDs) == 0 || in.PeerIDs[0] <= 0:
		return FieldError("peer_ids", "Choose the peer (or, for a group, the peers) supervised.")
	case in.Kind != SupervisionIndividual && in.Kind != SupervisionGroup:
		return FieldError("kind", "Choose individual or group.")
	case in.Kind == SupervisionIndividual && len(in.PeerIDs) != 1:
		return FieldError("peer_ids", "An individual session is with one peer; choose one, or make it a group session.")
	case in.Kind == SupervisionGroup && len(in.PeerIDs) < 2:
		return FieldError("peer_ids", "A group session has two or more peers; choose them, or make it an individual session.")
	case in.Held.IsZero():
		return FieldError("held_on", "Enter the date of the session as YYYY-MM-DD.")
	case in.Held.After(today.Time):
		return FieldError("held_on", "The session date is in the future; log a session once it has happened.")
	case in.Minutes <= 0 || in.Minutes > 480:
		return FieldError("minutes", "Enter how long the session lasted, in minutes (1 to 480).")
	case in.Topics == "":
		return FieldError("topics", "Enter the topics discussed.")
	}
	return nil
}
