package store_test

import (
	"context"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

func hasRule(fs []rules.Finding, id string) bool {
	for _, f := range fs {
		if f.RuleID == id {
			return true
		}
	}
	return false
}

// TestSigningSeesEligibilityAndCredentials: the findings kept at signing
// come from the records on file — the service order's date, the
// authorization's units, and the author's registered credential on the
// service date — so a peer sees before billing what will block it.
func TestSigningSeesEligibilityAndCredentials(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		t.Run("ServiceOrderAfterTheServiceIsFound", func(t *testing.T) {
			o := goldthread.ServiceOrder{ParticipantID: e.f.Mine.ID, ProgramID: e.f.Program.ID, Professional: "Dr. Cal Clinician",
				Credential: "LCSW", NPI: "1234567893", Signed: goldthread.NewDate(2026, 3, 9)}
			if err := db.AddServiceOrder(ctx, e.f.Clinician, &o); err != nil {
				t.Fatal(err)
			}
			n := e.draft(t, func(in *store.NoteInput) {
				in.ServiceDate = goldthread.NewDate(2026, 3, 5)
				in.Start, in.End = in.Start.AddDate(0, 0, -5), in.End.AddDate(0, 0, -5)
			})
			_, fs, err := db.SignNote(ctx, e.f.Peer, n.ID, store.SignNoteInput{Password: storetest.Password,
				Attestation: "I provided this service as documented.", LateEntryReason: "Written after a week of leave."})
			if err != nil {
				t.Fatal(err)
			}
			if !hasRule(fs, "order.service_order") {
				t.Fatalf("a service before its order was not flagged: %+v", fs)
			}
			n2 := e.draft(t, func(in *store.NoteInput) {
				in.Start, in.End = in.Start.Add(-4*60*60*1e9), in.End.Add(-4*60*60*1e9)
			})
			if _, fs, _ := e.sign(n2); hasRule(fs, "order.service_order") {
				t.Fatalf("a service after its order was flagged: %+v", fs)
			}
		})
		t.Run("ExpiredRegisteredCredentialIsFound", func(t *testing.T) {
			if _, err := db.AddCredential(ctx, e.f.Admin, e.f.Peer.UserID, store.CredentialInput{Type: "CPSS", Number: "NC-1",
				Issued: goldthread.NewDate(2023, 1, 1), Expires: goldthread.NewDate(2026, 3, 1)}); err != nil {
				t.Fatal(err)
			}
			n := e.draft(t, func(in *store.NoteInput) {
				in.Start, in.End = in.Start.Add(-2*60*60*1e9), in.End.Add(-2*60*60*1e9)
			})
			_, fs, err := e.sign(n)
			if err != nil {
				t.Fatal(err)
			}
			if !hasRule(fs, "credential.valid") {
				t.Fatalf("an expired credential was not flagged: %+v", fs)
			}
		})
	})
}
