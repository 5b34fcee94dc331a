package store_test

import (
	"context"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestPasswordsNotFromTheAgencyOrThePerson: the agency's own name (the
// first guess against its people) and the person's name or email are
// refused wherever a password is chosen, naming the field.
func TestPasswordsNotFromTheAgencyOrThePerson(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db) // "Fixture Peer Services"
		t.Run("ChangingOnesOwn", func(t *testing.T) {
			for _, pw := range []string{"Fixture Peer Services", "fixture peer services 2026!", "Pat Peer 2026 2026", "peer@fixture.test!!"} {
				err := db.SetPassword(ctx, f.Peer, f.Peer.UserID, storetest.Password, pw, cheap)
				wantKind(t, err, goldthread.EINVALID, "new_password")
			}
		})
		t.Run("NewStaff", func(t *testing.T) {
			s := goldthread.Staff{Email: "new@fixture.test", Name: "Nia New", Roles: []goldthread.Role{goldthread.RolePeer}}
			err := db.AddStaff(ctx, f.Admin, &s, "FixturePeerServices!", cheap)
			wantKind(t, err, goldthread.EINVALID, "password")
		})
		t.Run("FirstAdministrator", func(t *testing.T) {
			_, _, err := db.CreateAgencyWithAdministrator(ctx, store.NewAgency{Agency: goldthread.Agency{Slug: "harbor", Name: "Harbor Light Recovery"},
				AdminName: "Hal Admin", Email: "hal@harbor.test", Password: "Harbor Light Recovery 1"}, cheap)
			wantKind(t, err, goldthread.EINVALID, "password")
		})
		t.Run("ALongSentenceStillWorks", func(t *testing.T) {
			if err := db.SetPassword(ctx, f.Peer, f.Peer.UserID, storetest.Password, "my fixture is a bicycle with two bells", cheap); err != nil {
				t.Fatal(err)
			}
		})
	})
}
