package goldthread_test

import (
	"testing"

	"github.com/goldthread/goldthread"
)

// An operator is made only by goldthread.Operator: an actor that merely
// looks like one (an agency, nobody signed in, no role) is not.
func TestOperatorIsExplicit(t *testing.T) {
	if (goldthread.Actor{AgencyID: 1}).IsOperator() {
		t.Error("an actor with only an agency is an operator")
	}
	if goldthread.Operator(0, "no agency").IsOperator() {
		t.Error("an operator of no agency acts")
	}
	op := goldthread.Operator(7, "goldthread claims export")
	if !op.IsOperator() || op.AuditRole() != goldthread.RoleOperator || op.AgencyID != 7 || op.Name != "goldthread claims export" {
		t.Errorf("Operator(7): %+v", op)
	}
	if r := (goldthread.Actor{UserID: 3, AgencyID: 7, Roles: []goldthread.Role{goldthread.RoleBilling}}).AuditRole(); r != goldthread.RoleBilling {
		t.Errorf("a billing user is audited as %q", r)
	}
}
