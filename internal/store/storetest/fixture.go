package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/password"
	"github.com/goldthread/goldthread/internal/store"
)

// Password is the password of every fixture account.
const Password = "fixture password 1"

// cheap keeps fixture hashing fast; production hashes use password.Default.
var cheap = password.Params{Memory: 64, Time: 1, Threads: 1}

// Fixture is a small agency for tests: two peers with a caseload each, the
// supervisor of the first peer only, one of each other role, and a
// participant with an account of their own. A second agency holds one
// participant nobody in the first may reach.
type Fixture struct {
	Agency                                          goldthread.Agency
	Program                                         goldthread.Program
	Peer, OtherPeer, Supervisor, Clinician, Billing goldthread.Actor
	Admin, Auditor, ParticipantUser                 goldthread.Actor
	Mine, MineToo, Others, Foreign                  goldthread.Participant // Mine/MineToo: Peer's; Others: OtherPeer's; Foreign: other agency
	Emails                                          map[goldthread.Role]string
}

// MustFixture builds the fixture in db.
func MustFixture(t testing.TB, db *store.DB) *Fixture {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("fixture: %v", err)
		}
	}
	f := &Fixture{Emails: map[goldthread.Role]string{}}
	f.Agency = goldthread.Agency{Slug: "fixture", Name: "Fixture Peer Services",
		Billing: goldthread.BillingIdentity{LegalName: "Fixture Peer Services, Inc.", NPI: "1234567893"}}
	must(db.CreateAgency(ctx, &f.Agency))
	sys := goldthread.Operator(f.Agency.ID, "fixture")
	f.Program = goldthread.Program{AgencyID: f.Agency.ID, Name: "NC peer support", RulePack: "us-nc-medicaid-8g-pss", State: "NC", Active: true}
	must(db.CreateProgram(ctx, &f.Program))
	hash, err := password.Hash(Password, cheap)
	must(err)
	staff := func(email, name string, roles ...goldthread.Role) goldthread.Actor {
		t.Helper()
		// The fixture's names are two plain words, typed apart as an
		// administrator would.
		first, last, _ := strings.Cut(name, " ")
		s := goldthread.Staff{AgencyID: f.Agency.ID, Email: email, Name: name, FirstName: first, LastName: last, Roles: roles}
		must(db.CreateStaff(ctx, &s, hash, 0))
		if _, ok := f.Emails[roles[0]]; !ok {
			f.Emails[roles[0]] = email
		}
		return goldthread.Actor{UserID: s.ID, AgencyID: f.Agency.ID, Name: name, Roles: roles}
	}
	f.Peer = staff("peer@fixture.test", "Pat Peer", goldthread.RolePeer)
	f.OtherPeer = staff("other@fixture.test", "Oli Other", goldthread.RolePeer)
	f.Supervisor = staff("super@fixture.test", "Sue Supervisor", goldthread.RoleSupervisor)
	f.Clinician = staff("clin@fixture.test", "Cal Clinician", goldthread.RoleClinician)
	f.Billing = staff("bill@fixture.test", "Bo Billing", goldthread.RoleBilling)
	f.Admin = staff("admin@fixture.test", "Ada Admin", goldthread.RoleAdministrator)
	f.Auditor = staff("audit@fixture.test", "Aud Auditor", goldthread.RoleAuditor)
	must(db.LinkSupervisor(ctx, f.Agency.ID, f.Supervisor.UserID, f.Peer.UserID, false))

	person := func(first, last, medicaidID string) goldthread.Participant {
		t.Helper()
		p := goldthread.Participant{FirstName: first, LastName: last, BirthDate: goldthread.NewDate(1985, 4, 12), MedicaidID: medicaidID}
		must(db.CreateParticipant(ctx, sys, &p))
		must(db.Enroll(ctx, sys, p.ID, f.Program.ID, goldthread.NewDate(2026, 1, 5)))
		return p
	}
	f.Mine = person("Marcus", "Bell", "900000001Q")
	f.MineToo = person("Renee", "Alvarez", "900000002Q")
	f.Others = person("Tom", "Others", "900000003Q")
	must(db.AssignCaseload(ctx, sys, f.Mine.ID, f.Peer.UserID, goldthread.NewDate(2026, 1, 5)))
	must(db.AssignCaseload(ctx, sys, f.MineToo.ID, f.Peer.UserID, goldthread.NewDate(2026, 1, 5)))
	must(db.AssignCaseload(ctx, sys, f.Others.ID, f.OtherPeer.UserID, goldthread.NewDate(2026, 1, 5)))

	pu := goldthread.Staff{AgencyID: f.Agency.ID, Email: "marcus@fixture.test", Name: "Marcus Bell", Roles: []goldthread.Role{goldthread.RoleParticipant}}
	must(db.CreateStaff(ctx, &pu, hash, f.Mine.ID))
	f.Emails[goldthread.RoleParticipant] = pu.Email
	f.ParticipantUser = goldthread.Actor{UserID: pu.ID, AgencyID: f.Agency.ID, Name: pu.Name, Roles: pu.Roles, ParticipantID: f.Mine.ID}

	other := goldthread.Agency{Slug: "elsewhere", Name: "Elsewhere Agency"}
	must(db.CreateAgency(ctx, &other))
	f.Foreign = goldthread.Participant{FirstName: "Far", LastName: "Away", BirthDate: goldthread.NewDate(1970, 1, 1)}
	must(db.CreateParticipant(ctx, goldthread.Operator(other.ID, "fixture"), &f.Foreign))
	return f
}
