package rules

import (
	"slices"
	"time"
)

// Units converts minutes of direct service into billable units with the
// pack's rounding strategy and default unit length. Minutes <= 0 give 0.
// Callers that sum minutes per day (as cms_8_minute expects) pass the sum.
func Units(p *Pack, minutes int) int {
	return unitsFor(p, p.Rounding.UnitMinutes.Value, minutes)
}

// UnitsFor is [Units] with the unit length of svc.
func UnitsFor(p *Pack, svc Service, minutes int) int {
	return unitsFor(p, p.UnitMinutes(svc).Value, minutes)
}

func unitsFor(p *Pack, unit, minutes int) int {
	if minutes <= 0 || unit <= 0 {
		return 0
	}
	full, rest := minutes/unit, minutes%unit
	switch p.Rounding.Strategy.Value {
	case RoundCMS8Minute:
		// Pub 100-04 ch5 §20.2: a 15-minute unit counts from 8 minutes.
		full, rest = minutes/15, minutes%15
		if rest >= 8 {
			full++
		}
		return full
	case RoundMidpoint:
		// A partial unit counts once more than half of it has elapsed.
		if rest*2 > unit {
			full++
		}
		return full
	case RoundCustomTable:
		return tableUnits(p.Rounding.Table, unit, minutes)
	default: // full_unit_only
		return full
	}
}

// tableUnits counts the rows whose threshold is reached, then one unit per
// further full unit length beyond the last row.
func tableUnits(t *Fact[[]UnitStep], unit, minutes int) int {
	if t == nil || len(t.Value) == 0 {
		return minutes / unit
	}
	rows := t.Value
	last := rows[len(rows)-1]
	if minutes >= last.MinMinutes {
		return last.Units + (minutes-last.MinMinutes)/unit
	}
	n := 0
	for _, r := range rows {
		if minutes >= r.MinMinutes {
			n = r.Units
		}
	}
	return n
}

// Modifiers returns the claim-line modifiers for svc delivered by
// modality: the service's own, then the group modifiers when group is
// true, then the modality's; without repeats, in that order. An unknown
// modality adds nothing.
func Modifiers(p *Pack, svc Service, modality Modality, group bool) []string {
	out := []string{}
	add := func(mods []string) {
		for _, m := range mods {
			if !slices.Contains(out, m) {
				out = append(out, m)
			}
		}
	}
	add(svc.Modifiers.Value)
	if group {
		add(p.GroupModifiers.Value)
	}
	if r, ok := p.Modalities.For(modality); ok {
		add(r.Modifiers.Value)
	}
	return out
}

// PlaceOfService returns the POS code for a service at location by
// modality, and the pack value that decided it (for its status and
// source). For telehealth under pos_02_10 the participant's location
// decides between 10 (home) and 02 (elsewhere); under usual_pos the
// location's ordinary code is used. An unknown location is treated as
// "other".
func PlaceOfService(p *Pack, location Location, modality Modality) (string, Fact[string]) {
	if modality == Video || modality == AudioOnly {
		rule := p.PlaceOfService.Telehealth
		if rule.Value == TelehealthPOS02And10 {
			code := "02"
			if location == Home {
				code = "10"
			}
			return code, rule
		}
	}
	f := p.PlaceOfService.ByLocation[location]
	if f == nil {
		f = p.PlaceOfService.ByLocation[OtherLocation]
	}
	if f == nil {
		return "", Fact[string]{}
	}
	return f.Value, *f
}

// ServiceFor returns the service that bills category, individual or group,
// and false when the pack has none (e.g. a Medi-Cal engagement "group").
func ServiceFor(p *Pack, category string, group bool) (Service, bool) {
	for _, s := range p.Services {
		if s.Group == group && slices.Contains(s.Categories.Value, category) {
			return s, true
		}
	}
	return Service{}, false
}

// HolidayFunc reports whether day (any time on that date) is a holiday
// that does not count as a business day. A nil HolidayFunc means none.
type HolidayFunc func(day time.Time) bool

// Deadline returns when the note for a service that ended at serviceEnd
// is due, per the pack: crisis notes within crisis hours; otherwise either
// hours after the service or the end (23:59:59, serviceEnd's location) of
// the Nth business day after the service date, the service date being day
// 0. Saturdays and Sundays are not business days.
func Deadline(p *Pack, serviceEnd time.Time, crisis bool) time.Time {
	return DeadlineWith(p, serviceEnd, crisis, nil)
}

// DeadlineWith is [Deadline] with holidays skipped as well.
func DeadlineWith(p *Pack, serviceEnd time.Time, crisis bool, holidays HolidayFunc) time.Time {
	t := p.Timeliness
	if crisis {
		return serviceEnd.Add(time.Duration(t.CrisisHours.Value) * time.Hour)
	}
	if t.BusinessDays.Value <= 0 {
		return serviceEnd.Add(time.Duration(t.Hours.Value) * time.Hour)
	}
	y, m, d := serviceEnd.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, serviceEnd.Location())
	// The scan is bounded so a holiday function that never returns false
	// cannot hang the caller; a year of holidays is already absurd.
	for n, scanned := 0, 0; n < t.BusinessDays.Value && scanned < 366+t.BusinessDays.Value; scanned++ {
		day = day.AddDate(0, 0, 1)
		if isBusinessDay(day, holidays) {
			n++
		}
	}
	return day.AddDate(0, 0, 1).Add(-time.Second)
}

func isBusinessDay(day time.Time, holidays HolidayFunc) bool {
	if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	return holidays == nil || !holidays(day)
}
