package rules

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
)

// Override replaces one pack value for an agency, without a rebuild.
type Override struct {
	// Path names the value: "timeliness.hours", "group.max_size",
	// "rounding.strategy", "services.H0038.unit_minutes" (a service by id
	// or HCPCS code; a code shared by several services changes them all),
	// "credentials.CPSS.renewal_months", "place_of_service.by_location.home".
	// A trailing ".value" is accepted.
	Path string
	// Value is YAML text for the new value: `48`, `true`, `midpoint`,
	// `[GT, KX]`, `[{units: 1, min_minutes: 8}]`.
	Value string
	// By and Reason say who changed it and why; they are kept on the value
	// (Fact.Override) for the audit trail.
	By     string
	Reason string
	At     time.Time
}

// OverrideError reports an override that could not be applied.
type OverrideError struct {
	Path string
	Msg  string
}

func (e *OverrideError) Error() string { return fmt.Sprintf("override %s: %s", e.Path, e.Msg) }

// WithOverrides returns a copy of p with the overrides applied in order
// (on top of any applied before); p itself is unchanged. Overridden values
// get status agency_override, keep their source, and record the original
// value and status. An unknown path, a value of the wrong type, a missing
// By or Reason, or a result that fails pack validation is an
// [*OverrideError] naming the path.
func (p *Pack) WithOverrides(overrides []Override) (*Pack, error) {
	fresh, err := ParsePack(p.file, p.raw)
	if err != nil {
		return nil, fmt.Errorf("rules: reparse %s: %w", p.file, err)
	}
	fresh.overlay = p.overlay
	all := append(append([]Override(nil), p.overrides...), overrides...)
	var errs []error
	for _, o := range all {
		if err := fresh.apply(o); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	fresh.overrides = all
	if verrs := fresh.validate(); len(verrs) > 0 {
		for _, ve := range verrs {
			errs = append(errs, &OverrideError{Path: blame(all, ve.Path), Msg: "makes the pack invalid: " + ve.Msg})
		}
		return nil, errors.Join(errs...)
	}
	return fresh, nil
}

// apply sets every Fact the override path addresses.
func (p *Pack) apply(o Override) error {
	path := strings.TrimSuffix(strings.TrimSpace(o.Path), ".value")
	if path == "" {
		return &OverrideError{Path: o.Path, Msg: "empty path"}
	}
	if strings.TrimSpace(o.Value) == "" {
		return &OverrideError{Path: o.Path, Msg: "empty value"}
	}
	if strings.TrimSpace(o.By) == "" || strings.TrimSpace(o.Reason) == "" {
		return &OverrideError{Path: o.Path, Msg: "who (By) and why (Reason) are required"}
	}
	targets := p.factsAt(path)
	if len(targets) == 0 && p.materialize(path) {
		targets = p.factsAt(path)
	}
	if len(targets) == 0 {
		return &OverrideError{Path: o.Path, Msg: "no such value in pack " + p.ID}
	}
	for _, f := range targets {
		before := f.valueText()
		if err := f.setFromYAML(o.Value); err != nil {
			return &OverrideError{Path: o.Path, Msg: fmt.Sprintf("value %q: %v", o.Value, err)}
		}
		f.markOverridden(OverrideRecord{By: o.By, Reason: o.Reason, At: o.At, OriginalValue: before})
	}
	return nil
}

// factsAt finds the Facts whose path, or alias path, equals path. List
// items are addressed by index ("services[1]") or by their id or code
// ("services.H0038").
func (p *Pack) factsAt(path string) []factInfo {
	var out []factInfo
	visitStructs(reflect.ValueOf(p), "", func(canon string, rv reflect.Value) {
		if !rv.CanAddr() {
			return
		}
		f, ok := rv.Addr().Interface().(factInfo)
		if !ok {
			return
		}
		if canon == path || slices.Contains(p.aliases(canon), path) {
			out = append(out, f)
		}
	})
	return out
}

// materialize creates optional values the file left out (a service's
// own unit_minutes or credentials) when an override names them, so an
// agency can set them too. It reports whether it created any.
func (p *Pack) materialize(path string) bool {
	created := false
	visitStructs(reflect.ValueOf(p), "", func(canon string, rv reflect.Value) {
		t := rv.Type()
		for i := 0; i < t.NumField(); i++ {
			fv := rv.Field(i)
			name := yamlName(t.Field(i))
			if name == "" || fv.Kind() != reflect.Pointer || !fv.IsNil() || !fv.CanSet() {
				continue
			}
			fp := join(canon, name)
			if fp != path && !slices.Contains(p.aliases(fp), path) {
				continue
			}
			nv := reflect.New(fv.Type().Elem())
			f, ok := nv.Interface().(factInfo)
			if !ok {
				continue
			}
			f.describeMissing()
			fv.Set(nv)
			created = true
		}
	})
	return created
}

// aliases rewrites "services[2].x" as "services.<id>.x" and
// "services.<code>.x" (and likewise for credentials, categories,
// non_covered), the names an agency administrator knows.
func (p *Pack) aliases(canon string) []string {
	list, rest, ok := strings.Cut(canon, "[")
	if !ok {
		return nil
	}
	idx, tail, ok := strings.Cut(rest, "]")
	if !ok {
		return nil
	}
	var i int
	if _, err := fmt.Sscanf(idx, "%d", &i); err != nil {
		return nil
	}
	var keys []string
	switch list {
	case "services":
		keys = []string{p.Services[i].ID, p.Services[i].Code}
	case "credentials":
		keys = []string{p.Credentials[i].Code}
	case "categories":
		keys = []string{p.Categories[i].ID}
	case "non_covered":
		keys = []string{p.NonCovered[i].ID}
	}
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, list+"."+k+tail)
	}
	return out
}

// blame names the override most likely behind a validation error on
// path, so the administrator sees the path they typed.
func blame(all []Override, path string) string {
	for i := len(all) - 1; i >= 0; i-- {
		op := strings.TrimSuffix(all[i].Path, ".value")
		if strings.HasPrefix(path, op) || strings.HasPrefix(op, strings.Split(path, ".")[0]) {
			return all[i].Path
		}
	}
	return path
}

func (f *Fact[T]) setFromYAML(text string) error {
	var v T
	if err := yaml.UnmarshalWithOptions([]byte(text), &v, yaml.DisallowUnknownField()); err != nil {
		var ye yaml.Error
		if errors.As(err, &ye) {
			return errors.New(ye.GetMessage())
		}
		return err
	}
	f.Value = v
	return nil
}
