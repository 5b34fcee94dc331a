package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestBillingIdentityMigrationsGuessNothing: an agency, a peer and a rate
// stored before migrations 0025–0027 come out of them as follows: the
// agency's legal name is the name its claims carried (its display name)
// and its identity is marked placeholder until an administrator confirms
// it; the peer's first and last names stay empty (never split from the
// full name); the rate is in effect from the beginning.
func TestBillingIdentityMigrationsGuessNothing(t *testing.T) {
	storetest.EnginesBare(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		exec := migratedBefore(t, db, 25)
		now := time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC)
		exec(`INSERT INTO agency (id, slug, name, npi, tax_id, addr_line1, addr_city, addr_state, addr_postal, created_at)
			VALUES (1, 'old', 'Old Agency', '1234567893', '561234567', '1 Main St', 'Asheville', 'NC', '28801-1234', ?)`, now)
		exec("INSERT INTO program (id, agency_id, name, rule_pack, created_at) VALUES (1, 1, 'NC', 'us-nc-medicaid-8g-pss', ?)", now)
		exec(`INSERT INTO app_user (id, agency_id, email, name, npi, password_hash, created_at, updated_at)
			VALUES (1, 1, 'dana@old.test', 'Dana Whitfield', '1245319599', 'x', ?, ?)`, now, now)
		exec(`INSERT INTO billing_rate (agency_id, program_id, procedure_code, is_group, cents_per_unit, placeholder, source, updated_at)
			VALUES (1, 1, 'H0038', ?, 1197, ?, 'fee schedule', ?)`, false, false, now)
		if _, err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}

		billing := goldthread.Actor{UserID: 1, AgencyID: 1, Roles: []goldthread.Role{goldthread.RoleBilling}}
		id, err := db.AgencyBillingIdentity(ctx, billing)
		if err != nil || id.LegalName != "Old Agency" || !id.Placeholder || id.NPI != "1234567893" || id.PayTo != nil {
			t.Fatalf("identity after migration %+v (%v)", id, err)
		}
		admin := goldthread.Actor{UserID: 1, AgencyID: 1, Roles: []goldthread.Role{goldthread.RoleAdministrator}}
		dana, err := db.StaffMember(ctx, admin, 1)
		if err != nil || dana.FirstName != "" || dana.LastName != "" || dana.Name != "Dana Whitfield" {
			t.Fatalf("staff after migration %+v (%v)", dana, err)
		}
		_, rates, _, err := db.ProgramBillingSettings(ctx, billing, 1)
		if err != nil || len(rates) != 1 || !rates[0].EffectiveFrom.IsZero() || rates[0].CentsPerUnit != 1197 {
			t.Fatalf("rates after migration %+v (%v)", rates, err)
		}
		// The old one-rate-per-code rule is gone: a new rate joins it.
		if err := db.SetBillingRate(ctx, billing, goldthread.BillingRate{ProgramID: 1, Procedure: "H0038", CentsPerUnit: 1300,
			EffectiveFrom: goldthread.NewDate(2099, 1, 1)}); err != nil {
			t.Fatal(err)
		}
	})
}
