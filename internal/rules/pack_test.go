package rules

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

func TestEmbeddedPacksLoad(t *testing.T) {
	c := mustCatalog(t)
	var ids []string
	for _, p := range c.Packs() {
		ids = append(ids, p.ID)
		if p.Overlay() == nil || p.Overlay().ID != "us-federal-overlay" {
			t.Errorf("%s: federal overlay not attached", p.ID)
		}
		for _, f := range p.Facts() {
			if f.Source == "" || f.Status == "" {
				t.Errorf("%s %s: value without source or status", p.ID, f.Path)
			}
		}
	}
	if got := strings.Join(ids, ","); got != packCA+","+packNC+","+packNY {
		t.Errorf("packs = %s", got)
	}
	if _, err := c.Overlay("us-federal-overlay"); err != nil {
		t.Error(err)
	}
	if _, err := c.Pack("us-tx-nothing"); err == nil {
		t.Error("unknown pack id: want error")
	}
}

func TestNCCaseloadConflictIsRecorded(t *testing.T) {
	f := mustPack(t, packNC).Caseload.MaxParticipantsPerPeer
	if f.Value != 12 || len(f.Alternatives) != 1 || f.Alternatives[0].Value != 15 {
		t.Fatalf("caseload = %d, alternatives %+v; want 12 configured and 15 recorded", f.Value, f.Alternatives)
	}
	if !strings.Contains(f.Alternatives[0].Source, "S2") || !strings.Contains(f.Source, "S1") {
		t.Errorf("sources not kept: %q / %q", f.Source, f.Alternatives[0].Source)
	}
}

func TestUnconfirmedValuesAreVisible(t *testing.T) {
	p := mustPack(t, packNC)
	if !p.Rounding.Strategy.Unconfirmed() {
		t.Error("NC rounding is not confirmed by the research and must say so")
	}
	if p.Group.MaxSize.Status != StatusConfirmed {
		t.Error("NC group max 12 is confirmed (S1, S2)")
	}
}

// mutate returns the embedded NC pack with one text replacement.
func mutate(t *testing.T, old, new string) []byte {
	t.Helper()
	data, err := embeddedPacks.ReadFile("packs/" + packNC + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if !strings.Contains(s, old) {
		t.Fatalf("fixture text %q not in pack", old)
	}
	return []byte(strings.Replace(s, old, new, 1))
}

func lineOf(t *testing.T, data []byte, needle string) int {
	t.Helper()
	i := strings.Index(string(data), needle)
	if i < 0 {
		t.Fatalf("%q not found", needle)
	}
	return strings.Count(string(data[:i]), "\n") + 1
}

func TestValidationErrorsNameFileAndLine(t *testing.T) {
	cases := []struct {
		name, old, new, lineOf, want string
	}{
		{"unknown field", "  max_size: {value: 12,", "  max_size: {value: 12, maximum: 14,", "maximum: 14", `unknown field "maximum"`},
		{"bad status", "unit_minutes: {value: 15, status: secondary", "unit_minutes: {value: 15, status: probably", "status: probably", `bad status "probably"`},
		{"missing source", `unit_minutes: {value: 15, status: secondary, source: "S6 (24 units = 6 hours)"}`, `unit_minutes: {value: 15, status: secondary}`, "unit_minutes: {value: 15, status: secondary}", "missing source"},
		{"missing status", `group_modifiers: {value: [HQ], status: confirmed,`, `group_modifiers: {value: [HQ],`, "group_modifiers:", "missing status"},
		{"undeclared source key", `source: "S1 (NC Medicaid: CPSS caseload 1:12)"`, `source: "S61 (NC Medicaid: CPSS caseload 1:12)"`, "S61 (NC", "S61 is not listed"},
		{"bad HCPCS", "code: H0038\n    description: \"Peer support services, group\"", "code: H38\n    description: \"Peer support services, group\"", "code: H38", `HCPCS code "H38"`},
		{"bad POS", `home: {value: "12"`, `home: {value: "120"`, `home: {value: "120"`, "POS must be two digits"},
		{"bad modifier", "modifiers: {value: [GT]", "modifiers: {value: [GTT]", "[GTT]", `modifier "GTT"`},
		{"bad rounding", "    value: midpoint", "    value: nearest", "value: nearest", `unknown rounding strategy "nearest"`},
		{"wrong type", "  max_size: {value: 12,", "  max_size: {value: twelve,", "value: twelve", "cannot unmarshal"},
		{"unknown note field", "required_fields:\n    value: [participant,", "required_fields:\n    value: [participant_name,", "[participant_name", `unknown note field "participant_name"`},
		{"unknown category", "value: [skills_building_recovery_group, building_community]", "value: [skills_building_recovery_group, bowling]", "bowling]", `unknown category "bowling"`},
		{"broken YAML", "kind: program", "kind: program\n  oops: [", "kind: program", ""},
		{"duplicate key", "kind: program", "kind: program\nkind: program", "kind: program\nkind", "already defined"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := mutate(t, c.old, c.new)
			_, err := ParsePack(packNC+".yaml", data)
			if err == nil {
				t.Fatal("want error")
			}
			var pe *PackError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *PackError", err)
			}
			wantLine := lineOf(t, data, c.lineOf)
			if pe.File != packNC+".yaml" || (pe.Line != wantLine && pe.Line != wantLine+1) {
				t.Errorf("error at %s:%d, want line %d: %v", pe.File, pe.Line, wantLine, err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not mention %q", err, c.want)
			}
		})
	}
}

func TestFileNameMustMatchID(t *testing.T) {
	data, _ := embeddedPacks.ReadFile("packs/" + packNC + ".yaml")
	if _, err := ParsePack("nc.yaml", data); err == nil || !strings.Contains(err.Error(), "nc.yaml:") {
		t.Errorf("want file-name error naming nc.yaml, got %v", err)
	}
}

func TestLoadFSChecksOverlays(t *testing.T) {
	nc, _ := embeddedPacks.ReadFile("packs/" + packNC + ".yaml")
	fsys := fstest.MapFS{packNC + ".yaml": {Data: nc}}
	_, err := LoadFS(fsys)
	if err == nil || !strings.Contains(err.Error(), "unknown overlay us-federal-overlay") {
		t.Fatalf("want unknown-overlay error, got %v", err)
	}
	ov, _ := embeddedPacks.ReadFile("packs/us-federal-overlay.yaml")
	fsys["us-federal-overlay.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(ov), `{code: "04",`, `{code: "44",`, 1))}
	_, err = LoadFS(fsys)
	if err == nil || !strings.Contains(err.Error(), `POS "04" is not in overlay`) {
		t.Fatalf("want POS-not-in-overlay error, got %v", err)
	}
}

func TestOverrides(t *testing.T) {
	base := mustPack(t, packNC)
	p, err := base.WithOverrides([]Override{
		{Path: "timeliness.hours", Value: "48", By: "admin-ana", Reason: "agency policy 4.2"},
		{Path: "services.H0038.unit_minutes", Value: "30", By: "admin-ana", Reason: "LME contract"},
		{Path: "rounding.strategy.value", Value: "full_unit_only", By: "admin-ana", Reason: "LME contract"},
		{Path: "credentials.CPSS.renewal_months", Value: "12", By: "admin-ana", Reason: "test"},
		{Path: "modalities.video.modifiers", Value: "[GT, \"95\"]", By: "admin-ana", Reason: "test"},
	})
	if err != nil {
		t.Fatal(err)
	}
	h := p.Timeliness.Hours
	if h.Value != 48 || h.Status != StatusAgencyOverride || h.Override == nil ||
		h.Override.OriginalValue != "72" || h.Override.OriginalStatus != StatusUnconfirmed || h.Override.By != "admin-ana" {
		t.Errorf("timeliness.hours = %+v, override %+v", h, h.Override)
	}
	if !strings.Contains(h.Source, "not found in 8G") {
		t.Errorf("source not kept: %q", h.Source)
	}
	for _, s := range p.Services { // the code addresses both NC services
		if s.UnitMinutes == nil || s.UnitMinutes.Value != 30 {
			t.Errorf("%s unit minutes not overridden", s.ID)
		}
	}
	// The pack default stays 15 minutes; the services now use 30.
	if got, svc := Units(p, 45), UnitsFor(p, p.Services[0], 45); got != 3 || svc != 1 {
		t.Errorf("units after overrides = %d (pack), %d (service); want 3, 1", got, svc)
	}
	if p.Credentials[0].RenewalMonths.Value != 12 || strings.Join(p.Modalities.Video.Modifiers.Value, ",") != "GT,95" {
		t.Error("credential or modifier override not applied")
	}
	if base.Timeliness.Hours.Value != 72 || base.Timeliness.Hours.Override != nil {
		t.Error("WithOverrides changed the original pack")
	}
	// A second round keeps the first.
	p2, err := p.WithOverrides([]Override{{Path: "group.max_size", Value: "10", By: "x", Reason: "y"}})
	if err != nil || p2.Timeliness.Hours.Value != 48 || p2.Group.MaxSize.Value != 10 || len(p2.Applied()) != 6 {
		t.Errorf("chained overrides: %v", err)
	}
}

func TestOverrideErrorsNameThePath(t *testing.T) {
	base := mustPack(t, packCA)
	cases := []struct{ path, value, want string }{
		{"timeliness.minutes", "5", "no such value"},
		{"services.H9999.unit_minutes", "15", "no such value"},
		{"group.max_size", "twelve", "value"},
		{"rounding.strategy", "nearest", "makes the pack invalid"},
		{"timeliness.hours", "48", "makes the pack invalid"}, // CA counts business days: both set
		{"place_of_service.by_location.home", `"1"`, "makes the pack invalid"},
		{"group.max_size", "", "empty value"},
	}
	for _, c := range cases {
		_, err := base.WithOverrides([]Override{{Path: c.path, Value: c.value, By: "a", Reason: "b"}})
		if err == nil || !strings.Contains(err.Error(), c.path) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s=%q: got %v, want error naming the path and %q", c.path, c.value, err, c.want)
		}
	}
	if _, err := base.WithOverrides([]Override{{Path: "group.max_size", Value: "8"}}); err == nil {
		t.Error("override without who and why: want error")
	}
	ok, err := base.WithOverrides([]Override{
		{Path: "timeliness.hours", Value: "48", By: "a", Reason: "b"},
		{Path: "timeliness.business_days", Value: "0", By: "a", Reason: "b"},
	})
	if err != nil || ok.Timeliness.Hours.Value != 48 {
		t.Errorf("switching CA to hours with both overrides: %v", err)
	}
}
