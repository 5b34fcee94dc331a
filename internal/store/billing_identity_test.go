package store_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/x12"
)

// goodIdentity is a billing identity claims can carry: a legal name that
// is not the display name, a street address with ZIP+4 and a post office
// box to be paid at.
func goodIdentity() goldthread.BillingIdentity {
	return goldthread.BillingIdentity{LegalName: "Fixture Peer Services of Buncombe, Inc.", NPI: "1234567893", TaxID: "56-1234567",
		Taxonomy: "251s00000x", Address: goldthread.Address{Line1: " 12 Main St ", Line2: "Suite 3", City: "Asheville", State: "nc",
			PostalCode: "288011234"},
		PayTo: &goldthread.Address{Line1: "PO Box 1750", City: "Asheville", State: "NC", PostalCode: "28802"}}
}

// TestBillingIdentityIsCheckedWhenSaved: an administrator saves the
// identity; every part the 837P writer would refuse is named by its field
// with what would fix it, and nothing is saved then; billing staff and
// auditors read it, nobody else changes it; a save is audited.
func TestBillingIdentityIsCheckedWhenSaved(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		if err := db.SetAgencyBillingIdentity(ctx, f.Admin, goodIdentity()); err != nil {
			t.Fatalf("a good identity was refused: %v", err)
		}
		got, err := db.AgencyBillingIdentity(ctx, f.Billing)
		if err != nil {
			t.Fatal(err)
		}
		if got.TaxID != "561234567" || got.Taxonomy != "251S00000X" || got.Address.Line1 != "12 Main St" || got.Address.State != "NC" ||
			got.Address.PostalCode != "28801-1234" || got.PayTo == nil || got.PayTo.Line1 != "PO Box 1750" || got.Placeholder || got.UpdatedAt.IsZero() {
			t.Fatalf("saved identity %+v (pay to %+v)", got, got.PayTo)
		}
		if goldthread.FormatEIN(got.TaxID) != "56-1234567" {
			t.Fatalf("EIN shown as %q", goldthread.FormatEIN(got.TaxID))
		}
		for _, c := range []struct {
			field string
			bad   func(*goldthread.BillingIdentity)
		}{
			{"legal_name", func(b *goldthread.BillingIdentity) { b.LegalName = " " }},
			{"legal_name", func(b *goldthread.BillingIdentity) { b.LegalName = strings.Repeat("L", 61) }},
			{"npi", func(b *goldthread.BillingIdentity) { b.NPI = "1234567890" }},
			{"npi", func(b *goldthread.BillingIdentity) { b.NPI = "" }},
			{"tax_id", func(b *goldthread.BillingIdentity) { b.TaxID = "56-12345" }},
			{"tax_id", func(b *goldthread.BillingIdentity) { b.TaxID = "56/1234567" }},
			{"taxonomy", func(b *goldthread.BillingIdentity) { b.Taxonomy = "251S0000X" }},
			{"address.line1", func(b *goldthread.BillingIdentity) { b.Address.Line1 = "" }},
			{"address.line1", func(b *goldthread.BillingIdentity) { b.Address.Line1 = "P.O. Box 9" }},
			{"address.city", func(b *goldthread.BillingIdentity) { b.Address.City = "" }},
			{"address.state", func(b *goldthread.BillingIdentity) { b.Address.State = "North Carolina" }},
			{"address.postal_code", func(b *goldthread.BillingIdentity) { b.Address.PostalCode = "28801" }},
			{"pay_to.city", func(b *goldthread.BillingIdentity) { b.PayTo.City = "" }},
			{"pay_to.postal_code", func(b *goldthread.BillingIdentity) { b.PayTo.PostalCode = "2880" }},
		} {
			b := goodIdentity()
			pay := *b.PayTo
			b.PayTo = &pay
			c.bad(&b)
			err := db.SetAgencyBillingIdentity(ctx, f.Admin, b)
			if goldthread.ErrorField(err) != c.field || !strings.Contains(goldthread.ErrorMessage(err), "Enter") && !strings.Contains(goldthread.ErrorMessage(err), "Shorten") {
				t.Errorf("%s: err = %v; want a field error on %s saying what to enter", c.field, err, c.field)
			}
		}
		if again, _ := db.AgencyBillingIdentity(ctx, f.Auditor); again.LegalName != got.LegalName || again.NPI != got.NPI || again.PayTo == nil {
			t.Fatalf("a refused save changed the identity: %+v", again)
		}

		// A pay-to address that is the billing address is no pay-to address.
		same := goodIdentity()
		same.PayTo = &goldthread.Address{Line1: "12 Main St", Line2: "Suite 3", City: "Asheville", State: "NC", PostalCode: "28801-1234"}
		if err := db.SetAgencyBillingIdentity(ctx, f.Admin, same); err != nil {
			t.Fatal(err)
		}
		if b, _ := db.AgencyBillingIdentity(ctx, f.Admin); b.PayTo != nil {
			t.Fatalf("pay-to kept although it is the billing address: %+v", b.PayTo)
		}

		for _, who := range []goldthread.Actor{f.Billing, f.Auditor, f.Peer} {
			if err := db.SetAgencyBillingIdentity(ctx, who, goodIdentity()); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Errorf("%s changed the billing identity: %v", who.Name, err)
			}
		}
		if _, err := db.AgencyBillingIdentity(ctx, f.Peer); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
			t.Errorf("a peer read the billing identity: %v", err)
		}
		if n := countBilling(t, db, "SELECT COUNT(*) FROM audit_event WHERE record_type = 'agency_billing_identity' AND action = ? AND actor_id = ?",
			goldthread.ActionSettingChange, f.Admin.UserID); n != 2 {
			t.Fatalf("%d audit events for two saves", n)
		}
	})
}

// TestClaimFileCarriesTheBillingIdentity: the 837P names the agency by its
// legal name with its saved NPI, EIN and address (2010AA) and its pay-to
// address (2010AB); a batch keeps the identity it was made with, so a
// later change never alters a file already made.
func TestClaimFileCarriesTheBillingIdentity(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		if err := db.SetAgencyBillingIdentity(ctx, e.f.Admin, goodIdentity()); err != nil {
			t.Fatal(err)
		}
		e.billable(t, onMarch(2, 9))
		var buf bytes.Buffer
		sum, err := db.ExportClaims(ctx, e.f.Billing, e.f.Program.ID, marchFrom, marchTo, &buf)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := x12.Parse(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"NM1*85*2*FIXTURE PEER SERVICES OF BUNCOMBE, INC.*****XX*1234567893", "N3*12 MAIN ST*SUITE 3",
			"N4*ASHEVILLE*NC*288011234", "REF*EI*561234567", "NM1*87*2", "N3*PO BOX 1750", "N4*ASHEVILLE*NC*28802"}
		if got := segmentsFrom(doc, "NM1", "85", len(want)); strings.Join(got, "~") != strings.Join(want, "~") {
			t.Fatalf("billing provider and pay-to loops:\n got %q\nwant %q", got, want)
		}
		changed := goodIdentity()
		changed.LegalName, changed.PayTo = "Renamed Agency LLC", nil
		if err := db.SetAgencyBillingIdentity(ctx, e.f.Admin, changed); err != nil {
			t.Fatal(err)
		}
		var again bytes.Buffer
		if _, err := db.WriteClaimBatch(ctx, e.f.Billing, sum.BatchID, &again); err != nil || again.String() != buf.String() {
			t.Fatalf("the batch changed with the identity (%v)", err)
		}
	})
}

// segmentsFrom returns n segments as text starting at the first segment
// id whose first element is first.
func segmentsFrom(doc *x12.Document, id, first string, n int) []string {
	for i, s := range doc.Segments {
		if s.ID == id && s.Element(1) == first {
			var out []string
			for _, x := range doc.Segments[i:min(i+n, len(doc.Segments))] {
				out = append(out, x.String())
			}
			return out
		}
	}
	return nil
}

// TestIncompleteIdentityBlocksEveryService: while the identity cannot go
// on a claim, each service is blocked naming the problem, with the
// administrator to act.
func TestIncompleteIdentityBlocksEveryService(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		n := e.billable(t, onMarch(2, 9))
		if _, err := db.ExecRaw(ctx, "UPDATE agency SET addr_postal = '28801' WHERE id = ?", e.f.Agency.ID); err != nil {
			t.Fatal(err)
		}
		svc, err := db.ScrubClaim(ctx, e.f.Billing, n.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range svc.Blocks {
			if b.RuleID == store.RuleClaimProvider {
				if b.WhoActs != "administrator" || !strings.Contains(b.Message, "ZIP") || !strings.Contains(b.Fix, "Billing identity") {
					t.Fatalf("block %+v", b)
				}
				return
			}
		}
		t.Fatalf("not blocked by the identity: %+v", svc.Blocks)
	})
}
