package store_test

import (
	"context"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

const ncPack = "us-nc-medicaid-8g-pss"

// factOf returns the fact at path of p.
func factOf(t *testing.T, p *rules.Pack, path string) rules.FactView {
	t.Helper()
	for _, f := range p.Facts() {
		if f.Path == path {
			return f
		}
	}
	t.Fatalf("no fact %s", path)
	return rules.FactView{}
}

func TestRuleOverrideIsForAdministratorsOnly(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := storetest.MustFixture(t, db)
		for _, a := range []goldthread.Actor{f.Peer, f.Supervisor, f.Billing, f.Auditor, f.Clinician} {
			_, err := db.SetRuleOverride(context.Background(), a, ncPack, "timeliness.hours", "48", "contract")
			wantKind(t, err, goldthread.EFORBIDDEN, "")
		}
		_, err := db.EffectivePack(context.Background(), f.Peer, ncPack)
		wantKind(t, err, goldthread.EFORBIDDEN, "")
	})
}

func TestRuleOverrideRefusesNamingTheField(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		cases := []struct{ name, pack, path, value, reason, field string }{
			{"UnknownPath", ncPack, "timeliness.hourz", "48", "contract", "path"},
			{"EmptyPath", ncPack, "", "48", "contract", "path"},
			{"WrongType", ncPack, "timeliness.hours", "soon", "contract", "value"},
			{"InvalidPack", ncPack, "group.max_size", "-3", "contract", "value"},
			{"NoReason", ncPack, "timeliness.hours", "48", " ", "reason"},
			{"PackNotTheAgencys", "us-ny-omh-mhotrs-pss", "timeliness.hours", "48", "contract", "pack_id"},
			{"ClearWithoutOverride", ncPack, "timeliness.hours", "", "back to the pack", "value"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := db.SetRuleOverride(ctx, f.Admin, c.pack, c.path, c.value, c.reason)
				wantKind(t, err, goldthread.EINVALID, c.field)
			})
		}
		p, err := db.EffectivePack(ctx, f.Admin, ncPack)
		if err != nil {
			t.Fatal(err)
		}
		if got := factOf(t, p, "timeliness.hours"); got.Status == rules.StatusAgencyOverride {
			t.Fatalf("a refused override was applied: %+v", got)
		}
	})
}

func TestRuleOverrideAppliesKeepsHistoryAndIsAudited(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		if _, err := db.SetRuleOverride(ctx, f.Admin, ncPack, "timeliness.hours", "48", "LME-MCO contract"); err != nil {
			t.Fatal(err)
		}
		p, err := db.EffectivePack(ctx, f.Billing, ncPack)
		if err != nil {
			t.Fatal(err)
		}
		got := factOf(t, p, "timeliness.hours")
		if got.Value != "48" || got.Status != rules.StatusAgencyOverride || got.Override == nil ||
			got.Override.OriginalValue != "72" || got.Override.By != "Ada Admin" || got.Source == "" {
			t.Fatalf("overridden fact = %+v %+v", got, got.Override)
		}
		if base, _ := store.RulePack(ncPack); factOf(t, base, "timeliness.hours").Value != "72" {
			t.Fatal("the embedded pack changed")
		}
		// A newer value supersedes; an empty one returns to the pack's.
		if _, err := db.SetRuleOverride(ctx, f.Admin, ncPack, "timeliness.hours.value", "24", "stricter policy"); err != nil {
			t.Fatal(err)
		}
		if p, _ := db.EffectivePack(ctx, f.Auditor, ncPack); factOf(t, p, "timeliness.hours").Value != "24" {
			t.Fatal("the newer override did not supersede")
		}
		if _, err := db.SetRuleOverride(ctx, f.Admin, ncPack, "timeliness.hours", "", "back to the pack"); err != nil {
			t.Fatal(err)
		}
		if p, _ := db.EffectivePack(ctx, f.Supervisor, ncPack); factOf(t, p, "timeliness.hours").Status != rules.StatusUnconfirmed {
			t.Fatal("clearing did not return to the pack's value")
		}
		hist, err := db.RuleOverrides(ctx, f.Auditor, ncPack)
		if err != nil {
			t.Fatal(err)
		}
		if len(hist) != 3 || hist[0].Value != "" || !hist[0].Current || hist[1].Current || hist[2].Value != "48" || hist[2].Reason != "LME-MCO contract" {
			t.Fatalf("history = %+v", hist)
		}
		if n := countRows(t, db, "SELECT COUNT(*) FROM audit_event WHERE action = ? AND record_type = ?", goldthread.ActionSettingChange, "rule_override"); n != 3 {
			t.Fatalf("%d audit events; want 3", n)
		}
		if _, err := db.ExecRaw(ctx, "DELETE FROM agency_rule_override"); err == nil {
			t.Fatal("an override row was deleted")
		}
		if _, err := db.ExecRaw(ctx, "UPDATE agency_rule_override SET value = '1'"); err == nil {
			t.Fatal("an override row was changed")
		}
	})
}

// TestSigningUsesTheAgencyPack: with the documentation deadline overridden
// to one hour, a note written 75 minutes after the service is late, so
// signing asks for the late-entry reason; with video overridden to not
// covered, signing keeps a block_billing modality finding saying so.
func TestSigningUsesTheAgencyPack(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		if _, err := db.SetRuleOverride(ctx, e.f.Admin, ncPack, "timeliness.hours", "1", "agency policy: same hour"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SetRuleOverride(ctx, e.f.Admin, ncPack, "modalities.video.allowed", "false", "MCO contract: no video"); err != nil {
			t.Fatal(err)
		}
		n := e.draft(t, func(in *store.NoteInput) { in.Modality = "video" })
		_, _, err := e.sign(n)
		wantKind(t, err, goldthread.EINVALID, "late_entry_reason")
		_, findings, err := db.SignNote(ctx, e.f.Peer, n.ID, store.SignNoteInput{Password: storetest.Password,
			Attestation: "I attest.", LateEntryReason: "Back-to-back visits.", Version: n.Version})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range findings {
			if f.RuleID == rules.RuleModality && f.Severity == rules.BlockBilling && f.Status == rules.StatusAgencyOverride {
				return
			}
		}
		t.Fatalf("findings after the override = %+v", findings)
	})
}

func hasRuleFinding(fs []rules.Finding, id string) bool {
	for _, f := range fs {
		if f.RuleID == id {
			return true
		}
	}
	return false
}

func countRows(t *testing.T, db *store.DB, q string, args ...any) int {
	t.Helper()
	rows, err := db.QueryRaw(context.Background(), q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var n int
	rows.Next()
	if err := rows.Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
