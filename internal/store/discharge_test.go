package store_test

import (
	"context"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

func TestDischarge(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		db.Now = (&storetest.Clock{T: planClock}).Now
		f := storetest.MustFixture(t, db)
		p := f.MustSignedPlan(t, db, f.SamplePlan(day26(1, 10)))
		base := func() goldthread.Discharge {
			return goldthread.Discharge{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID, Date: day26(6, 10), Reason: "Moved into his own apartment",
				NaturalSupports: "Sister; a friend from the weekend group", CommunitySupports: "Weekend walking group", Referrals: "Community college peer mentoring",
				Goals: []goldthread.DischargeGoal{{GoalID: p.Goals[0].ID, Outcome: goldthread.GoalMet}, {GoalID: p.Goals[1].ID, Outcome: goldthread.GoalPartlyMet}}}
		}
		for field, mut := range map[string]func(*goldthread.Discharge){
			"goals[1].outcome": func(d *goldthread.Discharge) { d.Goals = d.Goals[:1] },
			"reason":           func(d *goldthread.Discharge) { d.Reason = " " },
			"discharge_date":   func(d *goldthread.Discharge) { d.Date = day26(7, 1) },
			"program_id":       func(d *goldthread.Discharge) { d.ProgramID = 999999 },
		} {
			t.Run("Err_"+field, func(t *testing.T) {
				d := base()
				mut(&d)
				if err := db.RecordDischarge(ctx, f.Peer, &d); goldthread.ErrorField(err) != field {
					t.Fatalf("err = %v; want EINVALID on %s", err, field)
				}
			})
		}
		t.Run("ErrReadersCannotDischarge", func(t *testing.T) {
			d := base()
			if err := db.RecordDischarge(ctx, f.Auditor, &d); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("err = %v", err)
			}
		})
		d := base()
		if err := db.RecordDischarge(ctx, f.Peer, &d); err != nil {
			t.Fatal(err)
		}
		t.Run("DischargeSetsStatusAndEndsEnrollment", func(t *testing.T) {
			pt, err := db.Participant(ctx, f.Peer, f.Mine.ID)
			if err != nil || pt.Status != goldthread.ParticipantDischarged || pt.Enrollments[0].End != day26(6, 10) {
				t.Fatalf("%v status %s, enrollments %+v", err, pt.Status, pt.Enrollments)
			}
		})
		t.Run("GoalsMetPerGoalOfThePlanInForce", func(t *testing.T) {
			list, err := db.Discharges(ctx, f.Supervisor, f.Mine.ID)
			if err != nil || len(list) != 1 || list[0].PlanID != p.ID || len(list[0].Goals) != 2 ||
				list[0].Goals[0].Outcome != goldthread.GoalMet || list[0].Goals[0].Words != p.Goals[0].Words {
				t.Fatalf("%v %+v", err, list)
			}
		})
		t.Run("ErrTwice", func(t *testing.T) {
			d := base()
			if err := db.RecordDischarge(ctx, f.Peer, &d); goldthread.ErrorKind(err) != goldthread.ECONFLICT {
				t.Fatalf("err = %v", err)
			}
		})
	})
}
