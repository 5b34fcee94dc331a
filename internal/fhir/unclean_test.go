package fhir

import (
	"testing"

	"github.com/goldthread/goldthread"
)

// TestUncleanPatientRefused: a Patient with an escaped NUL or bytes that
// are not UTF-8 is refused naming the resource.
func TestUncleanPatientRefused(t *testing.T) {
	for _, body := range []string{`{"resourceType":"Patient","name":[{"family":"Ruiz\u0000","given":["Ana"]}],"birthDate":"1990-01-02"}`,
		"{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Ruiz\xff\"}],\"birthDate\":\"1990-01-02\"}"} {
		if _, err := ParsePatient([]byte(body)); goldthread.ErrorField(err) != "Patient" {
			t.Fatalf("%q: err = %v", body, err)
		}
	}
}
