package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestCaseloadSettingMigratesToARuleOverride: a caseload ratio stored as a
// workforce setting before migration 0070 comes out of it as the agency's
// rule override of the pack's ratio (value, reason, author kept), which the
// effective pack then carries; the setting is gone, so there is one store.
func TestCaseloadSettingMigratesToARuleOverride(t *testing.T) {
	storetest.EnginesBare(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		exec := migratedBefore(t, db, 70)
		now := time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC)
		exec("INSERT INTO agency (id, slug, name, created_at) VALUES (1, 'old', 'Old Agency', ?)", now)
		exec("INSERT INTO program (id, agency_id, name, rule_pack, created_at) VALUES (1, 1, 'NC', 'us-nc-medicaid-8g-pss', ?)", now)
		exec(`INSERT INTO app_user (id, agency_id, email, name, password_hash, created_at, updated_at)
			VALUES (1, 1, 'dana@old.test', 'Dana Whitfield', 'x', ?, ?)`, now, now)
		exec(`INSERT INTO agency_setting (agency_id, name, value, reason, set_by, set_at) VALUES (1, ?, '15', 'MCO contract sets 1:15', 1, ?)`,
			goldthread.SettingCaseloadPrefix+"us-nc-medicaid-8g-pss", now)
		exec(`INSERT INTO agency_setting (agency_id, name, value, reason, set_by, set_at) VALUES (1, ?, '21', 'weekly team meeting', 1, ?)`,
			goldthread.SettingSupervisionDays, now)
		if _, err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		admin := goldthread.Actor{UserID: 1, AgencyID: 1, Roles: []goldthread.Role{goldthread.RoleAdministrator}}
		pack, err := db.EffectivePack(ctx, admin, "us-nc-medicaid-8g-pss")
		if err != nil || pack.Caseload.MaxParticipantsPerPeer.Value != 15 || pack.Caseload.MaxParticipantsPerPeer.Override == nil ||
			pack.Caseload.MaxParticipantsPerPeer.Override.Reason != "MCO contract sets 1:15" {
			t.Fatalf("effective ratio after migration: %+v (%v)", pack.Caseload.MaxParticipantsPerPeer, err)
		}
		var left int
		if err := db.QueryRowRaw(ctx, "SELECT COUNT(*) FROM agency_setting WHERE name LIKE 'caseload.%'").Scan(&left); err != nil || left != 0 {
			t.Fatalf("caseload settings left: %d (%v)", left, err)
		}
		settings, err := db.WorkforceSettings(ctx, admin)
		if err != nil || settings[goldthread.SettingSupervisionDays].Value != "21" ||
			settings[goldthread.SettingCaseloadPrefix+"us-nc-medicaid-8g-pss"].Value != "15" {
			t.Fatalf("settings as the Team page reads them: %+v (%v)", settings, err)
		}
	})
}
