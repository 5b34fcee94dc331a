package goldthread

import (
	"strings"
	"testing"
)

// TestCheckTypedSignature: a typed name signs only when it is the record's
// first and last name, or the name the person goes by and their last name,
// whatever the case and spacing; initials and part of a name never do.
func TestCheckTypedSignature(t *testing.T) {
	p := Participant{FirstName: "Marcus", LastName: "Bell", PreferredName: "Mack"}
	for _, typed := range []string{"Marcus Bell", "marcus bell", "  MARCUS   Bell ", "Mack Bell", "mack\tbell"} {
		if err := CheckTypedSignature(p, typed); err != nil {
			t.Errorf("%q refused: %v", typed, err)
		}
	}
	for _, c := range []struct{ typed, says string }{
		{"MB", "Initials are not a signature"},
		{"m.b.", "Initials are not a signature"},
		{"M. B.", "Initials are not a signature"},
		{"Marcus", "does not match"},
		{"M. Bell", "does not match"},
		{"Bell", "does not match"},
		{"Marcus Bel", "does not match"},
		{"Marcus J Bell", "does not match"},
		{"Renee Alvarez", "does not match"},
		{"", "first and last name"},
		{"   ", "first and last name"},
	} {
		err := CheckTypedSignature(p, c.typed)
		if ErrorField(err) != "name" || !strings.Contains(ErrorMessage(err), c.says) {
			t.Errorf("%q: %v; want EINVALID on name saying %q", c.typed, err, c.says)
		}
	}
	if err := CheckTypedSignature(Participant{FirstName: "Al", LastName: "Bo"}, "al bo"); err != nil {
		t.Errorf("a short full name is refused: %v", err)
	}
}
