package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestReachIsOneRuleInBothForms: the reach a list query applies
// (participantScope) and the one a read by id applies (participantInReach,
// checked on the one row) give every actor the same participants: each
// role, a supervisor who also carries a caseload, a peer whose participant
// moved to another peer (the ended caseload row reaches nobody), an
// emergency grant, a facilitator's group members, and nobody. It fails when
// either form drops or adds a condition, such as the caseload's end date.
func TestReachIsOneRuleInBothForms(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		// Renee moves from Pat to Oli: Pat's caseload row ends.
		if err := db.ReassignCaseload(ctx, f.Admin, f.MineToo.ID, f.OtherPeer.UserID, goldthread.NewDate(2026, 2, 1)); err != nil {
			t.Fatal(err)
		}
		both := f.Supervisor
		both.Roles = []goldthread.Role{goldthread.RoleSupervisor, goldthread.RolePeer}
		granted := f.OtherPeer
		granted.Emergency = []int64{f.Mine.ID}
		serving := f.Peer
		serving.Serving = []int64{f.Others.ID}
		cases := []struct {
			name  string
			actor goldthread.Actor
			want  []int64
		}{
			{"peer", f.Peer, []int64{f.Mine.ID}},
			{"other peer", f.OtherPeer, []int64{f.MineToo.ID, f.Others.ID}},
			{"supervisor of the peer", f.Supervisor, []int64{f.Mine.ID}},
			{"supervisor who is also a peer", both, []int64{f.Mine.ID}},
			{"clinician", f.Clinician, []int64{f.Mine.ID, f.MineToo.ID, f.Others.ID}},
			{"billing", f.Billing, []int64{f.Mine.ID, f.MineToo.ID, f.Others.ID}},
			{"auditor", f.Auditor, []int64{f.Mine.ID, f.MineToo.ID, f.Others.ID}},
			{"administrator", f.Admin, nil},
			{"participant", f.ParticipantUser, []int64{f.Mine.ID}},
			{"emergency grant", granted, []int64{f.Mine.ID, f.MineToo.ID, f.Others.ID}},
			{"facilitator's members", serving, []int64{f.Mine.ID, f.Others.ID}},
			{"nobody", goldthread.Actor{AgencyID: f.Agency.ID, Roles: []goldthread.Role{goldthread.RoleClinician}}, nil},
		}
		for _, c := range cases {
			list, err := db.ParticipantsInReach(ctx, c.actor, false)
			if err != nil {
				t.Fatal(err)
			}
			one, err := db.ParticipantsInReach(ctx, c.actor, true)
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(c.want)
			if !slices.Equal(list, c.want) || !slices.Equal(one, c.want) {
				t.Errorf("%s reaches %v listed and %v row by row; want %v", c.name, list, one, c.want)
			}
		}
	})
}
