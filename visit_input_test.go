package goldthread_test

import (
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
)

// visitNow is the clock in these cases.
var visitNow = time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC)

func validVisit() goldthread.VisitInput {
	return goldthread.VisitInput{ParticipantID: 3, Start: visitNow.Add(24 * time.Hour), Minutes: 60, Purpose: "Housing forms"}
}

func TestVisitInputValidate(t *testing.T) {
	type v = goldthread.VisitInput
	validate := func(in *v) error { return in.Validate(visitNow) }
	checkRules(t, validVisit, validate, []ruleCase[v]{
		{"a participant", func(in *v) { in.ParticipantID = 0 }, "participant_id", "Choose the participant"},
		{"a start", func(in *v) { in.Start = time.Time{} }, "start", "day and time of the visit"},
		{"not in the past", func(in *v) { in.Start = visitNow.Add(-time.Hour - time.Minute) }, "start", "in the past"},
		{"within a year", func(in *v) { in.Start = visitNow.AddDate(1, 0, 1) }, "start", "more than a year away"},
		{"at least 5 minutes", func(in *v) { in.Minutes = 4 }, "minutes", "5 to 480"},
		{"at most 480 minutes", func(in *v) { in.Minutes = 481 }, "minutes", "5 to 480"},
		{"a short purpose", func(in *v) { in.Purpose = strings.Repeat("é", 201) }, "purpose", "to 200 characters"},
	})
	in := validVisit()
	in.Start, in.Purpose = visitNow.Add(-time.Hour), " "+strings.Repeat("é", 200)+" "
	if err := in.Validate(visitNow); err != nil || in.Purpose != strings.Repeat("é", 200) {
		t.Errorf("a visit that started an hour ago with 200 characters of purpose: %v, purpose %d runes (want accepted, trimmed)", err, len([]rune(in.Purpose)))
	}
}
