package goldthread

import (
	"slices"
	"strings"
)

// Validate checks a session's details and returns EINVALID naming the
// field; the topic and shared text are saved trimmed. billsAsGroup answers
// whether the session's program bills a category as a group service (its
// rule pack): a category billed only one to one, or not at all, cannot be
// a group's.
func (in *GroupSessionInput) Validate(billsAsGroup func(category string) bool) error {
	in.Topic, in.SharedDescription, in.NextSteps = strings.TrimSpace(in.Topic), strings.TrimSpace(in.SharedDescription), strings.TrimSpace(in.NextSteps)
	switch {
	case in.Topic == "":
		return FieldError("topic", "Name the group's topic, such as \"Coping skills\".")
	case in.ServiceDate.IsZero():
		return FieldError("service_date", "Enter the date of the group as YYYY-MM-DD.")
	case in.Start.IsZero():
		return FieldError("start", "Enter the time the group started.")
	case in.End.IsZero() || !in.End.After(in.Start):
		return FieldError("end", "Enter an end time after the start time.")
	case !slices.Contains(NoteLocations, in.Location):
		return FieldError("location", "Choose where the group met.")
	case !slices.Contains(NoteModalities, in.Modality):
		return FieldError("modality", "Choose how the group met: in person, video or audio only.")
	case !billsAsGroup(in.Category):
		return FieldError("category", "Choose a category this program bills as a group service.")
	}
	return nil
}
