package fhir

import (
	"crypto/sha1"
	"fmt"
	"html"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
)

// Code systems and extensions the mapper uses. The Medicaid ID has no
// official FHIR system per state Medicaid agency that we know of, so it is
// named by a Goldthread-owned URN rather than an invented OID.
const (
	SystemHCPCS           = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"
	SystemActCode         = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
	SystemParticipation   = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
	SystemIdentifierType  = "http://terminology.hl7.org/CodeSystem/v2-0203"
	SystemConsentScope    = "http://terminology.hl7.org/CodeSystem/consentscope"
	SystemConsentPolicy   = "http://terminology.hl7.org/CodeSystem/consentpolicycodes"
	SystemConfidentiality = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality"
	SystemLOINC           = "http://loinc.org"
	SystemUCUM            = "http://unitsofmeasure.org"
	MedicaidIDSystem      = "urn:goldthread:medicaid-id" // + ":" + two-letter state, lower case
	// ExtPertainsToGoal is the core R4 extension linking any resource to a
	// Goal: Encounter.reasonReference may not point at a Goal in R4.
	ExtPertainsToGoal = "http://hl7.org/fhir/StructureDefinition/resource-pertainsToGoal"
)

// ServiceCode is the HCPCS code a note is billed under, as the program's
// rule pack (with the agency's overrides) says.
type ServiceCode struct {
	Code    string
	Display string
}

// Source is everything the mapper needs about one participant, read in the
// actor's reach by the store.
type Source struct {
	// Record holds the participant, their signed plans (superseded
	// versions too) and signed notes. Drafts found here are skipped anyway.
	Record   goldthread.Record
	Consents []goldthread.Consent
	// Programs by id: the state of the Medicaid ID and the plans' titles.
	Programs map[int64]goldthread.Program
	// ServiceCodes by note id; a note without one (a service the program
	// does not bill) gets no serviceType.
	ServiceCodes map[int64]ServiceCode
	// Zone is the agency's clock: instants are written with its offset.
	// Nil means UTC.
	Zone *time.Location
	// Today is the agency's date, for the status of consents.
	Today goldthread.Date
	// Agency is the organisation keeping the record (its billing identity
	// names it and carries its NPI).
	Agency goldthread.Agency
	// Staff by user id: everyone who signed or approved something in the
	// record, with their Credentials by the same id.
	Staff       map[int64]goldthread.Staff
	Credentials map[int64][]goldthread.Credential
	// Approvals by note id: supervisors' co-signatures.
	Approvals map[int64][]goldthread.NoteApproval
	// Documents adds a DocumentReference with the text of each signed note
	// (and its addenda): only for readers who may see narratives, never
	// for billing.
	Documents bool
	// Since, when set, keeps only what was signed, approved, superseded,
	// consented or revoked at or after it ($everything?_since): the
	// Patient, the agency and the coverage always come, staff and places
	// when referenced.
	Since time.Time
}

// BundleType is "searchset": the Bundle answers Patient/$everything, which
// FHIR R4 defines as returning a searchset; the Patient is the match and
// everything else is an include. The command writes the same Bundle so a
// file and an API answer never differ.
const BundleType = "searchset"

// MapBundle maps src to a FHIR R4 searchset Bundle: the Patient, the
// agency as Organization, a CarePlan and its Goals per signed plan version,
// an Encounter per signed note (with a DocumentReference of its text when
// src.Documents), a Consent per consent, a Coverage per payer, the places
// of services as Locations, a Practitioner and PractitionerRole per staff
// member referenced, and a Provenance per signature and approval. Drafts
// are never included. Every resource has a stable id ("note-123") and a
// fullUrl "urn:uuid:…" derived from the agency, type and id, so the same
// record always gives the same Bundle. Encounters carry no narrative: see
// encounter.
func MapBundle(src Source) Bundle {
	m := mapper{src: src, zone: src.Zone, agency: src.Record.Participant.AgencyID}
	if m.zone == nil {
		m.zone = time.UTC
	}
	if src.Record.Part2 {
		// 42 CFR Part 2: restricted, and the law that restricts it.
		m.security = &Meta{Security: []Coding{
			{System: SystemConfidentiality, Code: "R", Display: "restricted"},
			{System: SystemActCode, Code: "42CFRPart2", Display: "42 CFR Part2"},
		}}
	}
	p := src.Record.Participant
	m.patientRef = Reference{Reference: m.fullURL("Patient", p.ID), Display: p.DisplayName()}
	m.orgRef = Reference{Reference: m.fullURL("Organization", m.agency), Display: m.organizationName()}
	m.add("Patient", p.ID, m.patient(p), "match")
	m.add("Organization", m.agency, m.organization(), "include")
	m.plans()
	m.notes()
	for _, c := range src.Consents {
		if m.consentChanged(c) {
			m.add("Consent", c.ID, m.consent(c), "include")
		}
	}
	m.coverage()
	m.places()
	m.practitioners()
	m.entries = append(m.entries, m.provenance...)
	total := 1
	b := Bundle{ResourceType: "Bundle", ID: "everything-participant-" + strconv.FormatInt(p.ID, 10), Meta: m.security,
		Type: BundleType, Total: &total, Entry: m.entries}
	if !src.Record.Generated.IsZero() {
		b.Timestamp = m.instant(src.Record.Generated)
	}
	return b
}

type mapper struct {
	src        Source
	zone       *time.Location
	agency     int64
	security   *Meta
	patientRef Reference
	orgRef     Reference
	entries    []Entry
	provenance []Entry             // appended last, after what they target
	goals      map[int64]Reference // goal id → reference, for every signed plan's goals
	staff      map[int64]staffSeen // staff referenced, emitted as Practitioner + PractitionerRole
	locations  map[string]bool     // note locations referenced
}

// ResourceID is the stable id of a Goldthread record as a FHIR resource.
func ResourceID(resourceType string, id int64) string {
	prefix := map[string]string{"Patient": "participant", "Practitioner": "staff", "CarePlan": "plan", "Goal": "goal",
		"Encounter": "note", "Consent": "consent", "Organization": "agency", "PractitionerRole": "staff-role",
		"DocumentReference": "note-text"}[resourceType]
	return prefix + "-" + strconv.FormatInt(id, 10)
}

// fullURL is a name-based (version 5 style, SHA-1) UUID of agency, type and
// id: stable across exports, distinct across agencies of one database.
func (m *mapper) fullURL(resourceType string, id int64) string {
	return m.fullURLKey(resourceType, strconv.FormatInt(id, 10))
}

// fullURLKey is fullURL for resources named by a key rather than a row id
// (a Provenance "signature-note-500", a Location "location-home").
func (m *mapper) fullURLKey(resourceType, key string) string {
	h := sha1.Sum([]byte(fmt.Sprintf("goldthread:agency/%d/%s/%s", m.agency, resourceType, key)))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

func (m *mapper) add(resourceType string, id int64, r Resource, mode string) {
	m.entries = append(m.entries, Entry{FullURL: m.fullURL(resourceType, id), Resource: r, Search: &Search{Mode: mode}})
}

// instant writes t on the agency's clock with its offset (RFC 3339).
func (m *mapper) instant(t time.Time) string { return t.In(m.zone).Format(time.RFC3339) }

func (m *mapper) patient(p goldthread.Participant) Patient {
	out := Patient{ResourceType: "Patient", ID: ResourceID("Patient", p.ID), Meta: m.security, BirthDate: p.BirthDate.String(),
		ManagingOrganization: &m.orgRef}
	active := p.Status != goldthread.ParticipantDischarged
	out.Active = &active
	name := HumanName{Use: "official", Family: p.LastName}
	if p.FirstName != "" {
		name.Given = []string{p.FirstName}
	}
	out.Name = append(out.Name, name)
	if p.PreferredName != "" && p.PreferredName != p.FirstName {
		out.Name = append(out.Name, HumanName{Use: "usual", Family: p.LastName, Given: []string{p.PreferredName}})
	}
	// Administrative sex for claims: F, M, or U (unknown), which is left out.
	switch p.Gender {
	case "F":
		out.Gender = "female"
	case "M":
		out.Gender = "male"
	}
	if p.MedicaidID != "" {
		system := MedicaidIDSystem
		if st := m.medicaidState(p); st != "" {
			system += ":" + strings.ToLower(st)
		}
		out.Identifier = []Identifier{{Use: "official", System: system, Value: p.MedicaidID,
			Type: &CodeableConcept{Coding: []Coding{{System: SystemIdentifierType, Code: "MA", Display: "Patient Medicaid number"}}, Text: "Medicaid ID"}}}
	}
	return out
}

// medicaidState is the state of the program the participant is (or was
// last) enrolled in: the Medicaid ID belongs to that state's program.
func (m *mapper) medicaidState(p goldthread.Participant) string {
	state := ""
	var latest goldthread.Date
	for _, e := range p.Enrollments {
		prog, ok := m.src.Programs[e.ProgramID]
		if !ok || prog.State == "" {
			continue
		}
		if state == "" || e.End.IsZero() || e.Start.After(latest.Time) {
			state, latest = prog.State, e.Start
		}
		if e.End.IsZero() {
			break
		}
	}
	return state
}

// plans maps every signed plan version. Within a program the newest signed
// version is the plan in force ("active"); older versions were superseded
// by the next one ("revoked", replaced by it, period ending when it took
// effect) and their goals read "cancelled" with the reason.
func (m *mapper) plans() {
	m.goals = map[int64]Reference{}
	byProgram := map[int64][]goldthread.Plan{}
	var programs []int64
	for _, pl := range m.src.Record.Plans {
		if pl.Status == goldthread.PlanDraft {
			continue
		}
		if _, ok := byProgram[pl.ProgramID]; !ok {
			programs = append(programs, pl.ProgramID)
		}
		byProgram[pl.ProgramID] = append(byProgram[pl.ProgramID], pl)
	}
	sort.Slice(programs, func(i, j int) bool { return programs[i] < programs[j] })
	for _, prog := range programs {
		versions := byProgram[prog]
		sort.Slice(versions, func(i, j int) bool { return versions[i].Version < versions[j].Version })
		for i, pl := range versions {
			var next *goldthread.Plan
			if i+1 < len(versions) {
				next = &versions[i+1]
			}
			var prev *goldthread.Plan
			if i > 0 {
				prev = &versions[i-1]
			}
			m.plan(pl, prev, next)
		}
	}
}

func (m *mapper) plan(pl goldthread.Plan, prev, next *goldthread.Plan) {
	discharged := m.src.Record.Participant.Status == goldthread.ParticipantDischarged
	cp := CarePlan{ResourceType: "CarePlan", ID: ResourceID("CarePlan", pl.ID), Meta: m.security, Status: "active", Intent: "plan",
		Subject: m.patientRef, Period: &Period{Start: pl.InForceFrom().String()}} // never before its last signature
	goalStatus, activityStatus, reason := "active", "in-progress", ""
	switch {
	case next != nil:
		cp.Status, goalStatus, activityStatus = "revoked", "cancelled", "stopped"
		cp.Period.End = next.InForceFrom().String()
		reason = fmt.Sprintf("Superseded by version %d of the plan, effective %s.", next.Version, next.InForceFrom())
	case discharged:
		cp.Status, goalStatus, activityStatus = "completed", "completed", "completed"
	}
	if prev != nil {
		cp.Replaces = []Reference{{Reference: m.fullURL("CarePlan", prev.ID)}}
	}
	for _, g := range pl.Goals {
		m.goals[g.ID] = Reference{Reference: m.fullURL("Goal", g.ID)}
	}
	if !m.planChanged(pl, next) {
		return
	}
	title := fmt.Sprintf("Person-centered plan, version %d", pl.Version)
	if name := pl.ProgramName; name != "" {
		title += " (" + name + ")"
	}
	cp.Title = title
	if !pl.Signed.IsZero() {
		cp.Created = m.instant(pl.Signed)
	}
	var goals []Goal
	for _, g := range pl.Goals {
		ref := m.goals[g.ID]
		cp.Goal = append(cp.Goal, ref)
		goal := Goal{ResourceType: "Goal", ID: ResourceID("Goal", g.ID), Meta: m.security, LifecycleStatus: goalStatus,
			Description: CodeableConcept{Text: orElse(g.Words, g.Summary)}, Subject: m.patientRef, StartDate: pl.InForceFrom().String(),
			StatusReason: reason}
		// The words are the participant's own: they expressed the goal.
		if g.Words != "" {
			goal.ExpressedBy = &Reference{Reference: m.patientRef.Reference}
		}
		if g.Summary != "" && g.Summary != g.Words {
			goal.Note = []Annotation{{Text: "Summary: " + g.Summary}}
		}
		if !g.TargetDate.IsZero() {
			goal.Target = []GoalTarget{{DueDate: g.TargetDate.String()}}
		}
		goals = append(goals, goal)
		for _, iv := range g.Interventions {
			d := CarePlanDetail{Status: activityStatus, Goal: []Reference{ref}, Description: iv.Description, ScheduledString: iv.Frequency}
			if iv.Responsible != "" {
				d.Performer = []Reference{{Display: iv.Responsible}}
			}
			cp.Activity = append(cp.Activity, CarePlanActivity{Detail: d})
		}
	}
	m.add("CarePlan", pl.ID, cp, "include")
	for i, g := range goals {
		m.add("Goal", pl.Goals[i].ID, g, "include")
	}
	m.planSignatures(pl)
}

// notes maps every signed note to an Encounter, with its text as a
// DocumentReference when the reader may see it, and the provenance of its
// signature, addenda and approvals.
func (m *mapper) notes() {
	for _, n := range m.src.Record.Notes {
		if n.Status != goldthread.NoteSigned || !m.noteChanged(n) {
			continue
		}
		m.add("Encounter", n.ID, m.encounter(n), "include")
		if m.src.Documents {
			m.add("DocumentReference", n.ID, m.document(n), "include")
		}
		m.noteSignatures(n)
	}
}

// encounter maps a signed note without its narrative. The Encounter says
// that a service happened, when, how, by whom and toward which goals; the
// narrative (what the peer did, how the participant responded, their own
// words) stays in the signed note, whose copies leave the agency only
// through the record export with its accounting of disclosures. A text div
// would also have to carry addenda and amendments to be the record, which
// FHIR's Encounter has no place for.
func (m *mapper) encounter(n goldthread.Note) Encounter {
	e := Encounter{ResourceType: "Encounter", ID: ResourceID("Encounter", n.ID), Meta: m.security, Status: "finished",
		Class: EncounterClass(n.Modality, n.Location), Subject: m.patientRef}
	if kind := kindText[n.Kind]; kind != "" {
		e.Type = []CodeableConcept{{Text: kind}}
	}
	if sc, ok := m.src.ServiceCodes[n.ID]; ok && sc.Code != "" {
		e.ServiceType = &CodeableConcept{Coding: []Coding{{System: SystemHCPCS, Code: sc.Code, Display: sc.Display}}, Text: sc.Display}
	}
	if !n.Start.IsZero() {
		e.Period = &Period{Start: m.instant(n.Start)}
		if !n.End.IsZero() {
			e.Period.End = m.instant(n.End)
		}
	}
	if min := n.Minutes(); min > 0 {
		e.Length = &Duration{Value: min, Unit: "min", System: SystemUCUM, Code: "min"}
	}
	if mode, ok := participationMode[n.Modality]; ok {
		e.Type = append(e.Type, CodeableConcept{Coding: []Coding{mode}, Text: mode.Display})
	}
	if n.AuthorID != 0 {
		e.Participant = []EncounterParticipant{{
			Type:       []CodeableConcept{{Coding: []Coding{{System: SystemParticipation, Code: "PPRF", Display: "primary performer"}}}},
			Individual: m.practitioner(n.AuthorID, n.AuthorName, credentialOf(n.Signature)),
		}}
	}
	if n.Location != "" {
		e.Location = []EncounterLocation{{Location: m.place(n.Location)}}
	}
	e.ServiceProvider = &Reference{Reference: m.orgRef.Reference}
	seen := map[int64]bool{}
	for _, g := range n.Goals {
		ref, ok := m.goals[g.GoalID]
		if !ok || seen[g.GoalID] {
			continue
		}
		seen[g.GoalID] = true
		e.Extension = append(e.Extension, Extension{URL: ExtPertainsToGoal, ValueReference: &Reference{Reference: ref.Reference}})
	}
	return e
}

var kindText = map[string]string{
	goldthread.NoteIndividual: "Individual peer support",
	goldthread.NoteGroup:      "Group peer support",
	goldthread.NoteCollateral: "Collateral contact (family or natural supports)",
}

// EncounterClass maps a note's modality and location to the v3 ActCode
// encounter class: video and audio-only are "VR" (virtual); in person at
// home is "HH" (home health); in the community, a shelter, a school or on
// the street is "FLD" (field); in an office, an emergency department or
// elsewhere is "AMB" (ambulatory).
func EncounterClass(modality, location string) Coding {
	switch {
	case modality == "video" || modality == "audio_only":
		return Coding{System: SystemActCode, Code: "VR", Display: "virtual"}
	case location == "home":
		return Coding{System: SystemActCode, Code: "HH", Display: "home health"}
	case location == "community" || location == "shelter" || location == "street_outreach" || location == "school":
		return Coding{System: SystemActCode, Code: "FLD", Display: "field"}
	}
	return Coding{System: SystemActCode, Code: "AMB", Display: "ambulatory"}
}

// consent maps a release of information. Its purpose and what it covers are
// free text in Goldthread and have no coded home in R4's Consent, so they
// travel in the resource's narrative (escaped XHTML).
func (m *mapper) consent(c goldthread.Consent) Consent {
	status := "active"
	if s := c.StatusOn(m.src.Today); s == "revoked" || s == "expired" {
		status = "inactive"
	}
	out := Consent{ResourceType: "Consent", ID: ResourceID("Consent", c.ID), Meta: m.security, Status: status,
		Scope:    CodeableConcept{Coding: []Coding{{System: SystemConsentScope, Code: "patient-privacy", Display: "Privacy Consent"}}},
		Category: []CodeableConcept{{Coding: []Coding{{System: SystemLOINC, Code: "64292-6", Display: "Release of information consent"}}}},
		Patient:  Reference{Reference: m.patientRef.Reference}, DateTime: c.Signed.String()}
	switch c.Kind {
	case goldthread.ConsentPart2:
		out.PolicyRule = &CodeableConcept{Coding: []Coding{{System: SystemActCode, Code: "42CFRPart2", Display: "42 CFR Part2"}}, Text: "42 CFR Part 2 consent"}
	default:
		out.PolicyRule = &CodeableConcept{Coding: []Coding{{System: SystemConsentPolicy, Code: "hipaa-auth", Display: "HIPAA Authorization"}}, Text: "HIPAA authorization"}
	}
	end := c.Expires
	if !c.Revoked.IsZero() && (end.IsZero() || c.Revoked.Before(end.Time)) {
		end = c.Revoked
	}
	out.Provision = &ConsentProvision{Type: "permit", Period: &Period{Start: c.Signed.String(), End: end.String()},
		Actor: []ConsentActor{{Role: CodeableConcept{Coding: []Coding{{System: SystemParticipation, Code: "IRCP", Display: "information recipient"}}},
			Reference: Reference{Display: c.Recipient}}}}
	var div strings.Builder
	div.WriteString(`<div xmlns="http://www.w3.org/1999/xhtml">`)
	for _, row := range [][2]string{{"Recipient", c.Recipient}, {"Purpose", c.Purpose}, {"Information", c.Information},
		{"Signed", c.Signed.String()}, {"Expires", c.Expires.String()}, {"Revoked", c.Revoked.String()}, {"Revocation note", c.RevocationNote}} {
		if row[1] != "" {
			fmt.Fprintf(&div, "<p>%s: %s</p>", row[0], html.EscapeString(row[1]))
		}
	}
	div.WriteString("</div>")
	out.Text = &Narrative{Status: "generated", Div: div.String()}
	return out
}

func orElse(s, alt string) string {
	if strings.TrimSpace(s) != "" {
		return s
	}
	return alt
}
