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

func TestProgramPart2Flag(t *testing.T) {
	ctx := context.Background()
	const why = "Opioid treatment program, federally funded"
	const whyOff = "Marked by mistake: no substance use services"
	// Each subtest runs on a database of its own; scene gives it the
	// fixture and reads of its setting changes and of the program's flag.
	scene := func(t *testing.T, db *store.DB) (f *storetest.Fixture, settingChanges func(*testing.T) []goldthread.AuditEvent, flag func(*testing.T) bool) {
		t.Helper()
		f = storetest.MustFixture(t, db)
		settingChanges = func(t *testing.T) []goldthread.AuditEvent {
			t.Helper()
			events, err := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{Action: goldthread.ActionSettingChange})
			if err != nil {
				t.Fatal(err)
			}
			return events
		}
		flag = func(t *testing.T) bool {
			t.Helper()
			p, err := db.Program(ctx, f.Agency.ID, f.Program.ID)
			if err != nil {
				t.Fatal(err)
			}
			return p.Part2
		}
		return f, settingChanges, flag
	}
	set := func(t *testing.T, db *store.DB, f *storetest.Fixture, on bool, reason string) {
		t.Helper()
		if p, err := db.SetProgramPart2(ctx, f.Admin, f.Program.ID, on, reason); err != nil || p.Part2 != on {
			t.Fatalf("set part2=%v: %+v %v", on, p, err)
		}
	}
	t.Run("OnlyAnAdministratorSetsIt", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f, _, flag := scene(t, db)
			for _, a := range []goldthread.Actor{f.Peer, f.Supervisor, f.Clinician, f.Billing, f.Auditor, f.ParticipantUser} {
				if _, err := db.SetProgramPart2(ctx, a, f.Program.ID, true, ""); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
					t.Errorf("%s setting the flag: %v", a.Name, err)
				}
			}
			if flag(t) {
				t.Fatal("the flag changed")
			}
		})
	})
	t.Run("OnlyTheirAgencysPrograms", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f, _, _ := scene(t, db)
			far := goldthread.Program{AgencyID: f.Foreign.AgencyID, Name: "Elsewhere recovery", RulePack: "us-nc-medicaid-8g-pss", State: "NC", Active: true}
			if err := db.CreateProgram(ctx, &far); err != nil {
				t.Fatal(err)
			}
			for _, id := range []int64{far.ID, 999999} {
				if _, err := db.SetProgramPart2(ctx, f.Admin, id, true, ""); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
					t.Errorf("program %d: %v; want ENOTFOUND", id, err)
				}
			}
			if p, err := db.Program(ctx, far.AgencyID, far.ID); err != nil || p.Part2 {
				t.Fatalf("the other agency's program: %+v %v", p, err)
			}
		})
	})
	t.Run("TurnedOnIsReadEverywhere", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f, _, flag := scene(t, db)
			p, err := db.SetProgramPart2(ctx, f.Admin, f.Program.ID, true, "Opioid treatment program, federally funded")
			if err != nil || !p.Part2 || p.ID != f.Program.ID {
				t.Fatalf("set: %+v %v", p, err)
			}
			if !flag(t) {
				t.Fatal("Program does not read the flag")
			}
			list, err := db.Programs(ctx, f.Agency.ID)
			if err != nil || len(list) != 1 || !list[0].Part2 {
				t.Fatalf("Programs: %+v %v", list, err)
			}
			if pt, err := db.Participant(ctx, f.Peer, f.Mine.ID); err != nil || !pt.Part2 {
				t.Fatalf("participant in the program: %+v %v", pt, err)
			}
			people, err := db.ListParticipants(ctx, f.Clinician, goldthread.ParticipantFilter{})
			if err != nil || len(people) != 3 {
				t.Fatalf("list: %d %v", len(people), err)
			}
			for _, pt := range people {
				if !pt.Part2 {
					t.Errorf("%s is listed without the Part 2 flag", pt.LastName)
				}
			}
		})
	})
	t.Run("ChangeIsAuditedWithoutTheReason", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f, settingChanges, _ := scene(t, db)
			set(t, db, f, true, why)
			events := settingChanges(t)
			if len(events) != 1 {
				t.Fatalf("setting changes = %+v", events)
			}
			ev := events[0]
			if ev.ActorID != f.Admin.UserID || ev.RecordType != "program" || ev.RecordID != f.Program.ID ||
				!strings.Contains(ev.Detail, "NC peer support") || !strings.Contains(ev.Detail, "part2=true") || strings.Contains(ev.Detail, "Opioid") {
				t.Fatalf("audit event = %+v", ev)
			}
		})
	})
	t.Run("SameValueRecordsNothing", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f, settingChanges, _ := scene(t, db)
			set(t, db, f, true, why)
			if p, err := db.SetProgramPart2(ctx, f.Admin, f.Program.ID, true, "again"); err != nil || !p.Part2 {
				t.Fatalf("set again: %+v %v", p, err)
			}
			if n := len(settingChanges(t)); n != 1 {
				t.Fatalf("%d setting changes after setting the same value", n)
			}
		})
	})
	t.Run("TurningOffNeedsAReason", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f, settingChanges, flag := scene(t, db)
			set(t, db, f, true, why)
			wantKind(t, must1(db.SetProgramPart2(ctx, f.Admin, f.Program.ID, false, "  ")), goldthread.EINVALID, "reason")
			wantKind(t, must1(db.SetProgramPart2(ctx, f.Admin, f.Program.ID, false, strings.Repeat("x", 2001))), goldthread.EINVALID, "reason")
			if !flag(t) {
				t.Fatal("the flag went off without a reason")
			}
			if p, err := db.SetProgramPart2(ctx, f.Admin, f.Program.ID, false, "Marked by mistake: no substance use services"); err != nil || p.Part2 {
				t.Fatalf("off: %+v %v", p, err)
			}
			if pt, err := db.Participant(ctx, f.Peer, f.Mine.ID); err != nil || pt.Part2 {
				t.Fatalf("participant after the flag went off: %+v %v", pt, err)
			}
			if events := settingChanges(t); len(events) != 2 || !strings.Contains(events[0].Detail, "part2=false") {
				t.Fatalf("setting changes = %+v", events)
			}
		})
	})
	t.Run("LastChangeSaysWhoWhenAndWhy", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f, _, _ := scene(t, db)
			set(t, db, f, true, why)
			set(t, db, f, false, whyOff)
			changes, err := db.LastPart2Changes(ctx, f.Admin)
			c := changes[f.Program.ID]
			if err != nil || len(changes) != 1 || c.Part2 || c.SetBy != "Ada Admin" || c.Reason != "Marked by mistake: no substance use services" || c.SetAt.IsZero() {
				t.Fatalf("changes = %+v %v", changes, err)
			}
			if _, err := db.LastPart2Changes(ctx, f.Supervisor); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("supervisor reading the history: %v", err)
			}
		})
	})
	t.Run("HistoryNeverChanges", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f, _, _ := scene(t, db)
			set(t, db, f, true, why)
			for _, q := range []string{"UPDATE program_part2_change SET reason = 'x'", "DELETE FROM program_part2_change"} {
				if _, err := db.ExecRaw(ctx, q); err == nil {
					t.Errorf("%s: allowed", q)
				}
			}
		})
	})
}

// TestPart2FollowsTheProgram protects the rule of part2Column: a record is
// a 42 CFR Part 2 record because the participant is or was enrolled in a
// Part 2 program, never because a Part 2 consent is on file, and such a
// record goes to a third party only under a Part 2 consent.
func TestPart2FollowsTheProgram(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		db.Now = (&storetest.Clock{T: time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)}).Now
		f := storetest.MustFixture(t, db)
		consent := func(pid int64, kind, recipient string) {
			t.Helper()
			c := goldthread.Consent{ParticipantID: pid, Kind: kind, Recipient: recipient, Purpose: "Coordination", Information: "Attendance",
				Sections: goldthread.RecordSections, Signed: goldthread.NewDate(2026, 3, 1), Expires: goldthread.NewDate(2027, 3, 1)}
			if kind == goldthread.ConsentPart2 {
				storetest.Part2Elements(&c)
			}
			if err := db.AddConsent(ctx, f.Peer, &c); err != nil {
				t.Fatal(err)
			}
			if kind == goldthread.ConsentPart2 {
				if err := db.VerifyConsent(ctx, f.Clinician, c.ID); err != nil {
					t.Fatal(err)
				}
			}
		}
		var seen goldthread.Record
		keep := func(r goldthread.Record) (string, error) { seen = r; return "hash", nil }
		roi := store.DisclosureRequest{Recipient: "Mountain Housing Partners", Purpose: "Housing application", Sections: goldthread.RecordSections}
		part2 := store.DisclosureRequest{Recipient: "Recovery Clinic", Purpose: "Coordinating recovery support", Sections: goldthread.RecordSections}
		for _, pid := range []int64{f.Mine.ID, f.MineToo.ID} {
			consent(pid, goldthread.ConsentROI, roi.Recipient)
			consent(pid, goldthread.ConsentPart2, part2.Recipient)
		}

		t.Run("AConsentOnFileDoesNotMakeAPart2Record", func(t *testing.T) {
			if pt, err := db.Participant(ctx, f.Peer, f.Mine.ID); err != nil || pt.Part2 {
				t.Fatalf("participant: %+v %v", pt, err)
			}
			d, err := db.ExportRecord(ctx, f.Peer, f.Mine.ID, roi, keep)
			if err != nil || d.Part2 || seen.Part2 || d.ConsentKind != goldthread.ConsentROI {
				t.Fatalf("release under a general ROI of a non-Part 2 record: %+v %v", d, err)
			}
		})

		sud := goldthread.Program{AgencyID: f.Agency.ID, Name: "Recovery peer support", RulePack: "us-nc-medicaid-8g-pss", State: "NC", Active: true, Part2: true}
		if err := db.CreateProgram(ctx, &sud); err != nil {
			t.Fatal(err)
		}
		sys := goldthread.Operator(f.Agency.ID, "test setup")
		if err := db.Enroll(ctx, sys, f.Mine.ID, sud.ID, goldthread.NewDate(2026, 2, 1)); err != nil {
			t.Fatal(err)
		}

		t.Run("AnEnrolmentInAPart2ProgramMakesIt", func(t *testing.T) {
			if pt, err := db.Participant(ctx, f.Peer, f.Mine.ID); err != nil || !pt.Part2 {
				t.Fatalf("participant: %+v %v", pt, err)
			}
			err := must1(db.ExportRecord(ctx, f.Supervisor, f.Mine.ID, roi, keep))
			if wantKind(t, err, goldthread.EINVALID, "recipient"); !strings.Contains(goldthread.ErrorMessage(err), "Part 2 consent") {
				t.Fatalf("the refusal does not say a Part 2 consent is needed: %v", err)
			}
			d, err := db.ExportRecord(ctx, f.Clinician, f.Mine.ID, part2, keep)
			if err != nil || !d.Part2 || !seen.Part2 || d.ConsentKind != goldthread.ConsentPart2 {
				t.Fatalf("release under the Part 2 consent: %+v %v", d, err)
			}
		})
		t.Run("TheParticipantsOwnCopyNeedsNoConsent", func(t *testing.T) {
			d, err := db.ExportRecord(ctx, f.ParticipantUser, f.Mine.ID, store.DisclosureRequest{}, keep)
			if err != nil || !d.OwnRequest || !d.Part2 || !seen.Part2 {
				t.Fatalf("own copy: %+v %v", d, err)
			}
			d, err = db.ExportRecord(ctx, f.Peer, f.Mine.ID, store.DisclosureRequest{OwnRequest: true}, keep)
			if err != nil || !d.OwnRequest || !d.Part2 {
				t.Fatalf("own copy handed over by the peer: %+v %v", d, err)
			}
		})
		t.Run("AnEndedEnrolmentStillCounts", func(t *testing.T) {
			if err := db.Enroll(ctx, sys, f.MineToo.ID, sud.ID, goldthread.NewDate(2026, 1, 10)); err != nil {
				t.Fatal(err)
			}
			d := goldthread.Discharge{ParticipantID: f.MineToo.ID, ProgramID: sud.ID, Date: goldthread.NewDate(2026, 3, 1), Reason: "Finished the recovery program"}
			if err := db.RecordDischarge(ctx, f.Peer, &d); err != nil {
				t.Fatal(err)
			}
			pt, err := db.Participant(ctx, f.Peer, f.MineToo.ID)
			if err != nil || !pt.Part2 {
				t.Fatalf("participant after the Part 2 enrolment ended: %+v %v", pt, err)
			}
			wantKind(t, must1(db.ExportRecord(ctx, f.Supervisor, f.MineToo.ID, roi, keep)), goldthread.EINVALID, "recipient")
		})
		t.Run("OtherParticipantsStayOutsidePart2", func(t *testing.T) {
			if pt, err := db.Participant(ctx, f.OtherPeer, f.Others.ID); err != nil || pt.Part2 {
				t.Fatalf("a participant enrolled only in the plain program: %+v %v", pt, err)
			}
		})
	})
}
