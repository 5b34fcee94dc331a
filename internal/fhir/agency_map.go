package fhir

import (
	"sort"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
)

// More code systems: identifiers of US providers, the organisation types,
// provider taxonomy, payer types (the Source of Payment Typology US Core
// uses for Coverage.type), the subscriber relationship and coverage class,
// the participation modes (how a service was given), and the roles of
// places of service.
const (
	SystemNPI              = "http://hl7.org/fhir/sid/us-npi"
	SystemOrganizationType = "http://terminology.hl7.org/CodeSystem/organization-type"
	SystemNUCCTaxonomy     = "http://nucc.org/provider-taxonomy"
	SystemPayerType        = "https://nahdo.org/sopt"
	SystemRelationship     = "http://terminology.hl7.org/CodeSystem/subscriber-relationship"
	SystemCoverageClass    = "http://terminology.hl7.org/CodeSystem/coverage-class"
	SystemParticipationMod = "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode"
	SystemRoleCode         = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
	SystemLocationStatus   = "http://hl7.org/fhir/location-status"
	// CredentialNumberSystem names a credential's number: no registry of
	// peer certifications has a FHIR system, so Goldthread owns the URN.
	CredentialNumberSystem = "urn:goldthread:credential"
)

// organizationName is the agency's legal name (as on claims), else the name
// staff know it by.
func (m *mapper) organizationName() string {
	a := m.src.Agency
	switch {
	case a.Billing.LegalName != "":
		return a.Billing.LegalName
	case a.Name != "":
		return a.Name
	}
	return orElse(m.src.Record.AgencyName, "Agency")
}

// organization is the agency with its NPI, its type (healthcare provider)
// and the address it bills from.
func (m *mapper) organization() Organization {
	a := m.src.Agency
	o := Organization{ResourceType: "Organization", ID: ResourceID("Organization", m.agency), Active: true, Name: m.organizationName(),
		Type: []CodeableConcept{{Coding: []Coding{{System: SystemOrganizationType, Code: "prov", Display: "Healthcare Provider"}}}}}
	if a.Name != "" && a.Name != o.Name {
		o.Alias = []string{a.Name}
	}
	if a.Billing.NPI != "" {
		o.Identifier = []Identifier{{Use: "official", System: SystemNPI, Value: a.Billing.NPI}}
	}
	if ad := a.Billing.Address; ad.Line1 != "" {
		o.Address = []Address{address(ad)}
	}
	return o
}

func address(a goldthread.Address) Address {
	out := Address{Use: "work", Type: "physical", City: a.City, State: a.State, PostalCode: a.PostalCode, Country: "US"}
	for _, l := range []string{a.Line1, a.Line2} {
		if l != "" {
			out.Line = append(out.Line, l)
		}
	}
	return out
}

// staffSeen is a staff member the Bundle refers to, with the name and
// credential a signature carried (for staff missing from Source.Staff).
type staffSeen struct {
	name, credential string
}

// practitioner is the reference to staff member id, who is then emitted as
// a Practitioner and a PractitionerRole.
func (m *mapper) practitioner(id int64, name, credential string) Reference {
	if m.staff == nil {
		m.staff = map[int64]staffSeen{}
	}
	if seen, ok := m.staff[id]; !ok || seen.name == "" {
		m.staff[id] = staffSeen{name: name, credential: credential}
	}
	return Reference{Reference: m.fullURL("Practitioner", id), Display: orElse(m.src.Staff[id].Name, name)}
}

func credentialOf(s *goldthread.NoteSignature) string {
	if s == nil {
		return ""
	}
	return s.Credential
}

// practitioners emits every staff member referenced, in id order: the
// Practitioner with their NPI and credentials (number, period, issuer) and
// a PractitionerRole at the agency with their roles and taxonomy.
func (m *mapper) practitioners() {
	ids := make([]int64, 0, len(m.staff))
	for id := range m.staff {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		seen, s := m.staff[id], m.src.Staff[id]
		pr := Practitioner{ResourceType: "Practitioner", ID: ResourceID("Practitioner", id)}
		if s.ID != 0 {
			pr.Active = &s.Active
		}
		name := HumanName{Text: orElse(s.Name, seen.name)}
		if s.LastName != "" {
			name.Use, name.Family = "official", s.LastName
			if s.FirstName != "" {
				name.Given = []string{s.FirstName}
			}
		}
		if name.Text != "" || name.Family != "" {
			pr.Name = []HumanName{name}
		}
		if s.NPI != "" {
			pr.Identifier = []Identifier{{Use: "official", System: SystemNPI, Value: s.NPI}}
		}
		for _, c := range m.src.Credentials[id] {
			if c.Revoked {
				continue
			}
			q := Qualification{Code: CodeableConcept{Text: c.Type}, Period: &Period{Start: c.Issued.String(), End: c.Expires.String()}}
			if c.Number != "" {
				q.Identifier = []Identifier{{System: CredentialNumberSystem + ":" + strings.ToLower(c.Type), Value: c.Number}}
			}
			if c.Issuer != "" {
				q.Issuer = &Reference{Display: c.Issuer}
			}
			pr.Qualification = append(pr.Qualification, q)
		}
		if len(pr.Qualification) == 0 && seen.credential != "" {
			pr.Qualification = []Qualification{{Code: CodeableConcept{Text: seen.credential}}}
		}
		m.add("Practitioner", id, pr, "include")
		role := PractitionerRole{ResourceType: "PractitionerRole", ID: ResourceID("PractitionerRole", id), Active: s.ID == 0 || s.Active,
			Practitioner: Reference{Reference: m.fullURL("Practitioner", id), Display: name.Text}, Organization: m.orgRef}
		for _, r := range s.Roles {
			role.Code = append(role.Code, CodeableConcept{Text: roleText[r]})
		}
		if s.Taxonomy != "" {
			role.Specialty = []CodeableConcept{{Coding: []Coding{{System: SystemNUCCTaxonomy, Code: s.Taxonomy}}}}
		}
		m.add("PractitionerRole", id, role, "include")
	}
}

// roleText names a Goldthread role for a PractitionerRole or a
// Provenance agent.
var roleText = map[goldthread.Role]string{
	goldthread.RolePeer: "Peer specialist", goldthread.RoleSupervisor: "Peer supervisor", goldthread.RoleClinician: "Clinician",
	goldthread.RoleBilling: "Billing", goldthread.RoleAdministrator: "Administrator", goldthread.RoleAuditor: "Auditor",
	goldthread.RoleParticipant: "Participant",
}

// participationMode is how a service was given, as a v3 ParticipationMode.
var participationMode = map[string]Coding{
	"in_person":  {System: SystemParticipationMod, Code: "FACE", Display: "face-to-face"},
	"video":      {System: SystemParticipationMod, Code: "VIDEOCONF", Display: "videoconferencing"},
	"audio_only": {System: SystemParticipationMod, Code: "PHONE", Display: "telephone"},
}

// placeKinds names each note location and, where HL7 has one, its service
// delivery location role.
var placeKinds = map[string]struct {
	name, code, display string
}{
	"home":            {"Participant's home", "PTRES", "Patient's Residence"},
	"office":          {"Agency office", "", ""},
	"community":       {"In the community", "COMM", "Community Location"},
	"shelter":         {"Shelter", "", ""},
	"street_outreach": {"Street outreach", "COMM", "Community Location"},
	"school":          {"School", "SCHOOL", "school"},
	"hospital_ed":     {"Hospital emergency department", "ER", "Emergency room"},
	"other":           {"Elsewhere", "", ""},
}

// place is the reference to the Location of kind loc.
func (m *mapper) place(loc string) Reference {
	if m.locations == nil {
		m.locations = map[string]bool{}
	}
	m.locations[loc] = true
	return Reference{Reference: m.fullURLKey("Location", loc), Display: orElse(placeKinds[loc].name, loc)}
}

// places emits a Location (mode "kind") per place kind referenced.
func (m *mapper) places() {
	keys := make([]string, 0, len(m.locations))
	for k := range m.locations {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		kind := placeKinds[k]
		l := Location{ResourceType: "Location", ID: "location-" + strings.ReplaceAll(k, "_", "-"), Status: "active",
			Name: orElse(kind.name, k), Mode: "kind"}
		if kind.code != "" {
			l.Type = []CodeableConcept{{Coding: []Coding{{System: SystemRoleCode, Code: kind.code, Display: kind.display}}}}
		}
		m.entries = append(m.entries, Entry{FullURL: m.fullURLKey("Location", k), Resource: l, Search: &Search{Mode: "include"}})
	}
}

// coverage emits the participant's Medicaid coverage, one per payer of the
// programs they are or were enrolled in, from the first enrolment to the
// end of the last (open while one is open).
func (m *mapper) coverage() {
	p := m.src.Record.Participant
	if p.MedicaidID == "" {
		return
	}
	type span struct {
		prog       goldthread.Program
		start, end goldthread.Date
		open       bool
	}
	var order []string
	spans := map[string]*span{}
	for _, e := range p.Enrollments {
		prog, ok := m.src.Programs[e.ProgramID]
		if !ok || prog.Payer == "" {
			continue
		}
		s, ok := spans[prog.Payer]
		if !ok {
			s = &span{prog: prog, start: e.Start}
			spans[prog.Payer] = s
			order = append(order, prog.Payer)
		}
		if e.Start.Before(s.start.Time) {
			s.start = e.Start
		}
		if e.End.IsZero() {
			s.open = true
		} else if e.End.After(s.end.Time) {
			s.end = e.End
		}
	}
	for _, payer := range order {
		s := spans[payer]
		system := MedicaidIDSystem
		if s.prog.State != "" {
			system += ":" + strings.ToLower(s.prog.State)
		}
		c := Coverage{ResourceType: "Coverage", ID: "coverage-" + strconv.FormatInt(p.ID, 10) + "-" + strconv.FormatInt(s.prog.ID, 10),
			Meta: m.security, Status: "active", SubscriberID: p.MedicaidID, Beneficiary: m.patientRef,
			Identifier:   []Identifier{{Use: "official", System: system, Value: p.MedicaidID}},
			Type:         &CodeableConcept{Coding: []Coding{{System: SystemPayerType, Code: "2", Display: "MEDICAID"}}, Text: "Medicaid"},
			Relationship: &CodeableConcept{Coding: []Coding{{System: SystemRelationship, Code: "self", Display: "Self"}}},
			Period:       &Period{Start: s.start.String()},
			Payor:        []Reference{{Display: payer}},
			Class: []CoverageClass{{Type: CodeableConcept{Coding: []Coding{{System: SystemCoverageClass, Code: "plan", Display: "Plan"}}},
				Value: s.prog.RulePack, Name: s.prog.Name}}}
		if !s.open && !s.end.IsZero() {
			c.Period.End = s.end.String()
			if s.end.Before(m.src.Today.Time) {
				c.Status = "cancelled"
			}
		}
		m.entries = append(m.entries, Entry{FullURL: m.fullURLKey("Coverage", c.ID), Resource: c, Search: &Search{Mode: "include"}})
	}
}
