package store_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// A supervisor's team overview reads only their peers' rows (so that it
// costs what the team does, not the agency): each of their peers must come
// out exactly as in the administrator's overview of every peer — caseload,
// limit, credential, supervisors, last session — while the other team's
// peer, with a caseload, a credential and a session of their own, is not
// in it.
func TestTeamOverviewIsTheAgencysRowsOfTheTeam(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := wfSetup(t, db)
		other := wfOtherSupervisor(t, db, f)
		for _, peer := range []int64{f.Peer.UserID, f.OtherPeer.UserID} {
			if _, err := db.AddCredential(ctx, f.Admin, peer, wfCPSS(300, 20)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.LogSupervision(ctx, f.Supervisor, wfSession(12, f.Peer.UserID)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.LogSupervision(ctx, other, wfSession(3, f.OtherPeer.UserID)); err != nil {
			t.Fatal(err)
		}
		all, err := db.TeamOverview(ctx, f.Admin)
		if err != nil || len(all) != 2 {
			t.Fatalf("administrator's overview: %+v, %v; want both peers", all, err)
		}
		byPeer := map[int64]goldthread.TeamMember{}
		for _, m := range all {
			byPeer[m.Staff.ID] = m
		}
		for _, tc := range []struct {
			who  goldthread.Actor
			peer goldthread.Actor
		}{{f.Supervisor, f.Peer}, {other, f.OtherPeer}} {
			team, err := db.TeamOverview(ctx, tc.who)
			if err != nil || len(team) != 1 {
				t.Fatalf("%s's overview: %+v, %v; want their one peer", tc.who.Name, team, err)
			}
			want := byPeer[tc.peer.UserID]
			if want.Caseload == 0 || want.Credential.Credential == nil || want.LastSupervised.IsZero() || len(want.Supervisors) == 0 {
				t.Fatalf("the administrator's row of %s lacks what this test compares: %+v", tc.peer.Name, want)
			}
			if !reflect.DeepEqual(team[0], want) {
				t.Errorf("%s's row of %s:\n%+v\nthe administrator's:\n%+v", tc.who.Name, tc.peer.Name, team[0], want)
			}
		}
	})
}
