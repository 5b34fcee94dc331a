package rules

import (
	"slices"
	"strings"
	"time"
)

// Modality is how a service was delivered.
type Modality string

// The modalities a note can record.
const (
	InPerson  Modality = "in_person"
	Video     Modality = "video"
	AudioOnly Modality = "audio_only"
)

// Modalities lists every modality in a stable order.
var Modalities = []Modality{InPerson, Video, AudioOnly}

// Location is where the participant was during the service.
type Location string

// The locations a note can record; packs map each to a place-of-service code.
const (
	Home           Location = "home"
	Office         Location = "office"
	Community      Location = "community"
	Shelter        Location = "shelter"
	StreetOutreach Location = "street_outreach"
	School         Location = "school"
	HospitalED     Location = "hospital_ed"
	OtherLocation  Location = "other"
)

// Locations lists every location in a stable order; every pack must map all of them.
var Locations = []Location{Home, Office, Community, Shelter, StreetOutreach, School, HospitalED, OtherLocation}

// Rounding strategies for converting minutes to units.
const (
	RoundCMS8Minute   = "cms_8_minute"
	RoundMidpoint     = "midpoint"
	RoundFullUnitOnly = "full_unit_only"
	RoundCustomTable  = "custom_table"
)

// Telehealth place-of-service rules.
const (
	// TelehealthUsualPOS: bill the place of service the visit would have
	// had in person (NC Medicaid).
	TelehealthUsualPOS = "usual_pos"
	// TelehealthPOS02And10: POS 10 when the participant is at home, 02 otherwise.
	TelehealthPOS02And10 = "pos_02_10"
)

// Pack is one payer program's rules, loaded from a pack file. Values are
// read through the exported fields; each leaf is a [Fact] carrying its
// Status and Source. A Pack is immutable once loaded: [Pack.WithOverrides]
// returns a new Pack.
type Pack struct {
	ID       string            `yaml:"id"`
	Kind     string            `yaml:"kind"`
	Title    string            `yaml:"title"`
	Payer    string            `yaml:"payer"`
	Program  string            `yaml:"program"`
	Overlays []string          `yaml:"overlays"`
	Sources  map[string]string `yaml:"sources"`

	Categories     []Category         `yaml:"categories"`
	Services       []Service          `yaml:"services"`
	Rounding       Rounding           `yaml:"rounding"`
	Modalities     ModalityRules      `yaml:"modalities"`
	GroupModifiers Fact[[]string]     `yaml:"group_modifiers"`
	PlaceOfService PlaceOfServiceRule `yaml:"place_of_service"`
	Group          GroupRules         `yaml:"group"`
	Caps           Caps               `yaml:"caps"`
	Authorization  AuthorizationRules `yaml:"authorization"`
	Timeliness     Timeliness         `yaml:"timeliness"`
	Documentation  Documentation      `yaml:"documentation"`
	Credentials    []Credential       `yaml:"credentials"`
	NonCovered     []NonCovered       `yaml:"non_covered"`
	Supervision    Supervision        `yaml:"supervision"`
	Plan           PlanRules          `yaml:"plan"`
	Caseload       Caseload           `yaml:"caseload"`
	Member         MemberRules        `yaml:"member"`
	Claim          ClaimRules         `yaml:"claim"`

	// file and raw keep what the pack was parsed from, so WithOverrides
	// can rebuild a fresh deep copy instead of hand-copying every slice.
	file      string
	raw       []byte
	overrides []Override
	lines     lineIndex
	overlay   *Overlay
}

// Category is a payer's name for a kind of peer service (NC "peer
// mentoring/coaching", Medi-Cal "engagement", ...).
type Category struct {
	ID     string `yaml:"id"`
	Name   string `yaml:"name"`
	Status Status `yaml:"status"`
	Source string `yaml:"source"`
}

// Service is one billable service line: a HCPCS code used for some
// categories, individually or in a group.
type Service struct {
	// ID is unique in the pack; override paths may use it or the code.
	ID          string `yaml:"id"`
	Code        string `yaml:"code"`
	Description string `yaml:"description"`
	// Group says the service is delivered to a group (one note per member).
	Group      bool           `yaml:"group"`
	Status     Status         `yaml:"status"`
	Source     string         `yaml:"source"`
	Categories Fact[[]string] `yaml:"categories"`
	// Modifiers are always added to this code (before modality modifiers).
	Modifiers Fact[[]string] `yaml:"modifiers"`
	// UnitMinutes, when set, replaces the pack's rounding.unit_minutes.
	UnitMinutes *Fact[int] `yaml:"unit_minutes,omitempty"`
	// Credentials, when not empty, narrows the pack's rendering credentials.
	Credentials *Fact[[]string] `yaml:"credentials,omitempty"`
}

// Rounding says how minutes become units.
type Rounding struct {
	Strategy Fact[string] `yaml:"strategy"`
	// UnitMinutes is the length of one unit unless a service sets its own.
	UnitMinutes Fact[int] `yaml:"unit_minutes"`
	// Table is used by custom_table: row k gives the minutes at which
	// unit k starts to count; beyond the last row each further unit needs
	// the service's full unit minutes.
	Table *Fact[[]UnitStep] `yaml:"table,omitempty"`
}

// UnitStep is one row of a custom rounding table.
type UnitStep struct {
	Units      int `yaml:"units"`
	MinMinutes int `yaml:"min_minutes"`
}

// ModalityRules holds the rule for each modality.
type ModalityRules struct {
	InPerson  ModalityRule `yaml:"in_person"`
	Video     ModalityRule `yaml:"video"`
	AudioOnly ModalityRule `yaml:"audio_only"`
}

// For returns the rule for m and false when m is not a known modality.
func (r *ModalityRules) For(m Modality) (*ModalityRule, bool) {
	switch m {
	case InPerson:
		return &r.InPerson, true
	case Video:
		return &r.Video, true
	case AudioOnly:
		return &r.AudioOnly, true
	}
	return nil, false
}

// ModalityRule says whether a modality may be billed and with which modifiers.
type ModalityRule struct {
	Allowed          Fact[bool]     `yaml:"allowed"`
	AllowedForGroups Fact[bool]     `yaml:"allowed_for_groups"`
	Modifiers        Fact[[]string] `yaml:"modifiers"`
}

// PlaceOfServiceRule maps a location and modality to a POS code.
type PlaceOfServiceRule struct {
	// Telehealth is usual_pos or pos_02_10.
	Telehealth Fact[string]               `yaml:"telehealth"`
	ByLocation map[Location]*Fact[string] `yaml:"by_location"`
}

// GroupRules limits group sessions.
type GroupRules struct {
	// MaxSize is the most participants per facilitator; 0 = no limit known.
	MaxSize Fact[int] `yaml:"max_size"`
	MinSize Fact[int] `yaml:"min_size"`
}

// Caps limits units. A zero value means no cap is configured.
type Caps struct {
	PerDay  Fact[int] `yaml:"per_day"`
	PerYear Fact[int] `yaml:"per_year"`
	// UnmanagedPerYear are units billable without a prior authorization
	// per fiscal year (NC: 24 per episode per state fiscal year).
	UnmanagedPerYear Fact[int] `yaml:"unmanaged_per_year"`
	// FiscalYearStartMonth (1..12) tells callers how to count "this year".
	FiscalYearStartMonth Fact[int] `yaml:"fiscal_year_start_month"`
	// MaxServiceMinutes is a sanity limit for one note's duration.
	MaxServiceMinutes Fact[int] `yaml:"max_service_minutes"`
}

// AuthorizationRules say what must exist before the service is billed.
type AuthorizationRules struct {
	// Required: every billed unit needs an authorization (beyond any
	// unmanaged units).
	Required Fact[bool] `yaml:"required"`
	// ServiceOrderRequired: a signed service order dated on or before the
	// service date must exist.
	ServiceOrderRequired Fact[bool] `yaml:"service_order_required"`
}

// Timeliness says when a note is due. Exactly one of Hours and
// BusinessDays is non-zero.
type Timeliness struct {
	Hours        Fact[int] `yaml:"hours"`
	BusinessDays Fact[int] `yaml:"business_days"`
	CrisisHours  Fact[int] `yaml:"crisis_hours"`
	// LateEntryAllowed: a late note may still be billed when it carries a
	// reason and is labelled as a late entry.
	LateEntryAllowed Fact[bool] `yaml:"late_entry_allowed"`
	// Holidays are the payer's non-business days (YYYY-MM-DD, the dates
	// offices close, observed dates included) skipped when counting
	// BusinessDays; nil = weekends only.
	Holidays *Fact[[]string] `yaml:"holidays,omitempty"`
}

// Holiday reports whether day (any time on that date, in its own zone)
// is one of the pack's holidays; the pack's HolidayFunc.
func (p *Pack) Holiday(day time.Time) bool {
	h := p.Timeliness.Holidays
	if h == nil {
		return false
	}
	return slices.Contains(h.Value, day.Format("2006-01-02"))
}

// Documentation lists the note elements a pack requires; names come from
// [NoteFields].
type Documentation struct {
	RequiredFields      Fact[[]string] `yaml:"required_fields"`
	GroupRequiredFields Fact[[]string] `yaml:"group_required_fields"`
	// CollateralBillable: services with someone other than the participant
	// (family, natural supports) may be billed.
	CollateralBillable Fact[bool] `yaml:"collateral_billable"`
}

// Credential is a certification that may render the service.
type Credential struct {
	Code          string    `yaml:"code"`
	Name          string    `yaml:"name"`
	Status        Status    `yaml:"status"`
	Source        string    `yaml:"source"`
	RenewalMonths Fact[int] `yaml:"renewal_months"`
	// CEHours and EthicsHours are the continuing-education hours (and the
	// ethics hours among them) due per renewal period; nil when the pack
	// does not say.
	CEHours     *Fact[int] `yaml:"ce_hours,omitempty"`
	EthicsHours *Fact[int] `yaml:"ethics_hours,omitempty"`
}

// NonCovered is an activity the payer does not pay for; the language
// coach reports phrases and the engine matches them by keyword.
type NonCovered struct {
	ID       string   `yaml:"id"`
	Name     string   `yaml:"name"`
	Keywords []string `yaml:"keywords"`
	Status   Status   `yaml:"status"`
	Source   string   `yaml:"source"`
}

// Supervision says whether a supervisor must approve a note before billing.
type Supervision struct {
	ApprovalBeforeBilling Fact[bool] `yaml:"approval_before_billing"`
	// FrequencyDays, when set, is the most days allowed between two
	// supervision sessions of a peer; nil when the pack does not say (the
	// agency's setting applies).
	FrequencyDays *Fact[int] `yaml:"frequency_days,omitempty"`
}

// PlanRules govern the person-centered plan behind each note.
type PlanRules struct {
	Required Fact[bool] `yaml:"required"`
	// InterventionsMustBeInPlan: an intervention not listed in the plan is
	// not covered (NC); otherwise it is a warning.
	InterventionsMustBeInPlan Fact[bool] `yaml:"interventions_must_be_in_plan"`
	CrisisPlanRequired        Fact[bool] `yaml:"crisis_plan_required"`
	// ReviewDays: the plan must be reviewed at least this often; 0 = none set.
	ReviewDays Fact[int] `yaml:"review_days"`
}

// Caseload limits participants per peer specialist.
type Caseload struct {
	MaxParticipantsPerPeer Fact[int] `yaml:"max_participants_per_peer"`
}

// MemberRules say what the payer's member identifier (the Medicaid ID on
// the participant's card, the 837P subscriber id) looks like.
type MemberRules struct {
	// IDPattern is a regular expression the whole ID must match, once
	// upper-cased and stripped of spaces and dashes; empty means the pack
	// does not know the shape and any ID is taken.
	IDPattern Fact[string] `yaml:"id_pattern"`
	// IDExample is an invented ID of that shape, shown beside the field.
	IDExample Fact[string] `yaml:"id_example"`
}

// ClaimRules are what the payer wants in the claim file beyond codes and
// units.
type ClaimRules struct {
	// RenderingTaxonomy: claims carry the rendering provider's taxonomy
	// code (837P loop 2310B, PRV*PE). The guide makes the segment
	// situational: required when the payer's adjudication is known to
	// depend on it, which each payer says in its companion guide.
	RenderingTaxonomy Fact[bool] `yaml:"rendering_taxonomy"`
}

// Overlay returns the shared overlay attached by [Load], or nil for a
// pack from [ParsePack].
func (p *Pack) Overlay() *Overlay { return p.overlay }

// Name is the file name the pack was parsed from.
func (p *Pack) Name() string { return p.file }

// Label is how people are told which rules apply: the program's title
// ("NC Medicaid 8G Peer Support Services"), never the file it came from.
func (p *Pack) Label() string {
	if p.Title != "" {
		return p.Title
	}
	return p.ID
}

// Applied returns the overrides applied to this pack, oldest first.
func (p *Pack) Applied() []Override { return append([]Override(nil), p.overrides...) }

// Service returns the service with the given id, or the first service
// with that HCPCS code.
func (p *Pack) Service(idOrCode string) (Service, bool) {
	for _, s := range p.Services {
		if s.ID == idOrCode {
			return s, true
		}
	}
	for _, s := range p.Services {
		if s.Code == idOrCode {
			return s, true
		}
	}
	return Service{}, false
}

// UnitMinutes returns the unit length for svc: its own, else the pack's.
func (p *Pack) UnitMinutes(svc Service) Fact[int] {
	if svc.UnitMinutes != nil {
		return *svc.UnitMinutes
	}
	return p.Rounding.UnitMinutes
}

// Category returns the category with the given id.
func (p *Pack) Category(id string) (Category, bool) {
	for _, c := range p.Categories {
		if c.ID == id {
			return c, true
		}
	}
	return Category{}, false
}

// Credential returns the rendering credential with the given code.
func (p *Pack) Credential(code string) (Credential, bool) {
	for _, c := range p.Credentials {
		if c.Code == code {
			return c, true
		}
	}
	return Credential{}, false
}

// State is the two-letter state a program pack bills in, read from its id
// ("us-nc-medicaid-8g-pss" bills in NC), or "" for an id of another shape.
func (p *Pack) State() string {
	parts := strings.SplitN(p.ID, "-", 3)
	if len(parts) < 3 || parts[0] != "us" || len(parts[1]) != 2 {
		return ""
	}
	return strings.ToUpper(parts[1])
}
