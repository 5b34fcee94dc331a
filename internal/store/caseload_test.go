package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// wfCurrentPeers returns the peers a participant is assigned to now.
func wfCurrentPeers(t *testing.T, db *store.DB, participantID int64) []int64 {
	t.Helper()
	rows, err := db.QueryRaw(context.Background(), "SELECT peer_id FROM caseload WHERE participant_id = ? AND end_date IS NULL ORDER BY peer_id", participantID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		out = append(out, id)
	}
	return out
}

func TestOnlyOwnSupervisorReassignsCaseload(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := wfSetup(t, db)
		other := wfOtherSupervisor(t, db, f)
		for name, a := range map[string]goldthread.Actor{
			"SupervisorOfTheLosingPeerOnly":  f.Supervisor, // OtherPeer is not theirs
			"SupervisorOfTheGainingPeerOnly": other,        // Peer is not theirs
			"ThePeer":                        f.Peer,
		} {
			if err := db.ReassignCaseload(ctx, a, f.Mine.ID, f.OtherPeer.UserID, wfToday); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Errorf("%s: %v; want forbidden", name, err)
			}
		}
		if got := wfCurrentPeers(t, db, f.Mine.ID); len(got) != 1 || got[0] != f.Peer.UserID {
			t.Fatalf("a refused reassignment changed the caseload: %v", got)
		}
		if err := db.ReassignCaseload(ctx, f.Admin, f.Mine.ID, f.OtherPeer.UserID, wfToday); err != nil {
			t.Fatal(err)
		}
		if got := wfCurrentPeers(t, db, f.Mine.ID); len(got) != 1 || got[0] != f.OtherPeer.UserID {
			t.Fatalf("after the administrator's reassignment: %v; want only OtherPeer", got)
		}
		// With both peers on the supervisor's team, the supervisor may move them back.
		if err := db.LinkSupervisor(ctx, f.Agency.ID, f.Supervisor.UserID, f.OtherPeer.UserID, true); err != nil {
			t.Fatal(err)
		}
		if err := db.ReassignCaseload(ctx, f.Supervisor, f.Mine.ID, f.Peer.UserID, wfToday); err != nil {
			t.Fatalf("supervisor of both peers: %v", err)
		}
		if n := wfAudits(t, db, goldthread.ActionUpdate, "caseload"); n != 2 {
			t.Errorf("%d reassignments audited; want 2", n)
		}
		if err := db.ReassignCaseload(ctx, f.Admin, f.Mine.ID, f.Clinician.UserID, wfToday); goldthread.ErrorField(err) != "peer_id" {
			t.Errorf("assigning to someone who is not a peer: %v", err)
		}
		if err := db.ReassignCaseload(ctx, f.Admin, f.Foreign.ID, f.Peer.UserID, wfToday); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
			t.Errorf("another agency's participant: %v", err)
		}
	})
}

func TestCaseloadOverLimitFlaggedWithSource(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := wfSetup(t, db)
		sys := goldthread.Operator(f.Agency.ID, "test setup")
		for i := range 11 { // Peer has 2 already: 13 in all
			p := goldthread.Participant{FirstName: "Extra", LastName: fmt.Sprint("Person", i), BirthDate: goldthread.NewDate(1990, 1, 1)}
			if err := db.CreateParticipant(ctx, sys, &p); err != nil {
				t.Fatal(err)
			}
			if err := db.Enroll(ctx, sys, p.ID, f.Program.ID, wfDays(-30)); err != nil {
				t.Fatal(err)
			}
			if err := db.AssignCaseload(ctx, sys, p.ID, f.Peer.UserID, wfDays(-30)); err != nil {
				t.Fatal(err)
			}
		}
		team, err := db.TeamOverview(ctx, f.Supervisor)
		if err != nil || len(team) != 1 {
			t.Fatalf("%v %v", team, err)
		}
		m := team[0]
		if m.Caseload != 13 || !m.OverLimit || m.Limit.Value != 12 || m.Limit.Status != "confirmed" || !strings.Contains(m.Limit.Source, "S1") ||
			len(m.Limit.Alternatives) != 1 || m.Limit.Alternatives[0].Value != 15 || m.Limit.Pack != f.Program.RulePack {
			t.Fatalf("13 participants against NC 8G's 1:12: %+v", m)
		}
		name := goldthread.SettingCaseloadPrefix + f.Program.RulePack
		if err := db.SetWorkforceSetting(ctx, f.Admin, name, "15", "MCO contract follows the 1:15 definition"); err != nil {
			t.Fatal(err)
		}
		team, _ = db.TeamOverview(ctx, f.Admin)
		for _, m := range team {
			if m.Staff.ID == f.Peer.UserID && (m.OverLimit || m.Limit.Value != 15 || m.Limit.Status != "agency_override" || m.Limit.PackValue != 12) {
				t.Errorf("after the agency's override to 15: %+v", m.Limit)
			}
		}
		if len(team) != 2 {
			t.Errorf("administrator's overview has %d peers; want every peer (2)", len(team))
		}
		if err := db.SetWorkforceSetting(ctx, f.Admin, name, "", "back to the pack"); err != nil {
			t.Fatal(err)
		}
		if n := wfAudits(t, db, goldthread.ActionSettingChange, "rule_override"); n != 2 {
			t.Errorf("%d rule override changes audited; want 2", n)
		}
		if err := db.SetWorkforceSetting(ctx, f.Admin, goldthread.SettingCaseloadPrefix+"nowhere", "15", "x"); goldthread.ErrorField(err) != "name" {
			t.Errorf("an unknown pack: %v", err)
		}
		if _, err := db.TeamOverview(ctx, f.Peer); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
			t.Errorf("a peer's team overview: %v", err)
		}
	})
}
