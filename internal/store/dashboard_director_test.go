package store_test

import (
	"context"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/password"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

func answers(v ...int) [goldthread.BARCItems]int {
	var a [goldthread.BARCItems]int
	copy(a[:], v)
	return a
}

func tens(n int) []int {
	out := make([]int, 10)
	for i := range out {
		out[i] = n
	}
	return out
}

func (e *noteEnv) barc(t *testing.T, participant int64, occasion string, on goldthread.Date, a [goldthread.BARCItems]int) {
	t.Helper()
	if _, err := e.db.RecordRecoveryCapital(context.Background(), e.f.Clinician, store.RecoveryCapitalInput{ParticipantID: participant,
		Occasion: occasion, TakenOn: on, Answers: a}); err != nil {
		t.Fatalf("record BARC-10: %v", err)
	}
}

func foreignClinician(t *testing.T, db *store.DB, f *storetest.Fixture) goldthread.Actor {
	t.Helper()
	hash, _ := password.Hash(storetest.Password, password.Params{Memory: 64, Time: 1, Threads: 1})
	s := goldthread.Staff{AgencyID: f.Foreign.AgencyID, Email: "clin@elsewhere.test", Name: "Cy Elsewhere", FirstName: "Cy", LastName: "Elsewhere",
		Roles: []goldthread.Role{goldthread.RoleClinician}}
	if err := db.CreateStaff(context.Background(), &s, hash, 0); err != nil {
		t.Fatal(err)
	}
	return goldthread.Actor{UserID: s.ID, AgencyID: s.AgencyID, Name: s.Name, Roles: s.Roles}
}

// The director's data set, hand-counted. Marcus (Pat's; a plan with two
// goals) had signed services on Mar 9 and Mar 10 on his first goal, and
// BARC-10 totals of 30 (Feb 1) then 38 (Mar 5). Renee (Pat's; no plan): one
// BARC-10 of 25. Tom (Oli's; a plan): one signed service on Mar 9, BARC-10
// 40 then 35, discharged on Mar 10 with his first goal met and the second
// not, no natural supports named. Quinn (Oli's; no plan): discharged on
// Mar 10 with her brother as natural support.
func TestDirectorReport(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		sys := goldthread.Operator(e.f.Agency.ID, "test setup")
		e.mustSign(t, e.draft(t, slot(3, 9, 13, 45)))
		e.mustSign(t, e.draft(t, slot(3, 10, 10, 30)))
		tomPlan := e.f.MustSignedPlanBy(t, db, e.f.OtherPeer, e.f.SamplePlan(goldthread.NewDate(2026, 2, 1), func(p *goldthread.Plan) { p.ParticipantID = e.f.Others.ID }))
		n, err := db.CreateDraftNote(ctx, e.f.OtherPeer, e.input(slot(3, 9, 13, 30), forParticipant(e.f.Others.ID)))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.SignNote(ctx, e.f.OtherPeer, n.ID, store.SignNoteInput{Password: storetest.Password, Attestation: "I provided this service as described.", Version: n.Version}); err != nil {
			t.Fatal(err)
		}
		e.barc(t, e.f.Mine.ID, goldthread.BARCIntake, goldthread.NewDate(2026, 2, 1), answers(tens(3)...))
		e.barc(t, e.f.Mine.ID, goldthread.BARCReview, goldthread.NewDate(2026, 3, 5), answers(4, 4, 4, 4, 4, 4, 4, 4, 3, 3))
		e.barc(t, e.f.MineToo.ID, goldthread.BARCIntake, goldthread.NewDate(2026, 3, 1), answers(2, 2, 2, 2, 2, 3, 3, 3, 3, 3))
		e.barc(t, e.f.Others.ID, goldthread.BARCIntake, goldthread.NewDate(2026, 2, 1), answers(tens(4)...))
		e.barc(t, e.f.Others.ID, goldthread.BARCReview, goldthread.NewDate(2026, 3, 6), answers(4, 4, 4, 4, 4, 3, 3, 3, 3, 3))
		quinn := goldthread.Participant{FirstName: "Quinn", LastName: "New", BirthDate: goldthread.NewDate(1990, 1, 1)}
		for _, err := range []error{db.CreateParticipant(ctx, sys, &quinn), db.Enroll(ctx, sys, quinn.ID, e.f.Program.ID, goldthread.NewDate(2026, 3, 1)),
			db.AssignCaseload(ctx, sys, quinn.ID, e.f.OtherPeer.UserID, goldthread.NewDate(2026, 3, 1))} {
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, d := range []goldthread.Discharge{
			{ParticipantID: e.f.Others.ID, ProgramID: e.f.Program.ID, Date: goldthread.NewDate(2026, 3, 10), Reason: "Moved away",
				Goals: []goldthread.DischargeGoal{{GoalID: tomPlan.Goals[0].ID, Outcome: goldthread.GoalMet}, {GoalID: tomPlan.Goals[1].ID, Outcome: goldthread.GoalNotMet}}},
			{ParticipantID: quinn.ID, ProgramID: e.f.Program.ID, Date: goldthread.NewDate(2026, 3, 10), Reason: "Chose to stop", NaturalSupports: "Her brother"},
		} {
			if err := db.RecordDischarge(ctx, e.f.OtherPeer, &d); err != nil {
				t.Fatalf("discharge: %v", err)
			}
		}
		period := march(1, 15)
		t.Run("EveryFigureForAReaderOfTheWholeAgency", func(t *testing.T) {
			rep, err := db.DirectorReport(ctx, e.f.Clinician, period)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Services) != 1 || rep.Services[0] != (goldthread.ServiceCount{Category: "peer_mentoring_coaching", Modality: "in_person", Count: 3}) {
				t.Errorf("services = %+v", rep.Services)
			}
			if rep.Goals != (goldthread.GoalProgress{InForce: 2, Addressed: 1, Met: 1, NotMet: 1}) {
				t.Errorf("goals = %+v", rep.Goals)
			}
			if rep.Discharges != (goldthread.DischargeCount{Total: 2, NaturalSupports: 1}) {
				t.Errorf("discharges = %+v", rep.Discharges)
			}
			if rep.Capital != (goldthread.CapitalSummary{Measured: 3, Twice: 2, Rose: 1, Fell: 1}) {
				t.Errorf("recovery capital = %+v", rep.Capital)
			}
			if !rep.Rows || len(rep.Participants) != 3 || rep.Participants[0].Name != "Marcus Bell" {
				t.Fatalf("rows = %+v", rep.Participants)
			}
			m := rep.Participants[0]
			if len(m.Totals) != 2 || m.Totals[0] != 30 || m.Totals[1] != 38 || len(m.Goals) != 2 || m.Goals[0].Notes != 2 || m.Goals[1].Notes != 0 {
				t.Errorf("Marcus = %+v", m)
			}
		})
		t.Run("ASupervisorCountsTheirTeamsParticipantsOnly", func(t *testing.T) {
			rep, err := db.DirectorReport(ctx, e.f.Supervisor, period)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Services) != 1 || rep.Services[0].Count != 2 || rep.Discharges.Total != 0 ||
				rep.Capital != (goldthread.CapitalSummary{Measured: 2, Twice: 1, Rose: 1}) || len(rep.Participants) != 2 {
				t.Fatalf("supervisor's report = %+v", rep)
			}
		})
		t.Run("AnAdministratorGetsCountsWithoutRows", func(t *testing.T) {
			rep, err := db.DirectorReport(ctx, e.f.Admin, period)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Rows || len(rep.Participants) != 0 || rep.Capital.Measured != 3 || rep.Discharges.Total != 2 {
				t.Fatalf("administrator's report = %+v", rep)
			}
		})
		t.Run("FiltersAndAnotherAgency", func(t *testing.T) {
			rep, _ := db.DirectorReport(ctx, e.f.Clinician, goldthread.ReportFilter{From: period.From, To: period.To, StaffID: e.f.Peer.UserID})
			if len(rep.Services) != 1 || rep.Services[0].Count != 2 || rep.Capital.Measured != 2 || rep.Discharges.Total != 0 {
				t.Errorf("Pat's figures = %+v", rep)
			}
			rep, _ = db.DirectorReport(ctx, e.f.Clinician, march(1, 8))
			if len(rep.Services) != 0 || rep.Discharges.Total != 0 || rep.Capital.Twice != 2 {
				t.Errorf("Mar 1–8 = %+v (services and discharges after the period, BARC-10s before its end)", rep)
			}
			rep, err := db.DirectorReport(ctx, foreignClinician(t, db, e.f), period)
			if err != nil || len(rep.Services) != 0 || rep.Capital.Measured != 0 || rep.Discharges.Total != 0 || len(rep.Participants) != 0 {
				t.Errorf("another agency's clinician sees %+v (%v)", rep, err)
			}
		})
		t.Run("OnlyReadersAndAdministrators", func(t *testing.T) {
			for _, a := range []goldthread.Actor{e.f.Peer, e.f.Billing} {
				_, err := db.DirectorReport(ctx, a, period)
				wantKind(t, err, goldthread.EFORBIDDEN, "")
			}
		})
	})
}

func TestRecordRecoveryCapital(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		in := func(mut ...func(*store.RecoveryCapitalInput)) store.RecoveryCapitalInput {
			r := store.RecoveryCapitalInput{ParticipantID: e.f.Mine.ID, Occasion: goldthread.BARCIntake, TakenOn: goldthread.NewDate(2026, 3, 10),
				Answers: answers(1, 2, 3, 4, 5, 6, 1, 2, 3, 4)}
			for _, m := range mut {
				m(&r)
			}
			return r
		}
		t.Run("TheTotalIsTheSumOfTheTenAnswers", func(t *testing.T) {
			r, err := db.RecordRecoveryCapital(ctx, e.f.Peer, in())
			if err != nil || r.Total != 31 {
				t.Fatalf("recorded %+v, %v; want total 31", r, err)
			}
			list, err := db.RecoveryCapitalHistory(ctx, e.f.Supervisor, e.f.Mine.ID)
			if err != nil || len(list) != 1 || list[0].Answers != r.Answers || list[0].RecordedBy != "Pat Peer" {
				t.Fatalf("history = %+v, %v", list, err)
			}
			t.Run("ARecordedBARC10NeverChanges", func(t *testing.T) {
				for _, q := range []string{"UPDATE recovery_capital SET total = 60 WHERE id = ?", "DELETE FROM recovery_capital WHERE id = ?"} {
					if _, err := db.ExecRaw(ctx, q, r.ID); err == nil {
						t.Errorf("the database allowed %q", q)
					}
				}
			})
		})
		t.Run("BadInputNamesTheField", func(t *testing.T) {
			for field, mut := range map[string]func(*store.RecoveryCapitalInput){
				"item_3":   func(r *store.RecoveryCapitalInput) { r.Answers[2] = 7 },
				"item_10":  func(r *store.RecoveryCapitalInput) { r.Answers[9] = 0 },
				"occasion": func(r *store.RecoveryCapitalInput) { r.Occasion = "whenever" },
				"taken_on": func(r *store.RecoveryCapitalInput) { r.TakenOn = goldthread.NewDate(2026, 3, 11) },
			} {
				_, err := db.RecordRecoveryCapital(ctx, e.f.Peer, in(mut))
				wantKind(t, err, goldthread.EINVALID, field)
			}
		})
		t.Run("OnlyForParticipantsInReach", func(t *testing.T) {
			_, err := db.RecordRecoveryCapital(ctx, e.f.OtherPeer, in())
			wantKind(t, err, goldthread.ENOTFOUND, "")
			_, err = db.RecordRecoveryCapital(ctx, e.f.Billing, in())
			wantKind(t, err, goldthread.EFORBIDDEN, "")
			_, err = db.RecoveryCapitalHistory(ctx, e.f.OtherPeer, e.f.Mine.ID)
			wantKind(t, err, goldthread.ENOTFOUND, "")
		})
	})
}
