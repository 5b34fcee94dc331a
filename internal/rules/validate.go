package rules

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
)

// validator collects PackErrors for one file.
type validator struct {
	// overridden allows status agency_override (a pack after WithOverrides).
	overridden bool
	file       string
	lines      lineIndex
	sources    map[string]string
	errs       []*PackError
}

func (v *validator) add(path, msg string) {
	v.errs = append(v.errs, &PackError{File: v.file, Line: v.lines.line(path), Path: path, Msg: msg})
}

var (
	idShape       = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	hcpcsShape    = regexp.MustCompile(`^([A-V][0-9]{4}|[0-9]{4}[0-9A-Z])$`)
	posShape      = regexp.MustCompile(`^[0-9]{2}$`)
	modifierShape = regexp.MustCompile(`^[A-Z0-9]{2}$`)
	sourceKey     = regexp.MustCompile(`\b[SD][0-9]{1,3}\b`)
)

func isHCPCS(s string) bool    { return hcpcsShape.MatchString(s) }
func isPOS(s string) bool      { return posShape.MatchString(s) }
func isModifier(s string) bool { return modifierShape.MatchString(s) }

func (v *validator) checkID(id string) {
	if !idShape.MatchString(id) {
		v.add("id", fmt.Sprintf("id %q must be lower-case letters, digits and dashes", id))
		return
	}
	if baseName(v.file) != expectedFile(id) {
		v.add("id", fmt.Sprintf("file must be named %s", expectedFile(id)))
	}
}

// walkProvenance checks that every sourced value has a valid status and
// a source, and that source keys like "S12" are listed in sources.
func (v *validator) walkProvenance(x any, root string) {
	visitStructs(reflect.ValueOf(x), root, func(path string, rv reflect.Value) {
		st, src, ok := provenance(rv)
		if !ok {
			return
		}
		switch {
		case st == "":
			v.add(path, "missing status (confirmed, secondary or unconfirmed)")
		case !validFileStatus(st) && !(v.overridden && st == StatusAgencyOverride):
			v.add(join(path, "status"), fmt.Sprintf("bad status %q: want confirmed, secondary or unconfirmed", st))
		}
		if strings.TrimSpace(src) == "" {
			v.add(path, "missing source")
		}
		for _, key := range sourceKey.FindAllString(src, -1) {
			if _, ok := v.sources[key]; !ok {
				v.add(join(path, "source"), fmt.Sprintf("source %s is not listed in sources", key))
			}
		}
	})
}

func (v *validator) modifiers(path string, mods []string) {
	for i, m := range mods {
		if !isModifier(m) {
			v.add(fmt.Sprintf("%s[%d]", path, i), fmt.Sprintf("modifier %q must be two letters or digits", m))
		}
	}
}

func (v *validator) nonNegative(path string, n int) {
	v.between(path, n, 0, 1_000_000)
}

// between bounds a number; upper bounds keep absurd values (a typo, an
// override gone wrong) from turning into absurd deadlines or loops.
func (v *validator) between(path string, n, lo, hi int) {
	if n < lo || n > hi {
		v.add(path, fmt.Sprintf("must be between %d and %d, got %d", lo, hi, n))
	}
}

// validate checks a decoded pack; it returns nil when the pack is usable.
func (p *Pack) validate() []*PackError {
	v := &validator{file: p.file, lines: p.lines, sources: p.Sources, overridden: len(p.overrides) > 0}
	if p.Kind != "program" {
		v.add("kind", `must be "program"`)
	}
	v.checkID(p.ID)
	v.walkProvenance(p, "")
	p.validateServices(v)
	p.validateRounding(v)
	p.validateModalities(v)
	p.validatePOS(v)
	p.validateLimits(v)
	p.validateCredentials(v)
	p.validateMember(v)
	return v.errs
}

func (p *Pack) validateServices(v *validator) {
	cats := map[string]bool{}
	for i, c := range p.Categories {
		if c.ID == "" || cats[c.ID] {
			v.add(fmt.Sprintf("categories[%d].id", i), fmt.Sprintf("category id %q is empty or repeated", c.ID))
		}
		cats[c.ID] = true
	}
	if len(p.Services) == 0 {
		v.add("services", "a pack needs at least one service")
	}
	ids := map[string]bool{}
	for i, s := range p.Services {
		at := fmt.Sprintf("services[%d]", i)
		if s.ID == "" || ids[s.ID] {
			v.add(at+".id", fmt.Sprintf("service id %q is empty or repeated", s.ID))
		}
		ids[s.ID] = true
		if !isHCPCS(s.Code) {
			v.add(at+".code", fmt.Sprintf("HCPCS code %q must be a letter and four digits (or a five-character CPT code)", s.Code))
		}
		for j, c := range s.Categories.Value {
			if !cats[c] {
				v.add(fmt.Sprintf("%s.categories.value[%d]", at, j), fmt.Sprintf("unknown category %q", c))
			}
		}
		v.modifiers(at+".modifiers.value", s.Modifiers.Value)
		if um := p.UnitMinutes(s).Value; um <= 0 || um > 24*60 {
			v.add(at+".unit_minutes.value", "unit minutes must be between 1 and 1440")
		} else if p.Rounding.Strategy.Value == RoundCMS8Minute && um != 15 {
			v.add(at+".unit_minutes.value", "cms_8_minute rounding needs 15-minute units")
		}
		if s.Credentials != nil {
			for j, c := range s.Credentials.Value {
				if _, ok := p.Credential(c); !ok {
					v.add(fmt.Sprintf("%s.credentials.value[%d]", at, j), fmt.Sprintf("credential %q is not in the pack's credentials", c))
				}
			}
		}
		// 837P carries at most four modifiers on a line (SV101-3..6).
		for _, m := range Modalities {
			if n := len(Modifiers(p, s, m, s.Group)); n > 4 {
				v.add(at, fmt.Sprintf("%s with %s needs %d modifiers; a claim line holds 4", s.ID, m, n))
			}
		}
	}
}

func (p *Pack) validateRounding(v *validator) {
	switch p.Rounding.Strategy.Value {
	case RoundCMS8Minute, RoundMidpoint, RoundFullUnitOnly:
	case RoundCustomTable:
		if p.Rounding.Table == nil || len(p.Rounding.Table.Value) == 0 {
			v.add("rounding.table", "custom_table rounding needs a table")
			return
		}
		prev := 0
		for i, row := range p.Rounding.Table.Value {
			at := fmt.Sprintf("rounding.table.value[%d]", i)
			if row.Units != i+1 {
				v.add(at+".units", fmt.Sprintf("rows must count units 1, 2, 3...; row %d says %d", i+1, row.Units))
			}
			if row.MinMinutes <= prev {
				v.add(at+".min_minutes", "minutes must be positive and increase row by row")
			}
			prev = row.MinMinutes
		}
	default:
		v.add("rounding.strategy.value", fmt.Sprintf("unknown rounding strategy %q (cms_8_minute, midpoint, full_unit_only, custom_table)", p.Rounding.Strategy.Value))
	}
}

func (p *Pack) validateModalities(v *validator) {
	v.modifiers("group_modifiers.value", p.GroupModifiers.Value)
	for _, m := range Modalities {
		r, _ := p.Modalities.For(m)
		v.modifiers("modalities."+string(m)+".modifiers.value", r.Modifiers.Value)
	}
	if !p.Modalities.InPerson.Allowed.Value {
		v.add("modalities.in_person.allowed.value", "in-person service must be allowed")
	}
}

func (p *Pack) validatePOS(v *validator) {
	switch p.PlaceOfService.Telehealth.Value {
	case TelehealthUsualPOS, TelehealthPOS02And10:
	default:
		v.add("place_of_service.telehealth.value", fmt.Sprintf("unknown telehealth POS rule %q (usual_pos, pos_02_10)", p.PlaceOfService.Telehealth.Value))
	}
	for loc, f := range p.PlaceOfService.ByLocation {
		at := "place_of_service.by_location." + string(loc)
		if !slices.Contains(Locations, loc) {
			v.add(at, fmt.Sprintf("unknown location %q", loc))
			continue
		}
		if f == nil || !isPOS(f.Value) {
			v.add(at+".value", "POS must be two digits")
		}
	}
	for _, loc := range Locations {
		if p.PlaceOfService.ByLocation[loc] == nil {
			v.add("place_of_service.by_location", fmt.Sprintf("location %q has no POS", loc))
		}
	}
}

func (p *Pack) validateLimits(v *validator) {
	v.nonNegative("group.max_size.value", p.Group.MaxSize.Value)
	v.nonNegative("group.min_size.value", p.Group.MinSize.Value)
	v.nonNegative("caps.per_day.value", p.Caps.PerDay.Value)
	v.nonNegative("caps.per_year.value", p.Caps.PerYear.Value)
	v.nonNegative("caps.unmanaged_per_year.value", p.Caps.UnmanagedPerYear.Value)
	v.nonNegative("caps.max_service_minutes.value", p.Caps.MaxServiceMinutes.Value)
	v.nonNegative("plan.review_days.value", p.Plan.ReviewDays.Value)
	v.nonNegative("caseload.max_participants_per_peer.value", p.Caseload.MaxParticipantsPerPeer.Value)
	if m := p.Caps.FiscalYearStartMonth.Value; m < 1 || m > 12 {
		v.add("caps.fiscal_year_start_month.value", "month must be 1..12")
	}
	t := p.Timeliness
	v.between("timeliness.hours.value", t.Hours.Value, 0, 24*60)
	v.between("timeliness.business_days.value", t.BusinessDays.Value, 0, 60)
	if (t.Hours.Value > 0) == (t.BusinessDays.Value > 0) {
		v.add("timeliness", "set exactly one of hours and business_days above zero")
	}
	v.between("timeliness.crisis_hours.value", t.CrisisHours.Value, 1, 24*60)
	for _, list := range []struct {
		path   string
		fields []string
	}{
		{"documentation.required_fields.value", p.Documentation.RequiredFields.Value},
		{"documentation.group_required_fields.value", p.Documentation.GroupRequiredFields.Value},
	} {
		for i, f := range list.fields {
			if !slices.Contains(NoteFields, f) {
				v.add(fmt.Sprintf("%s[%d]", list.path, i), fmt.Sprintf("unknown note field %q (known: %s)", f, strings.Join(NoteFields, ", ")))
			}
		}
	}
}

func (p *Pack) validateCredentials(v *validator) {
	if len(p.Credentials) == 0 {
		v.add("credentials", "a pack needs at least one rendering credential")
	}
	seen := map[string]bool{}
	for i, c := range p.Credentials {
		if c.Code == "" || seen[c.Code] {
			v.add(fmt.Sprintf("credentials[%d].code", i), fmt.Sprintf("credential code %q is empty or repeated", c.Code))
		}
		seen[c.Code] = true
		v.between(fmt.Sprintf("credentials[%d].renewal_months.value", i), c.RenewalMonths.Value, 0, 240)
	}
	nc := map[string]bool{}
	for i, n := range p.NonCovered {
		if n.ID == "" || nc[n.ID] || len(n.Keywords) == 0 {
			v.add(fmt.Sprintf("non_covered[%d]", i), fmt.Sprintf("non-covered activity %q needs a unique id and keywords", n.ID))
		}
		nc[n.ID] = true
	}
}

func (p *Pack) validateMember(v *validator) {
	pat := p.Member.IDPattern.Value
	if pat == "" {
		return
	}
	re, err := regexp.Compile(pat)
	if err != nil {
		v.add("member.id_pattern.value", fmt.Sprintf("not a regular expression: %v", err))
		return
	}
	if !strings.HasPrefix(pat, "^") || !strings.HasSuffix(pat, "$") {
		v.add("member.id_pattern.value", "the pattern must match the whole ID: start it with ^ and end it with $")
	}
	if ex := p.Member.IDExample.Value; !re.MatchString(ex) {
		v.add("member.id_example.value", fmt.Sprintf("the example %q does not match the pattern", ex))
	}
}
