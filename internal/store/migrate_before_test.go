package store_test

import (
	"context"
	"testing"

	"github.com/goldthread/goldthread/internal/store"
)

// migratedBefore brings a bare database to the schema just before
// migration version, each migration recorded as applied, so a test can
// store rows the old way and then watch the next migrations carry them.
// It returns an exec that fails the test on any error.
func migratedBefore(t *testing.T, db *store.DB, version int) func(q string, args ...any) {
	t.Helper()
	ms, err := store.Migrations(db.Engine)
	if err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.ExecRaw(context.Background(), q, args...); err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	exec("CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
	for _, m := range ms {
		if m.Version >= version {
			break
		}
		exec(m.SQL)
		exec("INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)", m.Version, m.Name, "2026-01-01T00:00:00Z")
	}
	return exec
}
