package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// slot moves a note to day d of March 2026 (or February when d < 1),
// hour h UTC, 30 or 45 minutes long; older than three days it carries a
// late-entry reason.
func slot(month time.Month, day, hour, minutes int) func(*store.NoteInput) {
	return func(in *store.NoteInput) {
		in.Start = time.Date(2026, month, day, hour, 0, 0, 0, time.UTC)
		in.End = in.Start.Add(time.Duration(minutes) * time.Minute)
		in.ServiceDate = goldthread.DateOf(in.Start)
		if in.ServiceDate.Before(time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC)) {
			in.LateEntryReason = "Written late in the test."
		}
	}
}

// forParticipant writes the note about a participant without a plan: a
// single event with its reason.
func forParticipant(id int64) func(*store.NoteInput) {
	return func(in *store.NoteInput) {
		in.ParticipantID, in.Goals = id, nil
		in.SingleEventReason = "First meeting before the plan was written."
	}
}

// The small data set, on Mar 10, 2026 at 15:00 UTC (the fixture agency
// works in UTC): Pat wrote two notes for Marcus today (13:00–13:45
// signed, 10:00–10:30 a draft), one for Renee on Feb 18 (20 days ago);
// Quinn joined Pat's caseload and was never seen; Oli's Tom is not Pat's.
func TestPeerToday(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		sys := goldthread.Operator(e.f.Agency.ID, "test setup")
		quinn := goldthread.Participant{FirstName: "Quinn", LastName: "New", BirthDate: goldthread.NewDate(1990, 1, 1)}
		for _, err := range []error{db.CreateParticipant(ctx, sys, &quinn), db.Enroll(ctx, sys, quinn.ID, e.f.Program.ID, goldthread.NewDate(2026, 3, 1))} {
			if err != nil {
				t.Fatal(err)
			}
		}
		if err := db.AssignCaseload(ctx, sys, quinn.ID, e.f.Peer.UserID, goldthread.NewDate(2026, 3, 1)); err != nil {
			t.Fatal(err)
		}
		signed := e.mustSign(t, e.draft(t, slot(3, 10, 13, 45)))
		e.draft(t, slot(3, 10, 10, 30))
		e.draft(t, slot(2, 18, 13, 30), forParticipant(e.f.MineToo.ID))

		t.Run("ServicesDatedTodayWithMinutesAndState", func(t *testing.T) {
			got, err := db.PeerToday(ctx, e.f.Peer, 14)
			if err != nil {
				t.Fatal(err)
			}
			if got.Today != goldthread.NewDate(2026, 3, 10) || len(got.Services) != 2 {
				t.Fatalf("today %v services %+v", got.Today, got.Services)
			}
			first, second := got.Services[0], got.Services[1]
			if first.Minutes != 30 || first.Signed || second.Minutes != 45 || !second.Signed || second.NoteID != signed.ID {
				t.Fatalf("services = %+v", got.Services)
			}
		})
		t.Run("NoContactCountsDaysSinceTheLastServiceAndNeverSeenFirst", func(t *testing.T) {
			got, err := db.PeerToday(ctx, e.f.Peer, 20)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.NoContact) != 2 || got.NoContact[0].ParticipantID != quinn.ID || got.NoContact[0].Days != -1 ||
				got.NoContact[1].ParticipantID != e.f.MineToo.ID || got.NoContact[1].Days != 20 ||
				got.NoContact[1].Last != goldthread.NewDate(2026, 2, 18) {
				t.Fatalf("no contact (20 days) = %+v", got.NoContact)
			}
			got, err = db.PeerToday(ctx, e.f.Peer, 21)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.NoContact) != 1 || got.NoContact[0].ParticipantID != quinn.ID {
				t.Fatalf("no contact (21 days) = %+v", got.NoContact)
			}
		})
		t.Run("AnotherPeersCaseloadNeverShows", func(t *testing.T) {
			got, err := db.PeerToday(ctx, e.f.OtherPeer, 14)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Services) != 0 || len(got.NoContact) != 1 || got.NoContact[0].ParticipantID != e.f.Others.ID {
				t.Fatalf("Oli's day = %+v", got)
			}
		})
		t.Run("OnlyPeopleWithACaseload", func(t *testing.T) {
			_, err := db.PeerToday(ctx, e.f.Billing, 14)
			wantKind(t, err, goldthread.EFORBIDDEN, "")
		})
		t.Run("TheReadIsAuditedWithCountsOnly", func(t *testing.T) {
			before := countAudit(t, db, e.f.Peer.UserID, goldthread.ActionList, "services=2 visits=0 no_contact=1")
			if _, err := db.PeerToday(ctx, e.f.Peer, 21); err != nil {
				t.Fatal(err)
			}
			if n := countAudit(t, db, e.f.Peer.UserID, goldthread.ActionList, "services=2 visits=0 no_contact=1"); n != before+1 {
				t.Fatalf("audit events with counts = %d; want %d", n, before+1)
			}
		})
	})
}

func TestPlanVisit(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		tomorrow := time.Date(2026, 3, 11, 14, 0, 0, 0, time.UTC)
		visit := func(mut ...func(*store.VisitInput)) store.VisitInput {
			in := store.VisitInput{ParticipantID: e.f.Mine.ID, Start: tomorrow, Minutes: 60, Purpose: "Visit the apartment"}
			for _, m := range mut {
				m(&in)
			}
			return in
		}
		t.Run("APlannedVisitShowsOnTodaySoonestFirst", func(t *testing.T) {
			later, err := db.PlanVisit(ctx, e.f.Peer, visit(func(in *store.VisitInput) { in.Start = tomorrow.Add(24 * time.Hour) }))
			if err != nil {
				t.Fatal(err)
			}
			sooner, err := db.PlanVisit(ctx, e.f.Peer, visit())
			if err != nil {
				t.Fatal(err)
			}
			got, err := db.PeerToday(ctx, e.f.Peer, 14)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Visits) != 2 || got.Visits[0].ID != sooner.ID || got.Visits[1].ID != later.ID ||
				got.Visits[0].ParticipantName != "Marcus Bell" || !got.Visits[0].Start.Equal(tomorrow) || got.Visits[0].Purpose != "Visit the apartment" {
				t.Fatalf("visits = %+v", got.Visits)
			}
			t.Run("ACancelledVisitLeavesTheList", func(t *testing.T) {
				if err := db.CancelVisit(ctx, e.f.Peer, later.ID); err != nil {
					t.Fatal(err)
				}
				got, _ := db.PeerToday(ctx, e.f.Peer, 14)
				if len(got.Visits) != 1 || got.Visits[0].ID != sooner.ID {
					t.Fatalf("visits after cancelling = %+v", got.Visits)
				}
				wantKind(t, db.CancelVisit(ctx, e.f.Peer, later.ID), goldthread.ENOTFOUND, "")
				wantKind(t, db.CancelVisit(ctx, e.f.OtherPeer, sooner.ID), goldthread.ENOTFOUND, "")
			})
			t.Run("AVisitIsNeverDeleted", func(t *testing.T) {
				if _, err := db.ExecRaw(ctx, "DELETE FROM planned_visit WHERE id = ?", later.ID); err == nil {
					t.Fatal("the database deleted a planned visit")
				}
			})
		})
		t.Run("BadInputNamesTheField", func(t *testing.T) {
			for field, mut := range map[string]func(*store.VisitInput){
				"start":          func(in *store.VisitInput) { in.Start = e.clock.T.Add(-2 * time.Hour) },
				"minutes":        func(in *store.VisitInput) { in.Minutes = 2 },
				"participant_id": func(in *store.VisitInput) { in.ParticipantID = 0 },
				"purpose":        func(in *store.VisitInput) { in.Purpose = strings.Repeat("a", 201) },
			} {
				_, err := db.PlanVisit(ctx, e.f.Peer, visit(mut))
				wantKind(t, err, goldthread.EINVALID, field)
			}
		})
		t.Run("OnlyWithParticipantsInReach", func(t *testing.T) {
			_, err := db.PlanVisit(ctx, e.f.OtherPeer, visit())
			wantKind(t, err, goldthread.ENOTFOUND, "")
			_, err = db.PlanVisit(ctx, e.f.Peer, visit(func(in *store.VisitInput) { in.ParticipantID = e.f.Foreign.ID }))
			wantKind(t, err, goldthread.ENOTFOUND, "")
			_, err = db.PlanVisit(ctx, e.f.Billing, visit())
			wantKind(t, err, goldthread.EFORBIDDEN, "")
		})
		t.Run("FromTheNextStepsOfOnesOwnNoteAboutThem", func(t *testing.T) {
			n := e.draft(t, slot(3, 10, 9, 30))
			v, err := db.PlanVisit(ctx, e.f.Peer, visit(func(in *store.VisitInput) { in.FromNoteID = n.ID }))
			if err != nil || v.FromNoteID != n.ID {
				t.Fatalf("visit from note = %+v, %v", v, err)
			}
			_, err = db.PlanVisit(ctx, e.f.Peer, visit(func(in *store.VisitInput) { in.FromNoteID = n.ID; in.ParticipantID = e.f.MineToo.ID }))
			wantKind(t, err, goldthread.ENOTFOUND, "")
		})
	})
}
