package fhir

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
)

// TestParsePatientRoundTrip: the Patient Goldthread exports reads back as
// the same person (what a second agency importing our export needs).
func TestParsePatientRoundTrip(t *testing.T) {
	data, err := os.ReadFile("testdata/participant-12.json")
	if err != nil {
		t.Fatal(err)
	}
	var b struct {
		Entry []struct{ Resource json.RawMessage } `json:"entry"`
	}
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatal(err)
	}
	p, err := ParsePatient(b.Entry[0].Resource)
	if err != nil {
		t.Fatal(err)
	}
	if p.FirstName == "" || p.LastName == "" || p.BirthDate.IsZero() || p.MedicaidID == "" {
		t.Fatalf("round trip lost something: %+v", p)
	}
}

// TestParsePatient: names, gender, identifier, telecom, address and
// language come from another system's Patient; errors name the element.
func TestParsePatient(t *testing.T) {
	good := `{"resourceType":"Patient","identifier":[{"system":"urn:oid:2.16.840.1.113883.4.1","value":"123-45-6789"},
		{"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MA"}]},"system":"https://example.org/nc-medicaid","value":"946271835K"}],
		"name":[{"use":"usual","given":["Marc"],"family":"Bell"},{"use":"official","given":["Marcus","James"],"family":"Bell"}],
		"gender":"male","birthDate":"1992-04-12","telecom":[{"system":"email","value":"m@example.org"},{"system":"phone","value":"(828) 555-0101"}],
		"address":[{"use":"work","line":["1 Office Way"]},{"line":["155 Haywood Rd","Apt 4"],"city":"Asheville","state":"NC","postalCode":"28806"}],
		"communication":[{"language":{"coding":[{"code":"es","display":"Spanish"}]},"preferred":true}],"maritalStatus":{"text":"ignored"}}`
	p, err := ParsePatient([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	want := goldthread.Participant{FirstName: "Marcus", LastName: "Bell", PreferredName: "Marc", Gender: "M", BirthDate: goldthread.NewDate(1992, 4, 12),
		MedicaidID: "946271835K", Phone: "(828) 555-0101", Email: "m@example.org", Language: "Spanish",
		Address: goldthread.Address{Line1: "155 Haywood Rd, Apt 4", City: "Asheville", State: "NC", PostalCode: "28806"}}
	if !reflect.DeepEqual(p, want) {
		t.Fatalf("got  %+v\nwant %+v", p, want)
	}
	for _, c := range []struct{ old, new, element string }{
		{`"resourceType":"Patient"`, `"resourceType":"Practitioner"`, "Patient.resourceType"},
		{`"birthDate":"1992-04-12"`, `"birthDate":"1992"`, "Patient.birthDate"},
		{`"birthDate":"1992-04-12",`, ``, "Patient.birthDate"},
		{`"gender":"male"`, `"gender":"M"`, "Patient.gender"},
		{`"given":["Marcus","James"],"family":"Bell"`, `"given":["Marcus"]`, "Patient.name[1].family"},
		{`{"use":"official","given":["Marcus","James"],"family":"Bell"}`, `{"use":"old","given":["M"],"family":"B"}`, "Patient.name"},
		{`"line":["155 Haywood Rd","Apt 4"]`, `"line":["a","b","c"]`, "Patient.address[1].line"},
		{`{"resourceType"`, `[{"resourceType"`, "Patient"},
	} {
		_, err := ParsePatient([]byte(strings.Replace(good, c.old, c.new, 1)))
		if goldthread.ErrorKind(err) != goldthread.EINVALID || goldthread.ErrorField(err) != c.element {
			t.Errorf("%s -> %s: %v; want EINVALID on %s", c.old, c.new, err, c.element)
		}
	}
}
