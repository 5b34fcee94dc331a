package goldthread_test

import (
	"testing"
	"time"

	"github.com/goldthread/goldthread"
)

func TestSignFixValidate(t *testing.T) {
	type f = goldthread.SignFix
	start := time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC)
	category := func() f { return f{Remedy: goldthread.RemedyCategory, Version: 2, Category: "coaching"} }
	nonBillable := func() f { return f{Remedy: goldthread.RemedyNonBillable, Version: 2, NonBillableReason: "Family time"} }
	times := func() f {
		return f{Remedy: goldthread.RemedyTimes, Version: 2, Start: start, End: start.Add(time.Hour)}
	}
	checkRules(t, category, (*f).Validate, []ruleCase[f]{
		{"a known remedy", func(f *f) { f.Remedy = "shrug" }, "remedy", "Choose a fix"},
		{"a category to set", func(f *f) { f.Category = " " }, "category", "Choose the type of service"},
	})
	checkRules(t, nonBillable, (*f).Validate, []ruleCase[f]{
		{"a reason not to bill", func(f *f) { f.NonBillableReason = "" }, "non_billable_reason", "Say why this service is not billed"},
	})
	checkRules(t, times, (*f).Validate, []ruleCase[f]{
		{"a start time", func(f *f) { f.Start = time.Time{} }, "start", "Enter the start and end times"},
		{"an end time", func(f *f) { f.End = time.Time{} }, "start", "Enter the start and end times"},
	})
}
