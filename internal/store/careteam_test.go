package store_test

import (
	"context"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

func TestCareTeam(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		add := func(m goldthread.CareTeamMember) error {
			m.ParticipantID = f.Mine.ID
			return db.AddCareTeamMember(ctx, f.Peer, &m)
		}
		for name, c := range map[string]struct {
			m     goldthread.CareTeamMember
			field string
		}{
			"NaturalSupportFullNameRefused":   {goldthread.CareTeamMember{Kind: goldthread.CareNatural, Relationship: "sister", Name: "Anna Bell"}, "name"},
			"NaturalSupportNeedsRelationship": {goldthread.CareTeamMember{Kind: goldthread.CareNatural, Name: "A."}, "relationship"},
			"ProviderNeedsOrganisation":       {goldthread.CareTeamMember{Kind: goldthread.CareProvider, Role: "prescriber"}, "organisation"},
			"StaffOfAnotherAgency":            {goldthread.CareTeamMember{Kind: goldthread.CareStaff, StaffID: 999999}, "staff_id"},
			"UnknownKind":                     {goldthread.CareTeamMember{Kind: "neighbour"}, "kind"},
		} {
			t.Run("Err"+name, func(t *testing.T) {
				if err := add(c.m); goldthread.ErrorField(err) != c.field {
					t.Fatalf("err = %v; want EINVALID on %s", err, c.field)
				}
			})
		}
		for _, m := range []goldthread.CareTeamMember{
			{Kind: goldthread.CareNatural, Relationship: "sister", Name: "A."},
			{Kind: goldthread.CareProvider, Role: "prescriber", Organisation: "Blue Ridge Health", Name: "Dr. Osei", Phone: "(828) 555-0199"},
			{Kind: goldthread.CareStaff, StaffID: f.Peer.UserID},
		} {
			if err := add(m); err != nil {
				t.Fatal(err)
			}
		}
		t.Run("ListedStaffProvidersThenNaturalSupports", func(t *testing.T) {
			team, err := db.CareTeam(ctx, f.Supervisor, f.Mine.ID)
			if err != nil || len(team) != 3 || team[0].Name != "Pat Peer" || team[1].Kind != goldthread.CareProvider || team[2].Relationship != "sister" {
				t.Fatalf("%v %+v", err, team)
			}
		})
		t.Run("ErrReadersCannotChangeIt", func(t *testing.T) {
			m := goldthread.CareTeamMember{ParticipantID: f.Mine.ID, Kind: goldthread.CareNatural, Relationship: "friend"}
			if err := db.AddCareTeamMember(ctx, f.ParticipantUser, &m); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("ErrOutOfReach", func(t *testing.T) {
			if _, err := db.CareTeam(ctx, f.OtherPeer, f.Mine.ID); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("err = %v", err)
			}
		})
	})
}
