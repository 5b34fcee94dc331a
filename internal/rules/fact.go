package rules

import (
	"fmt"
	"reflect"
	"time"
)

// Status says how far a rule pack value was verified.
type Status string

// The statuses a value can carry. Files may only use the first three;
// StatusAgencyOverride is set by [Pack.WithOverrides].
const (
	// StatusConfirmed: read on an official or payer/plan page.
	StatusConfirmed Status = "confirmed"
	// StatusSecondary: only a secondary summary was seen.
	StatusSecondary Status = "secondary"
	// StatusUnconfirmed: not verified; a placeholder default the agency
	// should review and may override.
	StatusUnconfirmed Status = "unconfirmed"
	// StatusAgencyOverride: an agency replaced the value at run time.
	StatusAgencyOverride Status = "agency_override"
)

// validFileStatus reports whether s may appear in a pack file.
func validFileStatus(s Status) bool {
	return s == StatusConfirmed || s == StatusSecondary || s == StatusUnconfirmed
}

// Fact is one value of a rule pack with its provenance. Every configurable
// value in a pack is a Fact so that no value can lose its source.
type Fact[T any] struct {
	Value  T      `yaml:"value"`
	Status Status `yaml:"status"`
	// Source names where the value comes from (source keys S1..S76 refer
	// to the pack's sources list). It stays unchanged by an override, so
	// a reader can still see what the agency departed from.
	Source string `yaml:"source"`
	// Note is optional free text (caveats, inferences).
	Note string `yaml:"note,omitempty"`
	// Alternatives records values other sources give for the same rule
	// when sources conflict; Value is the one configured.
	Alternatives []Alternative[T] `yaml:"alternatives,omitempty"`
	// Override is set when an agency replaced the value; nil otherwise.
	Override *OverrideRecord `yaml:"-"`
}

// Alternative is a conflicting value from another source.
type Alternative[T any] struct {
	Value  T      `yaml:"value"`
	Status Status `yaml:"status"`
	Source string `yaml:"source"`
}

// OverrideRecord keeps what an agency override replaced and why, for the
// audit trail and for showing "agency value (was 72, unconfirmed)".
type OverrideRecord struct {
	By             string
	Reason         string
	At             time.Time
	OriginalValue  string
	OriginalStatus Status
}

// Unconfirmed reports whether the value was not verified against a
// primary source (an agency override counts as verified by the agency).
func (f Fact[T]) Unconfirmed() bool { return f.Status == StatusUnconfirmed }

// Provenance returns the status and source in one line for messages.
func (f Fact[T]) Provenance() string { return fmt.Sprintf("%s; %s", f.Status, f.Source) }

// factInfo is the type-erased view of a Fact used by validation and by
// overrides, which walk the pack without knowing each value's type.
type factInfo interface {
	status() Status
	source() string
	alternatives() []altInfo
	valueText() string
	setFromYAML(text string) error
	markOverridden(rec OverrideRecord)
	override() *OverrideRecord
	describeMissing()
}

type altInfo struct {
	status Status
	source string
}

func (f *Fact[T]) status() Status    { return f.Status }
func (f *Fact[T]) source() string    { return f.Source }
func (f *Fact[T]) valueText() string { return fmt.Sprint(f.Value) }

func (f *Fact[T]) alternatives() []altInfo {
	out := make([]altInfo, len(f.Alternatives))
	for i, a := range f.Alternatives {
		out[i] = altInfo{status: a.Status, source: a.Source}
	}
	return out
}

func (f *Fact[T]) override() *OverrideRecord { return f.Override }

// describeMissing marks a value the pack file did not set, created so an
// agency can override it.
func (f *Fact[T]) describeMissing() {
	f.Status, f.Source = StatusUnconfirmed, "not set in the pack file (pack default applied)"
}

func (f *Fact[T]) markOverridden(rec OverrideRecord) {
	rec.OriginalStatus = f.Status
	f.Override = &rec
	f.Status = StatusAgencyOverride
}

// FactView is a read-only view of one pack value, for listing screens
// ("which of our rules are unconfirmed?") and the override editor.
type FactView struct {
	// Path is the value's path as accepted by an Override.
	Path     string
	Value    string
	Status   Status
	Source   string
	Override *OverrideRecord
}

// Facts lists every value of the pack with its path, in file order of
// the schema (lists by index, maps by key).
func (p *Pack) Facts() []FactView {
	var out []FactView
	visitStructs(reflect.ValueOf(p), "", func(path string, rv reflect.Value) {
		if !rv.CanAddr() {
			return
		}
		f, ok := rv.Addr().Interface().(factInfo)
		if !ok {
			return
		}
		view := FactView{Path: path, Value: f.valueText(), Status: f.status(), Source: f.source(), Override: f.override()}
		if a := p.aliases(path); len(a) > 0 {
			view.Path = a[0]
		}
		out = append(out, view)
	})
	return out
}
