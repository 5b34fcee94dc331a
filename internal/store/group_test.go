package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// groupFixture adds n more participants to the fixture peer's caseload and
// returns all of the peer's participants.
func groupFixture(t *testing.T, db *store.DB, f *storetest.Fixture, n int) []goldthread.Participant {
	t.Helper()
	ctx := context.Background()
	sys := goldthread.Operator(f.Agency.ID, "test setup")
	people := []goldthread.Participant{f.Mine, f.MineToo}
	for i := 0; i < n; i++ {
		p := goldthread.Participant{FirstName: fmt.Sprintf("Member%d", i), LastName: "Group", BirthDate: goldthread.NewDate(1990, 1, 1)}
		if err := db.CreateParticipant(ctx, sys, &p); err != nil {
			t.Fatal(err)
		}
		if err := db.Enroll(ctx, sys, p.ID, f.Program.ID, goldthread.NewDate(2026, 1, 5)); err != nil {
			t.Fatal(err)
		}
		if err := db.AssignCaseload(ctx, sys, p.ID, f.Peer.UserID, goldthread.NewDate(2026, 1, 5)); err != nil {
			t.Fatal(err)
		}
		people = append(people, p)
	}
	return people
}

// newGroupEnv is the fixture agency with its staff holding CPSS and the
// clock at Nov 23, 2026, 17:00 UTC.
func newGroupEnv(t *testing.T, db *store.DB) (*storetest.Fixture, *storetest.Clock) {
	t.Helper()
	f := storetest.MustFixture(t, db)
	clock := &storetest.Clock{T: time.Date(2026, 11, 23, 17, 0, 0, 0, time.UTC)}
	db.Now = clock.Now
	if _, err := db.ExecRaw(context.Background(), "UPDATE app_user SET credential = ? WHERE agency_id = ?", "CPSS", f.Agency.ID); err != nil {
		t.Fatal(err)
	}
	return f, clock
}

func groupInput(f *storetest.Fixture, day time.Time) store.GroupSessionInput {
	start := time.Date(day.Year(), day.Month(), day.Day(), 14, 0, 0, 0, time.UTC)
	return store.GroupSessionInput{ProgramID: f.Program.ID, Topic: "Coping skills", ServiceDate: goldthread.DateOf(start),
		Start: start, End: start.Add(90 * time.Minute), Location: "community", Modality: "in_person",
		Category: "skills_building_recovery_group", SharedDescription: "We practised three grounding skills and shared which ones help on hard days.",
		NextSteps: "Next group on Thursday; each member tries one skill this week."}
}

func TestGroupSessions(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f, clock := newGroupEnv(t, db)
		people := groupFixture(t, db, f, 11) // 13 on the caseload
		sign := store.SignNoteInput{Password: storetest.Password, Attestation: "I provided this service as documented."}

		t.Run("ErrCategoryMustBeAGroupService", func(t *testing.T) {
			in := groupInput(f, clock.T)
			in.Category = "peer_mentoring_coaching"
			if _, err := db.CreateGroupSession(ctx, f.Peer, in); goldthread.ErrorField(err) != "category" {
				t.Fatalf("err = %v", err)
			}
		})
		g, err := db.CreateGroupSession(ctx, f.Peer, groupInput(f, clock.T))
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range people[:12] {
			g, err = db.SetAttendee(ctx, f.Peer, g.ID, goldthread.GroupAttendee{ParticipantID: p.ID, Present: i != 3,
				Response: fmt.Sprintf("Said grounding skill %d helps before bed.", i)})
			if err != nil {
				t.Fatalf("attendee %d: %v", i, err)
			}
		}
		t.Run("ThirteenthPresentRefusedWithTheRulesSource", func(t *testing.T) {
			if _, err := db.SetAttendee(ctx, f.Peer, g.ID, goldthread.GroupAttendee{ParticipantID: people[3].ID, Present: true}); err != nil {
				t.Fatalf("the 12th present was refused: %v", err)
			}
			_, err := db.SetAttendee(ctx, f.Peer, g.ID, goldthread.GroupAttendee{ParticipantID: people[12].ID, Present: true})
			if goldthread.ErrorField(err) != "present" || !strings.Contains(err.Error(), "at most 12") || !strings.Contains(err.Error(), "S1") {
				t.Fatalf("err = %v; want the limit of 12 with its source", err)
			}
			// People are told the program, not the file its rules came from.
			if !strings.Contains(err.Error(), "NC Medicaid 8G Peer Support Services allows") || strings.Contains(err.Error(), ".yaml") {
				t.Fatalf("err = %v; want the program named, not the pack file", err)
			}
			// Back to 11 present: person 3 absent again.
			g, _ = db.SetAttendee(ctx, f.Peer, g.ID, goldthread.GroupAttendee{ParticipantID: people[3].ID, Present: false})
		})
		t.Run("ErrAttendeeOutsideTheProgram", func(t *testing.T) {
			if _, err := db.SetAttendee(ctx, f.Peer, g.ID, goldthread.GroupAttendee{ParticipantID: f.Foreign.ID, Present: true}); goldthread.ErrorField(err) != "participant_id" {
				t.Fatalf("another agency's participant: err = %v", err)
			}
			outside := goldthread.Participant{FirstName: "Not", LastName: "Enrolled", BirthDate: goldthread.NewDate(1990, 1, 1)}
			if err := db.CreateParticipant(ctx, goldthread.Operator(f.Agency.ID, "test setup"), &outside); err != nil {
				t.Fatal(err)
			}
			if _, err := db.SetAttendee(ctx, f.Peer, g.ID, goldthread.GroupAttendee{ParticipantID: outside.ID, Present: true}); goldthread.ErrorField(err) != "participant_id" {
				t.Fatalf("a participant not in the program: err = %v", err)
			}
		})
		t.Run("AnotherPeersParticipantInTheProgramMayJoin", func(t *testing.T) {
			// A group is open to its program, not to one caseload.
			if _, err := db.SetAttendee(ctx, f.Peer, g.ID, goldthread.GroupAttendee{ParticipantID: f.Others.ID, Present: false}); err != nil {
				t.Fatalf("another peer's participant in the program: %v", err)
			}
			cands, err := db.GroupCandidates(ctx, f.Peer, f.Program.ID)
			if err != nil || !slices.ContainsFunc(cands, func(p goldthread.Participant) bool { return p.ID == f.Others.ID }) ||
				slices.ContainsFunc(cands, func(p goldthread.Participant) bool { return p.ID == f.Foreign.ID }) {
				t.Fatalf("candidates %v %+v; want the program's participants, the other peer's included, nobody else's", err, cands)
			}
			if err := db.RemoveAttendee(ctx, f.Peer, g.ID, f.Others.ID); err != nil {
				t.Fatal(err)
			}
			g, _ = db.GroupSession(ctx, f.Peer, g.ID)
		})
		t.Run("ErrOnlyTheFacilitatorSigns", func(t *testing.T) {
			if _, err := db.SignGroupSession(ctx, f.OtherPeer, g.ID, sign); err == nil {
				t.Fatal("another peer signed the group")
			}
		})
		t.Run("ErrWrongPasswordWritesNoNote", func(t *testing.T) {
			bad := sign
			bad.Password = "nope"
			if _, err := db.SignGroupSession(ctx, f.Peer, g.ID, bad); goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
				t.Fatalf("err = %v", err)
			}
		})
		// signedNotes signs the session the first time a subtest needs it
		// signed, and returns its notes: each such subtest passes alone.
		var signed []goldthread.Note
		signedNotes := func(t *testing.T) []goldthread.Note {
			t.Helper()
			if signed == nil {
				var err error
				if signed, err = db.SignGroupSession(ctx, f.Peer, g.ID, sign); err != nil {
					t.Fatal(err)
				}
			}
			return signed
		}
		t.Run("OneSignedNotePerAttendeePresent", func(t *testing.T) {
			notes := signedNotes(t)
			if len(notes) != 11 {
				t.Fatalf("%d notes; want 11 (12 on the roster, one absent)", len(notes))
			}
			for _, n := range notes {
				if n.Kind != goldthread.NoteGroup || n.Status != goldthread.NoteSigned || n.ParticipantID == people[3].ID ||
					!strings.HasPrefix(n.PeerAction, "We practised") || !strings.HasPrefix(n.ParticipantResponse, "Said grounding") {
					t.Fatalf("note %+v", n)
				}
			}
			// Each note lands in its own participant's record.
			list, err := db.ListNotes(ctx, f.Peer, goldthread.NoteFilter{ParticipantID: people[0].ID})
			if err != nil || len(list) != 1 || list[0].Kind != goldthread.NoteGroup {
				t.Fatalf("%v %+v", err, list)
			}
		})
		t.Run("AbsenteeHasNoNote", func(t *testing.T) {
			signedNotes(t)
			list, _ := db.ListNotes(ctx, f.Peer, goldthread.NoteFilter{ParticipantID: people[3].ID})
			if len(list) != 0 {
				t.Fatalf("the absentee got %d notes", len(list))
			}
		})
		t.Run("SignedSessionNeverChanges", func(t *testing.T) {
			signedNotes(t)
			for _, q := range []string{
				"UPDATE group_session SET topic = 'changed' WHERE id = ?",
				"DELETE FROM group_session WHERE id = ?",
				"UPDATE group_attendee SET response = 'changed' WHERE session_id = ?",
				"DELETE FROM group_attendee WHERE session_id = ?",
			} {
				if _, err := db.ExecRaw(ctx, q, g.ID); err == nil {
					t.Errorf("%s was allowed", q)
				}
			}
			if _, err := db.SetAttendee(ctx, f.Peer, g.ID, goldthread.GroupAttendee{ParticipantID: people[3].ID, Present: true}); goldthread.ErrorKind(err) != goldthread.ECONFLICT {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("SupervisorReadsTheRoster", func(t *testing.T) {
			signedNotes(t)
			got, err := db.GroupSession(ctx, f.Supervisor, g.ID)
			if err != nil || got.PresentCount() != 11 || got.Status != goldthread.NoteSigned || got.MaxSize != 12 {
				t.Fatalf("%v %+v", err, got)
			}
			if _, err := db.GroupSession(ctx, f.OtherPeer, g.ID); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("another peer read the roster: %v", err)
			}
		})
	})
}
