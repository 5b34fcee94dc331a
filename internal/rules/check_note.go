package rules

import (
	"fmt"
	"slices"
	"strings"
)

// fieldLabels are the plain names of note fields in messages.
var fieldLabels = map[string]string{
	"participant":          "the participant",
	"author":               "the peer specialist who gave the service",
	"service_date":         "the service date",
	"start_end_time":       "the start and end time",
	"location":             "where the service took place",
	"modality":             "how the service was given (in person, video or phone)",
	"category":             "the type of service",
	"goal":                 "the plan goal addressed (or why this single event is not tied to a goal)",
	"intervention":         "the plan intervention used (or why this single event is not tied to a goal)",
	"peer_action":          "what the peer specialist did",
	"participant_response": "how the participant responded",
	"next_steps":           "the next steps",
	"author_credential":    "the peer specialist's credential",
	"group_size":           "how many people were in the group",
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
					fmt.Sprintf("The note does not say %s.", fieldLabels[field]),
					fmt.Sprintf("Add %s.", fieldLabels[field])).Field = field
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
			"The end time is not after the start time.",
			"Correct the start or end time.")
	}
	if (!n.Start.IsZero() && n.Start.After(c.in.Now)) || (!c.day.IsZero() && c.day.After(dateOf(c.in.Now))) {
		add(c, RuleFutureDate, BlockSigning, Peer, dt,
			"The service is dated in the future; a note documents a service that already happened.",
			"Correct the service date and times, or write the note after the service.")
	}
	limit := c.pack.Caps.MaxServiceMinutes
	if limit.Value > 0 && c.minutes > limit.Value {
		add(c, RuleDuration, Warn, Peer, limit,
			fmt.Sprintf("The service lasted %d minutes, longer than the usual maximum of %d.", c.minutes, limit.Value),
			"Check the start and end times; split the time into separate notes if there were separate services.")
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
			fmt.Sprintf("%q is not a type of service under %s.", n.Category, c.payer()),
			"Choose one of: "+strings.Join(names, ", ")+".", c.pack.Title, StatusConfirmed)
		return
	}
	if !c.hasSvc {
		kind := "an individual"
		if n.Group {
			kind = "a group"
		}
		c.addRule(RuleServiceCode, BlockBilling, Peer,
			fmt.Sprintf("%s has no billing code for %s %s service.", c.payer(), kind, strings.ToLower(cat.Name)),
			"Choose a type of service this payer bills for this setting, or mark the note non-billable.",
			cat.Source, cat.Status)
		return
	}
	if n.Billable && c.minutes > 0 && c.units == 0 {
		add(c, RuleZeroUnits, Warn, Peer, c.pack.Rounding.Strategy,
			fmt.Sprintf("%d minutes make 0 billable units under this payer's rounding (%s).", c.minutes, c.pack.Rounding.Strategy.Value),
			"Check the times; if they are right, the service is documented but not billed.")
	}
}

// checkModalityAndGroup: the modality may be billed, and the group fits.
func (c *check) checkModalityAndGroup() {
	n := c.note
	if r, ok := c.pack.Modalities.For(n.Modality); ok && n.Billable {
		switch {
		case !r.Allowed.Value:
			add(c, RuleModality, BlockBilling, Peer, r.Allowed,
				fmt.Sprintf("%s does not pay for %s services.", c.payer(), modalityText(n.Modality)),
				"Mark the note non-billable, or ask an administrator whether the agency's contract allows it.")
		case n.Group && !r.AllowedForGroups.Value:
			add(c, RuleModality, BlockBilling, Peer, r.AllowedForGroups,
				fmt.Sprintf("%s does not pay for group services given by %s.", c.payer(), modalityText(n.Modality)),
				"Mark the note non-billable, or ask an administrator whether the agency's contract allows it.")
		}
	}
	if !n.Group {
		return
	}
	g := c.pack.Group
	if g.MaxSize.Value > 0 && n.GroupSize > g.MaxSize.Value {
		add(c, RuleGroupSize, BlockSigning, Peer, g.MaxSize,
			fmt.Sprintf("The group has %d participants; %s allows at most %d per facilitator.", n.GroupSize, c.payer(), g.MaxSize.Value),
			"Split the group, add a facilitator, or remove participants who were not in this session.")
	}
	if n.GroupSize > 0 && g.MinSize.Value > 0 && n.GroupSize < g.MinSize.Value {
		add(c, RuleGroupMinSize, Warn, Peer, g.MinSize,
			fmt.Sprintf("A group session with %d participant(s) is below the minimum of %d.", n.GroupSize, g.MinSize.Value),
			"Record it as an individual service if only one person took part.")
	}
}

func modalityText(m Modality) string {
	switch m {
	case Video:
		return "video"
	case AudioOnly:
		return "audio-only (phone)"
	}
	return "in-person"
}

// checkBillability: collateral, non-covered activities, reasons.
func (c *check) checkBillability() {
	n := c.note
	if !n.Billable {
		if strings.TrimSpace(n.NonBillableReason) == "" {
			c.addRule(RuleNonbillableReason, Warn, Peer,
				"The note is marked non-billable without a reason.",
				"Say why the service is not billed (for example transportation, or a missed visit).",
				"Goldthread documentation practice", StatusUnconfirmed)
		}
		return
	}
	if cb := c.pack.Documentation.CollateralBillable; n.Collateral && !cb.Value {
		// Signing it billable would lock a note no claim can ever carry.
		add(c, RuleCollateral, BlockSigning, Peer, cb,
			fmt.Sprintf("%s does not pay for services to anyone other than the participant.", c.payer()),
			"Mark the note non-billable, or record the participant's own part in the service.")
	}
	for _, phrase := range c.in.Noncovered {
		nc, ok := c.matchNoncovered(phrase)
		if ok {
			c.addRule(RuleNoncovered, BlockBilling, Peer,
				fmt.Sprintf("The note describes %q, which %s does not cover (%s).", phrase, c.payer(), strings.ToLower(nc.Name)),
				"Mark that time non-billable, or describe the planned skill the activity built.",
				nc.Source, nc.Status)
			continue
		}
		c.addRule(RuleNoncovered, BlockBilling, Peer,
			fmt.Sprintf("The note describes %q, an activity payers usually do not cover.", phrase),
			"Mark that time non-billable, or describe the planned skill the activity built.",
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
