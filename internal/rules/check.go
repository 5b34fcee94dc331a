package rules

import (
	"sort"
	"time"

	"github.com/goldthread/goldthread"
)

// Rule ids are stable: stored findings, screens and tests refer to them.
const (
	RulePackMissing        = "pack.missing"
	RuleRequiredElements   = "note.required_elements"
	RuleCategory           = "note.category"
	RuleTimes              = "note.times"
	RuleFutureDate         = "note.future_date"
	RuleDuration           = "note.duration"
	RuleServiceCode        = "billing.service_code"
	RuleZeroUnits          = "billing.zero_units"
	RuleCollateral         = "billing.collateral"
	RuleNoncovered         = "billing.noncovered"
	RuleNonbillableReason  = "billing.nonbillable_reason"
	RuleModality           = "modality.allowed"
	RuleGroupSize          = "group.max_size"
	RuleGroupMinSize       = "group.min_size"
	RulePlanMissing        = "plan.missing"
	RuleCrisisPlan         = "plan.crisis_plan"
	RulePlanReview         = "plan.review_overdue"
	RulePlanSignedAfter    = "plan.signed_after_service"
	RuleGoalInPlan         = "thread.goal"
	RuleInterventionInPlan = "thread.intervention"
	RuleSingleEvent        = "thread.single_event"
	RuleServiceOrder       = "order.service_order"
	RuleEnrolment          = "enrolment.covers"
	RuleAuthDates          = "auth.dates"
	RuleAuthUnits          = "auth.units"
	RuleAuthMissing        = "auth.missing"
	RuleCapDay             = "caps.per_day"
	RuleCapYear            = "caps.per_year"
	RuleCredentialType     = "credential.type"
	RuleCredentialValid    = "credential.valid"
	RuleCredentialExpiring = "credential.expiring"
	RuleSupervisorApproval = "supervision.approval"
	RuleCaseload           = "caseload.ratio"
	RuleLate               = "timeliness.late"
	RuleLateEntry          = "timeliness.late_entry"
	RuleOverlapAuthor      = "overlap.author"
	RuleOverlapParticipant = "overlap.participant"
	RuleClonedNarrative    = "clone.narrative"
)

// credentialWarningDays is how early an expiring credential is mentioned.
const credentialWarningDays = 30

// Check runs every rule against one note and returns the findings, most
// blocking first, then by rule id, related note and message; the same
// input always gives the same output. It reads nothing but in.
func Check(in Input) []Finding {
	c := newCheck(in)
	if c.pack == nil {
		c.addRule(RulePackMissing, BlockSigning, Peer,
			goldthread.Textf("No payer rules are loaded for program %q.", in.Note.PackID),
			goldthread.Textf("Ask an administrator to assign the program's payer rule pack."), "Goldthread configuration", StatusConfirmed)
		return c.sorted()
	}
	if in.Note.PackID != "" && in.Note.PackID != c.pack.ID {
		c.addRule(RulePackMissing, BlockSigning, Peer,
			goldthread.Textf("The note is for program %q but was checked with the rules of %q.", in.Note.PackID, c.pack.ID),
			goldthread.Textf("Check the note against its own program's rules."), "Goldthread configuration", StatusConfirmed)
		return c.sorted()
	}
	c.checkElements()
	c.checkTimes()
	c.checkService()
	c.checkModalityAndGroup()
	c.checkBillability()
	c.checkPlan()
	c.checkEnrolment()
	c.checkOrderAndAuthorization()
	c.checkCaps()
	c.checkCredentials()
	c.checkSupervisionAndCaseload()
	c.checkTimeliness()
	c.checkOverlaps()
	c.checkClones()
	return c.sorted()
}

// check carries what several rules need, worked out once.
type check struct {
	in       Input
	note     Note
	pack     *Pack
	day      time.Time // service date at midnight
	minutes  int
	svc      Service
	hasSvc   bool
	units    int
	signedAt time.Time
	out      []Finding
}

func newCheck(in Input) *check {
	c := &check{in: in, note: in.Note, pack: in.Pack}
	d := in.Note.ServiceDate
	if d.IsZero() {
		d = in.Note.Start
	}
	c.day = dateOf(d)
	c.minutes = in.Note.Minutes()
	c.signedAt = in.Note.SignedAt
	if c.signedAt.IsZero() {
		c.signedAt = in.Now
	}
	if c.pack != nil {
		c.svc, c.hasSvc = ServiceFor(c.pack, in.Note.Category, in.Note.Group)
		if c.hasSvc {
			c.units = UnitsFor(c.pack, c.svc, c.minutes)
		} else {
			c.units = Units(c.pack, c.minutes)
		}
	}
	return c
}

// dateOf is the calendar date of t on t's own clock, as midnight UTC, so
// dates compare as dates whatever zone each instant carries: the store
// passes Now and the note's times on the agency's clocks and calendar dates
// (service date, authorization, credential) as midnight UTC.
func dateOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// sameOrBefore compares calendar dates.
func sameOrBefore(a, b time.Time) bool { return !dateOf(a).After(dateOf(b)) }

// addRule records a finding. msg and fix are goldthread.Textf calls with
// literal formats (TestEveryFindingFormatHasSpanish in internal/locale reads
// them from the source), so a reader's printer renders them in their
// language; Message and Fix keep the English.
func (c *check) addRule(id string, sev Severity, who Actor, msg, fix goldthread.Text, source string, status Status) {
	c.out = append(c.out, Finding{RuleID: id, Severity: sev, WhoActs: who, Message: msg.String(), Fix: fix.String(),
		MessageText: msg, FixText: fix, Source: source, Status: status})
}

// add records a finding whose provenance is a pack Fact.
func add[T any](c *check, id string, sev Severity, who Actor, f Fact[T], msg, fix goldthread.Text) *Finding {
	c.addRule(id, sev, who, msg, fix, f.Source, f.Status)
	return &c.out[len(c.out)-1]
}

func (c *check) sorted() []Finding {
	sort.SliceStable(c.out, func(i, j int) bool {
		a, b := c.out[i], c.out[j]
		if a.Severity.rank() != b.Severity.rank() {
			return a.Severity.rank() < b.Severity.rank()
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		if a.Related != b.Related {
			return a.Related < b.Related
		}
		return a.Message < b.Message
	})
	return c.out
}

// integrity returns the overlay fact for an engine-wide rule, or a
// stand-in naming the engine when the pack has no overlay.
func (c *check) integrity(pick func(*RecordIntegrity) Fact[string]) Fact[string] {
	if o := c.pack.Overlay(); o != nil {
		return pick(&o.RecordIntegrity)
	}
	return Fact[string]{Source: "Goldthread integrity check (no overlay loaded)", Status: StatusUnconfirmed}
}

func (c *check) payer() string { return c.pack.Label() }

// dateText is the service date as a finding quotes it.
func (c *check) dateText() goldthread.TextDate { return goldthread.TextDate{Time: c.day} }
