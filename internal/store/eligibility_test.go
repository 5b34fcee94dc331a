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

// planClock is the clock of the eligibility, consent, review and discharge
// tests: the fixture enrolls its participants on January 5, 2026.
var planClock = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

func day26(m time.Month, day int) goldthread.Date { return goldthread.NewDate(2026, m, day) }

func TestEligibilityClinicalContent(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		db.Now = (&storetest.Clock{T: planClock}).Now
		f := storetest.MustFixture(t, db)
		a := goldthread.Assessment{ParticipantID: f.Mine.ID, Assessed: day26(1, 6), Summary: "Recurrent depressive episodes; housing instability."}
		if err := db.AddAssessment(ctx, f.Clinician, &a); err != nil {
			t.Fatal(err)
		}
		dx := goldthread.Diagnosis{ParticipantID: f.Mine.ID, Code: "f331", Description: "Major depressive disorder, recurrent, moderate", Primary: true, Since: day26(1, 6)}
		if err := db.AddDiagnosis(ctx, f.Clinician, &dx); err != nil || dx.Code != "F33.1" {
			t.Fatalf("diagnosis: %v, code %q; want F33.1", err, dx.Code)
		}
		t.Run("PeersSeeDatesButNoClinicalContent", func(t *testing.T) {
			for name, actor := range map[string]goldthread.Actor{"peer": f.Peer, "supervisor": f.Supervisor, "participant": f.ParticipantUser} {
				e, err := db.Eligibility(ctx, actor, f.Mine.ID)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if !e.ClinicalHidden || len(e.Assessments) != 1 || len(e.Diagnoses) != 1 {
					t.Fatalf("%s: %+v; want one assessment and one diagnosis, content hidden", name, e)
				}
				if e.Assessments[0].Summary != "" || e.Diagnoses[0].Code != "" || e.Diagnoses[0].Description != "" {
					t.Errorf("%s reads clinical content: %+v %+v", name, e.Assessments[0], e.Diagnoses[0])
				}
				if e.Assessments[0].Assessed != a.Assessed || e.Diagnoses[0].Since != dx.Since {
					t.Errorf("%s does not see the dates", name)
				}
			}
		})
		t.Run("CliniciansAndAuditorsReadIt", func(t *testing.T) {
			for name, actor := range map[string]goldthread.Actor{"clinician": f.Clinician, "auditor": f.Auditor} {
				e, err := db.Eligibility(ctx, actor, f.Mine.ID)
				if err != nil || e.ClinicalHidden || e.Assessments[0].Summary != a.Summary || e.Diagnoses[0].Code != "F33.1" {
					t.Fatalf("%s: %v %+v", name, err, e)
				}
			}
		})
		t.Run("BillingReadsCodesNotTheAssessment", func(t *testing.T) {
			e, err := db.Eligibility(ctx, f.Billing, f.Mine.ID)
			if err != nil || e.Diagnoses[0].Code != "F33.1" || e.Assessments[0].Summary != "" || e.Diagnoses[0].Description != "" {
				t.Fatalf("%v %+v", err, e)
			}
		})
		t.Run("ErrOutOfReach", func(t *testing.T) {
			if _, err := db.Eligibility(ctx, f.Peer, f.Others.ID); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("ErrOnlyCliniciansEnterEligibility", func(t *testing.T) {
			for _, actor := range []goldthread.Actor{f.Peer, f.Supervisor, f.Billing, f.Auditor} {
				a := goldthread.Assessment{ParticipantID: f.Mine.ID, Assessed: day26(2, 1)}
				if err := db.AddAssessment(ctx, actor, &a); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
					t.Errorf("%v: err = %v", actor.Roles, err)
				}
			}
		})
	})
}

func TestEligibilityBadInputNamesTheField(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		db.Now = (&storetest.Clock{T: planClock}).Now
		f := storetest.MustFixture(t, db)
		order := func(mut func(*goldthread.ServiceOrder)) error {
			o := goldthread.ServiceOrder{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID, Professional: "Cal Clinician",
				Credential: "LCSW", NPI: "1234567893", Signed: day26(1, 8)}
			mut(&o)
			return db.AddServiceOrder(ctx, f.Clinician, &o)
		}
		auth := func(mut func(*goldthread.Authorization)) error {
			a := goldthread.Authorization{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID, Payer: "NC Medicaid", Number: "PA-1",
				Start: day26(1, 8), End: day26(7, 8), UnitsAuthorized: 480}
			mut(&a)
			return db.AddAuthorization(ctx, f.Clinician, &a)
		}
		cases := map[string]struct {
			field string
			err   func() error
		}{
			"AuthorizationEndBeforeStart": {"end_date", func() error { return auth(func(a *goldthread.Authorization) { a.End = day26(1, 7) }) }},
			"AuthorizationUnknownProgram": {"program_id", func() error { return auth(func(a *goldthread.Authorization) { a.ProgramID = 999999 }) }},
			"AuthorizationNoUnits":        {"units_authorized", func() error { return auth(func(a *goldthread.Authorization) { a.UnitsAuthorized = 0 }) }},
			"AuthorizationUsedTooMany":    {"units_used", func() error { return auth(func(a *goldthread.Authorization) { a.UnitsUsed = 481 }) }},
			// The 837P writer refuses these in REF*G1: refused when typed.
			"AuthorizationNumberWithSeparator": {"number", func() error { return auth(func(a *goldthread.Authorization) { a.Number = "PA*1~" }) }},
			"AuthorizationNumberNotASCII":      {"number", func() error { return auth(func(a *goldthread.Authorization) { a.Number = "PA-1é" }) }},
			"AuthorizationNumberTooLong":       {"number", func() error { return auth(func(a *goldthread.Authorization) { a.Number = strings.Repeat("9", 51) }) }},
			"OrderBadNPI":                      {"npi", func() error { return order(func(o *goldthread.ServiceOrder) { o.NPI = "1234567890" }) }},
			"OrderUnknownProgram":              {"program_id", func() error { return order(func(o *goldthread.ServiceOrder) { o.ProgramID = 999999 }) }},
			"OrderInTheFuture":                 {"signed_on", func() error { return order(func(o *goldthread.ServiceOrder) { o.Signed = day26(7, 1) }) }},
			"OrderNoCredential":                {"credential", func() error { return order(func(o *goldthread.ServiceOrder) { o.Credential = " " }) }},
			"BadICD10": {"code", func() error {
				return db.AddDiagnosis(ctx, f.Clinician, &goldthread.Diagnosis{ParticipantID: f.Mine.ID, Code: "depression", Since: day26(1, 6)})
			}},
			"AssessmentWithoutDate": {"assessed_on", func() error {
				return db.AddAssessment(ctx, f.Clinician, &goldthread.Assessment{ParticipantID: f.Mine.ID})
			}},
		}
		for name, c := range cases {
			t.Run("Err"+name, func(t *testing.T) {
				if err := c.err(); goldthread.ErrorKind(err) != goldthread.EINVALID || goldthread.ErrorField(err) != c.field {
					t.Fatalf("err = %v; want EINVALID on %s", err, c.field)
				}
			})
		}
		t.Run("ValidAuthorizationAndOrderSaved", func(t *testing.T) {
			if err := auth(func(*goldthread.Authorization) {}); err != nil {
				t.Fatal(err)
			}
			if err := order(func(*goldthread.ServiceOrder) {}); err != nil {
				t.Fatal(err)
			}
			e, _ := db.Eligibility(ctx, f.Peer, f.Mine.ID)
			if len(e.Authorizations) != 1 || e.Authorizations[0].UnitsLeft() != 480 || len(e.Orders) != 1 || e.Orders[0].Professional != "Cal Clinician" {
				t.Fatalf("%+v", e)
			}
		})
	})
}

func TestNoServiceBeforeTheServiceOrder(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		db.Now = (&storetest.Clock{T: planClock}).Now
		f := storetest.MustFixture(t, db)
		covers := func(on goldthread.Date) error {
			return db.ReadTx(ctx, func(tx *store.Tx) error { return store.ServiceOrderCovers(ctx, tx, f.Mine.ID, f.Program.ID, on) })
		}
		t.Run("ErrNoOrderAtAll", func(t *testing.T) {
			if err := covers(day26(3, 1)); goldthread.ErrorField(err) != "service_date" {
				t.Fatalf("err = %v; want EINVALID on service_date", err)
			}
		})
		o := goldthread.ServiceOrder{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID, Professional: "Cal Clinician", Credential: "LCSW",
			NPI: "1234567893", Signed: day26(2, 10)}
		if err := db.AddServiceOrder(ctx, f.Clinician, &o); err != nil {
			t.Fatal(err)
		}
		t.Run("ErrServiceTheDayBeforeTheOrder", func(t *testing.T) {
			if err := covers(day26(2, 9)); goldthread.ErrorField(err) != "service_date" {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("ServiceOnAndAfterTheOrderDate", func(t *testing.T) {
			if err := covers(day26(2, 10)); err != nil {
				t.Fatal(err)
			}
			if err := covers(day26(5, 1)); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("ErrOrderOfAnotherParticipantDoesNotCount", func(t *testing.T) {
			err := db.ReadTx(ctx, func(tx *store.Tx) error {
				return store.ServiceOrderCovers(ctx, tx, f.MineToo.ID, f.Program.ID, day26(5, 1))
			})
			if goldthread.ErrorField(err) != "service_date" {
				t.Fatalf("err = %v", err)
			}
		})
	})
}
