package fhir_test

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/goldthread/goldthread/internal/fhir"
)

func TestOrganizationAndStaff(t *testing.T) {
	b := fhir.MapBundle(fixture())
	org, orgEntry := find[fhir.Organization](t, b, "agency-1")
	if org.Name != "Riverbend Recovery Partners, Inc." || len(org.Identifier) != 1 || org.Identifier[0].System != fhir.SystemNPI ||
		org.Identifier[0].Value != "1234567893" || len(org.Alias) != 1 || org.Alias[0] != "Riverbend" {
		t.Fatalf("organization: %+v", org)
	}
	pt, _ := find[fhir.Patient](t, b, "participant-12")
	if pt.ManagingOrganization == nil || pt.ManagingOrganization.Reference != orgEntry.FullURL {
		t.Fatalf("the Patient is not managed by the agency: %+v", pt.ManagingOrganization)
	}
	t.Run("PeerCredentialWithItsPeriod", func(t *testing.T) {
		pr, _ := find[fhir.Practitioner](t, b, "staff-7")
		if len(pr.Qualification) != 1 { // the revoked credential is left out
			t.Fatalf("qualifications: %+v", pr.Qualification)
		}
		q := pr.Qualification[0]
		if q.Code.Text != "CPSS" || q.Period == nil || q.Period.Start != "2024-06-01" || q.Period.End != "2026-06-01" ||
			q.Issuer == nil || q.Issuer.Display != "NC Certification Board" || q.Identifier[0].Value != "NC-4411" {
			t.Fatalf("qualification: %+v", q)
		}
		if pr.Identifier[0].System != fhir.SystemNPI || pr.Name[0].Family != "Whitfield" || pr.Name[0].Given[0] != "Dana" {
			t.Fatalf("practitioner: %+v", pr)
		}
	})
	t.Run("RoleAtTheAgency", func(t *testing.T) {
		role, _ := find[fhir.PractitionerRole](t, b, "staff-role-7")
		if role.Organization.Reference != orgEntry.FullURL || len(role.Code) != 1 || role.Code[0].Text != "Peer specialist" ||
			role.Specialty[0].Coding[0].Code != "175T00000X" {
			t.Fatalf("role: %+v", role)
		}
	})
}

func TestCoverage(t *testing.T) {
	c, _ := find[fhir.Coverage](t, fhir.MapBundle(fixture()), "coverage-12-3")
	if c.SubscriberID != "912345678L" || c.Payor[0].Display != "NC Medicaid" || c.Status != "active" || c.Period.Start != "2026-01-05" ||
		c.Period.End != "" || c.Identifier[0].System != fhir.MedicaidIDSystem+":nc" {
		t.Fatalf("coverage: %+v", c)
	}
	t.Run("NoMedicaidIDNoCoverage", func(t *testing.T) {
		b := fhir.MapBundle(fixture(func(s *fhir.Source) { s.Record.Participant.MedicaidID = "" }))
		for _, e := range b.Entry {
			if _, ok := e.Resource.(fhir.Coverage); ok {
				t.Fatal("a Coverage without a Medicaid ID")
			}
		}
	})
}

func TestEncounterLocationAndModality(t *testing.T) {
	b := fhir.MapBundle(fixture())
	for _, c := range []struct{ id, mode, place string }{{"note-500", "FACE", "location-home"}, {"note-501", "VIDEOCONF", "location-other"},
		{"note-502", "FACE", "location-community"}} {
		e, _ := find[fhir.Encounter](t, b, c.id)
		loc, entry := find[fhir.Location](t, b, c.place)
		if len(e.Type) != 2 || e.Type[1].Coding[0].Code != c.mode || len(e.Location) != 1 || e.Location[0].Location.Reference != entry.FullURL ||
			loc.Mode != "kind" {
			t.Errorf("%s: type %+v location %+v", c.id, e.Type, e.Location)
		}
	}
}

func TestDocuments(t *testing.T) {
	b := fhir.MapBundle(fixture())
	d, _ := find[fhir.DocumentReference](t, b, "note-text-500")
	raw, err := base64.StdEncoding.DecodeString(d.Content[0].Attachment.Data)
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	for _, want := range []string{"SECRET narrative", "SECRET words", "SECRET addendum", "Dana Whitfield CPSS"} {
		if !strings.Contains(text, want) {
			t.Errorf("the note text lacks %q:\n%s", want, text)
		}
	}
	if d.Authenticator == nil || d.Authenticator.Display != "Luis Ortega" || d.DocStatus != "final" {
		t.Fatalf("document: %+v", d)
	}
}

func TestProvenance(t *testing.T) {
	b := fhir.MapBundle(fixture())
	cases := []struct{ id, who, agent, sig, recorded string }{
		{"signature-note-500", "Dana Whitfield", "author", "1.2.840.10065.1.12.1.1", "2026-03-16T16:00:00-04:00"},
		{"addendum-60", "Dana Whitfield", "author", "1.2.840.10065.1.12.1.15", "2026-03-16T18:00:00-04:00"},
		{"approval-80", "Luis Ortega", "verifier", "1.2.840.10065.1.12.1.5", "2026-03-17T09:00:00-04:00"},
		{"signature-plan-41-participant", "Marcus Hill", "attester", "1.2.840.10065.1.12.1.3", "2026-03-02T13:55:00-05:00"},
		{"signature-plan-41-clinician", "Elena Reyes", "verifier", "1.2.840.10065.1.12.1.6", "2026-03-02T14:05:00-05:00"},
	}
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			p, _ := find[fhir.Provenance](t, b, c.id)
			a := p.Agent[0]
			if a.Who.Display != c.who || a.Type.Coding[0].Code != c.agent || p.Signature[0].Type[0].Code != c.sig || p.Recorded != c.recorded ||
				len(a.Role) != 1 || a.Role[0].Text == "" || len(p.Target) == 0 {
				t.Fatalf("provenance: %+v", p)
			}
		})
	}
}

// TestSince: an incremental pull keeps what was signed, amended, approved,
// superseded or consented since, and always the Patient and the agency.
func TestSince(t *testing.T) {
	b := fhir.MapBundle(fixture(func(s *fhir.Source) { s.Since = at("2026-03-10", "00:00") }))
	got := strings.Join(ids(b), " ")
	for _, want := range []string{"participant-12", "agency-1", "note-500", "signature-note-500", "addendum-60", "approval-80", "staff-8"} {
		if !strings.Contains(" "+got+" ", " "+want+" ") {
			t.Errorf("since 10 March lacks %s: %s", want, got)
		}
	}
	for _, banned := range []string{"plan-40", "plan-41", "note-501", "note-502", "consent-9", "signature-plan-41-peer"} {
		if strings.Contains(" "+got+" ", " "+banned+" ") {
			t.Errorf("since 10 March carries %s: %s", banned, got)
		}
	}
	t.Run("GoalLinksStayStable", func(t *testing.T) {
		e, _ := find[fhir.Encounter](t, b, "note-500")
		full, _ := find[fhir.Encounter](t, fhir.MapBundle(fixture()), "note-500")
		if len(e.Extension) != 2 || e.Extension[0].ValueReference.Reference != full.Extension[0].ValueReference.Reference {
			t.Fatalf("goal links of an incremental pull differ: %+v", e.Extension)
		}
	})
	t.Run("ApprovalAloneBringsTheNote", func(t *testing.T) {
		b := fhir.MapBundle(fixture(func(s *fhir.Source) { s.Since = at("2026-03-17", "08:00") }))
		if got := strings.Join(ids(b), " "); !strings.Contains(got, "note-500") || strings.Contains(got, "signature-note-500") {
			t.Fatalf("%s", got)
		}
	})
}
