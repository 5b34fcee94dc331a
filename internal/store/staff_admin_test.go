package store_test

import (
	"context"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/password"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

var cheap = password.Params{Memory: 64, Time: 1, Threads: 1}

func TestStaffAdministration(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		pol := store.DefaultSessionPolicy
		t.Run("ErrOnlyAdministrators", func(t *testing.T) {
			s := goldthread.Staff{Email: "x@fixture.test", Name: "X", Roles: []goldthread.Role{goldthread.RolePeer}}
			if err := db.AddStaff(ctx, f.Supervisor, &s, "a long enough passphrase", cheap); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("err = %v", err)
			}
			if err := db.UpdateStaff(ctx, f.Supervisor, f.Peer.UserID, store.StaffChange{Name: "x", Roles: []goldthread.Role{goldthread.RoleAdministrator}, Active: true}); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("a supervisor changed roles: %v", err)
			}
		})
		t.Run("ErrWeakFirstPassword", func(t *testing.T) {
			s := goldthread.Staff{Email: "y@fixture.test", Name: "Y", Roles: []goldthread.Role{goldthread.RolePeer}}
			if err := db.AddStaff(ctx, f.Admin, &s, "password123", cheap); goldthread.ErrorField(err) != "password" {
				t.Fatalf("err = %v", err)
			}
		})
		// addPeer adds a peer of the subtest's own, who signs in with
		// "welcome to the team today".
		addPeer := func(t *testing.T, email, first string) goldthread.Staff {
			t.Helper()
			s := goldthread.Staff{Email: email, Name: first + " New", FirstName: first, LastName: "New", Credential: "CPSS",
				Roles: []goldthread.Role{goldthread.RolePeer}}
			if err := db.AddStaff(ctx, f.Admin, &s, "welcome to the team today", cheap); err != nil {
				t.Fatal(err)
			}
			return s
		}
		t.Run("AddStaffSignsIn", func(t *testing.T) {
			newPeer := addPeer(t, "new.peer@fixture.test", "Nia")
			if _, err := db.SignIn(ctx, newPeer.Email, "welcome to the team today", "", store.SessionWeb, pol); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("RoleChangeIsAuditedAsPrivilegeChange", func(t *testing.T) {
			newPeer := addPeer(t, "role.change@fixture.test", "Rio")
			err := db.UpdateStaff(ctx, f.Admin, newPeer.ID, store.StaffChange{Name: "Rio New", FirstName: "Rio", LastName: "New", Credential: "CPSS",
				Roles: []goldthread.Role{goldthread.RolePeer, goldthread.RoleSupervisor}, Active: true, SupervisorID: f.Supervisor.UserID})
			if err != nil {
				t.Fatal(err)
			}
			evs, _ := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{Action: goldthread.ActionPrivilegeChange})
			found := false
			for _, ev := range evs {
				if ev.RecordID == newPeer.ID && ev.Detail == "roles peer -> peer,supervisor" {
					found = true
				}
			}
			if !found {
				t.Fatalf("no privilege_change event: %+v", evs)
			}
			s, err := db.StaffMember(ctx, f.Admin, newPeer.ID)
			if err != nil || len(s.Roles) != 2 || len(s.Supervisors) != 1 || s.Supervisors[0] != f.Supervisor.UserID {
				t.Fatalf("%v %+v", err, s)
			}
		})
		t.Run("DeactivationEndsSessions", func(t *testing.T) {
			newPeer := addPeer(t, "leaving@fixture.test", "Dee")
			step, err := db.SignIn(ctx, newPeer.Email, "welcome to the team today", "", store.SessionWeb, pol)
			token := step.Token
			if err != nil {
				t.Fatal(err)
			}
			if err := db.UpdateStaff(ctx, f.Admin, newPeer.ID, store.StaffChange{Name: "Dee New", Roles: []goldthread.Role{goldthread.RolePeer}, Active: false}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Authenticate(ctx, token, store.SessionWeb, "", pol); err == nil {
				t.Fatal("a deactivated account's session still works")
			}
			if _, err := db.SignIn(ctx, newPeer.Email, "welcome to the team today", "", store.SessionWeb, pol); goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
				t.Fatalf("a deactivated account signed in: %v", err)
			}
		})
		t.Run("ErrAdministratorCannotLockThemselvesOut", func(t *testing.T) {
			err := db.UpdateStaff(ctx, f.Admin, f.Admin.UserID, store.StaffChange{Name: "Ada", Roles: []goldthread.Role{goldthread.RolePeer}, Active: true})
			if goldthread.ErrorField(err) != "roles" {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("ErrBadNPIAndSupervisor", func(t *testing.T) {
			err := db.UpdateStaff(ctx, f.Admin, f.Peer.UserID, store.StaffChange{Name: "Pat", FirstName: "Pat", LastName: "Peer", NPI: "1234567890",
				Roles: []goldthread.Role{goldthread.RolePeer}, Active: true})
			if goldthread.ErrorField(err) != "npi" {
				t.Fatalf("bad NPI: %v", err)
			}
			err = db.UpdateStaff(ctx, f.Admin, f.Peer.UserID, store.StaffChange{Name: "Pat", FirstName: "Pat", LastName: "Peer",
				Roles: []goldthread.Role{goldthread.RolePeer}, Active: true, SupervisorID: f.OtherPeer.UserID})
			if goldthread.ErrorField(err) != "supervisor_id" {
				t.Fatalf("a peer made supervisor: %v", err)
			}
			if err := db.UpdateStaff(ctx, f.Admin, f.Peer.UserID, store.StaffChange{Name: "Pat Peer", FirstName: "Pat", LastName: "Peer", NPI: "1234567893",
				Roles: []goldthread.Role{goldthread.RolePeer}, Active: true, SupervisorID: f.Supervisor.UserID}); err != nil {
				t.Fatalf("a valid NPI was refused: %v", err)
			}
		})
		t.Run("ChangeOwnPassword", func(t *testing.T) {
			step, _ := db.SignIn(ctx, f.Emails[goldthread.RoleBilling], storetest.Password, "", store.SessionWeb, pol)
			token, actor := step.Token, step.Actor
			step, _ = db.SignIn(ctx, f.Emails[goldthread.RoleBilling], storetest.Password, "", store.SessionWeb, pol)
			other := step.Token
			if err := db.SetPassword(ctx, actor, actor.UserID, "wrong", "a new long passphrase here", cheap); goldthread.ErrorField(err) != "current_password" {
				t.Fatalf("wrong current: %v", err)
			}
			if err := db.SetPassword(ctx, actor, actor.UserID, storetest.Password, "a new long passphrase here", cheap); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Authenticate(ctx, token, store.SessionWeb, "", pol); err != nil {
				t.Fatalf("the session that changed the password ended: %v", err)
			}
			if _, err := db.Authenticate(ctx, other, store.SessionWeb, "", pol); err == nil {
				t.Fatal("other sessions survived a password change")
			}
			if _, err := db.SignIn(ctx, f.Emails[goldthread.RoleBilling], "a new long passphrase here", "", store.SessionWeb, pol); err != nil {
				t.Fatal(err)
			}
		})
	})
}
