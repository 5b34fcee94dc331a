package rules

import "github.com/goldthread/goldthread"

// enrolmentSource is why the enrolment rule holds everywhere: a program
// bills for the services of the people enrolled in it, on the dates they
// were. Signing already refuses a service outside the enrolment; the rule
// catches what changed after (an enrolment start moved later, a record
// imported), so the scrubber never bills it.
const enrolmentSource = "Goldthread: a program bills only for services within the participant's enrolment in it"

// checkEnrolment: the participant's enrolment in the note's program
// covers the service date.
func (c *check) checkEnrolment() {
	spans := c.in.Enrolments
	if spans == nil {
		return
	}
	var next, last Span
	for _, s := range spans {
		from, to := dateOf(s.From), dateOf(s.To)
		if !c.day.Before(from) && (to.IsZero() || !c.day.After(to)) {
			return
		}
		if from.After(c.day) && (next.From.IsZero() || from.Before(next.From)) {
			next = Span{From: from, To: to}
		}
		if !to.IsZero() && to.Before(c.day) && to.After(last.To) {
			last = Span{From: from, To: to}
		}
	}
	fix := goldthread.Textf("Check the service date, or ask a supervisor to correct the enrolment; until then the service is not billed.")
	switch {
	case !last.To.IsZero():
		c.addRule(RuleEnrolment, BlockBilling, Supervisor,
			goldthread.Textf("The participant's enrolment in this program ended on %s, before this service on %s.", goldthread.TextDate{Time: last.To}, c.dateText()),
			fix, enrolmentSource, StatusConfirmed)
	case !next.From.IsZero():
		c.addRule(RuleEnrolment, BlockBilling, Supervisor,
			goldthread.Textf("The participant's enrolment in this program starts on %s, after this service on %s.", goldthread.TextDate{Time: next.From}, c.dateText()),
			fix, enrolmentSource, StatusConfirmed)
	default:
		c.addRule(RuleEnrolment, BlockBilling, Supervisor, goldthread.Textf("The participant is not enrolled in this program."), fix, enrolmentSource, StatusConfirmed)
	}
}
