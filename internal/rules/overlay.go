package rules

import (
	"fmt"

	"github.com/goccy/go-yaml"
)

// Overlay is a shared layer of rules every program pack that lists it
// inherits: the federal minimums for peer support, the CMS place-of-service
// and telehealth modifier code sets, and the record-integrity rules the
// engine enforces for every payer (overlaps, cloned text, late entries).
type Overlay struct {
	ID      string            `yaml:"id"`
	Kind    string            `yaml:"kind"`
	Title   string            `yaml:"title"`
	Sources map[string]string `yaml:"sources"`

	PlaceOfServiceCodes []CodeDef                `yaml:"place_of_service_codes"`
	ModifierCodes       []CodeDef                `yaml:"modifier_codes"`
	PeerSupport         PeerSupportFloor         `yaml:"peer_support_minimums"`
	Medicare8Minute     Fact[[]UnitStep]         `yaml:"medicare_8_minute_table"`
	RecordIntegrity     RecordIntegrity          `yaml:"record_integrity"`
	Privacy             PrivacyRules             `yaml:"privacy"`
	Claim837P           map[string]*Fact[string] `yaml:"claim_837p"`

	file  string
	lines lineIndex
}

// CodeDef is one code of a shared code set (POS, modifier).
type CodeDef struct {
	Code      string `yaml:"code"`
	Name      string `yaml:"name"`
	Effective string `yaml:"effective,omitempty"`
	Status    Status `yaml:"status"`
	Source    string `yaml:"source"`
}

// PeerSupportFloor is the federal minimum for Medicaid peer support (SMDL #07-011).
type PeerSupportFloor struct {
	Supervision      Fact[string] `yaml:"supervision"`
	CareCoordination Fact[string] `yaml:"care_coordination"`
	Credentialing    Fact[string] `yaml:"credentialing"`
}

// RecordIntegrity holds the provenance of rules that apply to every
// payer: the engine's data-integrity checks cite these.
type RecordIntegrity struct {
	ElectronicSignature Fact[string] `yaml:"electronic_signature"`
	LateEntries         Fact[string] `yaml:"late_entries"`
	TimeOverlap         Fact[string] `yaml:"time_overlap"`
	ClonedText          Fact[string] `yaml:"cloned_text"`
	// CloneThreshold is the estimated Jaccard similarity of two narratives
	// (word 3-gram shingles) at or above which a note is flagged as cloned.
	CloneThreshold Fact[float64] `yaml:"clone_threshold"`
	// CloneBlockThreshold is the similarity (the larger of the 3-gram
	// estimate and the share of words in the same order) at or above which
	// a copy blocks billing until a supervisor approves the note.
	CloneBlockThreshold Fact[float64] `yaml:"clone_block_threshold"`
	DatesAndTimes       Fact[string]  `yaml:"dates_and_times"`
}

// PrivacyRules are federal privacy facts other packages read.
type PrivacyRules struct {
	Part2ComplianceDate      Fact[string]   `yaml:"part2_compliance_date"`
	Part2SingleTPOConsent    Fact[bool]     `yaml:"part2_single_tpo_consent"`
	Part2ConsentFields       Fact[[]string] `yaml:"part2_consent_fields"`
	BreachNotificationDays   Fact[int]      `yaml:"breach_notification_days"`
	MinimumNecessary         Fact[string]   `yaml:"minimum_necessary"`
	ReleaseNotesWithoutDelay Fact[bool]     `yaml:"release_notes_without_delay"`
}

// ParseOverlay decodes and validates an overlay file, with the same
// strictness and line-numbered errors as [ParsePack].
func ParseOverlay(name string, data []byte) (*Overlay, error) {
	body, lines, err := parseYAML(name, data)
	if err != nil {
		return nil, err
	}
	o := &Overlay{}
	if err := yaml.NodeToValue(body, o, yaml.DisallowUnknownField()); err != nil {
		return nil, decodeError(name, err)
	}
	o.file, o.lines = name, lines
	v := &validator{file: name, lines: lines, sources: o.Sources}
	if o.Kind != "overlay" {
		v.add("kind", `must be "overlay"`)
	}
	v.checkID(o.ID)
	v.walkProvenance(o, "")
	for i, c := range o.PlaceOfServiceCodes {
		if !isPOS(c.Code) {
			v.add(fmt.Sprintf("place_of_service_codes[%d].code", i), fmt.Sprintf("POS %q must be two digits", c.Code))
		}
	}
	for i, c := range o.ModifierCodes {
		if !isModifier(c.Code) {
			v.add(fmt.Sprintf("modifier_codes[%d].code", i), fmt.Sprintf("modifier %q must be two letters or digits", c.Code))
		}
	}
	if t := o.RecordIntegrity.CloneThreshold.Value; t <= 0 || t > 1 {
		v.add("record_integrity.clone_threshold.value", "must be in (0, 1]")
	}
	if t := o.RecordIntegrity.CloneBlockThreshold.Value; t < o.RecordIntegrity.CloneThreshold.Value || t > 1 {
		v.add("record_integrity.clone_block_threshold.value", "must be in [clone_threshold, 1]")
	}
	if len(v.errs) > 0 {
		return nil, joinPackErrors(v.errs)
	}
	return o, nil
}

// POSName returns the CMS name of a place-of-service code.
func (o *Overlay) POSName(code string) (string, bool) {
	for _, c := range o.PlaceOfServiceCodes {
		if c.Code == code {
			return c.Name, true
		}
	}
	return "", false
}

// checkAgainstOverlay reports pack POS codes the overlay's code set lacks.
func (p *Pack) checkAgainstOverlay(o *Overlay) []error {
	var errs []error
	for _, loc := range Locations {
		f := p.PlaceOfService.ByLocation[loc]
		if f == nil {
			continue
		}
		if _, ok := o.POSName(f.Value); !ok {
			pth := "place_of_service.by_location." + string(loc) + ".value"
			errs = append(errs, &PackError{File: p.file, Line: p.lines.line(pth), Path: pth,
				Msg: fmt.Sprintf("POS %q is not in overlay %s", f.Value, o.ID)})
		}
	}
	return errs
}
