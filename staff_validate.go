package goldthread

import (
	"net/mail"
	"strings"
	"unicode/utf8"
)

// NormalizeEmail lower-cases and trims an address, so sign-in does not
// depend on how a person typed it.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ValidateNew normalizes and checks a new account's email, name and roles,
// then what a claim would carry of it (ValidateClaimName); EINVALID names
// the field. taxonomyProblem says what is wrong with a provider taxonomy
// code, or "" (the 837P writer's rule, passed in so the root imports no
// claim format).
func (s *Staff) ValidateNew(taxonomyProblem func(code string) string) error {
	s.Email = NormalizeEmail(s.Email)
	if _, err := mail.ParseAddress(s.Email); err != nil || !strings.Contains(s.Email, "@") {
		return FieldError("email", "Enter an email address such as name@agency.org.")
	}
	if strings.TrimSpace(s.Name) == "" {
		return FieldError("name", "Enter the person's name.")
	}
	if len(s.Roles) == 0 {
		return FieldError("roles", "Choose at least one role.")
	}
	for _, r := range s.Roles {
		if !r.Valid() {
			return FieldError("roles", "%q is not a role; choose one of peer, supervisor, clinician, billing, administrator, auditor, participant.", r)
		}
	}
	return s.ValidateClaimName(taxonomyProblem)
}

// ValidateChange checks an administrator's change to an account: a name,
// at least one role and only staff roles (a participant's account is made
// through the portal, never by a role change), an NPI that passes npiValid
// (the 837P writer's check digit, passed in like taxonomyProblem), then
// ValidateClaimName and ValidateRenderingNames. EINVALID names the field.
// Who may make the change, and that administrators never lock themselves
// out, depend on the actor and stay with the store.
func (s *Staff) ValidateChange(npiValid func(string) bool, taxonomyProblem func(code string) string) error {
	s.Name = strings.TrimSpace(s.Name)
	switch {
	case s.Name == "":
		return FieldError("name", "Enter the person's name.")
	case len(s.Roles) == 0:
		return FieldError("roles", "Choose at least one role.")
	case s.NPI != "" && !npiValid(s.NPI):
		return FieldError("npi", "An NPI is 10 digits with a valid check digit; check it against the NPI registry.")
	}
	for _, r := range s.Roles {
		if !r.Valid() || r == RoleParticipant {
			return FieldError("roles", "%q is not a staff role.", r)
		}
	}
	if err := s.ValidateClaimName(taxonomyProblem); err != nil {
		return err
	}
	return s.ValidateRenderingNames()
}

// claimFirstMax and claimLastMax are the longest first and last names
// the 837P carries (NM104, NM103).
const claimFirstMax, claimLastMax = 35, 60

// ValidateClaimName checks what a claim would carry of s: names that fit
// their elements and a well-formed taxonomy code (taxonomyProblem, as
// ValidateNew). The names are saved trimmed, the code trimmed and in
// capitals. Returns EINVALID naming "first_name", "last_name" or
// "taxonomy".
func (s *Staff) ValidateClaimName(taxonomyProblem func(code string) string) error {
	s.FirstName, s.LastName = strings.TrimSpace(s.FirstName), strings.TrimSpace(s.LastName)
	s.Taxonomy = strings.ToUpper(strings.TrimSpace(s.Taxonomy))
	switch {
	case utf8.RuneCountInString(s.FirstName) > claimFirstMax:
		return FieldError("first_name", "A first name on a claim is at most %d %{character|characters}; shorten it.", claimFirstMax)
	case utf8.RuneCountInString(s.LastName) > claimLastMax:
		return FieldError("last_name", "A last name on a claim is at most %d %{character|characters}; shorten it.", claimLastMax)
	case s.Taxonomy != "" && taxonomyProblem(s.Taxonomy) != "":
		return FieldError("taxonomy", "The taxonomy code %s; the peer specialist code is 175T00000X (NUCC taxonomy list).",
			taxonomyProblem(s.Taxonomy))
	}
	return nil
}

// ValidateRenderingNames: an active staff member who renders services (a
// peer or supervisor) needs a first and a last name, typed apart, because
// claims name the rendering provider by each (837P NM1*82) and Goldthread
// never splits the full name to guess them. EINVALID on "first_name" or
// "last_name".
func (s Staff) ValidateRenderingNames() error {
	if !s.Active || !s.RendersServices() {
		return nil
	}
	who := strings.TrimSpace(s.Name)
	if who == "" {
		who = "the person"
	}
	switch {
	case strings.TrimSpace(s.FirstName) == "":
		return FieldError("first_name", "Enter %s's first name: claims name whoever renders services by first and last name (837P NM1*82).", who)
	case strings.TrimSpace(s.LastName) == "":
		return FieldError("last_name", "Enter %s's last name: claims name whoever renders services by first and last name (837P NM1*82).", who)
	}
	return nil
}
