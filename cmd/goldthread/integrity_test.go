package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goldthread/goldthread/internal/store"
)

// TestIntegrityVerify loads the demo, proves every signed note and plan
// intact, then alters one signed note behind the triggers' back and
// expects exit 1 naming it.
func TestIntegrityVerify(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gt.db")
	vars := map[string]string{"GOLDTHREAD_DB": path}
	if code, out, errOut := runCmd(t, ctx, vars, "demo"); code != 0 {
		t.Fatalf("demo: %d %q %q", code, out, errOut)
	}
	code, out, _ := runCmd(t, ctx, vars, "integrity", "verify")
	if code != 0 || !strings.Contains(out, "integrity verified") {
		t.Fatalf("verify: %d %q", code, out)
	}
	if code, _, errOut := runCmd(t, ctx, vars, "integrity"); code != 2 || !strings.Contains(errOut, "integrity verify") {
		t.Fatalf("without verify: %d %q", code, errOut)
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	rows, err := db.QueryRaw(ctx, "SELECT MIN(id) FROM service_note WHERE status = 'signed'")
	if err != nil {
		t.Fatal(err)
	}
	rows.Next()
	rows.Scan(&id)
	rows.Close()
	if _, err := db.ExecRaw(ctx, "DROP TRIGGER service_note_signed_no_update"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecRaw(ctx, "UPDATE service_note SET participant_response = 'changed' WHERE id = ?", id); err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, out, _ = runCmd(t, ctx, vars, "integrity", "verify", "--db", path)
	if code != 1 || !strings.Contains(out, "BROKEN at note ") || !strings.Contains(out, "altered after signing") {
		t.Fatalf("after tampering: %d %q", code, out)
	}
}
