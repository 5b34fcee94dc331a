package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread/internal/store"
)

// TestClaimsExportProductionRefusedWithPlaceholders: the demo's NC program
// sends test files, which may carry its placeholders and say so; set to
// production (usage P), the export is refused with exit 1, writes no file
// and names each placeholder and where to fix it.
func TestClaimsExportProductionRefusedWithPlaceholders(t *testing.T) {
	ctx := context.Background()
	path, vars, nc := loadDemoNC(t, ctx)
	from, to := lastNinetyDays()
	period := []string{"claims", "export", "--program", nc, "--from", from, "--to", to}
	code, out, errOut := runCmd(t, ctx, vars, period...)
	if code != 0 || !strings.HasPrefix(out, "ISA") || !strings.Contains(errOut, "test file with placeholders: the payer settings") {
		t.Fatalf("test export: exit %d, stderr %q", code, errOut)
	}

	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecRaw(ctx, "UPDATE program_billing SET usage_indicator = 'P' WHERE program_id = ?", nc); err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, out, errOut = runCmd(t, ctx, vars, "claims", "export", "--program", nc, "--from", "2000-01-01", "--to", "2000-12-31")
	if code != 1 || out != "" {
		t.Fatalf("production export with placeholders: exit %d, %d bytes out; want 1 and no file", code, len(out))
	}
	for _, want := range []string{"production (usage P)", "payer settings of Peer Support — North Carolina (8G) are marked placeholder",
		"billing identity is marked placeholder", "Settings → Billing identity"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr does not say %q:\n%s", want, errOut)
		}
	}
}

// loadDemo loads the demo agency with `goldthread demo` into a new file and
// returns its path, the environment naming it, and the database opened.
func loadDemo(t *testing.T, ctx context.Context) (string, map[string]string, *store.DB) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "gt.db")
	vars := map[string]string{"GOLDTHREAD_DB": path}
	if code, out, errOut := runCmd(t, ctx, vars, "demo"); code != 0 {
		t.Fatalf("demo: %d %q %q", code, out, errOut)
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	return path, vars, db
}

// TestClaimsRefreshStoresFreshVerdicts: `claims refresh` leaves the
// period's stored verdicts fresh (billing_period notes them so), as the
// Billing page's check does, and refuses a period longer than a year.
func TestClaimsRefreshStoresFreshVerdicts(t *testing.T) {
	ctx := context.Background()
	path, vars, nc := loadDemoNC(t, ctx)
	from, to := lastNinetyDays()
	code, out, errOut := runCmd(t, ctx, vars, "claims", "refresh", "--program", nc, "--from", from, "--to", to)
	if code != 0 || out != "" || !strings.Contains(errOut, "the stored verdicts are fresh") {
		t.Fatalf("claims refresh: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var periods int
	if err := db.QueryRowRaw(ctx, "SELECT COUNT(*) FROM billing_period WHERE program_id = ? AND period_from = ? AND period_to = ?", nc,
		from, to).Scan(&periods); err != nil {
		t.Fatal(err)
	}
	if periods != 1 {
		t.Fatalf("%d stored periods after claims refresh; want 1", periods)
	}
	code, _, errOut = runCmd(t, ctx, vars, "claims", "refresh", "--program", nc, "--from", "2024-01-01", "--to", "2025-06-30")
	if code != 2 || !strings.Contains(errOut, "at most a year") {
		t.Fatalf("a period of 18 months: exit %d, stderr %q; want 2 and why", code, errOut)
	}
}

// loadDemoNC is loadDemo with the database closed again, and the id, as
// the command line takes it, of the demo's NC 8G program.
func loadDemoNC(t *testing.T, ctx context.Context) (string, map[string]string, string) {
	t.Helper()
	path, vars, db := loadDemo(t, ctx)
	defer db.Close()
	var nc string
	if err := db.QueryRowRaw(ctx, "SELECT CAST(id AS TEXT) FROM program WHERE rule_pack = 'us-nc-medicaid-8g-pss'").Scan(&nc); err != nil {
		t.Fatal(err)
	}
	return path, vars, nc
}

// lastNinetyDays is the period from 90 days ago to today, as the command
// line takes its dates.
func lastNinetyDays() (from, to string) {
	now := time.Now()
	return now.AddDate(0, 0, -90).Format(time.DateOnly), now.Format(time.DateOnly)
}
