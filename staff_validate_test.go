package goldthread_test

import (
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
)

// taxonomyProblem stands for the 837P writer's taxonomy rule in these
// cases: only the peer specialist code is well formed.
func taxonomyProblem(code string) string {
	if code != "175T00000X" {
		return "must be a 10-character taxonomy code like 175T00000X"
	}
	return ""
}

func validNewStaff() goldthread.Staff {
	return goldthread.Staff{Email: "dana@riverbend.test", Name: "Dana Peer", FirstName: "Dana", LastName: "Peer",
		Taxonomy: "175T00000X", Roles: []goldthread.Role{goldthread.RolePeer}}
}

func TestStaffValidateNew(t *testing.T) {
	type s = goldthread.Staff
	validate := func(st *s) error { return st.ValidateNew(taxonomyProblem) }
	checkRules(t, validNewStaff, validate, []ruleCase[s]{
		{"an email address", func(st *s) { st.Email = "dana" }, "email", "name@agency.org"},
		{"an email with its domain", func(st *s) { st.Email = "Dana <dana@>" }, "email", "name@agency.org"},
		{"a name", func(st *s) { st.Name = " " }, "name", "person's name"},
		{"a role", func(st *s) { st.Roles = nil }, "roles", "at least one role"},
		{"known roles", func(st *s) { st.Roles = append(st.Roles, "janitor") }, "roles", `"janitor" is not a role`},
		{"the claim's name rules", func(st *s) { st.FirstName = strings.Repeat("D", 36) }, "first_name", "at most 35 characters"},
	})
	st := validNewStaff()
	st.Email = "  Dana@Riverbend.TEST "
	if err := st.ValidateNew(taxonomyProblem); err != nil || st.Email != "dana@riverbend.test" {
		t.Errorf("email %q: %v (want accepted, lower case, trimmed)", st.Email, err)
	}
}

func TestStaffValidateClaimName(t *testing.T) {
	type s = goldthread.Staff
	validate := func(st *s) error { return st.ValidateClaimName(taxonomyProblem) }
	checkRules(t, validNewStaff, validate, []ruleCase[s]{
		{"a first name fits NM104", func(st *s) { st.FirstName = strings.Repeat("é", 36) }, "first_name", "at most 35 characters"},
		{"a last name fits NM103", func(st *s) { st.LastName = strings.Repeat("é", 61) }, "last_name", "at most 60 characters"},
		{"a well-formed taxonomy", func(st *s) { st.Taxonomy = "175T0000" }, "taxonomy", "must be a 10-character taxonomy code"},
	})
	st := validNewStaff()
	st.FirstName, st.LastName, st.Taxonomy = " "+strings.Repeat("é", 35)+" ", strings.Repeat("é", 60), " 175t00000x "
	if err := st.ValidateClaimName(taxonomyProblem); err != nil || st.Taxonomy != "175T00000X" || st.FirstName != strings.Repeat("é", 35) {
		t.Errorf("names at their limits, code in lower case: %v, taxonomy %q (want accepted, code in capitals)", err, st.Taxonomy)
	}
	st.Taxonomy = ""
	if err := st.ValidateClaimName(taxonomyProblem); err != nil {
		t.Errorf("no taxonomy refused: %v", err)
	}
}

func TestStaffValidateRenderingNames(t *testing.T) {
	type s = goldthread.Staff
	valid := func() s { st := validNewStaff(); st.Active = true; return st }
	checkRules(t, valid, (*s).ValidateRenderingNames, []ruleCase[s]{
		{"a peer's first name", func(st *s) { st.FirstName = " " }, "first_name", "Enter Dana Peer's first name"},
		{"a peer's last name", func(st *s) { st.LastName = "" }, "last_name", "Enter Dana Peer's last name"},
		{"a supervisor's first name", func(st *s) { st.Roles, st.FirstName = []goldthread.Role{goldthread.RoleSupervisor}, "" }, "first_name", "first name"},
		{"the person, when unnamed", func(st *s) { st.Name, st.FirstName = "", "" }, "first_name", "Enter the person's first name"},
	})
	for _, st := range []goldthread.Staff{
		{Name: "Ana Billing", Active: true, Roles: []goldthread.Role{goldthread.RoleBilling}},
		{Name: "Former Peer", Active: false, Roles: []goldthread.Role{goldthread.RolePeer}},
	} {
		if err := st.ValidateRenderingNames(); err != nil {
			t.Errorf("%s (active %v, %v) needs no names apart: %v", st.Name, st.Active, st.Roles, err)
		}
	}
}

// npiValid stands for the 837P writer's NPI check in these cases.
func npiValid(npi string) bool { return npi == "1234567893" }

func TestStaffValidateChange(t *testing.T) {
	type s = goldthread.Staff
	valid := func() s {
		st := validNewStaff()
		st.NPI, st.Active = "1234567893", true
		return st
	}
	validate := func(st *s) error { return st.ValidateChange(npiValid, taxonomyProblem) }
	checkRules(t, valid, validate, []ruleCase[s]{
		{"a name", func(st *s) { st.Name = "  " }, "name", "person's name"},
		{"a role", func(st *s) { st.Roles = nil }, "roles", "at least one role"},
		{"known roles", func(st *s) { st.Roles = append(st.Roles, "janitor") }, "roles", `"janitor" is not a staff role`},
		{"staff roles only", func(st *s) { st.Roles = []goldthread.Role{goldthread.RoleParticipant} }, "roles", `"participant" is not a staff role`},
		{"an NPI with its check digit", func(st *s) { st.NPI = "1234567890" }, "npi", "valid check digit"},
		{"the claim's name rules", func(st *s) { st.LastName = strings.Repeat("L", 61) }, "last_name", "at most 60 characters"},
		{"a renderer's names", func(st *s) { st.FirstName = "" }, "first_name", "first name"},
	})
	st := valid()
	st.Name, st.NPI, st.Active, st.FirstName = " Dana Peer ", "", false, ""
	if err := st.ValidateChange(npiValid, taxonomyProblem); err != nil || st.Name != "Dana Peer" {
		t.Errorf("no NPI, inactive without a first name: %v, name %q (want accepted, trimmed)", err, st.Name)
	}
}
