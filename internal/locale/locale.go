// Package locale is the one place user-facing text, dates, times and money
// are produced. Every string a person reads comes from a catalog entry by
// key, so a Spanish catalog can follow without touching templates or code.
package locale

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
)

// Printer renders messages and values for one language and time zone.
type Printer struct {
	Lang string
	Zone *time.Location
	// ShowZone appends the zone's abbreviation to times of day ("9:05 AM
	// PDT"): set when a page shows a program's records on a clock other
	// than the reader's agency's.
	ShowZone bool
	cat      map[string]string
	formats  map[string]string // English format → this language's, for errors
}

// Catalogs holds every language's messages by key. English is complete;
// other languages fall back to English key by key.
var Catalogs = map[string]map[string]string{"en": english, "es": spanish}

// formatCatalogs holds, per language other than English, the translation
// of each English error format (the format itself is the key).
var formatCatalogs = map[string]map[string]string{"es": spanishFormats}

// Languages lists the languages a person may choose, English first.
var Languages = []string{"en", "es"}

// New returns a Printer for lang (falling back to English) in zone (UTC
// when nil).
func New(lang string, zone *time.Location) *Printer {
	lang = Supported(lang)
	if zone == nil {
		zone = time.UTC
	}
	return &Printer{Lang: lang, Zone: zone, cat: Catalogs[lang], formats: formatCatalogs[lang]}
}

// Supported returns the catalog language for a language tag or name
// ("es-MX", "ES", "spa", "Spanish", "español"), or "en" when there is no
// catalog for it.
func Supported(lang string) string {
	l, _ := Match(lang)
	return l
}

// Match is Supported that also reports whether lang named a language
// with a catalog ("en" and false for "", "Vietnamese" or "vi").
func Match(lang string) (string, bool) {
	l := strings.ToLower(strings.TrimSpace(lang))
	base, _, _ := strings.Cut(strings.ReplaceAll(l, "_", "-"), "-")
	switch {
	case base == "es", l == "spa", l == "spanish", l == "español", l == "espanol":
		return "es", true
	case base == "en", l == "eng", l == "english", l == "inglés", l == "ingles":
		return "en", true
	}
	return "en", false
}

// T returns the message for key, formatted with args (fmt verbs). A missing
// key shows itself in brackets, so a test that renders every page finds it.
func (p *Printer) T(key string, args ...any) string {
	msg, ok := p.cat[key]
	if !ok {
		msg, ok = english[key]
	}
	if !ok {
		return "[" + key + "]"
	}
	if len(args) == 0 {
		return msg
	}
	return goldthread.Sprintf(msg, args...) // with its plural choices, %{one|other}
}

// Sprintf renders an English format (the format of a goldthread.Error) in
// the printer's language: the format is looked up in the language's
// catalog of formats and falls back to itself.
func (p *Printer) Sprintf(format string, args ...any) string {
	if f, ok := renamedFormats[format]; ok { // a finding stored before its format changed
		format = f
	}
	if f, ok := p.formats[format]; ok {
		format = f
	}
	return goldthread.Sprintf(format, args...) // always, as goldthread.Errorf does: "%%" reads "%"
}

// Has reports whether key is in the English catalog.
func Has(key string) bool { _, ok := english[key]; return ok }

// Keys lists every English key (for tests that look for unused or missing
// entries).
func Keys() []string {
	out := make([]string, 0, len(english))
	for k := range english {
		out = append(out, k)
	}
	return out
}

// Date formats a calendar date: "Mon, Nov 23, 2026". A calendar date
// (goldthread.Date, midnight UTC) has no zone and is shown as it is; for
// the day of an instant use Day.
func (p *Printer) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if p.Lang == "es" {
		return fmt.Sprintf("%s %d %s %d", esWeekdays[t.Weekday()], t.Day(), esMonths[t.Month()-1], t.Year())
	}
	return t.Format("Mon, Jan 2, 2006")
}

// DateShort formats a date for tight rows: "Nov 23".
func (p *Printer) DateShort(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if p.Lang == "es" {
		return fmt.Sprintf("%d %s", t.Day(), esMonths[t.Month()-1])
	}
	return t.Format("Jan 2")
}

// Day formats the calendar date of an instant in the printer's zone, as
// Date does: a signature at 9 PM in New York is dated that day, not the
// next day of UTC.
func (p *Printer) Day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return p.Date(t.In(p.Zone))
}

// DayShort is DateShort for the calendar date of an instant in the
// printer's zone.
func (p *Printer) DayShort(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return p.DateShort(t.In(p.Zone))
}

// Time formats a time of day in the printer's zone: "9:05 AM".
func (p *Printer) Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return p.clock(t.In(p.Zone)) + p.zoneSuffix(t)
}

// clock is the time of day of t as it is: "9:05 AM", in Spanish
// "9:05 a.m." (the US and Mexican usage).
func (p *Printer) clock(t time.Time) string {
	if p.Lang == "es" {
		return t.Format("3:04 ") + map[bool]string{false: "a.m.", true: "p.m."}[t.Hour() >= 12]
	}
	return t.Format("3:04 PM")
}

// zoneSuffix is " PDT" when the printer shows its zone, else "".
func (p *Printer) zoneSuffix(t time.Time) string {
	if !p.ShowZone {
		return ""
	}
	return " " + t.In(p.Zone).Format("MST")
}

// ZoneHint tells whoever types a time of day which clock it is read on,
// when the printer shows its zone ("Times are on the program's clock:
// America/Los_Angeles, PST."), and is empty when it is the reader's own.
// at picks the abbreviation in force (PST or PDT).
func (p *Printer) ZoneHint(at time.Time) string {
	if !p.ShowZone {
		return ""
	}
	return p.T("times.zone_hint", p.Zone.String(), at.In(p.Zone).Format("MST"))
}

// DateTime formats an instant in the printer's zone: "Nov 23, 2026, 9:05 AM".
func (p *Printer) DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if t = t.In(p.Zone); p.Lang == "es" {
		return fmt.Sprintf("%d %s %d, %s", t.Day(), esMonths[t.Month()-1], t.Year(), p.clock(t)) + p.zoneSuffix(t)
	}
	return t.Format("Jan 2, 2006, 3:04 PM") + p.zoneSuffix(t)
}

// Money formats an amount held in cents: "$1,234.50", "-$3.00", as
// goldthread.Money writes it (the one place amounts are formatted). Spanish
// as written in the United States and Mexico groups and marks decimals
// the same way, so both languages print dollars alike.
func (p *Printer) Money(cents int64) string { return goldthread.Money(cents).String() }

// maxMoneyCents bounds what ParseMoney accepts: under a billion dollars,
// far above any rate or payment, and far below int64's limit.
const maxMoneyCents = 100_000_000_000 - 1

// ParseMoney reads an amount typed in dollars and cents — "18.52",
// "$18.52", "18", "$1,234.50", ".50" — and returns it in cents; it is
// Money the other way round, so both live here. It returns an error whose
// message, from the catalog, says what to type when the amount is
// negative, has more than two decimals, is a billion dollars or more, has
// commas that do not group thousands, or is not such a number at all
// ("1e3", "NaN", "18,52", "twelve"). Parsing is exact: no floating point.
func (p *Printer) ParseMoney(s string) (int64, error) {
	s = strings.TrimSpace(s)
	// A minus sign may come before or after the dollar sign.
	neg := false
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		neg, s = true, strings.TrimSpace(rest)
	}
	s = strings.TrimSpace(strings.TrimPrefix(s, "$"))
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		neg, s = true, rest
	}
	whole, frac, _ := strings.Cut(s, ".")
	if strings.Contains(whole, ",") {
		var ok bool
		if whole, ok = ungroup(whole); !ok {
			return 0, p.moneyError("money.invalid")
		}
	}
	if !digits(whole) || !digits(frac) || whole == "" && frac == "" {
		return 0, p.moneyError("money.invalid")
	}
	if neg {
		return 0, p.moneyError("money.negative")
	}
	if len(frac) > 2 {
		return 0, p.moneyError("money.decimals")
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > 9 {
		return 0, errors.New(p.T("money.too_large", p.Money(maxMoneyCents+1)))
	}
	var cents int64
	for _, c := range whole + (frac + "00")[:2] {
		cents = cents*10 + int64(c-'0')
	}
	return cents, nil
}

func (p *Printer) moneyError(key string) error { return errors.New(p.T(key)) }

// digits reports whether s is ASCII digits only (or empty).
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ungroup removes the commas of "1,234,567": one to three digits, then
// groups of exactly three. Anything else ("18,52", "1,23,456", ",5") is
// refused, because a comma there may be a decimal comma.
func ungroup(s string) (string, bool) {
	groups := strings.Split(s, ",")
	if n := len(groups[0]); n == 0 || n > 3 {
		return "", false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}

// Age formats whole years: "41 years".
func (p *Printer) Age(years int) string { return p.T("age.years", years) }

// Translated lists, for a language other than English, each English
// message or format of the catalogs that reads differently in it, with its
// translation: what a page in that language must never show in English.
// Tests compare a page's words against it.
func Translated(lang string) map[string]string {
	out := map[string]string{}
	cat, formats := Catalogs[lang], formatCatalogs[lang]
	for k, en := range english {
		if tr, ok := cat[k]; ok && tr != en {
			out[en] = tr
		}
	}
	for en, tr := range formats {
		if tr != en {
			out[en] = tr
		}
	}
	return out
}
