package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestGroupSessionIsOneForm: a group is saved as one form — details and
// every member's line together, all or nothing, under a version — and is
// open to everyone in its program: another peer's participant joins, gets
// goal chips from their own plan, and their note lands in their record.
func TestGroupSessionIsOneForm(t *testing.T) {
	ctx := context.Background()
	// session makes, on a database of the subtest's own, a group of the
	// peer's with their participant and another peer's (whose plan is
	// signed) on the roster.
	session := func(t *testing.T, db *store.DB) (*storetest.Fixture, *storetest.Clock, goldthread.Plan, goldthread.GroupSession) {
		t.Helper()
		f, clock := newGroupEnv(t, db)
		plan := f.MustSignedPlanBy(t, db, f.OtherPeer, func() goldthread.Plan {
			p := f.SamplePlan(goldthread.NewDate(2026, 11, 1))
			p.ParticipantID = f.Others.ID
			return p
		}())
		in := groupInput(f, clock.T)
		in.Attendees = []goldthread.GroupAttendee{{ParticipantID: f.Mine.ID, Present: true}, {ParticipantID: f.Others.ID, Present: true}}
		g, err := db.CreateGroupSession(ctx, f.Peer, in)
		if err != nil || len(g.Attendees) != 2 || g.Version != 1 {
			t.Fatalf("create with a roster: %+v %v", g, err)
		}
		return f, clock, plan, g
	}
	// saveLines saves the whole form once: two members present with their
	// responses (the other peer's linked to a goal of their plan), one
	// absent.
	saveLines := func(t *testing.T, db *store.DB, f *storetest.Fixture, clock *storetest.Clock, plan goldthread.Plan, g goldthread.GroupSession) (goldthread.GroupSession, error) {
		t.Helper()
		in := groupInput(f, clock.T)
		in.Version = g.Version
		in.Attendees = []goldthread.GroupAttendee{
			{ParticipantID: f.Mine.ID, Present: true, Response: "Chose box breathing."},
			{ParticipantID: f.Others.ID, Present: true, Response: "Said naming five things helps.",
				Goals: []goldthread.NoteGoal{{GoalID: plan.Goals[0].ID, InterventionID: plan.Goals[0].Interventions[0].ID}}},
			{ParticipantID: f.MineToo.ID, Present: false},
		}
		return db.UpdateGroupSession(ctx, f.Peer, g.ID, in)
	}
	saved := func(t *testing.T, db *store.DB) (*storetest.Fixture, *storetest.Clock, goldthread.Plan, goldthread.GroupSession) {
		t.Helper()
		f, clock, plan, g := session(t, db)
		g, err := saveLines(t, db, f, clock, plan, g)
		if err != nil {
			t.Fatal(err)
		}
		return f, clock, plan, g
	}
	t.Run("EveryLineIsSavedTogether", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f, clock, plan, g := session(t, db)
			got, err := saveLines(t, db, f, clock, plan, g)
			if err != nil {
				t.Fatal(err)
			}
			lines := map[int64]goldthread.GroupAttendee{}
			for _, a := range got.Attendees {
				lines[a.ParticipantID] = a
			}
			if len(lines) != 3 || lines[f.Mine.ID].Response != "Chose box breathing." || len(lines[f.Others.ID].Goals) != 1 ||
				lines[f.MineToo.ID].Present || got.Version != g.Version+1 {
				t.Fatalf("saved %+v", got)
			}
		})
	})
	t.Run("ErrStaleVersionSavesNothing", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f, clock, _, g := saved(t, db)
			in := groupInput(f, clock.T)
			in.Version, in.Topic = g.Version-1, "Changed on another phone"
			in.Attendees = []goldthread.GroupAttendee{{ParticipantID: f.Mine.ID, Present: true, Response: "Overwritten?"}}
			_, err := db.UpdateGroupSession(ctx, f.Peer, g.ID, in)
			if goldthread.ErrorKind(err) != goldthread.ECONFLICT {
				t.Fatalf("stale save: %v", err)
			}
			in.Version = 0
			if _, err := db.UpdateGroupSession(ctx, f.Peer, g.ID, in); goldthread.ErrorField(err) != "version" {
				t.Fatalf("save without a version: %v", err)
			}
			now, _ := db.GroupSession(ctx, f.Peer, g.ID)
			if now.Topic == "Changed on another phone" || len(now.Attendees) != 3 {
				t.Fatalf("a refused save changed the session: %+v", now)
			}
		})
	})
	t.Run("ErrAnOutsiderOnTheRosterSavesNothing", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f, clock, _, g := saved(t, db)
			in := groupInput(f, clock.T)
			in.Version, in.Topic = g.Version, "Half saved?"
			in.Attendees = append(g.Attendees, goldthread.GroupAttendee{ParticipantID: f.Foreign.ID, Present: true})
			if _, err := db.UpdateGroupSession(ctx, f.Peer, g.ID, in); goldthread.ErrorField(err) != "participant_id" {
				t.Fatalf("foreign member: %v", err)
			}
			if now, _ := db.GroupSession(ctx, f.Peer, g.ID); now.Topic == "Half saved?" || now.Version != g.Version {
				t.Fatalf("a refused save changed the session: %+v", now)
			}
		})
	})
	t.Run("EachMemberGetsTheirOwnPlansGoals", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f, _, plan, g := session(t, db)
			plans, err := db.GroupPlans(ctx, f.Peer, g.ID)
			if err != nil || plans[f.Others.ID].ID != plan.ID {
				t.Fatalf("plans %v %+v", err, plans)
			}
			if _, err := db.GroupPlans(ctx, f.OtherPeer, g.ID); goldthread.ErrorKind(err) == "" {
				t.Fatal("someone else read the members' plans")
			}
			// Outside the group, the other peer's participant stays out of reach.
			if _, err := db.Participant(ctx, f.Peer, f.Others.ID); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("the group opened another caseload's record: %v", err)
			}
		})
	})
	t.Run("SignedNotesLandInEachRecord", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f, _, _, g := saved(t, db)
			notes, err := db.SignGroupSession(ctx, f.Peer, g.ID, store.SignNoteInput{Password: storetest.Password, Attestation: "I attest."})
			if err != nil || len(notes) != 2 {
				t.Fatalf("sign: %d notes, %v", len(notes), err)
			}
			list, err := db.ListNotes(ctx, f.OtherPeer, goldthread.NoteFilter{ParticipantID: f.Others.ID})
			if err != nil || len(list) != 1 || list[0].Kind != goldthread.NoteGroup || list[0].AuthorID != f.Peer.UserID {
				t.Fatalf("the member's own peer sees %+v %v", list, err)
			}
		})
	})
}

// TestGroupSignProblems: before the facilitator attests, everything that
// would refuse the signature is listed — a member present with no
// response, no shared description, and the facilitator's own service at
// the same time (once, for the session, naming it) — and the check leaves
// no note behind.
func TestGroupSignProblems(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		start := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
		e.mustSign(t, e.draft(t, func(in *store.NoteInput) { in.Start, in.End = start, start.Add(45*time.Minute) }))
		in := groupInput(e.f, start)
		in.Start, in.End, in.SharedDescription = start.Add(30*time.Minute), start.Add(90*time.Minute), ""
		in.Attendees = []goldthread.GroupAttendee{{ParticipantID: e.f.Mine.ID, Present: true, Response: "Chose box breathing."},
			{ParticipantID: e.f.MineToo.ID, Present: true}}
		g, err := db.CreateGroupSession(ctx, e.f.Peer, in)
		if err != nil {
			t.Fatal(err)
		}
		notes := countRaw(t, db, "SELECT COUNT(*) FROM service_note")
		ps, err := db.GroupSignProblems(ctx, e.f.Peer, g.ID)
		if err != nil {
			t.Fatal(err)
		}
		var shared, response, overlap int
		for _, p := range ps {
			switch {
			case p.Field == "shared_description" && p.ParticipantID == 0:
				shared++
			case p.ParticipantID == e.f.MineToo.ID && strings.Contains(p.Field, "participant_response"):
				response++
			case p.RuleID == rules.RuleOverlapAuthor && p.ParticipantID == 0 && p.Other != nil && p.Other.Participant == "Marcus Bell":
				overlap++
			}
		}
		if shared != 1 || response != 1 || overlap != 1 {
			t.Fatalf("problems %+v; want the shared description, Renee's response and the overlap once each", ps)
		}
		if countRaw(t, db, "SELECT COUNT(*) FROM service_note") != notes {
			t.Fatal("the check left notes behind")
		}
		if _, err := db.GroupSignProblems(ctx, e.f.OtherPeer, g.ID); goldthread.ErrorKind(err) == "" {
			t.Fatal("another peer checked the group")
		}
		fix := groupInput(e.f, start)
		fix.Version, fix.Start, fix.End = g.Version, start.Add(time.Hour), start.Add(2*time.Hour)
		fix.Attendees = []goldthread.GroupAttendee{{ParticipantID: e.f.Mine.ID, Present: true, Response: "Chose box breathing."},
			{ParticipantID: e.f.MineToo.ID, Present: true, Response: "Tried naming five things."}}
		if _, err := db.UpdateGroupSession(ctx, e.f.Peer, g.ID, fix); err != nil {
			t.Fatal(err)
		}
		if ps, err := db.GroupSignProblems(ctx, e.f.Peer, g.ID); err != nil || len(ps) != 0 {
			t.Fatalf("after the fixes: %+v %v", ps, err)
		}
	})
}
