package store_test

import (
	"context"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

func render(rec goldthread.Record) (string, error) { return "hash-of-" + rec.Participant.LastName, nil }

func TestRecordDisclosure(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e, note := portalEnv(t, db)
		ctx, f := context.Background(), e.f
		draft := e.draft(t)
		t.Run("OwnCopyHoldsSignedItemsOnly", func(t *testing.T) {
			var seen goldthread.Record
			d, err := db.ExportRecord(ctx, f.ParticipantUser, f.Mine.ID, store.DisclosureRequest{Recipient: "ignored"}, func(r goldthread.Record) (string, error) {
				seen = r
				return "abc", nil
			})
			if err != nil || !d.OwnRequest || d.Recipient != goldthread.OwnRequestRecipient || d.ContentHash != "abc" || d.ConsentID != 0 {
				t.Fatalf("own copy: %+v %v", d, err)
			}
			if len(seen.Notes) != 1 || seen.Notes[0].ID != note.ID || len(seen.Plans) != 1 || seen.Notes[0].PeerAction == "" {
				t.Fatalf("record: %d notes, %d plans", len(seen.Notes), len(seen.Plans))
			}
			for _, n := range seen.Notes {
				if n.ID == draft.ID {
					t.Fatal("a draft left the agency")
				}
			}
		})
		release := store.DisclosureRequest{Recipient: "Mountain Housing Partners", Purpose: "Housing application", Sections: []string{goldthread.SectionPlans}}
		t.Run("ReleaseNeedsAConsentInEffect", func(t *testing.T) {
			wantKind(t, must1(db.ExportRecord(ctx, f.Peer, f.Mine.ID, release, render)), goldthread.EINVALID, "recipient")
			events, err := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{ParticipantID: f.Mine.ID, Action: goldthread.ActionExport})
			if err != nil || len(events) == 0 || events[0].Outcome != goldthread.OutcomeDenied {
				t.Fatalf("the refusal is not audited: %+v %v", events, err)
			}
		})
		c := goldthread.Consent{ParticipantID: f.Mine.ID, Kind: goldthread.ConsentROI, Recipient: "Mountain Housing Partners", Purpose: "Housing",
			Information: "Dates and housing goal", Sections: []string{goldthread.SectionPlans}, Signed: goldthread.NewDate(2026, 3, 1), Expires: goldthread.NewDate(2027, 3, 1)}
		if err := db.AddConsent(ctx, f.Peer, &c); err != nil {
			t.Fatal(err)
		}
		t.Run("ReleaseUnderConsent", func(t *testing.T) {
			d, err := db.ExportRecord(ctx, f.Peer, f.Mine.ID, store.DisclosureRequest{Recipient: " mountain housing partners ", Purpose: "Housing application",
				Sections: []string{goldthread.SectionPlans}}, render)
			if err != nil || d.ConsentID != c.ID || d.OwnRequest || d.Part2 {
				t.Fatalf("release: %+v %v", d, err)
			}
		})
		t.Run("OnlyCareRolesSendRecords", func(t *testing.T) {
			for _, a := range []goldthread.Actor{f.Billing, f.Auditor, f.Admin} {
				if _, err := db.ExportRecord(ctx, a, f.Mine.ID, release, render); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
					t.Errorf("%s exporting: %v", a.Name, err)
				}
			}
			if _, err := db.ExportRecord(ctx, f.OtherPeer, f.Mine.ID, release, render); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Errorf("peer out of reach exporting: %v", err)
			}
		})
		t.Run("Part2RecordNeedsAPart2Consent", func(t *testing.T) {
			p2 := goldthread.Consent{ParticipantID: f.Mine.ID, Kind: goldthread.ConsentPart2, Recipient: "Recovery Clinic", Purpose: "Coordination",
				Information: "Attendance", Signed: goldthread.NewDate(2026, 3, 1), Expires: goldthread.NewDate(2027, 3, 1)}
			storetest.Part2Elements(&p2)
			if err := db.AddConsent(ctx, f.Peer, &p2); err != nil {
				t.Fatal(err)
			}
			if err := db.VerifyConsent(ctx, f.Supervisor, p2.ID); err != nil {
				t.Fatal(err)
			}
			// The program makes the record Part 2, not the consent.
			if _, err := db.SetProgramPart2(ctx, f.Admin, f.Program.ID, true, ""); err != nil {
				t.Fatal(err)
			}
			err := must1(db.ExportRecord(ctx, f.Supervisor, f.Mine.ID, release, render))
			if wantKind(t, err, goldthread.EINVALID, "recipient"); goldthread.ErrorMessage(err) == "" {
				t.Fatal("no message")
			}
			d, err := db.ExportRecord(ctx, f.Clinician, f.Mine.ID, store.DisclosureRequest{Recipient: "Recovery Clinic", Purpose: "Coordination",
				Sections: []string{goldthread.SectionNotes}}, render)
			if err != nil || d.ConsentID != p2.ID || !d.Part2 {
				t.Fatalf("part 2 release: %+v %v", d, err)
			}
			list, err := db.Disclosures(ctx, f.ParticipantUser, f.Mine.ID)
			if err != nil || len(list) == 0 || list[0].ID != d.ID || list[0].ConsentKind != goldthread.ConsentPart2 {
				t.Fatalf("the part 2 release in the accounting: %+v, %v", list, err)
			}
		})
		t.Run("Accounting", func(t *testing.T) {
			before, err := db.Disclosures(ctx, f.ParticipantUser, f.Mine.ID)
			if err != nil {
				t.Fatal(err)
			}
			own, err := db.ExportRecord(ctx, f.ParticipantUser, f.Mine.ID, store.DisclosureRequest{}, render)
			if err != nil {
				t.Fatal(err)
			}
			list, err := db.Disclosures(ctx, f.ParticipantUser, f.Mine.ID)
			if err != nil || len(list) != len(before)+1 || list[0].ID != own.ID || !list[0].OwnRequest || list[0].ByName != "Marcus Bell" {
				t.Fatalf("disclosures = %+v, %v; want Marcus's own copy newest, one more than %d", list, err, len(before))
			}
			if _, err := db.Disclosures(ctx, f.Billing, f.Mine.ID); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("billing reading disclosures: %v", err)
			}
			for _, q := range []string{"UPDATE disclosure SET recipient = 'x'", "DELETE FROM disclosure"} {
				if _, err := db.ExecRaw(ctx, q); err == nil {
					t.Errorf("%s: allowed", q)
				}
			}
		})
	})
}

func TestAccessLogShowsOnlyOutsideTheCareTeam(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := storetest.MustFixture(t, db)
		ctx := context.Background()
		read := func(a goldthread.Actor) {
			t.Helper()
			if _, err := db.Participant(ctx, a, f.Mine.ID); err != nil {
				t.Fatalf("%s reads: %v", a.Name, err)
			}
		}
		read(f.Peer)
		read(f.Supervisor)
		read(f.ParticipantUser)
		read(f.Billing)
		read(f.Clinician)
		read(f.Clinician)
		if _, err := db.BreakGlass(ctx, f.OtherPeer, "900000001Q", "Bell", "Marcus called the crisis line and named our agency."); err != nil {
			t.Fatal(err)
		}
		glass := f.OtherPeer
		glass.Emergency = []int64{f.Mine.ID}
		read(glass)
		log, err := db.AccessLog(ctx, f.ParticipantUser, f.Mine.ID)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]goldthread.AccessEntry{}
		for _, e := range log {
			got[string(e.Role)+"/"+e.Purpose] = e
		}
		if len(log) != 3 || got["billing/payment"].Count != 1 || got["clinician/treatment"].Count != 2 {
			t.Fatalf("log = %+v", log)
		}
		if em := got["peer/emergency"]; !em.Emergency || em.Reason != "Marcus called the crisis line and named our agency." || em.Count != 2 {
			t.Fatalf("emergency entry = %+v", em)
		}
		t.Run("CareTeamClinicianIsNotListed", func(t *testing.T) {
			m := goldthread.CareTeamMember{ParticipantID: f.Mine.ID, Kind: goldthread.CareStaff, StaffID: f.Clinician.UserID}
			if err := db.AddCareTeamMember(ctx, f.Peer, &m); err != nil {
				t.Fatal(err)
			}
			log, err := db.AccessLog(ctx, f.Auditor, f.Mine.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range log {
				if e.Role == goldthread.RoleClinician {
					t.Fatalf("a clinician on the care team is listed: %+v", log)
				}
			}
		})
		t.Run("WhoMayRead", func(t *testing.T) {
			for _, a := range []goldthread.Actor{f.Peer, f.Supervisor, f.Billing} {
				if _, err := db.AccessLog(ctx, a, f.Mine.ID); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
					t.Errorf("%s reading the access log: %v", a.Name, err)
				}
			}
			if _, err := db.AccessLog(ctx, f.ParticipantUser, f.Others.ID); goldthread.ErrorKind(err) == "" {
				t.Error("a participant read someone else's access log")
			}
		})
	})
}
