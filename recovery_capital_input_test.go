package goldthread_test

import (
	"testing"

	"github.com/goldthread/goldthread"
)

func validBARC() goldthread.RecoveryCapitalInput {
	return goldthread.RecoveryCapitalInput{ParticipantID: 3, Occasion: goldthread.BARCIntake, TakenOn: workforceToday,
		Answers: [goldthread.BARCItems]int{1, 2, 3, 4, 5, 6, 6, 5, 4, 3}}
}

func TestRecoveryCapitalInputValidate(t *testing.T) {
	type r = goldthread.RecoveryCapitalInput
	validate := func(in *r) error { return in.Validate(workforceToday) }
	checkRules(t, validBARC, validate, []ruleCase[r]{
		{"a known occasion", func(in *r) { in.Occasion = "birthday" }, "occasion", "at intake, at a plan review or at discharge"},
		{"a day", func(in *r) { in.TakenOn = goldthread.Date{} }, "taken_on", "the day it was taken"},
		{"taken by today", func(in *r) { in.TakenOn = goldthread.DateOf(workforceToday.AddDate(0, 0, 1)) }, "taken_on", "in the future"},
		{"every statement answered", func(in *r) { in.Answers[0] = 0 }, "item_1", "statement 1, from 1"},
		{"answers at most 6", func(in *r) { in.Answers[9] = 7 }, "item_10", "statement 10, from 1"},
	})
	for _, occasion := range []string{goldthread.BARCReview, goldthread.BARCDischarge} {
		in := validBARC()
		in.Occasion = occasion
		if err := in.Validate(workforceToday); err != nil {
			t.Errorf("occasion %s refused: %v", occasion, err)
		}
	}
}
