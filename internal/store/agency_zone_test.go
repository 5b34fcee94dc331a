package store_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/x12"
)

// newYork is where the tests' agency works once they set its zone.
var newYork = mustZone("America/New_York")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// inNewYork sets the fixture agency's zone to America/New_York.
func inNewYork(t *testing.T, db *store.DB, f *storetest.Fixture) {
	t.Helper()
	if err := db.SetAgencyTimeZone(context.Background(), f.Admin, "America/New_York"); err != nil {
		t.Fatalf("set the zone: %v", err)
	}
}

// lateEvening is 11:30 PM on Mar 10, 2026 in New York: already Mar 11 in
// UTC (03:30), the hour where a UTC "today" is a day ahead of the agency's.
var lateEvening = time.Date(2026, 3, 10, 23, 30, 0, 0, newYork)

func TestSetAgencyTimeZone(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		zoneOf := func() string {
			t.Helper()
			a, err := db.Agency(ctx, f.Agency.ID)
			if err != nil {
				t.Fatal(err)
			}
			return a.TimeZone
		}
		if got := zoneOf(); got != "UTC" {
			t.Fatalf("a new agency's zone is %q; want UTC", got)
		}
		t.Run("OnlyAnAdministrator", func(t *testing.T) {
			for _, a := range []goldthread.Actor{f.Supervisor, f.Peer, f.Billing, f.Auditor, f.ParticipantUser} {
				if err := db.SetAgencyTimeZone(ctx, a, "America/Chicago"); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
					t.Errorf("%s: %v; want %s", a.PrimaryRole(), err, goldthread.EFORBIDDEN)
				}
			}
			if got := zoneOf(); got != "UTC" {
				t.Fatalf("a refused change stuck: %q", got)
			}
		})
		t.Run("BadNamesAreRefusedNamingTheField", func(t *testing.T) {
			for _, name := range []string{"Mars/Olympus_Mons", "Local", "local", "", "EST5EDT/", "../../etc/passwd"} {
				err := db.SetAgencyTimeZone(ctx, f.Admin, name)
				if goldthread.ErrorKind(err) != goldthread.EINVALID || goldthread.ErrorField(err) != "time_zone" ||
					!strings.Contains(goldthread.ErrorMessage(err), "America/New_York") {
					t.Errorf("%q: %v; want %s on time_zone saying what to type", name, err, goldthread.EINVALID)
				}
			}
			if got := zoneOf(); got != "UTC" {
				t.Fatalf("a refused name stuck: %q", got)
			}
		})
		t.Run("SetAuditedAndCarriedByTheActor", func(t *testing.T) {
			if err := db.SetAgencyTimeZone(ctx, f.Admin, " America/New_York "); err != nil {
				t.Fatal(err)
			}
			if got := zoneOf(); got != "America/New_York" {
				t.Fatalf("zone %q; want America/New_York", got)
			}
			n := countBilling(t, db, `SELECT COUNT(*) FROM audit_event WHERE agency_id = ? AND actor_id = ? AND action = ?
				AND record_type = 'agency' AND record_id = ? AND detail LIKE ?`,
				f.Agency.ID, f.Admin.UserID, goldthread.ActionSettingChange, f.Agency.ID, `%"UTC" -> "America/New_York"%`)
			if n != 1 {
				t.Fatalf("%d setting-change events for the zone; want 1", n)
			}
			step, err := db.SignIn(ctx, f.Emails[goldthread.RolePeer], storetest.Password, "", store.SessionWeb, store.DefaultSessionPolicy)
			peer := step.Actor
			if err != nil {
				t.Fatal(err)
			}
			if peer.Location().String() != "America/New_York" {
				t.Fatalf("the signed-in peer's zone is %v; want the agency's", peer.Location())
			}
			// The other agency keeps its own zone.
			foreign, err := db.Agency(ctx, f.Foreign.AgencyID)
			if err != nil || foreign.TimeZone != "UTC" {
				t.Fatalf("the other agency's zone became %q (%v)", foreign.TimeZone, err)
			}
		})
	})
}

// TestEveningServiceKeepsItsLocalDate: a service from 9:30 PM on Mar 10 in
// New York (01:30 UTC on Mar 11) signs with service date Mar 10, and its
// claim line says so (DTP*472).
func TestEveningServiceKeepsItsLocalDate(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		inNewYork(t, db, e.f)
		evening := func(in *store.NoteInput) {
			in.ServiceDate = goldthread.NewDate(2026, 3, 10)
			in.Start = time.Date(2026, 3, 10, 21, 30, 0, 0, newYork)
			in.End = in.Start.Add(45 * time.Minute)
		}
		n := e.billable(t, evening)
		if n.ServiceDate.String() != "2026-03-10" || !n.Start.Equal(time.Date(2026, 3, 11, 1, 30, 0, 0, time.UTC)) {
			t.Fatalf("note dated %s starting %s", n.ServiceDate, n.Start)
		}
		e.clock.T = time.Date(2026, 3, 12, 9, 0, 0, 0, newYork) // billing works two days later
		if b := e.blocks(t, n.ID); b != nil {
			t.Fatalf("the evening service is blocked by %v", b)
		}
		var buf bytes.Buffer
		if _, err := db.ExportClaims(ctx, e.f.Billing, e.f.Program.ID, marchFrom, marchTo, &buf); err != nil {
			t.Fatal(err)
		}
		doc, err := x12.Parse(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		var dates []string
		for _, s := range doc.Find("DTP") {
			if s.Element(1) == "472" {
				dates = append(dates, s.Element(3))
			}
		}
		if len(dates) != 1 || dates[0] != "20260310" {
			t.Fatalf("DTP*472 service dates %v; want [20260310]", dates)
		}
	})
}

// TestFutureIsJudgedOnTheAgencyDate: at 11:30 PM on Mar 10 in New York it
// is Mar 11 in UTC, but for the agency Mar 11 is still tomorrow.
func TestFutureIsJudgedOnTheAgencyDate(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		inNewYork(t, db, e.f)
		e.clock.T = lateEvening
		t.Run("ServiceDateTomorrowCannotBeSigned", func(t *testing.T) {
			n := e.draft(t, func(in *store.NoteInput) {
				in.ServiceDate = goldthread.NewDate(2026, 3, 11)
				in.Start = time.Date(2026, 3, 10, 20, 0, 0, 0, newYork)
				in.End = in.Start.Add(45 * time.Minute)
			})
			_, _, err := e.sign(n)
			wantKind(t, err, goldthread.EINVALID, "service_date")
		})
		t.Run("TonightsServiceSigns", func(t *testing.T) {
			n := e.draft(t, func(in *store.NoteInput) {
				in.Start = time.Date(2026, 3, 10, 22, 0, 0, 0, newYork)
				in.End = in.Start.Add(45 * time.Minute)
			})
			if _, _, err := e.sign(n); err != nil {
				t.Fatalf("a service tonight, Mar 10 on the agency's clock: %v", err)
			}
		})
		t.Run("ConsentSignedTomorrowIsRefused", func(t *testing.T) {
			c := goldthread.Consent{ParticipantID: e.f.Mine.ID, Kind: goldthread.ConsentROI, Recipient: "Mountain Housing Partners",
				Purpose: "housing search", Information: "plan goals", Sections: []string{goldthread.SectionPlans}, Signed: goldthread.NewDate(2026, 3, 11), Expires: goldthread.NewDate(2027, 3, 10)}
			wantKind(t, db.AddConsent(ctx, e.f.Clinician, &c), goldthread.EINVALID, "signed_on")
			c.Signed = goldthread.NewDate(2026, 3, 10)
			if err := db.AddConsent(ctx, e.f.Clinician, &c); err != nil {
				t.Fatalf("a consent signed today on the agency's clock: %v", err)
			}
		})
	})
}

// TestTodayListsUseTheAgencyDate: late on Mar 10 in New York, a plan review
// due Mar 10 is due today (not overdue), and a credential expiring Apr 9
// has 30 days left, as the agency counts them.
func TestTodayListsUseTheAgencyDate(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		inNewYork(t, db, e.f)
		e.clock.T = lateEvening
		t.Run("PlanReviewDueTodayIsNotOverdue", func(t *testing.T) {
			r := goldthread.PlanReview{Reviewed: goldthread.NewDate(2026, 3, 1), Outcome: "continue", NextDue: goldthread.NewDate(2026, 3, 10)}
			if err := db.AddPlanReview(ctx, e.f.Peer, e.plan.ID, &r); err != nil {
				t.Fatal(err)
			}
			due, err := db.PlanReviewsDue(ctx, e.f.Peer, 14)
			if err != nil {
				t.Fatal(err)
			}
			if len(due) != 1 || due[0].Overdue {
				t.Fatalf("reviews due %+v; want one, due today and not overdue", due)
			}
		})
		t.Run("CredentialDaysLeftCountFromTheAgencyDate", func(t *testing.T) {
			if _, err := db.AddCredential(ctx, e.f.Admin, e.f.Peer.UserID, store.CredentialInput{Type: "CPSS", Number: "C-9",
				Issuer: "NCCPSS", Issued: goldthread.NewDate(2024, 4, 9), Expires: goldthread.NewDate(2026, 4, 9), Evidence: "certificate seen"}); err != nil {
				t.Fatal(err)
			}
			alerts, err := db.ExpiringCredentials(ctx, e.f.Peer)
			if err != nil {
				t.Fatal(err)
			}
			if len(alerts) != 1 || alerts[0].DaysLeft != 30 {
				t.Fatalf("alerts %+v; want one with 30 days left", alerts)
			}
		})
	})
}

// TestDeadlineCountsTheAgencyBusinessDays: Medi-Cal's three business days
// run on the agency's calendar. A service ending Thursday Mar 12 at 10:15
// PM in New York (Friday in UTC) is due at the end of Tuesday Mar 17 there,
// not of Wednesday as a UTC count would have it.
func TestDeadlineCountsTheAgencyBusinessDays(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		inNewYork(t, db, e.f)
		ca := goldthread.Program{AgencyID: e.f.Agency.ID, Name: "Medi-Cal peer support", RulePack: "us-ca-medi-cal-peer-support", State: "CA", Active: true}
		if err := db.CreateProgram(ctx, &ca); err != nil {
			t.Fatal(err)
		}
		if err := db.Enroll(ctx, goldthread.Operator(e.f.Agency.ID, "test setup"), e.f.Mine.ID, ca.ID, goldthread.NewDate(2026, 1, 5)); err != nil {
			t.Fatal(err)
		}
		e.clock.T = time.Date(2026, 3, 12, 23, 0, 0, 0, newYork)
		n := e.draft(t, func(in *store.NoteInput) {
			in.ProgramID, in.Category, in.Goals, in.SingleEventReason = ca.ID, "engagement", nil, "First meeting."
			in.ServiceDate = goldthread.NewDate(2026, 3, 12)
			in.Start = time.Date(2026, 3, 12, 21, 30, 0, 0, newYork)
			in.End = in.Start.Add(45 * time.Minute)
		})
		if want := time.Date(2026, 3, 17, 23, 59, 59, 0, newYork); !n.Due.Equal(want) {
			t.Fatalf("due %s; want %s", n.Due.In(newYork), want)
		}
	})
}
