package storetest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/goldthread/goldthread/internal/store"
)

// sqliteTemplate is a migrated SQLite database, made once per test process:
// migrating from nothing takes hundreds of milliseconds, while writing these
// bytes to a test's own file takes a few. Each test still gets a database of
// its own.
var sqliteTemplate = sync.OnceValues(func() ([]byte, error) {
	dir, err := os.MkdirTemp("", "goldthread-template-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(dir, "migrated.db"))
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	// VACUUM INTO writes one self-contained file (no WAL beside it) that
	// the copies open as any database.
	copyPath := filepath.Join(dir, "template.db")
	if _, err := db.ExecRaw(ctx, "VACUUM INTO ?", copyPath); err != nil {
		return nil, fmt.Errorf("vacuum into: %w", err)
	}
	return os.ReadFile(copyPath)
})

// migratedSQLiteFile writes a copy of the migrated template into t's
// temporary directory and returns its path.
func migratedSQLiteFile(t testing.TB) string {
	t.Helper()
	b, err := sqliteTemplate()
	if err != nil {
		t.Fatalf("migrated SQLite template: %v", err)
	}
	path := filepath.Join(t.TempDir(), "goldthread.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
