package main

import (
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestCopyCommand runs `goldthread copy` as an administrator would: a
// seeded SQLite file into an empty PostgreSQL database (a schema of its
// own, owned by an ordinary role). The copy reports what it proved, the
// target passes `audit verify` and `integrity verify`, the source file is
// not changed, a second copy into the same database is refused naming
// what is there, a missing source file is an error (never a new empty
// file), and missing flags are bad usage.
func TestCopyCommand(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "agency.db")
	seededFile(t, src, "grow")
	before := fileHash(t, src)
	dst := storetest.OpenPostgres(t)
	to := dst.Source()

	code, out, errOut := runCmd(t, ctx, nil, "copy", "--from", src, "--to", to)
	if code != 0 {
		t.Fatalf("copy: exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"Copied ", "audit trail intact", "integrity verified: 44 signed notes and plans", "sequences set"} {
		if !strings.Contains(out, want) {
			t.Errorf("the summary lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "copy: service_note") || !strings.Contains(errOut, "rows/s") {
		t.Errorf("no progress per table on stderr:\n%s", errOut)
	}
	for _, args := range [][]string{{"audit", "verify"}, {"integrity", "verify"}} {
		if code, out, errOut := runCmd(t, ctx, nil, append(args, "--db", to)...); code != 0 {
			t.Fatalf("%v on the copy: exit %d\n%s%s", args, code, out, errOut)
		}
	}
	if fileHash(t, src) != before {
		t.Errorf("copy changed the source file %s", src)
	}

	t.Run("RefusesATargetWithData", func(t *testing.T) {
		code, _, errOut := runCmd(t, ctx, nil, "copy", "--from", src, "--to", to)
		if code != 1 || !strings.Contains(errOut, "holds data already") || !strings.Contains(errOut, "agency: 1 row (grow)") ||
			!strings.Contains(errOut, "Nothing was committed") {
			t.Fatalf("a second copy: exit %d\n%s", code, errOut)
		}
	})
	t.Run("MissingSourceIsNeverCreated", func(t *testing.T) {
		missing := filepath.Join(dir, "typo.db")
		code, _, errOut := runCmd(t, ctx, nil, "copy", "--from", missing, "--to", to)
		if code != 1 || !strings.Contains(errOut, "typo.db") {
			t.Fatalf("a missing source: exit %d\n%s", code, errOut)
		}
		if _, err := os.Stat(missing); err == nil {
			t.Fatalf("copy created the missing source %s", missing)
		}
	})
	t.Run("BadUsage", func(t *testing.T) {
		for _, args := range [][]string{{"copy"}, {"copy", "--from", src}, {"copy", "--to", to}} {
			if code, _, errOut := runCmd(t, ctx, nil, args...); code != 2 {
				t.Errorf("%v: exit %d, want 2\n%s", args, code, errOut)
			}
		}
		if code, _, errOut := runCmd(t, ctx, nil, "copy", "--from", src, "--to", filepath.Join(dir, "other.db")); code != 2 ||
			!strings.Contains(errOut, "PostgreSQL") {
			t.Errorf("a SQLite target: exit %d, want 2\n%s", code, errOut)
		}
	})
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}
