package goldthread

import (
	"strings"
	"unicode/utf8"
)

// Validate checks m by kind and returns EINVALID naming the field, then
// clears the fields its kind does not keep. A natural support is recorded by
// relationship and at most one word of name (a first name or an initial):
// the product never collects the full names of family and friends.
func (m *CareTeamMember) Validate() error {
	m.Name, m.Role, m.Organisation = strings.TrimSpace(m.Name), strings.TrimSpace(m.Role), strings.TrimSpace(m.Organisation)
	m.Relationship, m.Phone = strings.TrimSpace(m.Relationship), strings.TrimSpace(m.Phone)
	switch m.Kind {
	case CareStaff:
		if m.StaffID == 0 {
			return FieldError("staff_id", "Choose the staff member.")
		}
		m.Organisation, m.Relationship = "", ""
	case CareProvider:
		switch {
		case m.Role == "":
			return FieldError("role", "Enter what the provider does for the participant, for example prescriber.")
		case m.Organisation == "":
			return FieldError("organisation", "Enter the provider's organisation.")
		}
		m.StaffID, m.Relationship = 0, ""
	case CareNatural:
		switch {
		case m.Relationship == "":
			return FieldError("relationship", "Enter the relationship to the participant, for example sister or friend.")
		case strings.ContainsAny(m.Name, " \t") || utf8.RuneCountInString(m.Name) > 20:
			return FieldError("name", "For family and friends write only a first name or an initial, never a full name.")
		}
		m.StaffID, m.Role, m.Organisation = 0, "", ""
	default:
		return FieldError("kind", "Choose agency staff, an outside provider or a natural support.")
	}
	return nil
}
