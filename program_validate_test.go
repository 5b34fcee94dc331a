package goldthread_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
)

// ncPack stands for the store's rule pack catalog in these cases: one pack.
func ncPack(id string) (goldthread.RulePackChoice, bool) {
	if id != "us-nc-medicaid-8g-pss" {
		return goldthread.RulePackChoice{}, false
	}
	return goldthread.RulePackChoice{ID: id, Title: "NC 8G", Payer: "NC Medicaid", State: "NC"}, true
}

func validProgram() goldthread.Program {
	return goldthread.Program{Name: "Peer Support — Asheville", RulePack: "us-nc-medicaid-8g-pss"}
}

func TestProgramValidate(t *testing.T) {
	type p = goldthread.Program
	validate := func(pr *p) error { return pr.Validate(ncPack) }
	checkRules(t, validProgram, validate, []ruleCase[p]{
		{"a name", func(pr *p) { pr.Name = " " }, "name", "program's name"},
		{"a name under 200 characters", func(pr *p) { pr.Name = strings.Repeat("n", 201) }, "name", "under 200 characters"},
		{"a known rule pack", func(pr *p) { pr.RulePack = "us-xx-nothing" }, "rule_pack", "payer rule packs listed"},
		{"a known time zone", func(pr *p) { pr.TimeZone = "Mars/Olympus_Mons" }, "time_zone", "not a time zone name"},
	})
}

// TestProgramValidateFills: the payer and state come from the pack unless
// given, the zone is saved under its canonical name, and no zone (the
// agency's) stays none.
func TestProgramValidateFills(t *testing.T) {
	pr := validProgram()
	pr.Name, pr.TimeZone = " Peer Support ", " America/Los_Angeles "
	if err := pr.Validate(ncPack); err != nil {
		t.Fatal(err)
	}
	if pr.Name != "Peer Support" || pr.Payer != "NC Medicaid" || pr.State != "NC" || pr.TimeZone != "America/Los_Angeles" {
		t.Errorf("%+v: want the name trimmed, the pack's payer and state, the zone trimmed", pr)
	}
	pr = validProgram()
	pr.Payer, pr.State = "Trillium", "SC"
	if err := pr.Validate(ncPack); err != nil || pr.Payer != "Trillium" || pr.State != "SC" || pr.TimeZone != "" {
		t.Errorf("%+v %v: want the given payer and state kept, no zone", pr, err)
	}
}

func TestEnrollmentValidateStart(t *testing.T) {
	today, birth := goldthread.NewDate(2026, 3, 10), goldthread.NewDate(1990, 5, 1)
	for _, c := range []struct {
		rule  string
		start goldthread.Date
		birth goldthread.Date
		fix   string // "" when the start is taken
	}{
		{"up to 90 days ahead", goldthread.DateOf(today.AddDate(0, 0, 90)), birth, ""},
		{"not further ahead", goldthread.DateOf(today.AddDate(0, 0, 91)), birth, "more than 90 days from today"},
		{"on the day of birth", birth, birth, ""},
		{"not before birth", goldthread.DateOf(birth.AddDate(0, 0, -1)), birth, "before the date of birth"},
		{"any past start when the birth date is unknown", goldthread.NewDate(1900, 1, 1), goldthread.Date{}, ""},
	} {
		t.Run(c.rule, func(t *testing.T) {
			err := goldthread.Enrollment{Start: c.start}.ValidateStart(today, c.birth)
			if c.fix == "" {
				if err != nil {
					t.Fatalf("start %s refused: %v", c.start, err)
				}
				return
			}
			var e *goldthread.Error
			if !errors.As(err, &e) || e.Kind != goldthread.EINVALID || e.Field != "start_date" || !strings.Contains(e.Message, c.fix) {
				t.Fatalf("start %s: %v; want EINVALID on start_date saying %q", c.start, err, c.fix)
			}
		})
	}
}
