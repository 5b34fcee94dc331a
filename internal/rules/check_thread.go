package rules

import (
	"slices"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
)

// checkPlan follows the golden thread: the note's goals and interventions
// belong to the plan in force on the service date.
func (c *check) checkPlan() {
	n, pr := c.note, c.pack.Plan
	plan := c.in.Plan
	if plan == nil {
		if pr.Required.Value && n.Billable {
			add(c, RulePlanMissing, BlockBilling, Clinician, pr.Required,
				goldthread.Textf("There is no person-centered plan in force on %s.", c.dateText()),
				goldthread.Textf("The clinician approves a plan covering the service date; the peer links the note to it."))
		}
		return
	}
	goals := map[string][]string{}
	for _, g := range plan.Goals {
		goals[g.ID] = g.InterventionIDs
	}
	for _, id := range n.GoalIDs {
		if _, ok := goals[id]; !ok {
			add(c, RuleGoalInPlan, BlockBilling, Peer, pr.Required,
				goldthread.Textf("Goal %q is not in the plan in force on %s.", id, c.dateText()),
				goldthread.Textf("Link the note to a goal of the current plan, or ask for a plan update."))
		}
	}
	reason := strings.TrimSpace(n.SingleEventReason)
	if len(n.GoalIDs) == 0 && reason == "" && !slices.Contains(c.pack.Documentation.RequiredFields.Value, "goal") {
		add(c, RuleGoalInPlan, BlockBilling, Peer, pr.Required,
			goldthread.Textf("The note is not linked to a goal of the plan."),
			goldthread.Textf("Choose the goal the service worked on, or explain why this single event is not tied to a goal."))
	}
	if len(n.GoalIDs) == 0 && reason != "" {
		add(c, RuleSingleEvent, Info, Supervisor, pr.Required,
			goldthread.Textf("Single event not tied to a plan goal: %s", reason),
			goldthread.Textf("None needed if the reason holds; repeated single events belong in the plan."))
	}
	c.checkInterventions(goals)
	// A plan signed after the service did not back it when it was given,
	// whatever date it was made in force from: the service was not
	// delivered under a signed plan.
	if pr.Required.Value && n.Billable && !plan.SignedOn.IsZero() && dateOf(plan.SignedOn).After(c.day) {
		add(c, RulePlanSignedAfter, BlockBilling, Clinician, pr.Required,
			goldthread.Textf("The plan in force was signed on %s, after this service on %s.", goldthread.TextDate{Time: plan.SignedOn}, c.dateText()),
			goldthread.Textf("Services are billed under a plan signed on or before the service date; the clinician and supervisor decide whether this service can be billed."))
	}
	if pr.CrisisPlanRequired.Value && !plan.HasCrisisPlan {
		add(c, RuleCrisisPlan, BlockBilling, Clinician, pr.CrisisPlanRequired,
			goldthread.Textf("The plan in force has no crisis plan."),
			goldthread.Textf("Add a crisis plan to the person-centered plan with the participant."))
	}
	if d := pr.ReviewDays.Value; d > 0 && !plan.ReviewedOn.IsZero() && c.day.After(dateOf(plan.ReviewedOn).AddDate(0, 0, d)) {
		add(c, RulePlanReview, Warn, Clinician, pr.ReviewDays,
			goldthread.Textf("The plan was last reviewed on %s, more than %d %{day|days} before this service.", goldthread.TextDate{Time: plan.ReviewedOn}, d),
			goldthread.Textf("Review and update the plan with the participant."))
	}
}

func (c *check) checkInterventions(goals map[string][]string) {
	inPlan := map[string]bool{}
	for _, ivs := range goals {
		for _, iv := range ivs {
			inPlan[iv] = true
		}
	}
	rule := c.pack.Plan.InterventionsMustBeInPlan
	for _, iv := range c.note.InterventionIDs {
		if !inPlan[iv] {
			sev, msg := Warn, goldthread.Textf("Intervention %q is not listed in the plan in force on %s.", iv, c.dateText())
			if rule.Value {
				sev, msg = BlockBilling, goldthread.Textf("Intervention %q is not listed in the plan in force on %s; interventions not in the plan are not covered.", iv, c.dateText())
			}
			add(c, RuleInterventionInPlan, sev, Peer, rule, msg,
				goldthread.Textf("Use an intervention from the plan, or ask for the plan to be updated first."))
		}
	}
}

// checkOrderAndAuthorization: service order and prior authorization.
func (c *check) checkOrderAndAuthorization() {
	n, ar := c.note, c.pack.Authorization
	if !n.Billable {
		return
	}
	if ar.ServiceOrderRequired.Value {
		switch {
		case c.in.ServiceOrderDate.IsZero():
			add(c, RuleServiceOrder, BlockBilling, Clinician, ar.ServiceOrderRequired,
				goldthread.Textf("There is no signed service order for this participant."),
				goldthread.Textf("A physician or licensed clinician signs a service order dated on or before the first service."))
		case !sameOrBefore(c.in.ServiceOrderDate, c.day):
			add(c, RuleServiceOrder, BlockBilling, Clinician, ar.ServiceOrderRequired,
				goldthread.Textf("The service order was signed on %s, after the service on %s.", goldthread.TextDate{Time: c.in.ServiceOrderDate}, c.dateText()),
				goldthread.Textf("Services before the order date cannot be billed; mark this note non-billable."))
		}
	}
	auth := c.in.Authorization
	if auth == nil {
		c.checkUnmanaged()
		return
	}
	if (!auth.From.IsZero() && c.day.Before(dateOf(auth.From))) || (!auth.To.IsZero() && c.day.After(dateOf(auth.To))) {
		add(c, RuleAuthDates, BlockBilling, Billing, ar.Required,
			goldthread.Textf("Authorization %s does not cover %s.", auth.ID, c.dateText()),
			goldthread.Textf("Request an authorization for this date, or bill against the one that covers it."))
	}
	if left := auth.UnitsAuthorized - auth.UnitsUsed; c.units > left {
		add(c, RuleAuthUnits, BlockBilling, Billing, ar.Required,
			goldthread.Textf("This note needs %d %{unit|units}; authorization %s has %d left.", c.units, auth.ID, max(left, 0)),
			goldthread.Textf("Request more authorized units before billing."))
	}
}

// checkUnmanaged: without an authorization, only unmanaged units (if any) may be billed.
func (c *check) checkUnmanaged() {
	ar, um := c.pack.Authorization, c.pack.Caps.UnmanagedPerYear
	if !ar.Required.Value {
		return
	}
	if um.Value == 0 {
		add(c, RuleAuthMissing, BlockBilling, Billing, ar.Required,
			goldthread.Textf("There is no authorization for this service."),
			goldthread.Textf("Request prior authorization from the payer."))
		return
	}
	if total := c.in.UnitsBilledThisYear + c.units; total > um.Value {
		add(c, RuleAuthMissing, BlockBilling, Billing, um,
			goldthread.Textf("This note brings the year's units to %d, beyond the %d %{unit|units} allowed without prior approval.", total, um.Value),
			goldthread.Textf("Request prior approval for more units."))
	}
}

// checkCaps: units per day and per year.
func (c *check) checkCaps() {
	if !c.note.Billable {
		return
	}
	caps := c.pack.Caps
	if lim := caps.PerDay; lim.Value > 0 && c.in.UnitsBilledToday+c.units > lim.Value {
		add(c, RuleCapDay, BlockBilling, Billing, lim,
			goldthread.Textf("This note brings the day's units to %d; the daily limit is %d.", c.in.UnitsBilledToday+c.units, lim.Value),
			goldthread.Textf("Bill only up to the daily limit; document the rest as non-billable."))
	}
	if lim := caps.PerYear; lim.Value > 0 && c.in.UnitsBilledThisYear+c.units > lim.Value {
		add(c, RuleCapYear, BlockBilling, Billing, lim,
			goldthread.Textf("This note brings the year's units to %d; the yearly limit is %d.", c.in.UnitsBilledThisYear+c.units, lim.Value),
			goldthread.Textf("Request an exception from the payer, or document the service as non-billable."))
	}
}

// checkCredentials: the author holds a credential this service accepts,
// valid on the service date.
func (c *check) checkCredentials() {
	allowed, prov := c.allowedCredentials()
	var held []HeldCredential
	for _, h := range c.in.Credentials {
		if slices.Contains(allowed, h.Type) {
			held = append(held, h)
		}
	}
	if len(held) == 0 {
		if len(c.in.Credentials) == 0 && slices.Contains(c.pack.Documentation.RequiredFields.Value, "author_credential") {
			return // already reported as a missing element, which blocks signing
		}
		// Most often the author holds one that nobody recorded (the staff
		// form's credential letters are not a record), so that comes first.
		c.addRule(RuleCredentialType, BlockBilling, Supervisor,
			goldthread.Textf("This service must be given by a %s; the author holds none of these.", strings.Join(allowed, " or ")),
			goldthread.Textf("If the author holds a %s, record it on their credentials page (Team → Credentials and training); otherwise have a peer specialist with an accepted credential give and document the service.",
				strings.Join(allowed, " or ")), prov.Source, prov.Status)
		return
	}
	var valid *HeldCredential
	for i := range held {
		if c.validOn(held[i], c.day) {
			valid = &held[i]
			break
		}
	}
	if valid == nil {
		c.addRule(RuleCredentialValid, BlockBilling, Supervisor,
			goldthread.Textf("The author's %s was not valid on %s.", held[0].Type, c.dateText()),
			goldthread.Textf("Renew the certification; services given while it was lapsed cannot be billed."), prov.Source, prov.Status)
		return
	}
	exp := c.expiry(*valid)
	if !exp.IsZero() && !exp.Before(dateOf(c.in.Now)) && exp.Before(c.in.Now.AddDate(0, 0, credentialWarningDays)) {
		c.addRule(RuleCredentialExpiring, Info, Supervisor,
			goldthread.Textf("The author's %s expires on %s.", valid.Type, goldthread.TextDate{Time: exp}),
			goldthread.Textf("Renew before it expires."), prov.Source, prov.Status)
	}
}

func (c *check) allowedCredentials() ([]string, Fact[string]) {
	if c.hasSvc && c.svc.Credentials != nil && len(c.svc.Credentials.Value) > 0 {
		f := c.svc.Credentials
		return f.Value, Fact[string]{Source: f.Source, Status: f.Status}
	}
	var codes, sources []string
	status := StatusConfirmed
	for _, cr := range c.pack.Credentials {
		codes = append(codes, cr.Code)
		sources = append(sources, cr.Source)
		if cr.Status != StatusConfirmed {
			status = cr.Status
		}
	}
	return codes, Fact[string]{Source: strings.Join(sources, "; "), Status: status}
}

// expiry is the credential's end date: its own, else issue + renewal period.
func (c *check) expiry(h HeldCredential) time.Time {
	if !h.Expires.IsZero() || h.Issued.IsZero() {
		return h.Expires
	}
	if cr, ok := c.pack.Credential(h.Type); ok && cr.RenewalMonths.Value > 0 {
		return h.Issued.AddDate(0, cr.RenewalMonths.Value, 0)
	}
	return time.Time{}
}

func (c *check) validOn(h HeldCredential, day time.Time) bool {
	if !h.Issued.IsZero() && dateOf(h.Issued).After(day) {
		return false
	}
	exp := c.expiry(h)
	return exp.IsZero() || !day.After(dateOf(exp))
}

func (c *check) checkSupervisionAndCaseload() {
	if ap := c.pack.Supervision.ApprovalBeforeBilling; ap.Value && c.note.Billable && !c.in.SupervisorApproved {
		add(c, RuleSupervisorApproval, BlockBilling, Supervisor, ap,
			goldthread.Textf("A supervisor has not approved this note yet."),
			goldthread.Textf("The supervisor reviews and approves the note."))
	}
	if lim := c.pack.Caseload.MaxParticipantsPerPeer; lim.Value > 0 && c.in.AuthorCaseload > lim.Value {
		add(c, RuleCaseload, Warn, Supervisor, lim,
			goldthread.Textf("The author's caseload is %d %{participant|participants}; %s allows %d per peer specialist.", c.in.AuthorCaseload, c.payer(), lim.Value),
			goldthread.Textf("Rebalance caseloads across the team."))
	}
}

// checkTimeliness: the note was signed (or, unsigned, is now) before the
// deadline; a late note needs a reason and is labelled a late entry.
func (c *check) checkTimeliness() {
	n := c.note
	if n.End.IsZero() || !n.End.After(n.Start) {
		return
	}
	due := DeadlineWith(c.pack, n.End, n.Crisis, c.in.Holidays)
	if !c.signedAt.After(due) {
		return
	}
	t := c.pack.Timeliness
	limit := t.Hours
	if n.Crisis {
		limit = t.CrisisHours
	} else if t.BusinessDays.Value > 0 {
		limit = t.BusinessDays
	}
	reason := strings.TrimSpace(n.LateEntryReason)
	switch {
	case reason == "":
		add(c, RuleLate, BlockBilling, Peer, limit,
			goldthread.Textf("The note was due by %s and is late.", goldthread.TextDate{Time: due, Clock: true}),
			goldthread.Textf("Add the reason for the delay; the note is then labelled a late entry."))
	case !t.LateEntryAllowed.Value:
		add(c, RuleLate, BlockBilling, Peer, t.LateEntryAllowed,
			goldthread.Textf("The note was due by %s; this payer does not accept late notes.", goldthread.TextDate{Time: due, Clock: true}),
			goldthread.Textf("Mark the note non-billable."))
	default:
		lf := c.integrity(func(r *RecordIntegrity) Fact[string] { return r.LateEntries })
		add(c, RuleLateEntry, Info, Peer, lf,
			goldthread.Textf("Late entry: %s", reason),
			goldthread.Textf("None; the note is labelled as a late entry with its reason."))
	}
}
