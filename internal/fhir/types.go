// Package fhir maps a participant's Goldthread record to HL7 FHIR R4
// resources: Patient, CarePlan, Goal, Encounter, Consent and Practitioner,
// in a Bundle. It is pure (values in, values out, standard library only) and
// defines its own structs for just the elements Goldthread exports; the
// output is checked by an outside validator (see internal/fhir/testdata and
// .ci/run), not by code here.
package fhir

import "encoding/json"

// The structs below follow the FHIR R4 JSON names. Only the elements the
// mapper fills exist; every optional element is omitempty so an unset value
// never appears as "" or null (FHIR forbids empty strings and nulls).

// Resource is any FHIR resource the mapper makes.
type Resource interface{ fhirType() string }

// Bundle is a FHIR R4 Bundle.
type Bundle struct {
	ResourceType string  `json:"resourceType"` // "Bundle"
	ID           string  `json:"id,omitempty"`
	Meta         *Meta   `json:"meta,omitempty"`
	Type         string  `json:"type"`
	Timestamp    string  `json:"timestamp,omitempty"`
	Total        *int    `json:"total,omitempty"`
	Entry        []Entry `json:"entry,omitempty"`
}

// Entry is one Bundle.entry.
type Entry struct {
	FullURL  string   `json:"fullUrl"`
	Resource Resource `json:"resource"`
	Search   *Search  `json:"search,omitempty"`
}

// Search is Bundle.entry.search: why the entry is in a searchset.
type Search struct {
	Mode string `json:"mode"` // match or include
}

// Meta is Resource.meta; the mapper uses only security labels.
type Meta struct {
	Security []Coding `json:"security,omitempty"`
}

// Coding is a code from a code system.
type Coding struct {
	System  string `json:"system,omitempty"`
	Code    string `json:"code,omitempty"`
	Display string `json:"display,omitempty"`
}

// CodeableConcept is codings and/or text.
type CodeableConcept struct {
	Coding []Coding `json:"coding,omitempty"`
	Text   string   `json:"text,omitempty"`
}

// Reference points at another resource: inside the Bundle by its fullUrl,
// or, with Display only, at something Goldthread does not export.
type Reference struct {
	Reference string `json:"reference,omitempty"`
	Display   string `json:"display,omitempty"`
}

// Identifier is a business identifier.
type Identifier struct {
	Use    string           `json:"use,omitempty"`
	Type   *CodeableConcept `json:"type,omitempty"`
	System string           `json:"system,omitempty"`
	Value  string           `json:"value,omitempty"`
}

// HumanName is a person's name.
type HumanName struct {
	Use    string   `json:"use,omitempty"`
	Text   string   `json:"text,omitempty"`
	Family string   `json:"family,omitempty"`
	Given  []string `json:"given,omitempty"`
}

// Period is a start and/or end: dates (YYYY-MM-DD) or instants with an offset.
type Period struct {
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
}

// Duration is a length of time in UCUM units.
type Duration struct {
	Value  int    `json:"value"`
	Unit   string `json:"unit"`
	System string `json:"system"`
	Code   string `json:"code"`
}

// Narrative is Resource.text: escaped XHTML in one div.
type Narrative struct {
	Status string `json:"status"` // generated
	Div    string `json:"div"`
}

// Extension is a FHIR extension; the mapper uses only Reference values.
type Extension struct {
	URL            string     `json:"url"`
	ValueReference *Reference `json:"valueReference,omitempty"`
}

// Annotation is a text note.
type Annotation struct {
	Text string `json:"text"`
}

// Patient is the participant. (FHIR's word; Goldthread's screens say
// "participant".)
type Patient struct {
	ResourceType string       `json:"resourceType"`
	ID           string       `json:"id"`
	Meta         *Meta        `json:"meta,omitempty"`
	Identifier   []Identifier `json:"identifier,omitempty"`
	Active       *bool        `json:"active,omitempty"`
	Name         []HumanName  `json:"name,omitempty"`
	Gender       string       `json:"gender,omitempty"`
	BirthDate    string       `json:"birthDate,omitempty"`
	// ManagingOrganization is the agency keeping the record.
	ManagingOrganization *Reference `json:"managingOrganization,omitempty"`
}

// Practitioner is a staff member who signed or approved something in the
// Bundle (the peer, their supervisor, a clinician).
type Practitioner struct {
	ResourceType  string          `json:"resourceType"`
	ID            string          `json:"id"`
	Identifier    []Identifier    `json:"identifier,omitempty"`
	Active        *bool           `json:"active,omitempty"`
	Name          []HumanName     `json:"name,omitempty"`
	Qualification []Qualification `json:"qualification,omitempty"`
}

// Qualification is a credential (CPSS, LCSW…): its number, the period it
// is valid and who issued it.
type Qualification struct {
	Identifier []Identifier    `json:"identifier,omitempty"`
	Code       CodeableConcept `json:"code"`
	Period     *Period         `json:"period,omitempty"`
	Issuer     *Reference      `json:"issuer,omitempty"`
}

// CarePlan is one signed version of a person-centered plan.
type CarePlan struct {
	ResourceType string             `json:"resourceType"`
	ID           string             `json:"id"`
	Meta         *Meta              `json:"meta,omitempty"`
	Replaces     []Reference        `json:"replaces,omitempty"`
	Status       string             `json:"status"`
	Intent       string             `json:"intent"`
	Title        string             `json:"title,omitempty"`
	Subject      Reference          `json:"subject"`
	Period       *Period            `json:"period,omitempty"`
	Created      string             `json:"created,omitempty"`
	Goal         []Reference        `json:"goal,omitempty"`
	Activity     []CarePlanActivity `json:"activity,omitempty"`
}

// CarePlanActivity is one intervention of the plan.
type CarePlanActivity struct {
	Detail CarePlanDetail `json:"detail"`
}

// CarePlanDetail describes an intervention inline.
type CarePlanDetail struct {
	Status          string      `json:"status"`
	Goal            []Reference `json:"goal,omitempty"`
	ScheduledString string      `json:"scheduledString,omitempty"`
	Performer       []Reference `json:"performer,omitempty"`
	Description     string      `json:"description,omitempty"`
}

// Goal is one goal of a plan, in the participant's own words.
type Goal struct {
	ResourceType    string          `json:"resourceType"`
	ID              string          `json:"id"`
	Meta            *Meta           `json:"meta,omitempty"`
	LifecycleStatus string          `json:"lifecycleStatus"`
	Description     CodeableConcept `json:"description"`
	Subject         Reference       `json:"subject"`
	StartDate       string          `json:"startDate,omitempty"`
	Target          []GoalTarget    `json:"target,omitempty"`
	StatusReason    string          `json:"statusReason,omitempty"`
	ExpressedBy     *Reference      `json:"expressedBy,omitempty"`
	Note            []Annotation    `json:"note,omitempty"`
}

// GoalTarget is when the goal should be met.
type GoalTarget struct {
	DueDate string `json:"dueDate,omitempty"`
}

// Encounter is one signed service note, without its narrative.
type Encounter struct {
	ResourceType string                 `json:"resourceType"`
	ID           string                 `json:"id"`
	Meta         *Meta                  `json:"meta,omitempty"`
	Extension    []Extension            `json:"extension,omitempty"`
	Status       string                 `json:"status"`
	Class        Coding                 `json:"class"`
	Type         []CodeableConcept      `json:"type,omitempty"`
	ServiceType  *CodeableConcept       `json:"serviceType,omitempty"`
	Subject      Reference              `json:"subject"`
	Participant  []EncounterParticipant `json:"participant,omitempty"`
	Period       *Period                `json:"period,omitempty"`
	Length       *Duration              `json:"length,omitempty"`
	Location     []EncounterLocation    `json:"location,omitempty"`
	// ServiceProvider is the agency that gave the service.
	ServiceProvider *Reference `json:"serviceProvider,omitempty"`
}

// EncounterParticipant is who gave the service.
type EncounterParticipant struct {
	Type       []CodeableConcept `json:"type,omitempty"`
	Individual Reference         `json:"individual"`
}

// Consent is a release of information the participant signed.
type Consent struct {
	ResourceType string            `json:"resourceType"`
	ID           string            `json:"id"`
	Meta         *Meta             `json:"meta,omitempty"`
	Text         *Narrative        `json:"text,omitempty"`
	Status       string            `json:"status"`
	Scope        CodeableConcept   `json:"scope"`
	Category     []CodeableConcept `json:"category"`
	Patient      Reference         `json:"patient"`
	DateTime     string            `json:"dateTime,omitempty"`
	PolicyRule   *CodeableConcept  `json:"policyRule,omitempty"`
	Provision    *ConsentProvision `json:"provision,omitempty"`
}

// ConsentProvision says what is permitted, to whom, for how long.
type ConsentProvision struct {
	Type   string         `json:"type"`
	Period *Period        `json:"period,omitempty"`
	Actor  []ConsentActor `json:"actor,omitempty"`
}

// ConsentActor is the recipient of the information.
type ConsentActor struct {
	Role      CodeableConcept `json:"role"`
	Reference Reference       `json:"reference"`
}

func (Patient) fhirType() string      { return "Patient" }
func (Practitioner) fhirType() string { return "Practitioner" }
func (CarePlan) fhirType() string     { return "CarePlan" }
func (Goal) fhirType() string         { return "Goal" }
func (Encounter) fhirType() string    { return "Encounter" }
func (Consent) fhirType() string      { return "Consent" }

// MarshalIndent is the Bundle as the API and the command send it: indented
// JSON ending in a newline, stable byte for byte for the same input.
func (b Bundle) MarshalIndent() ([]byte, error) {
	out, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}
