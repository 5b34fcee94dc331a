package goldthread

import (
	"slices"
	"time"
)

// Role is what a person does in an agency. A staff member may hold several.
type Role string

const (
	RolePeer          Role = "peer"          // peer specialist: writes notes for their caseload
	RoleSupervisor    Role = "supervisor"    // reviews and co-signs the notes of their team
	RoleClinician     Role = "clinician"     // licensed: assessments, diagnoses, plan approval
	RoleBilling       Role = "billing"       // claims: codes, units, times; never narratives
	RoleAdministrator Role = "administrator" // staff, programs, settings; reads no record by default
	RoleAuditor       Role = "auditor"       // reads records and the audit trail, changes nothing
	RoleParticipant   Role = "participant"   // the person served; reads their own record
)

// Roles lists every role in the order screens show them.
var Roles = []Role{RolePeer, RoleSupervisor, RoleClinician, RoleBilling, RoleAdministrator, RoleAuditor, RoleParticipant}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Actor is who is acting: the signed-in user as every service and store call
// receives it. The zero Actor is anonymous and may do nothing.
type Actor struct {
	UserID        int64
	AgencyID      int64
	Name          string
	Roles         []Role
	ParticipantID int64 // set only for a participant's own account
	SessionID     int64
	IP            string // where the request came from, for the audit trail
	// Emergency lists participants reached through a live emergency
	// ("break the glass") grant: time-limited, audited, reported.
	Emergency []int64
	// Serving lists the members of the actor's own draft group session,
	// reached only while the store works on that session (their lines,
	// plans and notes), because a facilitator may serve in a group anyone
	// enrolled in its program. The store sets it; a session never does.
	Serving []int64
	// MFAEnabled: the person signs in with a second factor.
	// MFARequired: the agency requires one for one of their roles.
	MFAEnabled, MFARequired bool
	// HasPasskey: they have a passkey, so pages that ask for the password
	// again (to sign, approve, decide) also offer the passkey.
	HasPasskey bool
	// Zone is the agency's time zone: times of day are typed and shown on
	// its clocks and "today" is its date. Nil means UTC (see Location).
	Zone *time.Location
	// Language is the language the person reads ("en", "es"): their
	// account's choice, else for a participant's own account the language
	// of their record; "" lets the browser's Accept-Language decide.
	Language string
	// operator marks a command's actor (see Operator); unexported so that
	// nothing outside this package can forge one.
	operator bool
}

// Has reports whether the actor holds role r.
func (a Actor) Has(r Role) bool { return slices.Contains(a.Roles, r) }

// Anonymous reports whether nobody is signed in (an operator is not).
func (a Actor) Anonymous() bool { return a.UserID == 0 }

// PrimaryRole is the role that decides the actor's home page: the first of
// the actor's roles in the order of Roles.
func (a Actor) PrimaryRole() Role {
	for _, r := range Roles {
		if a.Has(r) {
			return r
		}
	}
	return ""
}
