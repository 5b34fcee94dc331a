package fhir_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/fhir"
)

var update = flag.Bool("update", false, "rewrite testdata/*.json golden files")

// find returns the resource with the given id, failing the test when absent.
func find[T fhir.Resource](t *testing.T, b fhir.Bundle, id string) (T, fhir.Entry) {
	t.Helper()
	for _, e := range b.Entry {
		if r, ok := e.Resource.(T); ok && idOf(r) == id {
			return r, e
		}
	}
	var zero T
	t.Fatalf("no %T %q in the Bundle", zero, id)
	return zero, fhir.Entry{}
}

func idOf(r fhir.Resource) string {
	b, _ := json.Marshal(r)
	var v struct{ ID string }
	json.Unmarshal(b, &v)
	return v.ID
}

func ids(b fhir.Bundle) []string {
	var out []string
	for _, e := range b.Entry {
		out = append(out, idOf(e.Resource))
	}
	return out
}

func TestBundleShape(t *testing.T) {
	b := fhir.MapBundle(fixture())
	if b.ResourceType != "Bundle" || b.Type != "searchset" || b.Total == nil || *b.Total != 1 {
		t.Fatalf("bundle header: %+v", b)
	}
	want := "participant-12 agency-1 plan-40 goal-401 plan-41 goal-411 goal-412 note-500 note-text-500 note-501 note-text-501 " +
		"note-502 note-text-502 consent-9 coverage-12-3 location-community location-home location-other " +
		"staff-7 staff-role-7 staff-8 staff-role-8 staff-9 staff-role-9 " +
		"signature-plan-41-peer signature-plan-41-participant signature-plan-41-clinician " +
		"signature-note-500 addendum-60 approval-80 signature-note-501 signature-note-502"
	if got := strings.Join(ids(b), " "); got != want {
		t.Fatalf("entries\n got %s\nwant %s", got, want)
	}
	seen := map[string]bool{}
	uuid := regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	for i, e := range b.Entry {
		if !uuid.MatchString(e.FullURL) || seen[e.FullURL] {
			t.Errorf("entry %d: fullUrl %q not a fresh name-based urn:uuid", i, e.FullURL)
		}
		seen[e.FullURL] = true
		mode := "include"
		if i == 0 {
			mode = "match"
		}
		if e.Search == nil || e.Search.Mode != mode {
			t.Errorf("entry %d: search mode %+v, want %s", i, e.Search, mode)
		}
	}
	t.Run("StableAcrossExports", func(t *testing.T) {
		a, _ := fhir.MapBundle(fixture()).MarshalIndent()
		c, _ := fhir.MapBundle(fixture()).MarshalIndent()
		if !bytes.Equal(a, c) {
			t.Fatal("two exports of the same record differ")
		}
	})
	t.Run("FullURLsDifferByAgency", func(t *testing.T) {
		other := fhir.MapBundle(fixture(func(s *fhir.Source) { s.Record.Participant.AgencyID = 2 }))
		if other.Entry[0].FullURL == b.Entry[0].FullURL {
			t.Fatal("participant 12 of two agencies share a fullUrl")
		}
	})
	t.Run("EveryReferenceResolves", func(t *testing.T) {
		raw, _ := b.MarshalIndent()
		for _, m := range regexp.MustCompile(`"reference": "([^"]+)"`).FindAllStringSubmatch(string(raw), -1) {
			if !seen[m[1]] {
				t.Errorf("reference %s resolves to no entry", m[1])
			}
		}
	})
}

func TestDraftsExcluded(t *testing.T) {
	raw, err := fhir.MapBundle(fixture()).MarshalIndent()
	if err != nil {
		t.Fatal(err)
	}
	for _, banned := range []string{`"note-503"`, `"plan-42"`, `"goal-421"`, "draft goal"} {
		if bytes.Contains(raw, []byte(banned)) {
			t.Errorf("the Bundle carries draft content %s", banned)
		}
	}
}

// TestNarrativeStaysOut: the Encounter never carries the narrative, and
// without Documents (a reader who may not see narratives) nothing does.
func TestNarrativeStaysOut(t *testing.T) {
	b := fhir.MapBundle(fixture(func(s *fhir.Source) { s.Documents = false }))
	raw, _ := b.MarshalIndent()
	if bytes.Contains(raw, []byte("SECRET")) || bytes.Contains(raw, []byte("DocumentReference")) {
		t.Fatal("a note's narrative or the participant's words of a note reached the Bundle")
	}
	enc, _ := find[fhir.Encounter](t, fhir.MapBundle(fixture()), "note-500")
	if raw, _ := json.Marshal(enc); bytes.Contains(raw, []byte("SECRET")) {
		t.Fatal("the Encounter carries narrative")
	}
}

func TestPatient(t *testing.T) {
	cases := []struct {
		name   string
		mut    func(*fhir.Source)
		gender string
		system string
	}{
		{"MaleWithNCMedicaid", nil, "male", "urn:goldthread:medicaid-id:nc"},
		{"FemaleInCalifornia", func(s *fhir.Source) {
			s.Record.Participant.Gender = "F"
			s.Programs[3] = goldthread.Program{ID: 3, State: "CA"}
		}, "female", "urn:goldthread:medicaid-id:ca"},
		{"UnknownSexLeftOut", func(s *fhir.Source) { s.Record.Participant.Gender = "U" }, "", "urn:goldthread:medicaid-id:nc"},
		{"NoProgramStateNoSuffix", func(s *fhir.Source) { s.Programs = nil }, "male", "urn:goldthread:medicaid-id"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var muts []func(*fhir.Source)
			if c.mut != nil {
				muts = append(muts, c.mut)
			}
			p, _ := find[fhir.Patient](t, fhir.MapBundle(fixture(muts...)), "participant-12")
			if p.Gender != c.gender || p.BirthDate != "1988-04-09" {
				t.Errorf("gender %q birthDate %q", p.Gender, p.BirthDate)
			}
			if len(p.Identifier) != 1 || p.Identifier[0].System != c.system || p.Identifier[0].Value != "912345678L" {
				t.Errorf("identifier %+v", p.Identifier)
			}
			if len(p.Name) != 2 || p.Name[0].Family != "Hill" || p.Name[0].Given[0] != "Marcus" || p.Name[1].Use != "usual" || p.Name[1].Given[0] != "Marc" {
				t.Errorf("names %+v", p.Name)
			}
		})
	}
}

func TestCarePlansAndGoals(t *testing.T) {
	b := fhir.MapBundle(fixture())
	v1, e1 := find[fhir.CarePlan](t, b, "plan-40")
	v2, _ := find[fhir.CarePlan](t, b, "plan-41")
	cases := []struct {
		name          string
		plan          fhir.CarePlan
		status        string
		period        fhir.Period
		goals         int
		goalStatus    string
		activityState string
	}{
		{"SupersededVersionRevoked", v1, "revoked", fhir.Period{Start: "2026-01-10", End: "2026-03-02"}, 1, "cancelled", "stopped"},
		{"PlanInForceActive", v2, "active", fhir.Period{Start: "2026-03-02"}, 2, "active", "in-progress"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := c.plan
			if p.Status != c.status || p.Intent != "plan" || *p.Period != c.period || len(p.Goal) != c.goals {
				t.Fatalf("plan %+v", p)
			}
			if p.Subject.Reference != b.Entry[0].FullURL {
				t.Errorf("subject %+v", p.Subject)
			}
			for _, a := range p.Activity {
				if a.Detail.Status != c.activityState || len(a.Detail.Goal) != 1 || a.Detail.Description == "" {
					t.Errorf("activity %+v", a)
				}
			}
			for _, ref := range p.Goal {
				for _, e := range b.Entry {
					if e.FullURL == ref.Reference {
						g := e.Resource.(fhir.Goal)
						if g.LifecycleStatus != c.goalStatus || g.Subject.Reference != b.Entry[0].FullURL {
							t.Errorf("goal %+v", g)
						}
					}
				}
			}
		})
	}
	t.Run("NewVersionReplacesOld", func(t *testing.T) {
		if len(v2.Replaces) != 1 || v2.Replaces[0].Reference != e1.FullURL {
			t.Fatalf("replaces %+v", v2.Replaces)
		}
	})
	t.Run("GoalInParticipantsOwnWords", func(t *testing.T) {
		g, _ := find[fhir.Goal](t, b, "goal-412")
		if g.Description.Text != "Get back to my Sunday league & not feel <anxious>" || g.ExpressedBy == nil ||
			len(g.Target) != 1 || g.Target[0].DueDate != "2026-07-01" {
			t.Fatalf("goal %+v", g)
		}
	})
	t.Run("PeriodStartsOnTheLastSignature", func(t *testing.T) {
		b := fhir.MapBundle(fixture(func(s *fhir.Source) {
			for i := range s.Record.Plans {
				if s.Record.Plans[i].ID == 41 {
					s.Record.Plans[i].InForce = date("2026-03-09")
				}
			}
		}))
		v1, _ := find[fhir.CarePlan](t, b, "plan-40")
		v2, _ := find[fhir.CarePlan](t, b, "plan-41")
		g, _ := find[fhir.Goal](t, b, "goal-412")
		if v2.Period.Start != "2026-03-09" || v1.Period.End != "2026-03-09" || g.StartDate != "2026-03-09" {
			t.Fatalf("version 2 from %s, version 1 until %s, goal from %s; want all on Mar 9, the last signature", v2.Period.Start, v1.Period.End, g.StartDate)
		}
	})
	t.Run("DischargedPlanCompleted", func(t *testing.T) {
		b := fhir.MapBundle(fixture(func(s *fhir.Source) { s.Record.Participant.Status = goldthread.ParticipantDischarged }))
		if p, _ := find[fhir.CarePlan](t, b, "plan-41"); p.Status != "completed" {
			t.Fatalf("status %q", p.Status)
		}
	})
}

func TestEncounters(t *testing.T) {
	b := fhir.MapBundle(fixture())
	goalURL := func(id string) string { _, e := find[fhir.Goal](t, b, id); return e.FullURL }
	cases := []struct {
		id         string
		class      string
		start, end string
		hcpcs      string
		goals      []string
	}{
		{"note-500", "HH", "2026-03-16T10:00:00-04:00", "2026-03-16T10:50:00-04:00", "H0038", []string{"goal-411", "goal-412"}},
		{"note-501", "VR", "2026-03-05T10:00:00-05:00", "2026-03-05T10:50:00-05:00", "", []string{"goal-411"}},
		{"note-502", "FLD", "2026-02-02T10:00:00-05:00", "2026-02-02T10:50:00-05:00", "H0038", []string{"goal-401"}},
	}
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			e, _ := find[fhir.Encounter](t, b, c.id)
			if e.Status != "finished" || e.Class.Code != c.class || e.Class.System != fhir.SystemActCode {
				t.Errorf("status %q class %+v", e.Status, e.Class)
			}
			if e.Period == nil || e.Period.Start != c.start || e.Period.End != c.end {
				t.Errorf("period %+v; want %s..%s on the agency's clock", e.Period, c.start, c.end)
			}
			if e.Length == nil || e.Length.Value != 50 {
				t.Errorf("length %+v", e.Length)
			}
			switch {
			case c.hcpcs == "" && e.ServiceType != nil:
				t.Errorf("serviceType %+v for a note with no code", e.ServiceType)
			case c.hcpcs != "" && (e.ServiceType == nil || e.ServiceType.Coding[0].Code != c.hcpcs || e.ServiceType.Coding[0].System != fhir.SystemHCPCS):
				t.Errorf("serviceType %+v; want HCPCS %s", e.ServiceType, c.hcpcs)
			}
			var got []string
			for _, x := range e.Extension {
				if x.URL == fhir.ExtPertainsToGoal {
					got = append(got, x.ValueReference.Reference)
				}
			}
			var want []string
			for _, g := range c.goals {
				want = append(want, goalURL(g))
			}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("goals %v; want %v", got, want)
			}
			_, staff := find[fhir.Practitioner](t, b, "staff-7")
			if len(e.Participant) != 1 || e.Participant[0].Individual.Reference != staff.FullURL || e.Participant[0].Individual.Display != "Dana Whitfield" {
				t.Errorf("participant %+v", e.Participant)
			}
		})
	}
}

func TestEncounterClass(t *testing.T) {
	cases := []struct{ modality, location, want string }{
		{"in_person", "home", "HH"},
		{"in_person", "office", "AMB"},
		{"in_person", "hospital_ed", "AMB"},
		{"in_person", "community", "FLD"},
		{"in_person", "street_outreach", "FLD"},
		{"in_person", "shelter", "FLD"},
		{"video", "home", "VR"},
		{"audio_only", "office", "VR"},
	}
	for _, c := range cases {
		if got := fhir.EncounterClass(c.modality, c.location).Code; got != c.want {
			t.Errorf("%s at %s: %s, want %s", c.modality, c.location, got, c.want)
		}
	}
}

func TestInstantsKeepTheAgencyZone(t *testing.T) {
	cases := []struct {
		name string
		zone *time.Location
		want string
	}{
		{"NewYork", newYork, "2026-03-16T10:00:00-04:00"},
		{"NilIsUTC", nil, "2026-03-16T14:00:00Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := fhir.MapBundle(fixture(func(s *fhir.Source) { s.Zone = c.zone }))
			if e, _ := find[fhir.Encounter](t, b, "note-500"); e.Period.Start != c.want {
				t.Fatalf("start %s; want %s", e.Period.Start, c.want)
			}
			if _, err := time.Parse(time.RFC3339, b.Timestamp); err != nil {
				t.Fatalf("timestamp %q: %v", b.Timestamp, err)
			}
		})
	}
}

func TestConsent(t *testing.T) {
	cases := []struct {
		name   string
		mut    func(*goldthread.Consent)
		status string
		policy string
		end    string
	}{
		{"ROIInEffect", nil, "active", "hipaa-auth", "2027-01-10"},
		{"RevokedEndsOnRevocation", func(c *goldthread.Consent) { c.Revoked = date("2026-03-01") }, "inactive", "hipaa-auth", "2026-03-01"},
		{"Expired", func(c *goldthread.Consent) { c.Expires = date("2026-02-01") }, "inactive", "hipaa-auth", "2026-02-01"},
		{"Part2", func(c *goldthread.Consent) { c.Kind = goldthread.ConsentPart2 }, "active", "42CFRPart2", "2027-01-10"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := fhir.MapBundle(fixture(func(s *fhir.Source) {
				if c.mut != nil {
					c.mut(&s.Consents[0])
				}
			}))
			got, _ := find[fhir.Consent](t, b, "consent-9")
			if got.Status != c.status || got.PolicyRule.Coding[0].Code != c.policy || got.Provision.Period.End != c.end ||
				got.Patient.Reference != b.Entry[0].FullURL || got.Provision.Actor[0].Reference.Display != "Dr. Lee's clinic" {
				t.Fatalf("consent %+v", got)
			}
			if !strings.Contains(got.Text.Div, "Plans &amp; notes") || !strings.HasPrefix(got.Text.Div, `<div xmlns="http://www.w3.org/1999/xhtml">`) {
				t.Fatalf("narrative not escaped XHTML: %s", got.Text.Div)
			}
		})
	}
}

func TestPart2Labels(t *testing.T) {
	b := fhir.MapBundle(fixture(func(s *fhir.Source) { s.Record.Part2 = true }))
	if b.Meta == nil || len(b.Meta.Security) != 2 {
		t.Fatalf("bundle meta %+v", b.Meta)
	}
	if e, _ := find[fhir.Encounter](t, b, "note-500"); e.Meta == nil || e.Meta.Security[1].Code != "42CFRPart2" {
		t.Fatalf("encounter meta %+v", e.Meta)
	}
	if b := fhir.MapBundle(fixture()); b.Meta != nil {
		t.Fatalf("a record outside Part 2 is labelled: %+v", b.Meta)
	}
}

// TestGolden keeps the fixture's Bundle in testdata/participant-12.json,
// which CI also runs through the outside FHIR validator. Run with -update
// after a deliberate change.
func TestGolden(t *testing.T) {
	got, err := fhir.MapBundle(fixture()).MarshalIndent()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "participant-12.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/fhir -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("Bundle differs from %s; run go test ./internal/fhir -update and validate it", path)
	}
}
