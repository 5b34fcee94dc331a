package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goldthread/goldthread/internal/store"
)

// TestBackupRestores backs up a seeded database, opens the copy as a
// restored database would be, and proves it: the audit chain verifies,
// every signed note and plan matches its content hash, and the signed
// notes are all there.
func TestBackupRestores(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "live.db")
	a := seededFile(t, src, "backup")
	copyPath := filepath.Join(dir, "copy.db")
	if code, out, errOut := runCmd(t, ctx, nil, "backup", "--db", src, "--out", copyPath); code != 0 {
		t.Fatalf("backup: exit %d\n%s%s", code, out, errOut)
	}
	if fi, err := os.Stat(copyPath); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the backup file: %v %v; want mode 0600", fi, err)
	}
	for _, args := range [][]string{{"audit", "verify"}, {"integrity", "verify"}} {
		if code, out, errOut := runCmd(t, ctx, nil, append(args, "--db", copyPath)...); code != 0 {
			t.Fatalf("%v on the restored copy: exit %d\n%s%s", args, code, out, errOut)
		}
	}
	restored, err := store.Open(ctx, copyPath)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	var signed int
	if err := restored.QueryRowRaw(ctx, "SELECT COUNT(*) FROM service_note WHERE status = 'signed'").Scan(&signed); err != nil {
		t.Fatal(err)
	}
	if signed != a.Notes {
		t.Fatalf("the copy holds %d signed notes; want %d", signed, a.Notes)
	}
	t.Run("NeverOverwrites", func(t *testing.T) {
		code, _, errOut := runCmd(t, ctx, nil, "backup", "--db", src, "--out", copyPath)
		if code != 1 || !strings.Contains(errOut, "exists already") {
			t.Fatalf("a second backup onto the same file: exit %d, %s", code, errOut)
		}
	})
}
