package store_test

import (
	"context"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/fhir"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

func TestFHIRRecord(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e, note := portalEnv(t, db)
		ctx, f := context.Background(), e.f
		draft := e.draft(t)
		c := goldthread.Consent{ParticipantID: f.Mine.ID, Kind: goldthread.ConsentROI, Recipient: "Mountain Housing Partners", Purpose: "Housing",
			Information: "Dates and housing goal", Sections: []string{goldthread.SectionPlans}, Signed: goldthread.NewDate(2026, 3, 1), Expires: goldthread.NewDate(2027, 3, 1)}
		if err := db.AddConsent(ctx, f.Peer, &c); err != nil {
			t.Fatal(err)
		}
		t.Run("InReachSignedItemsOnly", func(t *testing.T) {
			for _, a := range []goldthread.Actor{f.Peer, f.Supervisor, f.Clinician, f.Auditor, f.ParticipantUser} {
				src, err := db.FHIRRecord(ctx, a, f.Mine.ID)
				if err != nil {
					t.Fatalf("%s: %v", a.Name, err)
				}
				if len(src.Record.Notes) != 1 || src.Record.Notes[0].ID != note.ID || len(src.Record.Plans) != 1 || len(src.Consents) != 1 {
					t.Fatalf("%s: %d notes, %d plans, %d consents", a.Name, len(src.Record.Notes), len(src.Record.Plans), len(src.Consents))
				}
				for _, n := range src.Record.Notes {
					if n.ID == draft.ID {
						t.Fatalf("%s: a draft in the export", a.Name)
					}
				}
				if src.Programs[f.Program.ID].State != "NC" || src.Zone == nil || src.Today.IsZero() {
					t.Fatalf("%s: programs %+v zone %v today %s", a.Name, src.Programs, src.Zone, src.Today)
				}
			}
		})
		t.Run("HCPCSFromTheRulePack", func(t *testing.T) {
			src, err := db.FHIRRecord(ctx, f.Peer, f.Mine.ID)
			if err != nil {
				t.Fatal(err)
			}
			if sc := src.ServiceCodes[note.ID]; sc.Code == "" {
				t.Fatalf("no HCPCS code for note %d: %+v", note.ID, src.ServiceCodes)
			}
			if b := fhir.MapBundle(src); len(b.Entry) < 5 {
				t.Fatalf("bundle of %d entries", len(b.Entry))
			}
		})
		t.Run("OutOfReachNotFound", func(t *testing.T) {
			for _, tc := range []struct {
				actor goldthread.Actor
				id    int64
			}{{f.OtherPeer, f.Mine.ID}, {f.ParticipantUser, f.MineToo.ID}, {f.Clinician, f.Foreign.ID}, {f.Peer, 999999}} {
				if _, err := db.FHIRRecord(ctx, tc.actor, tc.id); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
					t.Errorf("%s reading %d: %v", tc.actor.Name, tc.id, err)
				}
			}
		})
		t.Run("BillingAdminAndNobodyRefused", func(t *testing.T) {
			for _, a := range []goldthread.Actor{f.Billing, f.Admin, {}} {
				if _, err := db.FHIRRecord(ctx, a, f.Mine.ID); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
					t.Errorf("%q: %v", a.Name, err)
				}
			}
		})
		t.Run("AuditedAsAReadOfTheParticipant", func(t *testing.T) {
			if _, err := db.FHIRRecord(ctx, f.Peer, f.Mine.ID); err != nil {
				t.Fatal(err)
			}
			events, err := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{ParticipantID: f.Mine.ID, ActorID: f.Peer.UserID, Action: goldthread.ActionRead})
			if err != nil {
				t.Fatal(err)
			}
			for _, ev := range events {
				if ev.RecordType == "fhir_bundle" && ev.RecordID == f.Mine.ID {
					return
				}
			}
			t.Fatalf("no fhir_bundle read audited: %+v", events)
		})
		t.Run("ActorByEmail", func(t *testing.T) {
			a, err := db.ActorByEmail(ctx, " PEER@fixture.test ")
			if err != nil || a.UserID != f.Peer.UserID || !a.Has(goldthread.RolePeer) {
				t.Fatalf("%+v %v", a, err)
			}
			if _, err := db.ActorByEmail(ctx, "nobody@fixture.test"); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("unknown: %v", err)
			}
			if _, err := db.ActorByEmail(ctx, f.Emails[goldthread.RoleParticipant]); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("participant account: %v", err)
			}
		})
	})
}

// TestFHIRPeopleAndDisclosure: the export names the agency and who signed,
// with their credentials; the participant's own FHIR download is a line of
// the accounting of disclosures with its hash and an audited export, and
// only theirs.
func TestFHIRPeopleAndDisclosure(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e, note := portalEnv(t, db)
		ctx, f := context.Background(), e.f
		src, err := db.FHIRRecord(ctx, f.Clinician, f.Mine.ID)
		if err != nil {
			t.Fatal(err)
		}
		if src.Agency.ID != f.Agency.ID || src.Agency.Billing.NPI != "1234567893" || src.Staff[f.Peer.UserID].LastName != "Peer" ||
			!src.Documents || src.Staff[f.Clinician.UserID].Roles[0] != goldthread.RoleClinician {
			t.Fatalf("agency %+v, staff %+v, documents %v", src.Agency, src.Staff, src.Documents)
		}
		if _, ok := src.Approvals[note.ID]; !ok {
			t.Fatalf("no approvals read for note %d", note.ID)
		}
		d, err := db.DiscloseFHIR(ctx, f.ParticipantUser, f.Mine.ID, func(fhir.Source) (string, error) { return "abc123", nil })
		if err != nil || d.Format != goldthread.FormatFHIR || !d.OwnRequest || d.ContentHash != "abc123" || d.ID == 0 {
			t.Fatalf("disclosure: %+v %v", d, err)
		}
		list, err := db.Disclosures(ctx, f.ParticipantUser, f.Mine.ID)
		if err != nil || len(list) == 0 || list[0].ID != d.ID {
			t.Fatalf("the accounting lacks the download: %+v %v", list, err)
		}
		var n int
		if err := db.QueryRowRaw(ctx, "SELECT COUNT(*) FROM audit_event WHERE action = ? AND record_type = 'record' AND record_id = ?",
			goldthread.ActionExport, d.ID).Scan(&n); err != nil || n != 1 {
			t.Fatalf("audited exports: %d %v", n, err)
		}
		for _, a := range []goldthread.Actor{f.Peer, f.Clinician} {
			if _, err := db.DiscloseFHIR(ctx, a, f.Mine.ID, func(fhir.Source) (string, error) { return "x", nil }); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("%s disclosed through the participant's download: %v", a.Name, err)
			}
		}
		if _, err := db.DiscloseFHIR(ctx, f.ParticipantUser, f.MineToo.ID, func(fhir.Source) (string, error) { return "x", nil }); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
			t.Fatalf("someone else's record: %v", err)
		}
	})
}
