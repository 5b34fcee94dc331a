package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestAuditCheckpoints: a key is made once and never overwritten; a
// checkpoint seals the newest event; verify with the checkpoints passes on
// an intact trail and names the rewrite on a trail rebuilt from raw SQL,
// which the chain check alone cannot see; a forged checkpoint is refused.
func TestAuditCheckpoints(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dbFile := filepath.Join(dir, "gt.db")
	vars := map[string]string{"GOLDTHREAD_DB": dbFile}
	db, err := store.Open(ctx, dbFile)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	storetest.MustFixture(t, db)

	keyFile, pubFile, cpFile := filepath.Join(dir, "seal.key"), filepath.Join(dir, "seal.pub"), filepath.Join(dir, "checkpoints.log")
	code, pub, errOut := runCmd(t, ctx, vars, "audit", "keygen", "--out", keyFile)
	if code != 0 || !strings.HasPrefix(pub, "goldthread-seal-public-v1:") {
		t.Fatalf("keygen: %d %q %q", code, pub, errOut)
	}
	if st, _ := os.Stat(keyFile); st.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v; want 0600", st.Mode().Perm())
	}
	os.WriteFile(pubFile, []byte(pub), 0o644)
	if code, _, errOut := runCmd(t, ctx, vars, "audit", "keygen", "--out", keyFile); code != 1 || !strings.Contains(errOut, "never overwritten") {
		t.Fatalf("second keygen over the same file: %d %q", code, errOut)
	}

	// One line per chain: the fixture's two agencies each have one.
	code, line, errOut := runCmd(t, ctx, vars, "audit", "checkpoint", "--key", keyFile)
	if code != 0 || strings.Count(line, `"sig"`) != 2 {
		t.Fatalf("checkpoint: %d %q %q; want one line for each agency's chain", code, line, errOut)
	}
	os.WriteFile(cpFile, []byte(line), 0o644)
	verify := func() (int, string) {
		code, out, _ := runCmd(t, ctx, vars, "audit", "verify", "--checkpoints", cpFile, "--public-key", pubFile)
		return code, out
	}
	if code, out := verify(); code != 0 || !strings.Contains(out, "2 checkpoints hold") {
		t.Fatalf("verify an intact trail: %d %q", code, out)
	}

	t.Run("HalfTheFlagsIsBadUsage", func(t *testing.T) {
		if code, _, errOut := runCmd(t, ctx, vars, "audit", "verify", "--checkpoints", cpFile); code != 2 || !strings.Contains(errOut, "--public-key") {
			t.Fatalf("%d %q", code, errOut)
		}
	})
	t.Run("ForgedCheckpointIsRefused", func(t *testing.T) {
		forged := filepath.Join(dir, "forged.log")
		os.WriteFile(forged, []byte(strings.Replace(line, `"seq":`, `"seq":1`, 1)), 0o644)
		code, out, _ := runCmd(t, ctx, vars, "audit", "verify", "--checkpoints", forged, "--public-key", pubFile)
		if code != 1 || !strings.Contains(out, "FORGED") {
			t.Fatalf("%d %q", code, out)
		}
	})
	t.Run("RewrittenTrailIsFound", func(t *testing.T) {
		// A chain whose head is not the trail's newest event: a
		// checkpoint of the newest event alone would miss its rewrite.
		var seq int64
		if err := db.QueryRowRaw(ctx, `SELECT MIN(seq) FROM audit_event WHERE agency_id <>
			(SELECT agency_id FROM audit_event WHERE seq = (SELECT MAX(seq) FROM audit_event))`).Scan(&seq); err != nil || seq == 0 {
			t.Fatalf("every event is of one agency: %v", err)
		}
		storetest.RewriteAuditTrail(t, db, seq, "rewritten")
		if code, out, _ := runCmd(t, ctx, vars, "audit", "verify"); code != 0 {
			t.Fatalf("the chain alone should not see a full rewrite (that is why checkpoints exist): %d %q", code, out)
		}
		code, out := verify()
		if code != 1 || !strings.Contains(out, "REWRITTEN") {
			t.Fatalf("verify with checkpoints: %d %q", code, out)
		}
	})
	t.Run("BrokenTrailIsNotSealed", func(t *testing.T) {
		storetest.DropAuditTriggers(t, db) // again: this subtest may run alone
		if _, err := db.ExecRaw(ctx, "UPDATE audit_event SET detail = 'x' WHERE seq = 2"); err != nil {
			t.Fatal(err)
		}
		code, out, errOut := runCmd(t, ctx, vars, "audit", "checkpoint", "--key", keyFile)
		if code != 1 || out != "" || !strings.Contains(errOut, "not sealed") {
			t.Fatalf("%d %q %q", code, out, errOut)
		}
	})
	db.Close()
}
