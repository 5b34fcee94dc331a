package store_test

import (
	"context"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

func wfSession(daysAgo int, peers ...int64) store.SupervisionInput {
	return store.SupervisionInput{PeerIDs: peers, Held: wfDays(-daysAgo), Minutes: 30, Topics: "Boundaries with a new participant",
		NotesReviewed: "notes 14, 15", FollowUps: "Role-play next time"}
}

func TestOnlyOwnSupervisorLogsSupervision(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := wfSetup(t, db)
		other := wfOtherSupervisor(t, db, f)
		s, err := db.LogSupervision(ctx, f.Supervisor, wfSession(3, f.Peer.UserID))
		if err != nil || s.Kind != goldthread.SupervisionIndividual || len(s.Peers) != 1 || s.Peers[0].Name != "Pat Peer" || s.SupervisorID != f.Supervisor.UserID {
			t.Fatalf("own supervisor: %+v %v", s, err)
		}
		for name, tc := range map[string]struct {
			actor goldthread.Actor
			in    store.SupervisionInput
		}{
			"AnotherTeamsPeer":          {f.Supervisor, wfSession(3, f.OtherPeer.UserID)},
			"AnotherSupervisor":         {other, wfSession(3, f.Peer.UserID)},
			"GroupWithAnotherTeamsPeer": {f.Supervisor, wfSession(3, f.Peer.UserID, f.OtherPeer.UserID)},
			"PeerThemselves":            {f.Peer, wfSession(3, f.Peer.UserID)},
			"ClinicianNotSupervisor":    {f.Clinician, wfSession(3, f.Peer.UserID)},
		} {
			if _, err := db.LogSupervision(ctx, tc.actor, tc.in); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Errorf("%s: %v; want forbidden", name, err)
			}
		}
		onBehalf := wfSession(5, f.Peer.UserID)
		onBehalf.SupervisorID = f.Supervisor.UserID
		if _, err := db.LogSupervision(ctx, f.Admin, onBehalf); err != nil {
			t.Errorf("administrator on behalf of the peer's supervisor: %v", err)
		}
		onBehalf.SupervisorID, onBehalf.PeerIDs = f.Supervisor.UserID, []int64{f.OtherPeer.UserID}
		if _, err := db.LogSupervision(ctx, f.Admin, onBehalf); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
			t.Errorf("administrator naming a supervisor who does not supervise the peer: %v", err)
		}
		if n := wfAudits(t, db, goldthread.ActionCreate, "supervision_session"); n != 2 {
			t.Errorf("%d sessions audited; want 2", n)
		}
		group := wfSession(1, f.Peer.UserID)
		group.Kind = goldthread.SupervisionGroup
		if _, err := db.LogSupervision(ctx, f.Supervisor, group); goldthread.ErrorField(err) != "peer_ids" {
			t.Errorf("a group of one: %v", err)
		}
		future := wfSession(-1, f.Peer.UserID)
		if _, err := db.LogSupervision(ctx, f.Supervisor, future); goldthread.ErrorField(err) != "held_on" {
			t.Errorf("a session in the future: %v", err)
		}
	})
}

func TestSupervisionLogPerPeer(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := wfSetup(t, db)
		other := wfOtherSupervisor(t, db, f)
		for _, d := range []int{40, 10} {
			if _, err := db.LogSupervision(ctx, f.Supervisor, wfSession(d, f.Peer.UserID)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.LogSupervision(ctx, other, wfSession(2, f.OtherPeer.UserID)); err != nil {
			t.Fatal(err)
		}
		list, err := db.SupervisionLog(ctx, f.Peer, f.Peer.UserID, 0)
		if err != nil || len(list) != 2 || list[0].Held != wfDays(-10) {
			t.Fatalf("the peer's own log: %d sessions, %v; want 2, newest first", len(list), err)
		}
		if list, _ := db.SupervisionLog(ctx, f.Supervisor, 0, 0); len(list) != 2 {
			t.Errorf("supervisor's log holds %d sessions; want their team's 2", len(list))
		}
		if list, _ := db.SupervisionLog(ctx, f.Admin, 0, 0); len(list) != 3 {
			t.Errorf("administrator's log holds %d sessions; want 3", len(list))
		}
		if _, err := db.SupervisionLog(ctx, f.OtherPeer, f.Peer.UserID, 0); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
			t.Errorf("a colleague's supervision log: %v; want not found", err)
		}
	})
}

func TestSupervisionOverdueAgainstFrequency(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := wfSetup(t, db)
		if _, err := db.LogSupervision(ctx, f.Supervisor, wfSession(40, f.Peer.UserID)); err != nil {
			t.Fatal(err)
		}
		over, err := db.SupervisionOverdue(ctx, f.Supervisor)
		if err != nil || len(over) != 1 || over[0].Staff.ID != f.Peer.UserID {
			t.Fatalf("40 days since the last session, monthly by default: %v %v; want Pat Peer overdue", over, err)
		}
		m := over[0]
		if m.Frequency.Value != goldthread.DefaultSupervisionDays || m.Frequency.Status != "default" || m.SupervisionDue != wfDays(-10) {
			t.Errorf("frequency %+v due %s", m.Frequency, m.SupervisionDue)
		}
		if err := db.SetWorkforceSetting(ctx, f.Supervisor, goldthread.SettingSupervisionDays, "60", "policy"); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
			t.Fatalf("a supervisor changing an agency setting: %v", err)
		}
		if err := db.SetWorkforceSetting(ctx, f.Admin, goldthread.SettingSupervisionDays, "60", ""); goldthread.ErrorField(err) != "reason" {
			t.Fatalf("a setting without a reason: %v", err)
		}
		if err := db.SetWorkforceSetting(ctx, f.Admin, goldthread.SettingSupervisionDays, "60", "agency policy: every 60 days"); err != nil {
			t.Fatal(err)
		}
		if over, _ := db.SupervisionOverdue(ctx, f.Supervisor); len(over) != 0 {
			t.Errorf("with a 60-day agency setting, %d overdue; want none", len(over))
		}
		team, _ := db.TeamOverview(ctx, f.Supervisor)
		if len(team) != 1 || team[0].Frequency.Status != "agency_override" || team[0].Frequency.Override == nil || team[0].Frequency.Override.SetBy != "Ada Admin" {
			t.Errorf("the overview must say the frequency is the agency's: %+v", team)
		}
		if n := wfAudits(t, db, goldthread.ActionSettingChange, "agency_setting"); n != 1 {
			t.Errorf("%d setting changes audited; want 1", n)
		}
	})
}
