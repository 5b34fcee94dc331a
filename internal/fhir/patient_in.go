package fhir

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/goldthread/goldthread"
)

// patientIn is a FHIR R4 Patient as another system sends it: the elements
// an intake needs, read leniently (unknown elements are ignored, as FHIR
// readers must), checked strictly.
type patientIn struct {
	ResourceType string `json:"resourceType"`
	Identifier   []struct {
		Use    string           `json:"use"`
		Type   *CodeableConcept `json:"type"`
		System string           `json:"system"`
		Value  string           `json:"value"`
	} `json:"identifier"`
	Name []struct {
		Use    string   `json:"use"`
		Text   string   `json:"text"`
		Family string   `json:"family"`
		Given  []string `json:"given"`
	} `json:"name"`
	Telecom []struct {
		System string `json:"system"`
		Value  string `json:"value"`
		Use    string `json:"use"`
	} `json:"telecom"`
	Gender    string `json:"gender"`
	BirthDate string `json:"birthDate"`
	Address   []struct {
		Use        string   `json:"use"`
		Line       []string `json:"line"`
		City       string   `json:"city"`
		State      string   `json:"state"`
		PostalCode string   `json:"postalCode"`
	} `json:"address"`
	Communication []struct {
		Language  CodeableConcept `json:"language"`
		Preferred bool            `json:"preferred"`
	} `json:"communication"`
}

// ParsePatient reads one FHIR R4 Patient resource (JSON) into a
// participant record for an intake: the official name as the legal name
// and a usual name's given name as the preferred one, birthDate, gender
// (male and female; anything else is unknown for claims), the Medicaid ID
// (an identifier typed v2-0203 "MA", or of a system naming Medicaid),
// phone and email, the home address and the preferred language. Errors
// are EINVALID and name the element, such as "Patient.birthDate".
func ParsePatient(data []byte) (goldthread.Participant, error) {
	// A NUL (even escaped as \u0000) or bytes that are not UTF-8 can be
	// stored by no record: refused before anything is read.
	if !utf8.Valid(data) || bytes.Contains(data, []byte{0}) || bytes.Contains(bytes.ToLower(data), []byte(`\u0000`)) {
		return goldthread.Participant{}, goldthread.FieldError("Patient", "The file holds a NUL character or text that is not UTF-8; export it again as UTF-8.")
	}
	var in patientIn
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&in); err != nil {
		return goldthread.Participant{}, goldthread.FieldError("Patient", "This is not a FHIR Patient in JSON: %v.", err)
	}
	if in.ResourceType != "Patient" {
		return goldthread.Participant{}, goldthread.FieldError("Patient.resourceType", "Send a Patient resource; this is %q.", in.ResourceType)
	}
	var p goldthread.Participant
	if err := in.names(&p); err != nil {
		return p, err
	}
	if in.BirthDate == "" {
		return p, goldthread.FieldError("Patient.birthDate", "The Patient has no birthDate; an intake needs the date of birth.")
	}
	d, err := goldthread.ParseDate(in.BirthDate)
	if err != nil {
		return p, goldthread.FieldError("Patient.birthDate", "%q is not a full date (YYYY-MM-DD); a year or month alone is not enough for an intake.", in.BirthDate)
	}
	p.BirthDate = d
	switch in.Gender {
	case "female":
		p.Gender = "F"
	case "male":
		p.Gender = "M"
	case "", "other", "unknown":
		p.Gender = "U"
	default:
		return p, goldthread.FieldError("Patient.gender", "%q is not a FHIR administrative gender (male, female, other, unknown).", in.Gender)
	}
	for _, id := range in.Identifier {
		if p.MedicaidID == "" && medicaidIdentifier(id.Type, id.System) {
			p.MedicaidID = id.Value
		}
	}
	for _, t := range in.Telecom {
		switch {
		case t.System == "phone" && p.Phone == "":
			p.Phone = t.Value
		case t.System == "email" && p.Email == "":
			p.Email = t.Value
		}
	}
	for i, a := range in.Address {
		if a.Use != "" && a.Use != "home" || p.Address.Line1 != "" {
			continue
		}
		if len(a.Line) > 2 {
			return p, goldthread.FieldError(fmt.Sprintf("Patient.address[%d].line", i), "Put the street address in at most two lines.")
		}
		p.Address = goldthread.Address{Line1: strings.Join(a.Line, ", "), City: a.City, State: a.State, PostalCode: a.PostalCode}
	}
	for _, c := range in.Communication {
		if p.Language == "" || c.Preferred {
			p.Language = languageName(c.Language)
		}
	}
	return p, nil
}

// names takes the official (or first) name as the legal name and a usual
// or nickname given name as the preferred first name.
func (in patientIn) names(p *goldthread.Participant) error {
	legal := -1
	for i, n := range in.Name {
		if n.Use == "official" || (legal < 0 && n.Use != "usual" && n.Use != "nickname" && n.Use != "old" && n.Use != "maiden") {
			legal = i
		}
	}
	if legal < 0 {
		return goldthread.FieldError("Patient.name", "The Patient has no official name; an intake needs the legal first and last name.")
	}
	n := in.Name[legal]
	at := fmt.Sprintf("Patient.name[%d]", legal)
	if strings.TrimSpace(n.Family) == "" {
		return goldthread.FieldError(at+".family", "The official name has no family name.")
	}
	if len(n.Given) == 0 || strings.TrimSpace(n.Given[0]) == "" {
		return goldthread.FieldError(at+".given", "The official name has no given name.")
	}
	p.FirstName, p.LastName = n.Given[0], n.Family
	for _, o := range in.Name {
		if (o.Use == "usual" || o.Use == "nickname") && len(o.Given) > 0 && o.Given[0] != p.FirstName {
			p.PreferredName = o.Given[0]
			break
		}
	}
	return nil
}

// medicaidIdentifier recognises a Medicaid ID: typed "MA" in v2-0203, or a
// system that says Medicaid (ours, or a state's).
func medicaidIdentifier(t *CodeableConcept, system string) bool {
	if t != nil {
		for _, c := range t.Coding {
			if c.System == SystemIdentifierType && c.Code == "MA" {
				return true
			}
		}
	}
	return strings.Contains(strings.ToLower(system), "medicaid")
}

// languageName is a language as a person reads it: the text, the display,
// or the code ("es") when nothing else is given.
func languageName(c CodeableConcept) string {
	if c.Text != "" {
		return c.Text
	}
	for _, cd := range c.Coding {
		if cd.Display != "" {
			return cd.Display
		}
	}
	if len(c.Coding) > 0 {
		return c.Coding[0].Code
	}
	return ""
}
