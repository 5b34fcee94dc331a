package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// intakeClock puts the store on 2026-06-15, noon UTC: intake dates below
// are judged against it, never against the wall clock.
func intakeClock(db *store.DB) {
	c := &storetest.Clock{T: time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)}
	db.Now = c.Now
}

// newIntake is a valid intake in the fixture's NC program for its first
// peer; mutators change one thing.
func newIntake(f *storetest.Fixture) goldthread.Intake {
	return goldthread.Intake{
		Participant: goldthread.Participant{FirstName: "Lucía", LastName: "Ortega", BirthDate: goldthread.NewDate(2005, 3, 9),
			MedicaidID: "952 603 718-f", Phone: "(828) 555-0107", Email: "lucia@example.org", Language: "Spanish",
			Address: goldthread.Address{Line1: "420 Kenilworth Rd", City: "Asheville", State: "nc", PostalCode: "28803"}},
		ProgramID: f.Program.ID, Start: goldthread.NewDate(2026, 6, 1), PeerID: f.Peer.UserID,
	}
}

// TestRegisterParticipant: one intake makes the record, the enrolment and
// the caseload place together, or nothing at all.
func TestRegisterParticipant(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		intakeClock(db)
		f := storetest.MustFixture(t, db)
		t.Run("SupervisorRegistersForTheirTeam", func(t *testing.T) {
			in := newIntake(f)
			if err := db.RegisterParticipant(ctx, f.Supervisor, &in); err != nil {
				t.Fatal(err)
			}
			p, err := db.Participant(ctx, f.Peer, in.Participant.ID)
			if err != nil {
				t.Fatalf("the assigned peer cannot reach the new participant: %v", err)
			}
			if p.MedicaidID != "952603718F" || p.Address.State != "NC" || p.Email != "lucia@example.org" {
				t.Errorf("stored %+v; want the Medicaid ID and state tidied", p)
			}
			if len(p.Enrollments) != 1 || p.Enrollments[0].ProgramID != f.Program.ID || p.Enrollments[0].Start != in.Start {
				t.Errorf("enrolments %+v", p.Enrollments)
			}
			if len(p.AssignedPeers) != 1 || p.AssignedPeers[0].PeerID != f.Peer.UserID {
				t.Errorf("peers %+v", p.AssignedPeers)
			}
			for _, rt := range []string{"participant", "enrollment", "caseload"} {
				if n := countRows(t, db, "SELECT COUNT(*) FROM audit_event WHERE action = 'create' AND record_type = ? AND participant_id = ?", rt, p.ID); n != 1 {
					t.Errorf("%d create events for %s; want 1", n, rt)
				}
			}
		})
		t.Run("StartDefaultsToToday", func(t *testing.T) {
			in := newIntake(f)
			in.Participant.FirstName, in.Participant.MedicaidID, in.Start = "Ana", "", goldthread.Date{}
			if err := db.RegisterParticipant(ctx, f.Clinician, &in); err != nil {
				t.Fatal(err)
			}
			if in.Start != goldthread.NewDate(2026, 6, 15) {
				t.Errorf("start %s; want the store's today", in.Start)
			}
		})
		cases := []struct {
			name, kind, field string
			actor             func() goldthread.Actor
			mut               func(*goldthread.Intake)
		}{
			{"PeerDoesNotRunIntake", goldthread.EFORBIDDEN, "", func() goldthread.Actor { return f.Peer }, nil},
			{"BillingDoesNotRunIntake", goldthread.EFORBIDDEN, "", func() goldthread.Actor { return f.Billing }, nil},
			{"NoProgram", goldthread.EINVALID, "program_id", nil, func(in *goldthread.Intake) { in.ProgramID = 0 }},
			{"ForeignProgram", goldthread.EINVALID, "program_id", nil, func(in *goldthread.Intake) { in.ProgramID = 99999 }},
			{"NoPeer", goldthread.EINVALID, "peer_id", nil, func(in *goldthread.Intake) { in.PeerID = 0 }},
			{"NotAPeer", goldthread.EINVALID, "peer_id", nil, func(in *goldthread.Intake) { in.PeerID = f.Billing.UserID }},
			{"PeerOutsideTheSupervisorsTeam", goldthread.EINVALID, "peer_id", nil, func(in *goldthread.Intake) { in.PeerID = f.OtherPeer.UserID }},
			{"NoLastName", goldthread.EINVALID, "last_name", nil, func(in *goldthread.Intake) { in.Participant.LastName = " " }},
			{"BornInTheFuture", goldthread.EINVALID, "birth_date", nil, func(in *goldthread.Intake) { in.Participant.BirthDate = goldthread.NewDate(2027, 1, 1) }},
			{"BadEmail", goldthread.EINVALID, "email", nil, func(in *goldthread.Intake) { in.Participant.Email = "lucia at home" }},
			{"BadZIP", goldthread.EINVALID, "postal_code", nil, func(in *goldthread.Intake) { in.Participant.Address.PostalCode = "2880" }},
			{"CaliforniaIDInNorthCarolina", goldthread.EINVALID, "medicaid_id", nil, func(in *goldthread.Intake) { in.Participant.MedicaidID = "91827364A" }},
			{"StartFarAhead", goldthread.EINVALID, "start_date", nil, func(in *goldthread.Intake) { in.Start = goldthread.NewDate(2026, 12, 1) }},
			{"SameMedicaidID", goldthread.ECONFLICT, "medicaid_id", nil, func(in *goldthread.Intake) {
				in.Participant.FirstName, in.Participant.MedicaidID = "Someone", "900000003-q"
			}},
			{"SameNameAndBirthDate", goldthread.ECONFLICT, "not_duplicate", nil, func(in *goldthread.Intake) {
				in.Participant.FirstName, in.Participant.LastName, in.Participant.MedicaidID = "marcus", "BELL", ""
				in.Participant.BirthDate = goldthread.NewDate(1985, 4, 12)
			}},
		}
		for _, c := range cases {
			t.Run("Err"+c.name, func(t *testing.T) {
				before := countRows(t, db, "SELECT COUNT(*) FROM participant")
				in := newIntake(f)
				in.Participant.FirstName, in.Participant.MedicaidID = "Case"+c.name, ""
				if c.mut != nil {
					c.mut(&in)
				}
				actor := f.Supervisor
				if c.actor != nil {
					actor = c.actor()
				}
				err := db.RegisterParticipant(ctx, actor, &in)
				if goldthread.ErrorKind(err) != c.kind || goldthread.ErrorField(err) != c.field {
					t.Fatalf("err = %v; want %s on %q", err, c.kind, c.field)
				}
				if after := countRows(t, db, "SELECT COUNT(*) FROM participant"); after != before {
					t.Fatal("a refused intake saved a participant")
				}
			})
		}
		t.Run("ConfirmedNotADuplicate", func(t *testing.T) {
			in := newIntake(f)
			in.Participant.FirstName, in.Participant.LastName, in.Participant.MedicaidID = "Marcus", "Bell", ""
			in.Participant.BirthDate, in.NotDuplicate = goldthread.NewDate(1985, 4, 12), true
			if err := db.RegisterParticipant(ctx, f.Clinician, &in); err != nil {
				t.Fatalf("a registrar's confirmation was not taken: %v", err)
			}
		})
	})
}

// TestFindDuplicates: the same Medicaid ID or the same name and birth date
// are found whatever the case, accents and dashes; a candidate out of the
// registrar's reach comes without a name.
func TestFindDuplicates(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		intakeClock(db)
		f := storetest.MustFixture(t, db)
		p := goldthread.Participant{FirstName: "MARCUS", LastName: "bell", BirthDate: goldthread.NewDate(1985, 4, 12)}
		got, err := db.FindDuplicates(ctx, f.Supervisor, p)
		if err != nil || len(got) != 1 || got[0].ID != f.Mine.ID || got[0].Reason != goldthread.DuplicateNameBirthDate || got[0].Name != "Marcus Bell" {
			t.Fatalf("name and birth date: %+v %v", got, err)
		}
		got, err = db.FindDuplicates(ctx, f.Supervisor, goldthread.Participant{FirstName: "T", LastName: "O", MedicaidID: "900000003-q"})
		if err != nil || len(got) != 1 || got[0].ID != f.Others.ID || got[0].Reason != goldthread.DuplicateMedicaidID {
			t.Fatalf("Medicaid ID: %+v %v", got, err)
		}
		if got[0].InReach || got[0].Name != "" {
			t.Errorf("a participant outside the supervisor's team was named: %+v", got[0])
		}
		if got, _ := db.FindDuplicates(ctx, f.Admin, goldthread.Participant{MedicaidID: "900000003Q"}); len(got) != 1 || got[0].Name != "" {
			t.Errorf("an administrator (who reads no record) saw %+v", got)
		}
		if got, _ := db.FindDuplicates(ctx, f.Supervisor, goldthread.Participant{FirstName: "Marcos", LastName: "Bell", BirthDate: goldthread.NewDate(1985, 4, 12)}); len(got) != 0 {
			t.Errorf("another first name was taken for the same person: %+v", got)
		}
		if got, _ := db.FindDuplicates(ctx, f.Supervisor, goldthread.Participant{FirstName: "Far", LastName: "Away", BirthDate: goldthread.NewDate(1970, 1, 1)}); len(got) != 0 {
			t.Errorf("another agency's participant was found: %+v", got)
		}
		if _, err := db.FindDuplicates(ctx, f.Peer, p); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
			t.Errorf("a peer searched: %v", err)
		}
	})
}

// TestIntakeRespectsTheCaseloadLimit: a peer at the limit of the agency's
// effective rule pack takes nobody else, by intake or by reassignment, and
// an agency rule override moves the limit.
func TestIntakeRespectsTheCaseloadLimit(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		intakeClock(db)
		f := storetest.MustFixture(t, db)
		// The peer has 2; the agency's override sets NC 8G's ratio to 3.
		if _, err := db.SetRuleOverride(ctx, f.Admin, f.Program.RulePack, "caseload.max_participants_per_peer", "3", "Our LME-MCO contract: 1:3 during the pilot"); err != nil {
			t.Fatal(err)
		}
		register := func(first string) error {
			in := newIntake(f)
			in.Participant.FirstName, in.Participant.MedicaidID = first, ""
			return db.RegisterParticipant(ctx, f.Admin, &in)
		}
		if err := register("Third"); err != nil {
			t.Fatalf("the third participant: %v", err)
		}
		err := register("Fourth")
		if goldthread.ErrorField(err) != "peer_id" {
			t.Fatalf("a fourth participant for a peer limited to 3: %v", err)
		}
		if msg := goldthread.ErrorMessage(err); !strings.Contains(msg, "Pat Peer already serves 3") || !strings.Contains(msg, "pilot") {
			t.Errorf("message %q does not name the peer, the count and the override", msg)
		}
		if err := db.ReassignCaseload(ctx, f.Admin, f.Others.ID, f.Peer.UserID, goldthread.NewDate(2026, 6, 15)); goldthread.ErrorField(err) != "peer_id" {
			t.Errorf("a reassignment onto a full caseload: %v", err)
		}
	})
}

// TestUpdateParticipant: staff who keep the record change demographics;
// the Medicaid ID must fit the program's payer; the trail names fields.
func TestUpdateParticipant(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		intakeClock(db)
		f := storetest.MustFixture(t, db)
		p := f.Mine
		p.Phone, p.PreferredName = "(828) 555-0199", "Marc"
		got, err := db.UpdateParticipant(ctx, f.Peer, p.ID, p)
		if err != nil || got.Phone != "(828) 555-0199" || got.PreferredName != "Marc" || got.MedicaidID != "900000001Q" {
			t.Fatalf("%+v %v", got, err)
		}
		var detail string
		if err := db.QueryRowRaw(ctx, "SELECT detail FROM audit_event WHERE action = 'update' AND record_type = 'participant' ORDER BY seq DESC LIMIT 1").Scan(&detail); err != nil {
			t.Fatal(err)
		}
		if detail != "changed=preferred_name,phone" {
			t.Errorf("audit detail %q; want the changed field names only", detail)
		}
		for name, c := range map[string]struct {
			actor       goldthread.Actor
			mut         func(*goldthread.Participant)
			kind, field string
		}{
			"OtherPeer":     {f.OtherPeer, nil, goldthread.ENOTFOUND, ""},
			"Billing":       {f.Billing, nil, goldthread.EFORBIDDEN, ""},
			"Administrator": {f.Admin, nil, goldthread.EFORBIDDEN, ""},
			"WrongShape":    {f.Peer, func(p *goldthread.Participant) { p.MedicaidID = "KT48213R" }, goldthread.EINVALID, "medicaid_id"},
			"TakenID":       {f.Peer, func(p *goldthread.Participant) { p.MedicaidID = "900000002Q" }, goldthread.ECONFLICT, "medicaid_id"},
		} {
			t.Run("Err"+name, func(t *testing.T) {
				q := f.Mine
				if c.mut != nil {
					c.mut(&q)
				}
				_, err := db.UpdateParticipant(ctx, c.actor, q.ID, q)
				if goldthread.ErrorKind(err) != c.kind || goldthread.ErrorField(err) != c.field {
					t.Fatalf("err = %v; want %s %q", err, c.kind, c.field)
				}
			})
		}
	})
}

// TestEnrolments: a supervisor enrols a participant in a second program
// and ends an enrolment with a reason, never before a documented service.
func TestEnrolments(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		intakeClock(db)
		f := storetest.MustFixture(t, db)
		ca := goldthread.Program{AgencyID: f.Agency.ID, Name: "Medi-Cal peer support", RulePack: "us-ca-medi-cal-peer-support", State: "CA", Active: true}
		if err := db.CreateProgram(ctx, &ca); err != nil {
			t.Fatal(err)
		}
		if err := db.EnrollParticipant(ctx, f.Supervisor, f.Mine.ID, ca.ID, goldthread.Date{}); goldthread.ErrorField(err) != "medicaid_id" {
			t.Fatalf("an NC Medicaid ID into a Medi-Cal program: %v", err)
		}
		if err := db.EnrollParticipant(ctx, f.Supervisor, f.Mine.ID, f.Program.ID, goldthread.Date{}); goldthread.ErrorKind(err) != goldthread.ECONFLICT {
			t.Fatalf("a second open enrolment in the same program: %v", err)
		}
		if err := db.EnrollParticipant(ctx, f.Peer, f.Mine.ID, ca.ID, goldthread.Date{}); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
			t.Fatalf("a peer enrolled someone: %v", err)
		}
		end := goldthread.NewDate(2026, 6, 10)
		for name, c := range map[string]struct {
			end    goldthread.Date
			reason string
			field  string
		}{
			"NoReason":        {end, " ", "end_reason"},
			"NoDate":          {goldthread.Date{}, "moved", "end_date"},
			"BeforeTheStart":  {goldthread.NewDate(2025, 12, 31), "moved", "end_date"},
			"BeforeAService":  {goldthread.NewDate(2026, 6, 1), "moved", "end_date"},
			"FarInTheFuture!": {goldthread.NewDate(2027, 6, 1), "moved", "end_date"},
		} {
			t.Run("ErrEnd"+name, func(t *testing.T) {
				if name == "BeforeAService" {
					writeDraftOn(t, db, f, goldthread.NewDate(2026, 6, 3))
				}
				if err := db.EndEnrollment(ctx, f.Supervisor, f.Mine.ID, f.Program.ID, c.end, c.reason); goldthread.ErrorField(err) != c.field {
					t.Fatalf("err = %v; want %s", err, c.field)
				}
			})
		}
		if err := db.EndEnrollment(ctx, f.Supervisor, f.Mine.ID, f.Program.ID, end, "Moved to Sacramento; continues in Medi-Cal"); err != nil {
			t.Fatal(err)
		}
		p, err := db.Participant(ctx, f.Supervisor, f.Mine.ID)
		if err != nil || len(p.Enrollments) != 1 || p.Enrollments[0].End != end || p.Enrollments[0].EndReason == "" {
			t.Fatalf("%+v %v", p.Enrollments, err)
		}
		if err := db.EndEnrollment(ctx, f.Supervisor, f.Mine.ID, f.Program.ID, end, "again"); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
			t.Errorf("ending a closed enrolment: %v", err)
		}
	})
}

// writeDraftOn writes a draft note for f.Mine on day, as the peer.
func writeDraftOn(t *testing.T, db *store.DB, f *storetest.Fixture, day goldthread.Date) {
	t.Helper()
	start := day.At(10, 0, time.UTC)
	_, err := db.CreateDraftNote(context.Background(), f.Peer, store.NoteInput{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID,
		Kind: goldthread.NoteIndividual, ServiceDate: day, Start: start, End: start.Add(time.Hour)})
	if err != nil {
		t.Fatal(fmt.Errorf("draft on %s: %w", day, err))
	}
}

// TestSigningNeedsTheEnrolment: a service dated before the participant's
// enrolment in the program started, or after it ended, cannot be signed;
// the message names the enrolment's date.
func TestSigningNeedsTheEnrolment(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		intakeClock(db)
		f := storetest.MustFixture(t, db) // enrolled from 2026-01-05
		sign := func(day goldthread.Date) error {
			start := day.At(10, 0, time.UTC)
			n, err := db.CreateDraftNote(ctx, f.Peer, store.NoteInput{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID,
				Kind: goldthread.NoteIndividual, ServiceDate: day, Start: start, End: start.Add(time.Hour)})
			if err != nil {
				t.Fatal(err)
			}
			_, _, err = db.SignNote(ctx, f.Peer, n.ID, store.SignNoteInput{Password: storetest.Password, Attestation: "I attest.", Version: n.Version})
			return err
		}
		err := sign(goldthread.NewDate(2026, 1, 2))
		if goldthread.ErrorField(err) != "service_date" || !strings.Contains(goldthread.ErrorMessage(err), "starts on 2026-01-05") {
			t.Fatalf("a service before the enrolment: %v", err)
		}
		writeDraftOn(t, db, f, goldthread.NewDate(2026, 5, 1)) // keeps EndEnrollment honest below
		if err := db.EndEnrollment(ctx, f.Supervisor, f.Mine.ID, f.Program.ID, goldthread.NewDate(2026, 6, 1), "transferred"); err != nil {
			t.Fatal(err)
		}
		err = sign(goldthread.NewDate(2026, 6, 3))
		if goldthread.ErrorField(err) != "service_date" || !strings.Contains(goldthread.ErrorMessage(err), "ended on 2026-06-01") {
			t.Fatalf("a service after the enrolment ended: %v", err)
		}
	})
}
