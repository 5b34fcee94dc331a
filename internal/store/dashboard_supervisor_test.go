package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/password"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// supervisorData writes the hand-counted data set of the supervisor's
// dashboard, everything signed at 15:00 on Tue Mar 10, 2026, under NC 8G's
// 72-hour deadline. Pat (Sue supervises him): Mar 2 signed late, Mar 3 a
// draft past its deadline (late), Mar 9 and Mar 10 signed on time, Mar 10
// a draft not yet due (pending). Oli (nobody's team): Mar 9 signed on time.
func supervisorData(t *testing.T, db *store.DB) *noteEnv {
	t.Helper()
	e := newNoteEnv(t, db)
	e.mustSign(t, e.draft(t, slot(3, 2, 13, 45)))
	e.draft(t, slot(3, 3, 9, 30))
	e.mustSign(t, e.draft(t, slot(3, 9, 13, 30)))
	e.mustSign(t, e.draft(t, slot(3, 10, 10, 30)))
	e.draft(t, slot(3, 10, 9, 30))
	ctx := context.Background()
	n, err := db.CreateDraftNote(ctx, e.f.OtherPeer, e.input(slot(3, 9, 13, 30), forParticipant(e.f.Others.ID)))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.SignNote(ctx, e.f.OtherPeer, n.ID, store.SignNoteInput{Password: storetest.Password,
		Attestation: "I provided this service as described.", Version: n.Version}); err != nil {
		t.Fatal(err)
	}
	return e
}

func march(from, to int) goldthread.ReportFilter {
	return goldthread.ReportFilter{From: goldthread.NewDate(2026, 3, from), To: goldthread.NewDate(2026, 3, to)}
}

func wantTimeliness(t *testing.T, what string, got goldthread.Timeliness, on, late, pending int) {
	t.Helper()
	if got.OnTime != on || got.Late != late || got.Pending != pending {
		t.Errorf("%s = %d on time, %d late, %d pending; want %d, %d, %d", what, got.OnTime, got.Late, got.Pending, on, late, pending)
	}
}

func TestSupervisorReport(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := supervisorData(t, db)
		t.Run("TimelinessByWeekAndPeerOfTheTeamOnly", func(t *testing.T) {
			rep, err := db.SupervisorReport(ctx, e.f.Supervisor, march(2, 15))
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Weeks) != 2 || rep.Weeks[0].Week != goldthread.NewDate(2026, 3, 2) || rep.Weeks[1].Week != goldthread.NewDate(2026, 3, 9) {
				t.Fatalf("weeks = %+v", rep.Weeks)
			}
			wantTimeliness(t, "week of Mar 2", rep.Weeks[0], 0, 2, 0)
			wantTimeliness(t, "week of Mar 9", rep.Weeks[1], 2, 0, 1)
			if len(rep.Peers) != 1 || rep.Peers[0].PeerID != e.f.Peer.UserID {
				t.Fatalf("peers = %+v (Oli is not on Sue's team)", rep.Peers)
			}
			wantTimeliness(t, "Pat", rep.Peers[0], 2, 2, 1)
			if rep.Peers[0].Share() != 0.5 {
				t.Errorf("Pat's share on time = %v; want 0.5", rep.Peers[0].Share())
			}
			if len(rep.Team) != 1 || rep.Team[0].Staff.ID != e.f.Peer.UserID || rep.Team[0].Caseload != 2 {
				t.Errorf("team = %+v", rep.Team)
			}
		})
		t.Run("AnAdministratorSeesEveryAuthor", func(t *testing.T) {
			rep, err := db.SupervisorReport(ctx, e.f.Admin, march(2, 15))
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Peers) != 2 || rep.Peers[0].Name != "Oli Other" {
				t.Fatalf("peers = %+v", rep.Peers)
			}
			wantTimeliness(t, "Oli", rep.Peers[0], 1, 0, 0)
			wantTimeliness(t, "week of Mar 9", rep.Weeks[1], 3, 0, 1)
		})
		t.Run("FiltersNarrowAndNeverWiden", func(t *testing.T) {
			rep, err := db.SupervisorReport(ctx, e.f.Supervisor, goldthread.ReportFilter{From: march(2, 2).From, To: march(2, 8).To, StaffID: e.f.OtherPeer.UserID})
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Peers) != 0 || len(rep.Team) != 0 || rep.Weeks[0].OnTime+rep.Weeks[0].Late+rep.Weeks[0].Pending != 0 {
				t.Fatalf("a peer outside the team shows: %+v", rep)
			}
			rep, _ = db.SupervisorReport(ctx, e.f.Supervisor, goldthread.ReportFilter{From: march(9, 9).From, To: march(9, 10).To, ProgramID: e.f.Program.ID + 1000})
			if len(rep.Peers) != 0 {
				t.Fatalf("another program's notes show: %+v", rep.Peers)
			}
			rep, _ = db.SupervisorReport(ctx, e.f.Supervisor, march(9, 10))
			wantTimeliness(t, "Mar 9–10", rep.Peers[0], 2, 0, 1)
		})
		t.Run("ReviewQueueByAgeSinceSigning", func(t *testing.T) {
			q, err := db.ReviewQueue(ctx, e.f.Supervisor)
			if err != nil {
				t.Fatal(err)
			}
			if len(q.Awaiting) != 3 {
				t.Fatalf("awaiting review = %d; want Pat's 3 signed notes", len(q.Awaiting))
			}
			e.clock.T = e.clock.T.Add(4 * 24 * time.Hour)
			defer func() { e.clock.T = e.clock.T.Add(-4 * 24 * time.Hour) }()
			rep, err := db.SupervisorReport(ctx, e.f.Supervisor, march(2, 15))
			if err != nil {
				t.Fatal(err)
			}
			if rep.Queue[2].From != 3 || rep.Queue[2].Count != len(q.Awaiting) || rep.Queue[0].Count+rep.Queue[1].Count+rep.Queue[3].Count != 0 {
				t.Fatalf("queue ages = %+v; want all %d awaiting notes in 3–6 days", rep.Queue, len(q.Awaiting))
			}
		})
		t.Run("ASupervisorOfAnotherAgencySeesNothing", func(t *testing.T) {
			hash, _ := password.Hash(storetest.Password, password.Params{Memory: 64, Time: 1, Threads: 1})
			s := goldthread.Staff{AgencyID: e.f.Foreign.AgencyID, Email: "sup@elsewhere.test", Name: "Sid Elsewhere", FirstName: "Sid", LastName: "Elsewhere",
				Roles: []goldthread.Role{goldthread.RoleSupervisor, goldthread.RoleAdministrator}}
			if err := db.CreateStaff(ctx, &s, hash, 0); err != nil {
				t.Fatal(err)
			}
			rep, err := db.SupervisorReport(ctx, goldthread.Actor{UserID: s.ID, AgencyID: s.AgencyID, Name: s.Name, Roles: s.Roles}, march(2, 15))
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Peers) != 0 || len(rep.Team) != 0 || rep.Weeks[1].OnTime+rep.Weeks[1].Late+rep.Weeks[1].Pending != 0 || rep.Coaching.Notes != 0 {
				t.Fatalf("another agency's administrator sees %+v", rep)
			}
		})
		t.Run("BadPeriodNamesTheField", func(t *testing.T) {
			_, err := db.SupervisorReport(ctx, e.f.Supervisor, march(10, 2))
			wantKind(t, err, goldthread.EINVALID, "to")
			_, err = db.SupervisorReport(ctx, e.f.Supervisor, goldthread.ReportFilter{To: march(1, 1).To})
			wantKind(t, err, goldthread.EINVALID, "from")
		})
		t.Run("OnlySupervisorsAndAdministrators", func(t *testing.T) {
			for _, a := range []goldthread.Actor{e.f.Peer, e.f.Billing, e.f.Clinician, e.f.Auditor} {
				_, err := db.SupervisorReport(ctx, a, march(2, 15))
				wantKind(t, err, goldthread.EFORBIDDEN, "")
			}
		})
	})
}

// The team dashboard's review queue by age, hand-counted: Pat's three
// notes signed Mar 10 at 15:00, seen on Mar 18 (8 days: the "a week or
// more" band). An approved note and a returned one are not awaiting; an
// addendum answers the return and overtakes the approval, and both await
// again. Counted without building the queue, it must still agree with it.
func TestTeamQueueAgesCountWhatAwaitsReview(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := supervisorData(t, db)
		var ids []int64
		rows, err := db.QueryRaw(ctx, "SELECT id FROM service_note WHERE author_id = ? AND status = 'signed' ORDER BY service_date", e.f.Peer.UserID)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		if len(ids) != 3 {
			t.Fatalf("Pat has %d signed notes; want 3", len(ids))
		}
		e.approveAs(t, ids[0])
		if _, err := db.ReturnNote(ctx, e.f.Supervisor, ids[1], "Say what Marcus did, not only what you did."); err != nil {
			t.Fatal(err)
		}
		e.clock.T = time.Date(2026, 3, 18, 15, 0, 0, 0, time.UTC)
		want := func(bands [4]int) {
			t.Helper()
			rep, err := db.SupervisorReport(ctx, e.f.Supervisor, march(2, 15))
			if err != nil {
				t.Fatal(err)
			}
			q, err := db.ReviewQueue(ctx, e.f.Supervisor)
			if err != nil {
				t.Fatal(err)
			}
			total := 0
			for i, b := range rep.Queue {
				total += b.Count
				if b.Count != bands[i] {
					t.Errorf("band %d–%d days: %d notes; want %d", b.From, b.To, b.Count, bands[i])
				}
			}
			if total != len(q.Awaiting) {
				t.Errorf("the dashboard counts %d awaiting; the review queue lists %d", total, len(q.Awaiting))
			}
		}
		want([4]int{0, 0, 0, 1})
		for _, id := range ids[:2] {
			if _, err := db.AddAddendum(ctx, e.f.Peer, id, store.AddendumInput{Kind: goldthread.AddendumClarification, Password: storetest.Password,
				Body: "Marcus made the second call himself.", Attestation: "I attest that this addendum is accurate."}); err != nil {
				t.Fatal(err)
			}
		}
		want([4]int{0, 0, 0, 3})
		rep, err := db.SupervisorReport(ctx, e.f.Supervisor, goldthread.ReportFilter{From: march(2, 15).From, To: march(2, 15).To, StaffID: e.f.OtherPeer.UserID})
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range rep.Queue {
			if b.Count != 0 {
				t.Errorf("narrowed to Oli (not on Sue's team), the queue still counts %+v", rep.Queue)
			}
		}
	})
}

// approveAs has the supervisor approve notes of the note env.
func (e *noteEnv) approveAs(t *testing.T, ids ...int64) {
	t.Helper()
	if _, err := e.db.ApproveNotes(context.Background(), e.f.Supervisor, ids, storetest.Password); err != nil {
		t.Fatalf("approve: %v", err)
	}
}
