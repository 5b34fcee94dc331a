package rules

import (
	"slices"
	"strings"

	"github.com/goldthread/goldthread"
)

// fieldLabels are the plain names of note fields in messages, fragments
// a reader's printer translates like the sentences they fill in.
var fieldLabels = map[string]goldthread.Text{
	"participant":          goldthread.Textf("the participant"),
	"author":               goldthread.Textf("the peer specialist who gave the service"),
	"service_date":         goldthread.Textf("the service date"),
	"start_end_time":       goldthread.Textf("the start and end time"),
	"location":             goldthread.Textf("where the service took place"),
	"modality":             goldthread.Textf("how the service was given (in person, video or phone)"),
	"category":             goldthread.Textf("the type of service"),
	"goal":                 goldthread.Textf("the plan goal addressed (or why this single event is not tied to a goal)"),
	"intervention":         goldthread.Textf("the plan intervention used (or why this single event is not tied to a goal)"),
	"peer_action":          goldthread.Textf("what the peer specialist did"),
	"participant_response": goldthread.Textf("how the participant responded"),
	"next_steps":           goldthread.Textf("the next steps"),
	"author_credential":    goldthread.Textf("the peer specialist's credential"),
	"group_size":           goldthread.Textf("how many people were in the group"),
}

// present reports whether the note has the named element.
func (c *check) present(field string) bool {
	n := c.note
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }
	switch field {
	case "participant":
		return !blank(n.ParticipantID)
	case "author":
		return !blank(n.AuthorID)
	case "service_date":
		return !n.ServiceDate.IsZero() || !n.Start.IsZero()
	case "start_end_time":
		return !n.Start.IsZero() && !n.End.IsZero()
	case "location":
		return slices.Contains(Locations, n.Location)
	case "modality":
		return slices.Contains(Modalities, n.Modality)
	case "category":
		return !blank(n.Category)
	case "goal":
		return len(n.GoalIDs) > 0 || !blank(n.SingleEventReason)
	case "intervention":
		return len(n.InterventionIDs) > 0 || !blank(n.SingleEventReason)
	case "peer_action":
		return !blank(n.PeerAction)
	case "participant_response":
		return !blank(n.ParticipantResponse)
	case "next_steps":
		return !blank(n.NextSteps)
	case "author_credential":
		return len(c.in.Credentials) > 0
	case "group_size":
		return n.GroupSize > 0
	}
	return true
}

// checkElements: every element the pack requires is in the note.
func (c *check) checkElements() {
	doc := c.pack.Documentation
	check := func(f Fact[[]string]) {
		for _, field := range f.Value {
			if !c.present(field) {
				add(c, RuleRequiredElements, BlockSigning, Peer, f,
					goldthread.Textf("The note does not say %s.", fieldLabels[field]),
					goldthread.Textf("Add %s.", fieldLabels[field])).Field = field
			}
		}
	}
	check(doc.RequiredFields)
	if c.note.Group {
		check(doc.GroupRequiredFields)
	}
}

// checkTimes: end after start, not in the future, a believable length.
func (c *check) checkTimes() {
	n := c.note
	dt := c.integrity(func(r *RecordIntegrity) Fact[string] { return r.DatesAndTimes })
	if !n.Start.IsZero() && !n.End.IsZero() && !n.End.After(n.Start) {
		add(c, RuleTimes, BlockSigning, Peer, dt,
			goldthread.Textf("The end time is not after the start time."),
			goldthread.Textf("Correct the start or end time."))
	}
	if (!n.Start.IsZero() && n.Start.After(c.in.Now)) || (!c.day.IsZero() && c.day.After(dateOf(c.in.Now))) {
		add(c, RuleFutureDate, BlockSigning, Peer, dt,
			goldthread.Textf("The service is dated in the future; a note documents a service that already happened."),
			goldthread.Textf("Correct the service date and times, or write the note after the service."))
	}
	limit := c.pack.Caps.MaxServiceMinutes
	if limit.Value > 0 && c.minutes > limit.Value {
		add(c, RuleDuration, Warn, Peer, limit,
			goldthread.Textf("The service lasted %d %{minute|minutes}, longer than the usual maximum of %d.", c.minutes, limit.Value),
			goldthread.Textf("Check the start and end times; split the time into separate notes if there were separate services."))
	}
}

// checkService: the category belongs to the payer, and a code bills it.
func (c *check) checkService() {
	n := c.note
	if strings.TrimSpace(n.Category) == "" {
		return // reported as a missing element
	}
	cat, ok := c.pack.Category(n.Category)
	if !ok {
		names := make([]string, len(c.pack.Categories))
		for i, k := range c.pack.Categories {
			names[i] = k.Name
		}
		c.addRule(RuleCategory, BlockSigning, Peer,
			goldthread.Textf("%q is not a type of service under %s.", n.Category, c.payer()),
			goldthread.Textf("Choose one of: %s.", strings.Join(names, ", ")), c.pack.Title, StatusConfirmed)
		return
	}
	if !c.hasSvc {
		msg := goldthread.Textf("%s has no billing code for an individual %s service.", c.payer(), strings.ToLower(cat.Name))
		if n.Group {
			msg = goldthread.Textf("%s has no billing code for a group %s service.", c.payer(), strings.ToLower(cat.Name))
		}
		c.addRule(RuleServiceCode, BlockBilling, Peer, msg,
			goldthread.Textf("Choose a type of service this payer bills for this setting, or mark the note non-billable."),
			cat.Source, cat.Status)
		return
	}
	if n.Billable && c.minutes > 0 && c.units == 0 {
		add(c, RuleZeroUnits, Warn, Peer, c.pack.Rounding.Strategy,
			goldthread.Textf("%d %{minute makes|minutes make} 0 billable units under this payer's rounding (%s).", c.minutes, c.pack.Rounding.Strategy.Value),
			goldthread.Textf("Check the times; if they are right, the service is documented but not billed."))
	}
}

// checkModalityAndGroup: the modality may be billed, and the group fits.
func (c *check) checkModalityAndGroup() {
	n := c.note
	if r, ok := c.pack.Modalities.For(n.Modality); ok && n.Billable {
		switch {
		case !r.Allowed.Value:
			add(c, RuleModality, BlockBilling, Peer, r.Allowed,
				goldthread.Textf("%s does not pay for %s services.", c.payer(), modalityText(n.Modality)),
				goldthread.Textf("Mark the note non-billable, or ask an administrator whether the agency's contract allows it."))
		case n.Group && !r.AllowedForGroups.Value:
			add(c, RuleModality, BlockBilling, Peer, r.AllowedForGroups,
				goldthread.Textf("%s does not pay for group services given by %s.", c.payer(), modalityText(n.Modality)),
				goldthread.Textf("Mark the note non-billable, or ask an administrator whether the agency's contract allows it."))
		}
	}
	if !n.Group {
		return
	}
	g := c.pack.Group
	if g.MaxSize.Value > 0 && n.GroupSize > g.MaxSize.Value {
		add(c, RuleGroupSize, BlockSigning, Peer, g.MaxSize,
			goldthread.Textf("The group has %d %{participant|participants}; %s allows at most %d per facilitator.", n.GroupSize, c.payer(), g.MaxSize.Value),
			goldthread.Textf("Split the group, add a facilitator, or remove participants who were not in this session."))
	}
	if n.GroupSize > 0 && g.MinSize.Value > 0 && n.GroupSize < g.MinSize.Value {
		add(c, RuleGroupMinSize, Warn, Peer, g.MinSize,
			goldthread.Textf("A group session with %d %{participant|participants} is below the minimum of %d.", n.GroupSize, g.MinSize.Value),
			goldthread.Textf("Record it as an individual service if only one person took part."))
	}
}

func modalityText(m Modality) goldthread.Text {
	switch m {
	case Video:
		return goldthread.Textf("video")
	case AudioOnly:
		return goldthread.Textf("audio-only (phone)")
	}
	return goldthread.Textf("in-person")
}

// checkBillability: collateral, non-covered activities, reasons.
func (c *check) checkBillability() {
	n := c.note
	if !n.Billable {
		if strings.TrimSpace(n.NonBillableReason) == "" {
			c.addRule(RuleNonbillableReason, Warn, Peer,
				goldthread.Textf("The note is marked non-billable without a reason."),
				goldthread.Textf("Say why the service is not billed (for example transportation, or a missed visit)."),
				"Goldthread documentation practice", StatusUnconfirmed)
		}
		return
	}
	if cb := c.pack.Documentation.CollateralBillable; n.Collateral && !cb.Value {
		// Signing it billable would lock a note no claim can ever carry.
		add(c, RuleCollateral, BlockSigning, Peer, cb,
			goldthread.Textf("%s does not pay for services to anyone other than the participant.", c.payer()),
			goldthread.Textf("Mark the note non-billable, or record the participant's own part in the service."))
	}
	for _, phrase := range c.in.Noncovered {
		nc, ok := c.matchNoncovered(phrase)
		if ok {
			c.addRule(RuleNoncovered, BlockBilling, Peer,
				goldthread.Textf("The note describes %q, which %s does not cover (%s).", phrase, c.payer(), strings.ToLower(nc.Name)),
				goldthread.Textf("Mark that time non-billable, or describe the planned skill the activity built."),
				nc.Source, nc.Status)
			continue
		}
		c.addRule(RuleNoncovered, BlockBilling, Peer,
			goldthread.Textf("The note describes %q, an activity payers usually do not cover.", phrase),
			goldthread.Textf("Mark that time non-billable, or describe the planned skill the activity built."),
			"language coach", StatusUnconfirmed)
	}
}

// matchNoncovered finds the pack activity a coach phrase belongs to.
func (c *check) matchNoncovered(phrase string) (NonCovered, bool) {
	p := strings.ToLower(phrase)
	for _, nc := range c.pack.NonCovered {
		if p == nc.ID {
			return nc, true
		}
		for _, k := range nc.Keywords {
			if strings.Contains(p, strings.ToLower(k)) {
				return nc, true
			}
		}
	}
	return NonCovered{}, false
}
