package goldthread_test

import (
	"testing"
	"time"

	"github.com/goldthread/goldthread"
)

func validGroup() goldthread.GroupSessionInput {
	start := time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC)
	return goldthread.GroupSessionInput{ProgramID: 2, Topic: "Coping skills", ServiceDate: goldthread.NewDate(2026, 3, 10),
		Start: start, End: start.Add(time.Hour), Location: "office", Modality: "in_person", Category: "group_support"}
}

// groupSupport is the one category the program in these cases bills as a
// group service.
func groupSupport(category string) bool { return category == "group_support" }

func TestGroupSessionInputValidate(t *testing.T) {
	type g = goldthread.GroupSessionInput
	validate := func(in *g) error { return in.Validate(groupSupport) }
	checkRules(t, validGroup, validate, []ruleCase[g]{
		{"a topic", func(g *g) { g.Topic = " " }, "topic", "Name the group's topic"},
		{"a date", func(g *g) { g.ServiceDate = goldthread.Date{} }, "service_date", "date of the group as YYYY-MM-DD"},
		{"a start", func(g *g) { g.Start = time.Time{} }, "start", "the time the group started"},
		{"an end", func(g *g) { g.End = time.Time{} }, "end", "end time after the start time"},
		{"the end after the start", func(g *g) { g.End = g.Start }, "end", "end time after the start time"},
		{"a location from the list", func(g *g) { g.Location = "" }, "location", "where the group met"},
		{"a modality from the list", func(g *g) { g.Modality = "letters" }, "modality", "in person, video or audio only"},
		{"a category billed as a group", func(g *g) { g.Category = "peer_mentoring_coaching" }, "category", "bills as a group service"},
	})
}
