package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/password"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestRolesThatReadRecordsNeedASecondAdministrator: an administrator never
// gives themselves a role that reads participants' records; with another
// administrator in the agency such a grant waits, out of force, for that
// second administrator (never the one who asked); alone it stands but is
// listed as given alone. Every grant is audited and listed for
// administrators and auditors; a decided grant never changes.
func TestRolesThatReadRecordsNeedASecondAdministrator(t *testing.T) {
	ctx := context.Background()
	pol := store.DefaultSessionPolicy
	rolesAtSignIn := func(t *testing.T, db *store.DB, email string) []goldthread.Role {
		t.Helper()
		step, err := db.SignIn(ctx, email, storetest.Password, "192.0.2.1", store.SessionWeb, pol)
		if err != nil {
			t.Fatal(err)
		}
		return step.Actor.Roles
	}
	change := func(db *store.DB, actor goldthread.Actor, userID int64, name string, roles ...goldthread.Role) error {
		first, last, _ := strings.Cut(name, " ")
		return db.UpdateStaff(ctx, actor, userID, store.StaffChange{Name: name, FirstName: first, LastName: last, Roles: roles, Active: true})
	}
	// grants lists the agency's grants of the last hour on the store's
	// clock, newest first.
	grants := func(t *testing.T, db *store.DB, actor goldthread.Actor) []store.RoleGrant {
		t.Helper()
		list, err := db.RoleGrants(ctx, actor, db.Now().Add(-time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		return list
	}
	// secondAdmin adds Bea, a second administrator: from then on a grant
	// of a record-reading role waits for the administrator who did not
	// ask.
	secondAdmin := func(t *testing.T, db *store.DB, f *storetest.Fixture) goldthread.Actor {
		t.Helper()
		s := goldthread.Staff{AgencyID: f.Agency.ID, Email: "bea@fixture.test", Name: "Bea Admin", Roles: []goldthread.Role{goldthread.RoleAdministrator}}
		if err := db.CreateStaff(ctx, &s, mustHash(t, storetest.Password), 0); err != nil {
			t.Fatal(err)
		}
		return goldthread.Actor{UserID: s.ID, AgencyID: f.Agency.ID, Name: s.Name, Roles: s.Roles}
	}
	// askClinicianForBilling has the fixture's administrator ask that Bo
	// Billing be a clinician too, and returns the pending grant.
	askClinicianForBilling := func(t *testing.T, db *store.DB, f *storetest.Fixture) int64 {
		t.Helper()
		if err := change(db, f.Admin, f.Billing.UserID, "Bo Billing", goldthread.RoleBilling, goldthread.RoleClinician); err != nil {
			t.Fatal(err)
		}
		list := grants(t, db, f.Admin)
		if len(list) == 0 || list[0].Status != store.GrantPending || list[0].UserID != f.Billing.UserID {
			t.Fatalf("after asking: %+v, want Bo's grant pending first", list)
		}
		return list[0].ID
	}

	t.Run("NeverToOneself", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f := storetest.MustFixture(t, db)
			err := change(db, f.Admin, f.Admin.UserID, "Ada Admin", goldthread.RoleAdministrator, goldthread.RoleClinician)
			wantKind(t, err, goldthread.EINVALID, "roles")
			if got := rolesAtSignIn(t, db, f.Emails[goldthread.RoleAdministrator]); slices.Contains(got, goldthread.RoleClinician) {
				t.Fatal("the administrator holds clinician")
			}
		})
	})
	t.Run("AloneTheGrantStandsAndIsListed", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f := storetest.MustFixture(t, db) // one administrator
			s := goldthread.Staff{Email: "cleo@fixture.test", Name: "Cleo Clinician", Roles: []goldthread.Role{goldthread.RoleClinician}}
			if err := db.AddStaff(ctx, f.Admin, &s, "a long sentence for cleo to remember", cheap); err != nil {
				t.Fatal(err)
			}
			if list := grants(t, db, f.Auditor); len(list) != 1 || list[0].Status != store.GrantGrantedAlone || list[0].UserID != s.ID {
				t.Fatalf("%+v", list)
			}
		})
	})
	t.Run("WaitsForTheSecondAdministrator", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f := storetest.MustFixture(t, db)
			bea := secondAdmin(t, db, f)
			grantID := askClinicianForBilling(t, db, f)
			if got := rolesAtSignIn(t, db, f.Emails[goldthread.RoleBilling]); slices.Contains(got, goldthread.RoleClinician) {
				t.Fatalf("clinician in force before approval: %v", got)
			}
			if err := db.DecideRoleGrant(ctx, f.Admin, grantID, true); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("the asker approved their own grant: %v", err)
			}
			if err := db.DecideRoleGrant(ctx, bea, grantID, true); err != nil {
				t.Fatal(err)
			}
			if got := rolesAtSignIn(t, db, f.Emails[goldthread.RoleBilling]); !slices.Contains(got, goldthread.RoleClinician) {
				t.Fatalf("approved but not in force: %v", got)
			}
			if err := db.DecideRoleGrant(ctx, bea, grantID, false); goldthread.ErrorKind(err) != goldthread.ECONFLICT {
				t.Fatalf("decided twice: %v", err)
			}
		})
	})
	t.Run("DeclinedTakesTheRoleOff", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f := storetest.MustFixture(t, db)
			bea := secondAdmin(t, db, f)
			if err := change(db, bea, f.Peer.UserID, "Pat Peer", goldthread.RolePeer, goldthread.RoleAuditor); err != nil {
				t.Fatal(err)
			}
			list := grants(t, db, f.Admin)
			if len(list) == 0 || list[0].Status != store.GrantPending || list[0].UserID != f.Peer.UserID {
				t.Fatalf("after asking: %+v, want Pat's grant pending first", list)
			}
			if err := db.DecideRoleGrant(ctx, f.Admin, list[0].ID, false); err != nil {
				t.Fatal(err)
			}
			if got, _ := db.StaffMember(ctx, f.Admin, f.Peer.UserID); slices.Contains(got.Roles, goldthread.RoleAuditor) {
				t.Fatalf("declined role kept: %v", got.Roles)
			}
		})
	})
	t.Run("AuditedAsPrivilegeChanges", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f := storetest.MustFixture(t, db)
			s := goldthread.Staff{Email: "cleo@fixture.test", Name: "Cleo Clinician", Roles: []goldthread.Role{goldthread.RoleClinician}}
			if err := db.AddStaff(ctx, f.Admin, &s, "a long sentence for cleo to remember", cheap); err != nil { // granted alone
				t.Fatal(err)
			}
			bea := secondAdmin(t, db, f)
			if err := db.DecideRoleGrant(ctx, bea, askClinicianForBilling(t, db, f), true); err != nil { // pending, approved
				t.Fatal(err)
			}
			if err := change(db, bea, f.Peer.UserID, "Pat Peer", goldthread.RolePeer, goldthread.RoleAuditor); err != nil {
				t.Fatal(err)
			}
			if err := db.DecideRoleGrant(ctx, f.Admin, grants(t, db, f.Admin)[0].ID, false); err != nil { // declined
				t.Fatal(err)
			}
			evs, err := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{Action: goldthread.ActionPrivilegeChange, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]bool{"status=pending": false, "status=approved": false, "status=declined": false, "status=granted_alone": false}
			for _, ev := range evs {
				for k := range want {
					if strings.HasSuffix(ev.Detail, k) {
						want[k] = true
					}
				}
			}
			for k, seen := range want {
				if !seen {
					t.Errorf("no privilege change audited with %s", k)
				}
			}
		})
	})
	t.Run("DecidedGrantNeverChanges", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f := storetest.MustFixture(t, db)
			bea := secondAdmin(t, db, f)
			grantID := askClinicianForBilling(t, db, f)
			if err := db.DecideRoleGrant(ctx, bea, grantID, true); err != nil {
				t.Fatal(err)
			}
			if _, err := db.ExecRaw(ctx, "UPDATE role_grant SET status = 'pending' WHERE id = ?", grantID); err == nil {
				t.Fatal("the database let a decided grant change")
			}
			if _, err := db.ExecRaw(ctx, "DELETE FROM role_grant WHERE id = ?", grantID); err == nil {
				t.Fatal("the database let a grant be deleted")
			}
		})
	})
}

func mustHash(t *testing.T, pw string) string {
	t.Helper()
	h, err := password.Hash(pw, cheap)
	if err != nil {
		t.Fatal(err)
	}
	return h
}
