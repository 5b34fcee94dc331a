package fhir

// Resources the Bundle carries about who and where: the agency, its staff
// and their roles, the places services happen, the participant's coverage,
// signed note texts and the provenance of every signature and approval.

// Address is a postal address.
type Address struct {
	Use        string   `json:"use,omitempty"`
	Type       string   `json:"type,omitempty"`
	Line       []string `json:"line,omitempty"`
	City       string   `json:"city,omitempty"`
	State      string   `json:"state,omitempty"`
	PostalCode string   `json:"postalCode,omitempty"`
	Country    string   `json:"country,omitempty"`
}

// Organization is the agency.
type Organization struct {
	ResourceType string            `json:"resourceType"`
	ID           string            `json:"id"`
	Identifier   []Identifier      `json:"identifier,omitempty"`
	Active       bool              `json:"active"`
	Type         []CodeableConcept `json:"type,omitempty"`
	Name         string            `json:"name"`
	Alias        []string          `json:"alias,omitempty"`
	Address      []Address         `json:"address,omitempty"`
}

// PractitionerRole is what a staff member does at the agency.
type PractitionerRole struct {
	ResourceType string            `json:"resourceType"`
	ID           string            `json:"id"`
	Active       bool              `json:"active"`
	Practitioner Reference         `json:"practitioner"`
	Organization Reference         `json:"organization"`
	Code         []CodeableConcept `json:"code,omitempty"`
	Specialty    []CodeableConcept `json:"specialty,omitempty"`
}

// Location is a kind of place services happen (mode "kind"): the
// participant's home, the community, a school. Goldthread keeps no
// addresses of visits, only their kind.
type Location struct {
	ResourceType string            `json:"resourceType"`
	ID           string            `json:"id"`
	Status       string            `json:"status"`
	Name         string            `json:"name"`
	Mode         string            `json:"mode"`
	Type         []CodeableConcept `json:"type,omitempty"`
}

// EncounterLocation is where an Encounter happened.
type EncounterLocation struct {
	Location Reference `json:"location"`
}

// Coverage is the participant's Medicaid coverage under a program's payer.
type Coverage struct {
	ResourceType string           `json:"resourceType"`
	ID           string           `json:"id"`
	Meta         *Meta            `json:"meta,omitempty"`
	Identifier   []Identifier     `json:"identifier,omitempty"`
	Status       string           `json:"status"`
	Type         *CodeableConcept `json:"type,omitempty"`
	SubscriberID string           `json:"subscriberId,omitempty"`
	Beneficiary  Reference        `json:"beneficiary"`
	Relationship *CodeableConcept `json:"relationship,omitempty"`
	Period       *Period          `json:"period,omitempty"`
	Payor        []Reference      `json:"payor"`
	Class        []CoverageClass  `json:"class,omitempty"`
}

// CoverageClass is the program the coverage pays for.
type CoverageClass struct {
	Type  CodeableConcept `json:"type"`
	Value string          `json:"value"`
	Name  string          `json:"name,omitempty"`
}

// Attachment is content inline: base64 data with its media type.
type Attachment struct {
	ContentType string `json:"contentType"`
	Language    string `json:"language,omitempty"`
	Data        string `json:"data"`
	Hash        string `json:"hash,omitempty"` // base64 SHA-1, as FHIR defines it
	Title       string `json:"title,omitempty"`
	Creation    string `json:"creation,omitempty"`
}

// DocumentReference is the text of a signed note, with its addenda.
type DocumentReference struct {
	ResourceType  string              `json:"resourceType"`
	ID            string              `json:"id"`
	Meta          *Meta               `json:"meta,omitempty"`
	Status        string              `json:"status"`
	DocStatus     string              `json:"docStatus,omitempty"`
	Type          *CodeableConcept    `json:"type,omitempty"`
	Category      []CodeableConcept   `json:"category,omitempty"`
	Subject       Reference           `json:"subject"`
	Date          string              `json:"date,omitempty"`
	Author        []Reference         `json:"author,omitempty"`
	Authenticator *Reference          `json:"authenticator,omitempty"`
	Custodian     *Reference          `json:"custodian,omitempty"`
	Description   string              `json:"description,omitempty"`
	Content       []DocumentContent   `json:"content"`
	Context       *DocumentRefContext `json:"context,omitempty"`
}

// DocumentContent is one rendition of the document.
type DocumentContent struct {
	Attachment Attachment `json:"attachment"`
}

// DocumentRefContext ties the document to its Encounter and period.
type DocumentRefContext struct {
	Encounter []Reference `json:"encounter,omitempty"`
	Period    *Period     `json:"period,omitempty"`
}

// Provenance records one signature or approval: what was signed, when, by
// whom in which role, on behalf of the agency.
type Provenance struct {
	ResourceType string            `json:"resourceType"`
	ID           string            `json:"id"`
	Meta         *Meta             `json:"meta,omitempty"`
	Target       []Reference       `json:"target"`
	Recorded     string            `json:"recorded"`
	Activity     *CodeableConcept  `json:"activity,omitempty"`
	Agent        []ProvenanceAgent `json:"agent"`
	Signature    []Signature       `json:"signature,omitempty"`
}

// ProvenanceAgent is who acted.
type ProvenanceAgent struct {
	Type       *CodeableConcept  `json:"type,omitempty"`
	Role       []CodeableConcept `json:"role,omitempty"`
	Who        Reference         `json:"who"`
	OnBehalfOf *Reference        `json:"onBehalfOf,omitempty"`
}

// Signature is a signature's kind, time and signer (without signature
// bytes: Goldthread signs by re-authentication and keeps a content hash).
type Signature struct {
	Type []Coding  `json:"type"`
	When string    `json:"when"`
	Who  Reference `json:"who"`
}

func (Organization) fhirType() string      { return "Organization" }
func (PractitionerRole) fhirType() string  { return "PractitionerRole" }
func (Location) fhirType() string          { return "Location" }
func (Coverage) fhirType() string          { return "Coverage" }
func (DocumentReference) fhirType() string { return "DocumentReference" }
func (Provenance) fhirType() string        { return "Provenance" }
