package goldthread_test

import (
	"testing"

	"github.com/goldthread/goldthread"
)

func TestCareTeamMemberValidate(t *testing.T) {
	type m = goldthread.CareTeamMember
	staff := func() m { return m{ParticipantID: 1, Kind: goldthread.CareStaff, StaffID: 3} }
	provider := func() m {
		return m{ParticipantID: 1, Kind: goldthread.CareProvider, Name: "Dr. Ruiz", Role: "prescriber", Organisation: "County clinic"}
	}
	natural := func() m {
		return m{ParticipantID: 1, Kind: goldthread.CareNatural, Name: "Ana", Relationship: "sister"}
	}
	checkRules(t, staff, (*m).Validate, []ruleCase[m]{
		{"a kind", func(m *m) { m.Kind = "pet" }, "kind", "agency staff, an outside provider or a natural support"},
		{"staff names the staff member", func(m *m) { m.StaffID = 0 }, "staff_id", "Choose the staff member"},
	})
	checkRules(t, provider, (*m).Validate, []ruleCase[m]{
		{"a provider's role", func(m *m) { m.Role = " " }, "role", "what the provider does"},
		{"a provider's organisation", func(m *m) { m.Organisation = "" }, "organisation", "the provider's organisation"},
	})
	checkRules(t, natural, (*m).Validate, []ruleCase[m]{
		{"a natural support's relationship", func(m *m) { m.Relationship = "" }, "relationship", "relationship to the participant"},
		{"no full name of family", func(m *m) { m.Name = "Ana Lopez" }, "name", "only a first name or an initial"},
		{"no long name of family", func(m *m) { m.Name = "Anastasiaanastasiaana" }, "name", "only a first name or an initial"},
	})
}

// TestCareTeamMemberValidateKeepsItsKindsFields: a member keeps only the
// fields of its kind, so a natural support never carries an organisation
// typed before the kind changed.
func TestCareTeamMemberValidateKeepsItsKindsFields(t *testing.T) {
	n := goldthread.CareTeamMember{Kind: goldthread.CareNatural, Name: " Ana ", Relationship: "sister", StaffID: 3, Role: "x", Organisation: "y"}
	if err := n.Validate(); err != nil {
		t.Fatal(err)
	}
	if n.Name != "Ana" || n.StaffID != 0 || n.Role != "" || n.Organisation != "" {
		t.Errorf("natural support after Validate: %+v", n)
	}
	p := goldthread.CareTeamMember{Kind: goldthread.CareProvider, Role: "prescriber", Organisation: "Clinic", StaffID: 3, Relationship: "x"}
	if err := p.Validate(); err != nil || p.StaffID != 0 || p.Relationship != "" {
		t.Errorf("provider after Validate: %+v %v", p, err)
	}
	s := goldthread.CareTeamMember{Kind: goldthread.CareStaff, StaffID: 3, Organisation: "y", Relationship: "x"}
	if err := s.Validate(); err != nil || s.Organisation != "" || s.Relationship != "" {
		t.Errorf("staff after Validate: %+v %v", s, err)
	}
}
