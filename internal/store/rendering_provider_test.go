package store_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/x12"
)

// TestRenderersNeedFirstAndLastNames: an administrator adding or editing an
// active peer or supervisor must type the first and last names apart;
// others (billing, an account being deactivated) need not; what is typed
// must fit a claim, and comes back as typed.
func TestRenderersNeedFirstAndLastNames(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		const pw = "welcome to the team today"
		peer := func(mut func(*goldthread.Staff)) *goldthread.Staff {
			s := &goldthread.Staff{Email: "mary@fixture.test", Name: "Mary Ann Lopez Garcia", FirstName: "Mary Ann", LastName: "Lopez Garcia",
				Roles: []goldthread.Role{goldthread.RolePeer}, Taxonomy: "175t00000x"}
			mut(s)
			return s
		}
		for _, c := range []struct {
			field string
			mut   func(*goldthread.Staff)
		}{
			{"first_name", func(s *goldthread.Staff) { s.FirstName = " " }},
			{"last_name", func(s *goldthread.Staff) { s.LastName = "" }},
			{"last_name", func(s *goldthread.Staff) { s.Roles = []goldthread.Role{goldthread.RoleSupervisor}; s.LastName = "" }},
			{"first_name", func(s *goldthread.Staff) { s.FirstName = strings.Repeat("M", 36) }},
			{"taxonomy", func(s *goldthread.Staff) { s.Taxonomy = "175T0000X" }},
		} {
			if err := db.AddStaff(ctx, f.Admin, peer(c.mut), pw, cheap); goldthread.ErrorField(err) != c.field {
				t.Errorf("%s: err = %v", c.field, err)
			}
		}
		billing := &goldthread.Staff{Email: "bea@fixture.test", Name: "Bea", Roles: []goldthread.Role{goldthread.RoleBilling}}
		if err := db.AddStaff(ctx, f.Admin, billing, pw, cheap); err != nil {
			t.Fatalf("billing staff need no name parts: %v", err)
		}
		mary := peer(func(*goldthread.Staff) {})
		if err := db.AddStaff(ctx, f.Admin, mary, pw, cheap); err != nil {
			t.Fatal(err)
		}
		got, err := db.StaffMember(ctx, f.Admin, mary.ID)
		if err != nil || got.FirstName != "Mary Ann" || got.LastName != "Lopez Garcia" || got.Taxonomy != "175T00000X" {
			t.Fatalf("%v %+v", err, got)
		}
		change := store.StaffChange{Name: got.Name, Roles: got.Roles, Active: true}
		if err := db.UpdateStaff(ctx, f.Admin, mary.ID, change); goldthread.ErrorField(err) != "first_name" {
			t.Fatalf("an active peer's names were cleared: %v", err)
		}
		change.Active = false
		if err := db.UpdateStaff(ctx, f.Admin, mary.ID, change); err != nil {
			t.Fatalf("deactivating someone needs no names: %v", err)
		}
	})
}

// staffNames sets the stored first and last names of userID as a
// migration or an older release left them.
func staffNames(t *testing.T, db *store.DB, userID int64, name, first, last string) {
	t.Helper()
	if _, err := db.ExecRaw(context.Background(), "UPDATE app_user SET name = ?, first_name = ?, last_name = ? WHERE id = ?",
		name, first, last, userID); err != nil {
		t.Fatal(err)
	}
}

// TestRenderingProviderIsNamedAsTyped: the 837P rendering provider
// (NM1*82) carries the stored first and last names, never a split of the
// display name; a service by someone whose parts are missing (accounts
// from before they were kept) is blocked, naming who acts and the rule's
// source, until an administrator types them.
func TestRenderingProviderIsNamedAsTyped(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		staffNames(t, db, e.f.Peer.UserID, "Pat Peer", "", "")
		n := e.billable(t, onMarch(2, 9))
		svc, err := db.ScrubClaim(ctx, e.f.Billing, n.ID)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(svc.Blocks, func(b goldthread.BillingFinding) bool { return b.RuleID == store.RuleClaimRenderingName })
		if i < 0 {
			t.Fatalf("a service by someone without name parts is not blocked: %+v", svc.Blocks)
		}
		if b := svc.Blocks[i]; b.WhoActs != "administrator" || b.Fix != "Enter Pat Peer's first and last names on the staff page." ||
			!strings.Contains(b.Source, "NM1*82") {
			t.Fatalf("block %+v", b)
		}

		// The administrator types them; the name has more parts than a
		// split by the last space would find.
		staffNames(t, db, e.f.Peer.UserID, "Mary Ann Lopez Garcia", "", "")
		if err := db.UpdateStaff(ctx, e.f.Admin, e.f.Peer.UserID, store.StaffChange{Name: "Mary Ann Lopez Garcia", FirstName: "Mary Ann",
			LastName: "Lopez Garcia", NPI: peerNPI, Roles: []goldthread.Role{goldthread.RolePeer}, Active: true, SupervisorID: e.f.Supervisor.UserID}); err != nil {
			t.Fatal(err)
		}
		doc := e.exportMarch(t)
		if got := segmentsFrom(doc, "NM1", "82", 1); len(got) != 1 || got[0] != "NM1*82*1*LOPEZ GARCIA*MARY ANN****XX*"+peerNPI {
			t.Fatalf("rendering provider %q", got)
		}
	})
}

// TestRenderingTaxonomyWhereThePayerWantsIt: PRV*PE is written only when
// the program's rule pack says the payer wants it (off by default, its
// source unconfirmed); then a service by someone with no taxonomy on file
// is blocked, and the file carries the person's code.
func TestRenderingTaxonomyWhereThePayerWantsIt(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		prvPE := func(t *testing.T) []string {
			t.Helper()
			var out []string
			for _, s := range e.exportMarch(t).Find("PRV") {
				if s.Element(1) == "PE" {
					out = append(out, s.String())
				}
			}
			return out
		}
		if _, err := db.ExecRaw(ctx, "UPDATE app_user SET taxonomy = '175T00000X' WHERE id = ?", e.f.Peer.UserID); err != nil {
			t.Fatal(err)
		}
		e.billable(t, onMarch(2, 9))
		if got := prvPE(t); len(got) != 0 {
			t.Fatalf("PRV*PE written although the pack does not ask for it: %q", got)
		}

		if _, err := db.SetRuleOverride(ctx, e.f.Admin, ncPack, "claim.rendering_taxonomy", "true", "LME-MCO companion guide asks for PRV*PE"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecRaw(ctx, "UPDATE app_user SET taxonomy = '' WHERE id = ?", e.f.Peer.UserID); err != nil {
			t.Fatal(err)
		}
		n := e.billable(t, onMarch(3, 9))
		if got := e.blocks(t, n.ID); !slices.Contains(got, store.RuleClaimRenderingTaxonomy) {
			t.Fatalf("blocks %v; want %s", got, store.RuleClaimRenderingTaxonomy)
		}
		if _, err := db.ExecRaw(ctx, "UPDATE app_user SET taxonomy = '175T00000X' WHERE id = ?", e.f.Peer.UserID); err != nil {
			t.Fatal(err)
		}
		if got := prvPE(t); len(got) != 1 || got[0] != "PRV*PE*PXC*175T00000X" {
			t.Fatalf("PRV*PE = %q", got)
		}
	})
}

// TestVoidNamesTheRenderingProviderAsTheOriginal: a void repeats the
// rendering provider of the claim it voids, whatever the staff record says
// now, even for a claim stored before names were typed apart (it was sent
// with the full name split, and the void must match it).
func TestVoidNamesTheRenderingProviderAsTheOriginal(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		id, _, _ := e.exported(t)
		// As an older release stored it: no rendering names in the snapshot.
		drop := "DROP TRIGGER claim_no_update"
		if db.Engine == store.Postgres {
			drop = "DROP TRIGGER claim_frozen ON claim"
		}
		if _, err := db.ExecRaw(ctx, drop); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecRaw(ctx, `UPDATE claim SET parties = REPLACE(parties, ',"Rendering":{"First":"Pat","Last":"Peer","Taxonomy":""}', '')
			WHERE id = ?`, id); err != nil {
			t.Fatal(err)
		}
		if countBilling(t, db, "SELECT COUNT(*) FROM claim WHERE id = ? AND parties LIKE '%Rendering%'", id) != 0 {
			t.Fatal("the claim still has its rendering names")
		}
		staffNames(t, db, e.f.Peer.UserID, "Pat Peer", "Patricia", "Peer-Smith")
		if err := db.RecordClaimOutcome(ctx, e.f.Billing, id, goldthread.ClaimOutcome{Status: goldthread.ClaimAccepted, PayerClaimNumber: "NC-1"}); err != nil {
			t.Fatal(err)
		}
		void, err := db.CorrectClaim(ctx, e.f.Billing, id, goldthread.FrequencyVoid, "", "billed in error")
		if err != nil {
			t.Fatal(err)
		}
		c, _ := db.Claim(ctx, e.f.Billing, void)
		var buf bytes.Buffer
		if _, err := db.WriteClaimBatch(ctx, e.f.Billing, c.BatchID, &buf); err != nil {
			t.Fatal(err)
		}
		doc, err := x12.Parse(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if got := segmentsFrom(doc, "NM1", "82", 1); len(got) != 1 || got[0] != "NM1*82*1*PEER*PAT****XX*"+peerNPI {
			t.Fatalf("void's rendering provider %q", got)
		}
	})
}
