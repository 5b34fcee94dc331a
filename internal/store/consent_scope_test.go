package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestReleaseHoldsOnlyWhatTheConsentCovers: a consent names the sections
// of the record it covers; a release asks for sections and gets none the
// consent does not cover (refused naming sections, audited), and the copy
// that leaves holds only those sections, which the accounting records.
func TestReleaseHoldsOnlyWhatTheConsentCovers(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e, _ := portalEnv(t, db)
		ctx, f := context.Background(), e.f
		c := goldthread.Consent{ParticipantID: f.Mine.ID, Kind: goldthread.ConsentROI, Recipient: "Mountain Housing Partners", Purpose: "Housing",
			Information: "My housing goal only", Sections: []string{goldthread.SectionPlans}, Signed: goldthread.NewDate(2026, 3, 1),
			Expires: goldthread.NewDate(2027, 3, 1)}
		if err := db.AddConsent(ctx, f.Peer, &c); err != nil {
			t.Fatal(err)
		}
		var sent goldthread.Record
		keep := func(r goldthread.Record) (string, error) { sent = r; return "hash", nil }
		ask := func(sections ...string) store.DisclosureRequest {
			return store.DisclosureRequest{Recipient: "Mountain Housing Partners", Purpose: "Housing application", Sections: sections}
		}
		t.Run("MoreThanTheConsentIsRefused", func(t *testing.T) {
			err := must1(db.ExportRecord(ctx, f.Peer, f.Mine.ID, ask(goldthread.SectionPlans, goldthread.SectionNotes), keep))
			wantKind(t, err, goldthread.EINVALID, "sections")
			if !strings.Contains(goldthread.ErrorMessage(err), "Signed plans") {
				t.Fatalf("the refusal does not say what the consent covers: %v", err)
			}
			evs, _ := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{ParticipantID: f.Mine.ID, Action: goldthread.ActionExport})
			if len(evs) == 0 || evs[0].Outcome != goldthread.OutcomeDenied || evs[0].Detail != "sections_not_covered" {
				t.Fatalf("refusal not audited with its reason: %+v", evs)
			}
		})
		t.Run("SectionsMustBeChosen", func(t *testing.T) {
			wantKind(t, must1(db.ExportRecord(ctx, f.Peer, f.Mine.ID, ask(), keep)), goldthread.EINVALID, "sections")
			wantKind(t, must1(db.ExportRecord(ctx, f.Peer, f.Mine.ID, ask("everything"), keep)), goldthread.EINVALID, "sections")
		})
		t.Run("TheCopyHoldsOnlyTheCoveredSections", func(t *testing.T) {
			d, err := db.ExportRecord(ctx, f.Peer, f.Mine.ID, ask(goldthread.SectionPlans), keep)
			if err != nil {
				t.Fatal(err)
			}
			if len(sent.Plans) == 0 || len(sent.Plans[0].Goals) == 0 {
				t.Fatal("the plans the consent covers were not sent")
			}
			if len(sent.Notes) != 0 || sent.Plans[0].Crisis != nil || !sent.Participant.BirthDate.IsZero() || sent.Participant.MedicaidID != "" {
				t.Fatalf("sent more than the consent covers: %d notes, crisis %v, birth date %v", len(sent.Notes), sent.Plans[0].Crisis != nil, sent.Participant.BirthDate)
			}
			if !slices.Equal(d.Sections, []string{goldthread.SectionPlans}) || d.Information != "Signed plans" {
				t.Fatalf("accounting: %+v", d)
			}
			list, _ := db.Disclosures(ctx, f.ParticipantUser, f.Mine.ID)
			if len(list) == 0 || !slices.Equal(list[0].Sections, []string{goldthread.SectionPlans}) {
				t.Fatalf("the accounting does not show what was sent: %+v", list)
			}
		})
		t.Run("TheParticipantsOwnCopyIsWhole", func(t *testing.T) {
			d, err := db.ExportRecord(ctx, f.ParticipantUser, f.Mine.ID, store.DisclosureRequest{}, keep)
			if err != nil || len(sent.Notes) == 0 || sent.Participant.BirthDate.IsZero() || len(d.Sections) != len(goldthread.RecordSections) {
				t.Fatalf("own copy: %+v %v", d, err)
			}
		})
		t.Run("ConsentNeedsItsSections", func(t *testing.T) {
			c2 := c
			c2.Sections = nil
			wantKind(t, db.AddConsent(ctx, f.Peer, &c2), goldthread.EINVALID, "sections")
			c2.Sections = []string{"notes", "notes"}
			wantKind(t, db.AddConsent(ctx, f.Peer, &c2), goldthread.EINVALID, "sections")
		})
	})
}

// TestPart2ConsentIsCheckedAndNeverReleasedByAPeerAlone: a Part 2 consent
// must carry the elements of 42 CFR 2.31(a); it is relied on only once
// checked as the agency requires (the signed form attached, or a second
// person's verification); a peer specialist never releases a Part 2
// record alone, even under a checked consent.
func TestPart2ConsentIsCheckedAndNeverReleasedByAPeerAlone(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e, _ := portalEnv(t, db)
		ctx, f := context.Background(), e.f
		base := goldthread.Consent{ParticipantID: f.Mine.ID, Recipient: "Recovery Clinic", Purpose: "Coordination",
			Signed: goldthread.NewDate(2026, 3, 1), Expires: goldthread.NewDate(2027, 3, 1)}
		storetest.Part2Elements(&base)
		for field, mut := range map[string]func(*goldthread.Consent){
			"discloser":         func(c *goldthread.Consent) { c.Discloser = " " },
			"revocation_notice": func(c *goldthread.Consent) { c.RevocationNotice = false },
			"information":       func(c *goldthread.Consent) { c.Information = "all" },
			"representative":    func(c *goldthread.Consent) { c.SignedBy = goldthread.SignedByRepresentative },
			"signed_by":         func(c *goldthread.Consent) { c.SignedBy = "friend" },
		} {
			t.Run("Element_"+field, func(t *testing.T) {
				c := base
				mut(&c)
				wantKind(t, db.AddConsent(ctx, f.Peer, &c), goldthread.EINVALID, field)
			})
		}
		c := base
		if err := db.AddConsent(ctx, f.Peer, &c); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SetProgramPart2(ctx, f.Admin, f.Program.ID, true, ""); err != nil {
			t.Fatal(err)
		}
		keep := func(goldthread.Record) (string, error) { return "hash", nil }
		release := store.DisclosureRequest{Recipient: "Recovery Clinic", Purpose: "Coordination", Sections: []string{goldthread.SectionNotes}}
		// verify has the supervisor verify the consent the first time a
		// subtest needs it verified, so each such subtest passes alone.
		verified := false
		verify := func(t *testing.T) {
			t.Helper()
			if !verified {
				if err := db.VerifyConsent(ctx, f.Supervisor, c.ID); err != nil {
					t.Fatal(err)
				}
				verified = true
			}
		}
		t.Run("NotReliedOnUntilChecked", func(t *testing.T) {
			err := must1(db.ExportRecord(ctx, f.Clinician, f.Mine.ID, release, keep))
			wantKind(t, err, goldthread.EINVALID, "recipient")
			if !strings.Contains(goldthread.ErrorMessage(err), "not checked") {
				t.Fatalf("the refusal does not say the consent needs its check: %v", err)
			}
		})
		t.Run("OnlyASecondSupervisorOrClinicianVerifies", func(t *testing.T) {
			if err := db.VerifyConsent(ctx, f.Peer, c.ID); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("a peer verified: %v", err)
			}
			own := base
			if err := db.AddConsent(ctx, f.Supervisor, &own); err != nil {
				t.Fatal(err)
			}
			if err := db.VerifyConsent(ctx, f.Supervisor, own.ID); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("the one who recorded it verified it: %v", err)
			}
			verify(t)
		})
		t.Run("APeerNeverReleasesAlone", func(t *testing.T) {
			verify(t)
			wantKind(t, must1(db.ExportRecord(ctx, f.Peer, f.Mine.ID, release, keep)), goldthread.EFORBIDDEN, "")
			if _, err := db.ExportRecord(ctx, f.Clinician, f.Mine.ID, release, keep); err != nil {
				t.Fatalf("a clinician under a verified Part 2 consent: %v", err)
			}
		})
		t.Run("AgencyRequiresTheSignedForm", func(t *testing.T) {
			if err := db.SetPart2ConsentCheck(ctx, f.Admin, goldthread.Part2CheckDocument); err != nil {
				t.Fatal(err)
			}
			wantKind(t, must1(db.ExportRecord(ctx, f.Clinician, f.Mine.ID, release, keep)), goldthread.EINVALID, "recipient")
			wantKind(t, db.AttachConsentDocument(ctx, f.Peer, c.ID, []byte("not a scan")), goldthread.EINVALID, "document")
			scan := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)
			if err := db.AttachConsentDocument(ctx, f.Peer, c.ID, scan); err != nil {
				t.Fatal(err)
			}
			if err := db.AttachConsentDocument(ctx, f.Peer, c.ID, scan); goldthread.ErrorKind(err) != goldthread.ECONFLICT {
				t.Fatalf("a second document: %v", err)
			}
			if _, err := db.ExportRecord(ctx, f.Clinician, f.Mine.ID, release, keep); err != nil {
				t.Fatalf("with the signed form attached: %v", err)
			}
			got, kind, err := db.ConsentDocumentFile(ctx, f.Clinician, c.ID)
			if err != nil || kind != "image/png" || len(got) != len(scan) {
				t.Fatalf("%s %d %v", kind, len(got), err)
			}
		})
	})
}

// TestConsentAndEligibilityRowsNeverChange: consents, their revocations,
// documents and verifications, assessments and diagnoses are refused
// UPDATE and DELETE by the database on both engines; an authorization
// keeps what the payer issued (only its count of units used moves); a new
// primary diagnosis leaves the older row as it was and takes its place.
func TestConsentAndEligibilityRowsNeverChange(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		db.Now = (&storetest.Clock{T: planClock}).Now
		f := storetest.MustFixture(t, db)
		c := goldthread.Consent{ParticipantID: f.Mine.ID, Recipient: "Recovery Clinic", Purpose: "Coordination",
			Signed: day26(2, 1), Expires: day26(8, 1)}
		storetest.Part2Elements(&c)
		if err := db.AddConsent(ctx, f.Peer, &c); err != nil {
			t.Fatal(err)
		}
		if err := db.VerifyConsent(ctx, f.Clinician, c.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.AttachConsentDocument(ctx, f.Peer, c.ID, []byte("%PDF-1.4 signed")); err != nil {
			t.Fatal(err)
		}
		if _, err := db.RevokeConsent(ctx, f.Peer, c.ID, day26(3, 1), "Asked to stop"); err != nil {
			t.Fatal(err)
		}
		if err := db.AddAssessment(ctx, f.Clinician, &goldthread.Assessment{ParticipantID: f.Mine.ID, Assessed: day26(1, 10), Summary: "Eligible"}); err != nil {
			t.Fatal(err)
		}
		first := goldthread.Diagnosis{ParticipantID: f.Mine.ID, Code: "F33.1", Primary: true, Since: day26(1, 10)}
		if err := db.AddDiagnosis(ctx, f.Clinician, &first); err != nil {
			t.Fatal(err)
		}
		a := goldthread.Authorization{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID, Payer: "NC Medicaid", Number: "PA-1",
			Start: day26(1, 8), End: day26(7, 8), UnitsAuthorized: 480}
		if err := db.AddAuthorization(ctx, f.Clinician, &a); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"UPDATE consent SET recipient = 'Anyone'", "DELETE FROM consent",
			"UPDATE consent_revocation SET revoked_on = revoked_on", "DELETE FROM consent_revocation",
			"UPDATE consent_document SET content_type = 'text/plain'", "DELETE FROM consent_document",
			"UPDATE consent_verification SET verified_by = verified_by", "DELETE FROM consent_verification",
			"UPDATE assessment SET summary = 'x'", "DELETE FROM assessment",
			"UPDATE diagnosis SET is_primary = FALSE", "DELETE FROM diagnosis",
			"UPDATE service_authorization SET units_authorized = 9999", "UPDATE service_authorization SET number = 'PA-2'",
			"DELETE FROM service_authorization"} {
			if _, err := db.ExecRaw(ctx, q); err == nil {
				t.Errorf("%s: the database allowed it", q)
			}
		}
		t.Run("UnitsUsedStillMove", func(t *testing.T) {
			if _, err := db.ExecRaw(ctx, "UPDATE service_authorization SET units_used = units_used + 4 WHERE id = ?", a.ID); err != nil {
				t.Fatalf("claims could not use units: %v", err)
			}
		})
		t.Run("ANewPrimaryDiagnosisTakesThePlace", func(t *testing.T) {
			second := goldthread.Diagnosis{ParticipantID: f.Mine.ID, Code: "F41.1", Primary: true, Since: day26(2, 10)}
			if err := db.AddDiagnosis(ctx, f.Clinician, &second); err != nil {
				t.Fatal(err)
			}
			e, err := db.Eligibility(ctx, f.Clinician, f.Mine.ID)
			if err != nil || len(e.Diagnoses) != 2 {
				t.Fatalf("%+v %v", e.Diagnoses, err)
			}
			if e.Diagnoses[0].Code != "F41.1" || !e.Diagnoses[0].Primary || e.Diagnoses[1].Primary {
				t.Fatalf("primary: %+v", e.Diagnoses)
			}
		})
	})
}
