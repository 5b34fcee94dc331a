package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestClaimReasonMigrationKnowsGoldthreadsSentences: status rows written
// before migration 0173 held Goldthread's own reasons as English; the
// migration gives the sentences Goldthread wrote (a 277CA's acceptance and
// rejection, an 835's payment with its reversal and remarks) their Text,
// whose English is the row's reason byte for byte, so a Spanish reader
// reads them in Spanish. What staff typed, even when it looks like an
// 835's line but names no payment of the claim, stays as typed. The rows
// stay append-only, and filling the new column did not mark the
// participant's billing verdicts stale.
func TestClaimReasonMigrationKnowsGoldthreadsSentences(t *testing.T) {
	storetest.EnginesBare(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		exec := migratedBefore(t, db, 173)
		now := time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC)
		exec("INSERT INTO agency (id, slug, name, created_at) VALUES (1, 'old', 'Old Agency', ?)", now)
		exec("INSERT INTO program (id, agency_id, name, rule_pack, created_at) VALUES (1, 1, 'NC', 'us-nc-medicaid-8g-pss', ?)", now)
		exec(`INSERT INTO app_user (id, agency_id, email, name, password_hash, created_at, updated_at)
			VALUES (1, 1, 'ana@old.test', 'Ana Billing', 'x', ?, ?)`, now, now)
		exec(`INSERT INTO participant (id, agency_id, first_name, last_name, birth_date, created_at, updated_at)
			VALUES (1, 1, 'Rosa', 'Vega', ?, ?, ?)`, goldthread.NewDate(1980, 1, 2), now, now)
		exec(`INSERT INTO claim_batch (id, agency_id, program_id, period_from, period_to, header, created_at)
			VALUES (1, 1, 1, ?, ?, '{}', ?)`, goldthread.NewDate(2026, 3, 1), goldthread.NewDate(2026, 3, 31), now)
		for id := 1; id <= 3; id++ {
			exec(`INSERT INTO claim (id, agency_id, batch_id, program_id, participant_id, place_of_service, diagnoses, member_id, parties,
				total_cents, units, created_at) VALUES (?, 1, 1, 1, 1, '02', 'F1120', '123456789A', '{}', 7182, 6, ?)`, id, now)
		}
		exec(`INSERT INTO remittance (id, agency_id, trace_number, payer_trace_id, method, amount_cents, payer_name, payee_npi, file_name, imported_at)
			VALUES (1, 1, 'EFT2', '1560000001', 'ACH', -6000, 'NC MEDICAID', '1234567893', '', ?)`, now)
		exec(`INSERT INTO remittance_claim (remittance_id, agency_id, seq, control_number, claim_id, status_code, charge_cents, paid_cents,
			patient_cents, payer_claim_number, adjustments, remarks, prior_status, outcome, problem)
			VALUES (1, 1, 1, 'GT0000000002', 2, '22', -7182, -6000, 0, '', '[]', '[]', 'paid', 'accepted', '')`)
		type row struct {
			claim          int
			status, reason string
			spanish        string // "" when the reason stays as typed
		}
		rows := []row{
			{1, "exported", "", ""},
			{1, "accepted", "277CA A2:20", "277CA A2:20"},
			{1, "denied", "Rejected before adjudication (277CA A7:562); correct the claim and send it again.",
				"Rechazado antes de la adjudicación (277CA A7:562); corrija el reclamo y envíelo de nuevo."},
			{2, "exported", "", ""},
			{2, "accepted", "835 ACH EFT2: payment reversed (60): CR-45 -11.82; remarks N54 M1",
				"835 ACH EFT2: pago revertido (60): CR-45 -11.82; observaciones N54 M1"},
			{2, "paid", "835 ACH EFT2: CO-45 21.82", "835 ACH EFT2: CO-45 21.82"},
			{3, "exported", "", ""},
			{3, "denied", "835 CHK 77: payment reversed (5); remarks: the payer called", ""}, // no such payment of this claim
			{3, "accepted", "277CA looks fine to me", ""},
			{3, "denied", "Rejected before adjudication (277CA A7:562 and more); correct the claim and send it again.", ""},
		}
		for _, r := range rows {
			exec("INSERT INTO claim_status (claim_id, agency_id, status, reason, actor_id, at) VALUES (?, 1, ?, ?, 1, ?)", r.claim, r.status, r.reason, now)
		}
		version := func() (v int) {
			t.Helper()
			if err := db.QueryRowRaw(ctx, "SELECT COALESCE(SUM(version), 0) FROM billing_version").Scan(&v); err != nil {
				t.Fatal(err)
			}
			return v
		}
		before := version()
		if _, err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if after := version(); after != before {
			t.Errorf("the migration marked billing verdicts stale: versions %d → %d", before, after)
		}

		billing := goldthread.Actor{UserID: 1, AgencyID: 1, Name: "Ana Billing", Roles: []goldthread.Role{goldthread.RoleBilling}}
		var got []goldthread.ClaimStatusEntry
		for id := int64(1); id <= 3; id++ {
			c, err := db.Claim(ctx, billing, id)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, c.History...)
		}
		if len(got) != len(rows) {
			t.Fatalf("%d status rows, want %d", len(got), len(rows))
		}
		for i, r := range rows {
			g := got[i]
			if g.Reason != r.reason {
				t.Errorf("row %d: the English reads %q, the row said %q", i, g.Reason, r.reason)
			}
			if r.spanish == "" {
				if g.ReasonText.Format != "" {
					t.Errorf("row %d: %q was typed, but became %+v", i, r.reason, g.ReasonText)
				}
				continue
			}
			if g.ReasonText.Format == "" || spanish(g) != r.spanish {
				t.Errorf("row %d: %q reads %q in Spanish (%+v), want %q", i, r.reason, spanish(g), g.ReasonText, r.spanish)
			}
		}
		for _, q := range []string{"UPDATE claim_status SET reason_text = '' WHERE claim_id = 1", "DELETE FROM claim_status WHERE claim_id = 1"} {
			if _, err := db.ExecRaw(ctx, q); err == nil {
				t.Errorf("%s: allowed after the migration", q)
			}
		}
	})
}
