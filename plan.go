package goldthread

import "time"

// Plan statuses. A plan is drafted, then signed by everyone the program
// requires; a signed plan never changes. An update is a new version (a new
// draft copied from the old), and signing it supersedes the old version,
// which stays readable. Superseded is derived, never written back.
const (
	PlanDraft      = "draft"
	PlanSigned     = "signed"
	PlanSuperseded = "superseded"
)

// Plan is a person-centered plan: goals in the participant's own words and
// the interventions the peer will use toward them. Service notes link to the
// goals and interventions of the plan in force on the service date.
type Plan struct {
	ID            int64  `json:"id"`
	AgencyID      int64  `json:"agency_id"`
	ParticipantID int64  `json:"participant_id"`
	ProgramID     int64  `json:"program_id"`
	Version       int    `json:"version"`
	Status        string `json:"status"`
	Effective     Date   `json:"effective_date"`
	// InForce is the first day the signed plan is in force: its effective
	// date, or the date of its last required signature when that came
	// later (a plan is never in force before everyone signed it). Zero for
	// a draft.
	InForce     Date            `json:"in_force_from,omitzero"`
	ReviewDue   Date            `json:"review_due"`
	Goals       []Goal          `json:"goals"`
	Signatures  []PlanSignature `json:"signatures,omitempty"`
	CreatedBy   int64           `json:"created_by"`
	Created     time.Time       `json:"created_at"`
	Signed      time.Time       `json:"signed_at,omitzero"`
	ContentHash string          `json:"content_hash,omitempty"` // SHA-256 of the signed content
	RulePack    string          `json:"rule_pack"`
	ProgramName string          `json:"program_name"`
	Crisis      *CrisisPlan     `json:"crisis_plan,omitempty"`
	Reviews     []PlanReview    `json:"reviews,omitempty"`
	// NextReviewDue is the next review date of the last review, or
	// ReviewDue before the first review.
	NextReviewDue Date `json:"next_review_due"`
}

// InForceFrom is the first day the plan is in force: InForce once it is
// set, else the effective date (a plan built in memory, never stored).
func (p Plan) InForceFrom() Date {
	if p.InForce.IsZero() {
		return p.Effective
	}
	return p.InForce
}

// SignedBy reports whether the plan carries a signature in role.
func (p Plan) SignedBy(role string) bool {
	for _, s := range p.Signatures {
		if s.SignerRole == role {
			return true
		}
	}
	return false
}

// Goal is one goal of a plan. Words is the participant's own phrasing (the
// quote the plan keeps); Summary is the short peer-facing label shown on
// note chips.
type Goal struct {
	ID            int64          `json:"id"`
	PlanID        int64          `json:"plan_id"`
	Position      int            `json:"position"`
	Words         string         `json:"participant_words"`
	Summary       string         `json:"summary"`
	TargetDate    Date           `json:"target_date"`
	Interventions []Intervention `json:"interventions"`
}

// Intervention is what the peer will do toward a goal, how often and by
// whom. Notes pick interventions from the plan; NC 8G does not cover an
// intervention that is not in the plan.
type Intervention struct {
	ID          int64  `json:"id"`
	GoalID      int64  `json:"goal_id"`
	Description string `json:"description"`
	Frequency   string `json:"frequency"`
	Responsible string `json:"responsible"` // e.g. "peer specialist"
}

// Plan signer roles.
const (
	SignerParticipant = "participant"
	SignerPeer        = "peer"
	SignerClinician   = "clinician" // the licensed professional the program requires
)

// PlanSignature records one signature on a plan.
type PlanSignature struct {
	SignerRole string    `json:"signer_role"`
	UserID     int64     `json:"user_id,omitempty"` // empty for a participant signing on the peer's device
	Name       string    `json:"name"`
	Credential string    `json:"credential,omitempty"`
	Signed     time.Time `json:"signed_at"`
}

// RulePackNC8G is the rule pack of North Carolina Medicaid peer support
// (Clinical Coverage Policy 8G), which requires a crisis plan in every plan
// and a plan review every 90 days.
const RulePackNC8G = "us-nc-medicaid-8g-pss"

// ReviewIntervalDays is how many days after its effective date (or its last
// review) a plan of a program under rulePack is due for review. It is the one
// place the interval lives: 90 days for NC 8G, 180 for other programs.
func ReviewIntervalDays(rulePack string) int {
	if rulePack == RulePackNC8G {
		return 90
	}
	return 180
}

// PlanSignersFor lists the signatures that make a plan of a program under
// rulePack signed: the participant, the peer specialist and the licensed
// professional. Every program Goldthread bills today needs all three; a
// program that needs fewer names them here.
func PlanSignersFor(rulePack string) []string {
	return []string{SignerParticipant, SignerPeer, SignerClinician}
}

// Plan review outcomes.
const (
	ReviewContinue     = "continue"      // the plan stays as it is until the next review
	ReviewUpdateNeeded = "update_needed" // a new version of the plan is needed
)

// PlanReview records one review of a signed plan: when, by whom, the
// outcome, and when the next review is due.
type PlanReview struct {
	ID           int64     `json:"id"`
	PlanID       int64     `json:"plan_id"`
	Reviewed     Date      `json:"reviewed_on"`
	ReviewerID   int64     `json:"reviewer_id"`
	ReviewerName string    `json:"reviewer_name"`
	Outcome      string    `json:"outcome"`
	Note         string    `json:"note,omitempty"`
	NextDue      Date      `json:"next_due"`
	Created      time.Time `json:"created_at"`
}

// ReviewDue is a participant whose plan in force is due (or overdue) for
// review, as Today lists it.
type ReviewDue struct {
	ParticipantID   int64  `json:"participant_id"`
	ParticipantName string `json:"participant_name"`
	PlanID          int64  `json:"plan_id"`
	ProgramName     string `json:"program_name"`
	Due             Date   `json:"due"`
	Overdue         bool   `json:"overdue"`
}

// CurrentPlan picks, from a participant's plans in one program, the one
// screens show first on date on: the plan in force (the signed version in
// force by then that took effect last), else the newest draft, else the
// newest version of any status; nil for no plans.
func CurrentPlan(plans []Plan, on Date) *Plan {
	var inForce, draft, newest *Plan
	for i := range plans {
		p := &plans[i]
		if newest == nil || p.Version > newest.Version {
			newest = p
		}
		switch {
		case p.Status == PlanDraft:
			if draft == nil || p.Version > draft.Version {
				draft = p
			}
		case !p.InForceFrom().After(on.Time):
			if inForce == nil {
				inForce = p
				continue
			}
			from, best := p.InForceFrom(), inForce.InForceFrom()
			if from.After(best.Time) || (from.Equal(best.Time) && p.Version > inForce.Version) {
				inForce = p
			}
		}
	}
	switch {
	case inForce != nil:
		return inForce
	case draft != nil:
		return draft
	}
	return newest
}
