package goldthread_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
)

// TestRolePolicy is the role × capability table: for every capability, the
// roles that may use it, every other role refused. It fails when any rule
// of policy.go changes, so a change of who may do what is made here on
// purpose, in the same commit.
func TestRolePolicy(t *testing.T) {
	cases := []struct {
		name    string
		can     func(goldthread.Actor) bool
		allowed string // the roles that may, space-separated; every other role may not
	}{
		{"IsSignedIn", goldthread.IsSignedIn, "peer supervisor clinician billing administrator auditor participant"},
		{"IsStaff", goldthread.IsStaff, "peer supervisor clinician billing administrator auditor"},
		{"IsParticipant", goldthread.IsParticipant, "participant"},
		{"CanReadParticipants", goldthread.CanReadParticipants, "peer supervisor clinician billing auditor participant"},
		{"CanRegisterParticipants", goldthread.CanRegisterParticipants, "supervisor clinician administrator"},
		{"CanEditParticipants", goldthread.CanEditParticipants, "peer supervisor clinician"},
		{"CanEnrol", goldthread.CanEnrol, "supervisor clinician"},
		{"CanBreakGlass", goldthread.CanBreakGlass, "peer supervisor clinician"},
		{"CanReadPlans", goldthread.CanReadPlans, "peer supervisor clinician auditor participant"},
		{"CanWritePlans", goldthread.CanWritePlans, "peer supervisor clinician"},
		{"CanSignPlans", goldthread.CanSignPlans, "peer clinician participant"},
		{"CanEnterEligibility", goldthread.CanEnterEligibility, "clinician"},
		{"CanVerifyConsents", goldthread.CanVerifyConsents, "supervisor clinician"},
		{"CanWriteNotes", goldthread.CanWriteNotes, "peer supervisor"},
		{"CanFacilitateGroups", goldthread.CanFacilitateGroups, "peer supervisor"},
		{"CanPlanVisits", goldthread.CanPlanVisits, "peer supervisor"},
		{"CanReadNarratives", goldthread.CanReadNarratives, "peer supervisor clinician auditor"},
		{"CanReviewNotes", goldthread.CanReviewNotes, "supervisor"},
		{"CanSeeFindings", goldthread.CanSeeFindings, "peer supervisor clinician billing auditor"},
		{"CanRecordRecoveryCapital", goldthread.CanRecordRecoveryCapital, "peer supervisor clinician"},
		{"CanReadDisclosures", goldthread.CanReadDisclosures, "peer supervisor clinician auditor participant"},
		{"CanRelease", goldthread.CanRelease, "peer supervisor clinician"},
		{"CanDisclose", goldthread.CanDisclose, "peer supervisor clinician participant"},
		{"CanReadAccessLog", goldthread.CanReadAccessLog, "clinician auditor participant"},
		{"CanDecideAmendments", goldthread.CanDecideAmendments, "supervisor clinician"},
		{"CanManagePortalAccounts", goldthread.CanManagePortalAccounts, "peer supervisor clinician"},
		{"CanAdminister", goldthread.CanAdminister, "administrator"},
		{"CanListStaff", goldthread.CanListStaff, "supervisor administrator"},
		{"CanManageTeam", goldthread.CanManageTeam, "supervisor administrator"},
		{"CanWriteCredentials", goldthread.CanWriteCredentials, "peer supervisor clinician billing administrator"},
		{"CanReadSupervision", goldthread.CanReadSupervision, "peer supervisor administrator auditor"},
		{"CanLogSupervision", goldthread.CanLogSupervision, "supervisor"},
		{"CanCoachLanguage", goldthread.CanCoachLanguage, "supervisor administrator"},
		{"CanReadPrograms", goldthread.CanReadPrograms, "supervisor clinician billing administrator"},
		{"CanReadRules", goldthread.CanReadRules, "supervisor billing administrator auditor"},
		{"CanBill", goldthread.CanBill, "billing"},
		{"CanReadClaims", goldthread.CanReadClaims, "billing auditor"},
		{"CanReadBilling", goldthread.CanReadBilling, "billing administrator auditor"},
		{"CanWriteBillingSettings", goldthread.CanWriteBillingSettings, "billing administrator"},
		{"CanReadTeamDashboard", goldthread.CanReadTeamDashboard, "supervisor administrator"},
		{"CanReadProgramDashboard", goldthread.CanReadProgramDashboard, "supervisor clinician administrator auditor"},
		{"CanExport", goldthread.CanExport, "peer supervisor clinician billing auditor"},
		{"CanReadAudit", goldthread.CanReadAudit, "administrator auditor"},
	}
	for _, c := range cases {
		allowed := strings.Fields(c.allowed)
		for _, role := range goldthread.Roles {
			t.Run(c.name+"/"+string(role), func(t *testing.T) {
				want := slices.Contains(allowed, string(role))
				if got := c.can(goldthread.Actor{UserID: 1, AgencyID: 1, Roles: []goldthread.Role{role}}); got != want {
					t.Errorf("%s for a %s = %v; want %v", c.name, role, got, want)
				}
			})
		}
		t.Run(c.name+"/anonymous", func(t *testing.T) {
			if c.can(goldthread.Actor{}) {
				t.Errorf("%s lets nobody in", c.name)
			}
		})
		// The router lets a person in when any of their roles is on the
		// route's list (RolesThat): true only if each capability is a
		// disjunction of roles, so two roles together may exactly what
		// either may alone.
		t.Run(c.name+"/AnyRoleSuffices", func(t *testing.T) {
			for i, a := range goldthread.Roles {
				for _, b := range goldthread.Roles[i+1:] {
					both := goldthread.Actor{UserID: 1, AgencyID: 1, Roles: []goldthread.Role{a, b}}
					alone := c.can(goldthread.Actor{UserID: 1, Roles: []goldthread.Role{a}}) || c.can(goldthread.Actor{UserID: 1, Roles: []goldthread.Role{b}})
					if c.can(both) != alone {
						t.Errorf("%s for %s and %s together = %v; either alone gives %v", c.name, a, b, c.can(both), alone)
					}
				}
			}
		})
		t.Run(c.name+"/RolesThat", func(t *testing.T) {
			var got []string
			for _, r := range goldthread.RolesThat(c.can) {
				got = append(got, string(r))
			}
			if want := inRoleOrder(allowed); !slices.Equal(got, want) {
				t.Errorf("RolesThat(%s) = %v; want %v", c.name, got, want)
			}
		})
	}
}

// inRoleOrder sorts role names in the order of goldthread.Roles.
func inRoleOrder(names []string) []string {
	var out []string
	for _, r := range goldthread.Roles {
		if slices.Contains(names, string(r)) {
			out = append(out, string(r))
		}
	}
	return out
}
