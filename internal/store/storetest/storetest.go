// Package storetest opens real, throwaway databases for tests: a SQLite
// file in the test's temporary directory always, and a PostgreSQL schema of
// its own when GOLDTHREAD_TEST_POSTGRES names a server. Under CI=true a
// missing PostgreSQL is a failure, never a skip.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/goldthread/goldthread/internal/store"
)

// PostgresEnv names the variable holding the PostgreSQL URL for tests.
const PostgresEnv = "GOLDTHREAD_TEST_POSTGRES"

// OwnerRole is the role that owns each test schema and that the tests'
// connections act as (SET ROLE at connection start): neither superuser nor
// BYPASSRLS, so row-level security binds it as it binds Goldthread's own
// role in production.
const OwnerRole = "goldthread_test_owner"

// Engines runs fn once per engine under test as subtests "sqlite" and
// "postgres", each with a freshly migrated database. t and both subtests
// run in parallel with other tests unless t is marked Serial.
func Engines(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	parallel(t)
	t.Run(store.SQLite, func(t *testing.T) { fn(t, OpenSQLite(t)) })
	t.Run(store.Postgres, func(t *testing.T) { fn(t, OpenPostgres(t)) })
}

// OpenSQLite returns a migrated SQLite database in t's temporary directory,
// closed when t ends. It makes t parallel unless t is marked Serial.
func OpenSQLite(t testing.TB) *store.DB {
	t.Helper()
	parallel(t)
	return open(t, migratedSQLiteFile(t))
}

// OpenPostgres returns a migrated PostgreSQL database in a schema of its own
// (dropped when t ends). Without GOLDTHREAD_TEST_POSTGRES the test is
// skipped with how to enable it, except under CI=true, where it fails. It
// makes t parallel unless t is marked Serial.
func OpenPostgres(t testing.TB) *store.DB {
	t.Helper()
	parallel(t)
	return openMigrated(t, postgresSchema(t))
}

// EnginesBare is Engines with databases nothing has been migrated in, for
// tests of migrations themselves.
func EnginesBare(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	parallel(t)
	t.Run(store.SQLite, func(t *testing.T) {
		parallel(t)
		fn(t, open(t, filepath.Join(t.TempDir(), "goldthread.db")))
	})
	t.Run(store.Postgres, func(t *testing.T) {
		parallel(t)
		fn(t, open(t, postgresSchema(t)))
	})
}

// postgresSchema makes a schema of t's own on the test server and returns
// the URL that uses it.
func postgresSchema(t testing.TB) string {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: CI must run the PostgreSQL suite (see .ci/run)", PostgresEnv)
		}
		t.Skipf("PostgreSQL suite skipped: set %s=postgres://postgres@127.0.0.1:5432/DBNAME?sslmode=disable to run it", PostgresEnv)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open %s: %v", PostgresEnv, err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	ctx := context.Background()
	// The schema belongs to an ordinary role, and the test's connections
	// act as it: like Goldthread in production, it owns what it migrates
	// and is bound by row-level security (a superuser never is).
	if _, err := admin.ExecContext(ctx, `DO $$ BEGIN CREATE ROLE `+OwnerRole+` NOLOGIN NOSUPERUSER NOBYPASSRLS;
		EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`); err != nil {
		t.Fatalf("PostgreSQL at %s is not usable: %v", PostgresEnv, err)
	}
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema+" AUTHORIZATION "+OwnerRole); err != nil {
		t.Fatalf("PostgreSQL at %s is not usable: %v", PostgresEnv, err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", base)
		if err == nil {
			a.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			a.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	q.Set("options", "-crole="+OwnerRole)
	// Commits need not wait for the disk: a test schema is thrown away, and
	// waiting made each test's migrations and fixture slow.
	q.Set("synchronous_commit", "off")
	u.RawQuery = q.Encode()
	return u.String()
}

func openMigrated(t testing.TB, dsn string) *store.DB {
	t.Helper()
	db := open(t, dsn)
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return db
}

func open(t testing.TB, dsn string) *store.DB {
	t.Helper()
	// A key made for this test alone: secrets are sealed as in production,
	// and no real key is ever in the repository.
	return openWithKey(t, dsn, store.NewSecretKey())
}

func openWithKey(t testing.TB, dsn string, key []byte) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.SetSecretKey(key); err != nil {
		t.Fatal(err)
	}
	return db
}

// EnginesTwice runs fn once per engine, as Engines does, with the one
// migrated database opened twice, as two servers open it: a and b have
// pools of their own and the same secret key. On SQLite both open the
// same file.
func EnginesTwice(t *testing.T, fn func(t *testing.T, a, b *store.DB)) {
	t.Helper()
	parallel(t)
	t.Run(store.SQLite, func(t *testing.T) {
		parallel(t)
		a, b := twice(t, migratedSQLiteFile(t))
		fn(t, a, b)
	})
	t.Run(store.Postgres, func(t *testing.T) {
		a, b := OpenPostgresTwice(t)
		fn(t, a, b)
	})
}

// OpenPostgresTwice is OpenPostgres opened twice, as two servers open one
// database (see EnginesTwice).
func OpenPostgresTwice(t testing.TB) (a, b *store.DB) {
	t.Helper()
	parallel(t)
	dsn := postgresSchema(t)
	a, b = twice(t, dsn)
	if _, err := a.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return a, b
}

func twice(t testing.TB, dsn string) (a, b *store.DB) {
	t.Helper()
	key := store.NewSecretKey()
	return openWithKey(t, dsn, key), openWithKey(t, dsn, key)
}

// Clock is a settable time source for DB.Now.
type Clock struct{ T time.Time }

// Now returns the clock's time.
func (c *Clock) Now() time.Time { return c.T }

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) { c.T = c.T.Add(d) }
