package goldthread

// RoleOperator is the role the audit trail names for an operator's actions.
// It is not one of Roles: nobody holds it, and no sign-in can carry it.
const RoleOperator Role = "operator"

// Operator returns the actor of a command run on the server for agencyID:
// the demo loader, the seed, `goldthread claims export`. Whoever runs a
// command already holds the database, so the store lets the operator do
// what setup and billing commands need without a role; the audit trail
// names the command (name) and the role "operator". Only this function
// makes one (the mark is unexported), and no HTTP handler calls it (a test
// in internal/web walks the handlers for it): a request always acts as the
// person signed in.
func Operator(agencyID int64, name string) Actor {
	return Actor{AgencyID: agencyID, Name: name, operator: true}
}

// IsOperator reports whether a is a command's operator (see Operator).
func (a Actor) IsOperator() bool { return a.operator && a.AgencyID != 0 }

// AuditRole is the role the audit trail records for a's actions: "operator"
// for a command, else the role that decides the actor's home page.
func (a Actor) AuditRole() Role {
	if a.IsOperator() {
		return RoleOperator
	}
	return a.PrimaryRole()
}
