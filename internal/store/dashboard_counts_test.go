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

// programFigures is what the program dashboard says that the kept counts
// decide: services in all, goals in force and addressed, the rows, and
// Marcus's goals with their notes.
type programFigures struct {
	Services, InForce, Addressed, Rows int
	Marcus                             string
}

func (e *noteEnv) programFigures(t *testing.T, period goldthread.ReportFilter) programFigures {
	t.Helper()
	// A clinician reads the whole agency: the kept counts answer.
	rep, err := e.db.DirectorReport(context.Background(), e.f.Clinician, period)
	if err != nil {
		t.Fatal(err)
	}
	out := programFigures{InForce: rep.Goals.InForce, Addressed: rep.Goals.Addressed, Rows: rep.RowsTotal, Marcus: "no row"}
	for _, s := range rep.Services {
		out.Services += s.Count
	}
	for _, p := range rep.Participants {
		if p.ParticipantID == e.f.Mine.ID {
			out.Marcus = fmt.Sprint(p.Goals)
		}
	}
	if len(rep.Participants) != rep.RowsTotal {
		t.Errorf("%d rows, total %d", len(rep.Participants), rep.RowsTotal)
	}
	// The agency has one program: its dashboard counts the same goals and
	// rows (from the program's kept count, not the agency's).
	period.ProgramID = e.f.Program.ID
	prog, err := e.db.DirectorReport(context.Background(), e.f.Clinician, period)
	if err != nil {
		t.Fatal(err)
	}
	if prog.Goals.InForce != rep.Goals.InForce || prog.RowsTotal != rep.RowsTotal {
		t.Errorf("the program's dashboard says %d goals in force and %d rows, the agency's %d and %d",
			prog.Goals.InForce, prog.RowsTotal, rep.Goals.InForce, rep.RowsTotal)
	}
	return out
}

func (e *noteEnv) signAt(t *testing.T, text string, mut ...func(*store.NoteInput)) int64 {
	t.Helper()
	return e.mustSign(t, e.draft(t, append([]func(*store.NoteInput){func(in *store.NoteInput) { in.PeerAction = text }}, mut...)...)).ID
}

// signLateAt is signAt for a note past its deadline (a late entry).
func (e *noteEnv) signLateAt(t *testing.T, text string, mut ...func(*store.NoteInput)) int64 {
	t.Helper()
	n := e.draft(t, append([]func(*store.NoteInput){func(in *store.NoteInput) { in.PeerAction = text }}, mut...)...)
	if _, _, err := e.db.SignNote(context.Background(), e.f.Peer, n.ID, store.SignNoteInput{Password: storetest.Password,
		Attestation: "I provided this service as described.", LateEntryReason: "Written after a week of leave.", Version: n.Version}); err != nil {
		t.Fatalf("sign: %v", err)
	}
	return n.ID
}

// TestProgramDashboardCountsFollowEachWrite: after each write that can
// move the counts kept for the program dashboard (migrations 0170, 0175,
// 0190), a clinician's dashboard, of the agency and of its one program,
// says what the notes and plans say, by hand: a note
// signed (a day's first, a day before the goal's first, a second on a day,
// one addressing two goals), an addendum (nothing moves), a new plan
// version (its goals take over, the old ones' notes no longer count), a
// discharge and an enrolment again, a group session and a bulk load.
// Each check fails with its maintenance removed (countSignedNote,
// its next-day and same-day updates, refreshGoalsInForce after a plan,
// a discharge, an enrolment; countPlansInForce's agency row, or its
// program rows).
func TestProgramDashboardCountsFollowEachWrite(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		period := march(1, 15)
		want := func(step string, got, want programFigures) {
			t.Helper()
			if got != want {
				t.Errorf("%s: the dashboard says %+v, want %+v", step, got, want)
			}
		}
		goals := e.plan.Goals
		words := func(a, b int) string {
			return fmt.Sprintf("[{%s %d} {%s %d}]", goals[0].Words, a, goals[1].Words, b)
		}
		want("before any note", e.programFigures(t, period), programFigures{InForce: 2, Rows: 1, Marcus: words(0, 0)})

		e.signAt(t, "We practiced what to say when calling a landlord.", onMarch(10, 13))
		want("a note on Mar 10", e.programFigures(t, period), programFigures{Services: 1, InForce: 2, Addressed: 1, Rows: 1, Marcus: words(1, 0)})

		e.signAt(t, "We looked at three listings together and made a list.", onMarch(9, 13))
		want("a note on Mar 9, the day before the goal's first", e.programFigures(t, period),
			programFigures{Services: 2, InForce: 2, Addressed: 1, Rows: 1, Marcus: words(2, 0)})
		want("Mar 10–15 only", e.programFigures(t, march(10, 15)), programFigures{Services: 1, InForce: 2, Addressed: 1, Rows: 1, Marcus: words(1, 0)})
		want("Mar 1–8", e.programFigures(t, march(1, 8)), programFigures{InForce: 2, Rows: 1, Marcus: words(0, 0)})

		both := e.signAt(t, "We called the housing line and then talked about his daughter's visit.", onMarch(10, 9), func(in *store.NoteInput) {
			in.Goals = append(in.Goals, goldthread.NoteGoal{GoalID: goals[1].ID, InterventionID: goals[1].Interventions[0].ID})
		})
		want("a second note on Mar 10, on both goals", e.programFigures(t, period),
			programFigures{Services: 3, InForce: 2, Addressed: 2, Rows: 1, Marcus: words(3, 1)})

		if _, err := db.AddAddendum(ctx, e.f.Peer, both, store.AddendumInput{Kind: "clarification", Body: "The housing line called back.",
			Password: storetest.Password, Attestation: "I attest."}); err != nil {
			t.Fatal(err)
		}
		want("an addendum", e.programFigures(t, period), programFigures{Services: 3, InForce: 2, Addressed: 2, Rows: 1, Marcus: words(3, 1)})

		next := e.f.MustSignedPlan(t, db, e.f.SamplePlan(goldthread.NewDate(2026, 3, 10), func(p *goldthread.Plan) {
			p.Goals = p.Goals[:1]
			p.Goals[0].Words = "I want a lease in my own name"
		}))
		e.clock.T = time.Date(2026, 3, 10, 16, 0, 0, 0, time.UTC)
		newGoal := fmt.Sprintf("[{%s %%d}]", next.Goals[0].Words)
		want("a new plan version", e.programFigures(t, period), programFigures{Services: 3, InForce: 1, Addressed: 0, Rows: 1, Marcus: fmt.Sprintf(newGoal, 0)})

		e.plan = next
		e.signAt(t, "We read the lease together line by line.", onMarch(10, 11))
		want("a note on the new plan's goal", e.programFigures(t, period),
			programFigures{Services: 4, InForce: 1, Addressed: 1, Rows: 1, Marcus: fmt.Sprintf(newGoal, 1)})

		if err := db.RecordDischarge(ctx, e.f.Peer, &goldthread.Discharge{ParticipantID: e.f.Mine.ID, ProgramID: e.f.Program.ID,
			Date: goldthread.NewDate(2026, 3, 10), Reason: "Moved away",
			Goals: []goldthread.DischargeGoal{{GoalID: next.Goals[0].ID, Outcome: goldthread.GoalPartlyMet}}}); err != nil {
			t.Fatal(err)
		}
		want("a discharge", e.programFigures(t, period), programFigures{Services: 4, Marcus: "no row"})

		if err := db.EnrollParticipant(ctx, e.f.Clinician, e.f.Mine.ID, e.f.Program.ID, goldthread.NewDate(2026, 3, 10)); err != nil {
			t.Fatal(err)
		}
		want("enrolled again", e.programFigures(t, period), programFigures{Services: 4, InForce: 1, Addressed: 1, Rows: 1, Marcus: fmt.Sprintf(newGoal, 1)})

		load := db.NewNoteLoad("I provided these services as described.")
		if _, err := load.Sign(ctx, []store.AuthoredNote{e.bulkNote(11, 9, "We toured the building and met the manager.")}); err != nil {
			t.Fatal(err)
		}
		want("a bulk load's note", e.programFigures(t, period), programFigures{Services: 5, InForce: 1, Addressed: 1, Rows: 1, Marcus: fmt.Sprintf(newGoal, 2)})
	})
}

// TestProgramDashboardGoalsAddressedFromKeptDays: the goals addressed in a
// period come from the goal days kept by day and by pair of days
// (migration 0175); a note dated between two days of its goal splits their
// pair in two, and a second note on a day moves nothing. Marcus's first
// goal has notes on Mar 6 and 9, then on Mar 8, then a second on Mar 8;
// each period below counts it once when a day of it has a note, by hand.
// Each check fails with that maintenance removed (countGoalDays: the day,
// the pair before it, the pair after it, the split pair).
func TestProgramDashboardGoalsAddressedFromKeptDays(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e := newNoteEnv(t, db)
		e.signLateAt(t, "We went over the rental application form.", onMarch(6, 13))
		e.signAt(t, "We looked at three listings together and made a list.", onMarch(9, 13))
		check := func(step string) {
			t.Helper()
			for _, p := range []struct {
				from, to, want int
			}{{6, 9, 1}, {7, 9, 1}, {6, 8, 1}, {7, 7, 0}, {9, 9, 1}, {7, 8, 1}, {10, 15, 0}} {
				if got := e.programFigures(t, march(p.from, p.to)).Addressed; got != p.want {
					t.Errorf("%s: Mar %d-%d, %d goals addressed; want %d", step, p.from, p.to, got, p.want)
				}
			}
		}
		e.signLateAt(t, "We wrote down the questions for the viewing.", onMarch(8, 13))
		check("a note on Mar 8, between Mar 6 and 9")
		e.signLateAt(t, "We called the landlord about the viewing.", onMarch(8, 15))
		check("a second note on Mar 8")
	})
}

// TestProgramDashboardCountsAGroupSession: a signed group session counts
// one service a member present, each on the goals linked for them.
func TestProgramDashboardCountsAGroupSession(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f, clock := newGroupEnv(t, db)
		plan := f.MustSignedPlan(t, db, f.SamplePlan(goldthread.NewDate(2026, 11, 1)))
		day := goldthread.ReportFilter{From: goldthread.DateOf(clock.T), To: goldthread.DateOf(clock.T)}
		g, err := db.CreateGroupSession(ctx, f.Peer, groupInput(f, clock.T))
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range []goldthread.GroupAttendee{
			{ParticipantID: f.Mine.ID, Present: true, Response: "Said the breathing skill helps.",
				Goals: []goldthread.NoteGoal{{GoalID: plan.Goals[1].ID, InterventionID: plan.Goals[1].Interventions[0].ID}}},
			{ParticipantID: f.MineToo.ID, Present: true, Response: "Tried the grounding skill twice."},
		} {
			if g, err = db.SetAttendee(ctx, f.Peer, g.ID, a); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.SignGroupSession(ctx, f.Peer, g.ID, store.SignNoteInput{Password: storetest.Password, Attestation: "I attest."}); err != nil {
			t.Fatal(err)
		}
		rep, err := db.DirectorReport(ctx, f.Clinician, day)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Services) != 1 || rep.Services[0] != (goldthread.ServiceCount{Category: "skills_building_recovery_group", Modality: "in_person", Count: 2}) {
			t.Errorf("services = %+v, want the two members' group services", rep.Services)
		}
		if rep.Goals.InForce != 2 || rep.Goals.Addressed != 1 {
			t.Errorf("goals = %+v, want 1 of Marcus's 2 addressed", rep.Goals)
		}
		for _, p := range rep.Participants {
			if p.ParticipantID == f.Mine.ID && (len(p.Goals) != 2 || p.Goals[0].Notes != 0 || p.Goals[1].Notes != 1) {
				t.Errorf("Marcus's goals = %+v", p.Goals)
			}
		}
	})
}

// keptCounts is every row of the program dashboard's kept tables, as text
// (a boolean read the same on both engines).
func keptCounts(t *testing.T, db *store.DB) string {
	t.Helper()
	var out []string
	for _, q := range []string{
		"SELECT agency_id, service_date, program_id, category, modality, notes FROM service_day_count ORDER BY agency_id, service_date, program_id, category, modality",
		"SELECT goal_id, service_date, agency_id, participant_id, program_id, notes, COALESCE(previous_date, service_date), previous_date IS NULL, CASE WHEN in_force THEN 1 ELSE 0 END FROM goal_note_day ORDER BY goal_id, service_date",
		"SELECT participant_id, program_id, agency_id, plan_id, goals FROM goals_in_force ORDER BY participant_id, program_id",
		"SELECT agency_id, service_date, program_id, goals FROM goal_day_count ORDER BY agency_id, service_date, program_id",
		"SELECT agency_id, previous_date, service_date, program_id, goals FROM goal_day_pair ORDER BY agency_id, previous_date, service_date, program_id",
		"SELECT agency_id, program_id, participants, goals FROM goals_in_force_count ORDER BY agency_id, program_id",
	} {
		rows, err := db.QueryRaw(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					vals[i] = string(b)
				}
				if tm, ok := v.(time.Time); ok {
					vals[i] = tm.Format("2006-01-02")
				}
				if b, ok := v.(bool); ok {
					vals[i] = map[bool]int64{false: 0, true: 1}[b]
				}
			}
			out = append(out, fmt.Sprint(vals))
		}
		rows.Close()
		out = append(out, "--")
	}
	return strings.Join(out, "\n")
}

// backfillAgain empties the program dashboard's kept tables and fills
// them again with the SQL of migrations 0170, 0175 and 0190, as they do
// from the notes and plans there are.
func backfillAgain(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	ms, err := store.Migrations(db.Engine)
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"service_day_count", "goal_note_day", "goals_in_force", "goal_day_count", "goal_day_pair", "goals_in_force_count"} {
		if _, err := db.ExecRaw(ctx, "DELETE FROM "+table); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range ms {
		if m.Version != 170 && m.Version != 175 && m.Version != 190 {
			continue
		}
		for _, stmt := range strings.Split(m.SQL, ";\n") {
			if i := strings.Index(stmt, "INSERT INTO"); i >= 0 {
				if _, err := db.ExecRaw(ctx, stmt[i:]); err != nil {
					t.Fatalf("%.60s: %v", stmt[i:], err)
				}
			}
		}
	}
}

// TestProgramDashboardBackfillIsWhatSigningKeeps: the counts migrations
// 0170, 0175 and 0190 compute in SQL from the notes and plans there are
// equal the counts the store kept while they were written (notes out of
// day order, one between two days of its goal, two on a day, one on two
// goals, a new plan version, a participant with plans in force in two
// programs, then discharged, so the second program's count falls to
// nothing, a group session), before and after the discharge.
func TestProgramDashboardBackfillIsWhatSigningKeeps(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		goals := e.plan.Goals
		e.signAt(t, "We practiced what to say when calling a landlord.", onMarch(10, 13))
		e.signAt(t, "We looked at three listings together and made a list.", onMarch(9, 13))
		e.signLateAt(t, "We went over the rental application form.", onMarch(5, 13))
		e.signLateAt(t, "We wrote down the questions for the viewing.", onMarch(7, 13))
		e.signAt(t, "We called the housing line and then talked about his daughter's visit.", onMarch(10, 9), func(in *store.NoteInput) {
			in.Goals = append(in.Goals, goldthread.NoteGoal{GoalID: goals[1].ID, InterventionID: goals[1].Interventions[0].ID})
		})
		e.plan = e.f.MustSignedPlan(t, db, e.f.SamplePlan(goldthread.NewDate(2026, 3, 10), func(p *goldthread.Plan) { p.Goals = p.Goals[:1] }))
		e.clock.T = time.Date(2026, 3, 10, 16, 0, 0, 0, time.UTC)
		e.signAt(t, "We read the lease together line by line.", onMarch(10, 11))
		tom := e.f.MustSignedPlanBy(t, db, e.f.OtherPeer, e.f.SamplePlan(goldthread.NewDate(2026, 2, 1), func(p *goldthread.Plan) { p.ParticipantID = e.f.Others.ID }))
		// Tom's plan in a second program, where he is the only one.
		sys := goldthread.Operator(e.f.Agency.ID, "test setup")
		second := goldthread.Program{AgencyID: e.f.Agency.ID, Name: "Recovery housing", RulePack: e.f.Program.RulePack, State: "NC", Active: true}
		if err := db.CreateProgram(ctx, &second); err != nil {
			t.Fatal(err)
		}
		if err := db.Enroll(ctx, sys, e.f.Others.ID, second.ID, goldthread.NewDate(2026, 2, 1)); err != nil {
			t.Fatal(err)
		}
		e.f.MustSignedPlanBy(t, db, e.f.OtherPeer, e.f.SamplePlan(goldthread.NewDate(2026, 2, 2), func(p *goldthread.Plan) {
			p.ParticipantID, p.ProgramID, p.Goals = e.f.Others.ID, second.ID, p.Goals[1:]
		}))
		n, err := db.CreateDraftNote(ctx, e.f.OtherPeer, e.input(onMarch(9, 10), func(in *store.NoteInput) {
			in.ParticipantID, in.Goals = e.f.Others.ID, []goldthread.NoteGoal{{GoalID: tom.Goals[0].ID, InterventionID: tom.Goals[0].Interventions[0].ID}}
		}))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.SignNote(ctx, e.f.OtherPeer, n.ID, store.SignNoteInput{Password: storetest.Password, Attestation: "I attest.", Version: n.Version}); err != nil {
			t.Fatal(err)
		}
		check := func(step string) {
			t.Helper()
			kept := keptCounts(t, db)
			if strings.Count(kept, "\n") < 10 {
				t.Fatalf("%s: too few kept rows to compare:\n%s", step, kept)
			}
			backfillAgain(t, db)
			if again := keptCounts(t, db); again != kept {
				t.Errorf("%s: the migration's backfill:\n%s\nwhat signing kept:\n%s", step, again, kept)
			}
		}
		check("Tom in two programs")
		if err := db.RecordDischarge(ctx, e.f.OtherPeer, &goldthread.Discharge{ParticipantID: e.f.Others.ID, ProgramID: e.f.Program.ID,
			Date: goldthread.NewDate(2026, 3, 10), Reason: "Moved away", Goals: []goldthread.DischargeGoal{
				{GoalID: tom.Goals[0].ID, Outcome: goldthread.GoalMet}, {GoalID: tom.Goals[1].ID, Outcome: goldthread.GoalNotMet}}}); err != nil {
			t.Fatal(err)
		}
		check("Tom discharged")
	})
}
