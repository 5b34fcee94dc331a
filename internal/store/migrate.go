package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations
var migrationFS embed.FS

// Migration is one versioned schema change, kept as a pair of files with the
// same number: migrations/sqlite/NNNN_name.sql and migrations/postgres/….
// A released migration is never edited; a change is a new number.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns the migrations of engine in order.
func Migrations(engine string) ([]Migration, error) {
	dir := path.Join("migrations", engine)
	entries, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return nil, fmt.Errorf("store: no migrations for %s: %w", engine, err)
	}
	var ms []Migration
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("store: migration %s/%s: name must start with a number and _", dir, name)
		}
		b, err := fs.ReadFile(migrationFS, path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		ms = append(ms, Migration{Version: v, Name: strings.TrimSuffix(name, ".sql"), SQL: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	return ms, nil
}

// Migrate applies every migration not yet applied, each in its own
// transaction together with its row in schema_migration. On PostgreSQL an
// advisory lock keeps two starting servers from migrating the same schema
// at once; it is per schema, so databases in other schemas of the same
// server (each test's own) migrate side by side. It returns the versions
// it applied.
func (db *DB) Migrate(ctx context.Context) ([]int, error) {
	ms, err := Migrations(db.Engine)
	if err != nil {
		return nil, err
	}
	const create = `CREATE TABLE IF NOT EXISTS schema_migration (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL)`
	if _, err := db.writeOne(ctx, create); err != nil {
		return nil, fmt.Errorf("store: migrate: %w", err)
	}
	var applied []int
	for _, m := range ms {
		did := false
		err := db.WriteTx(ctx, func(tx *Tx) error {
			if db.Engine == Postgres {
				if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(7400913, hashtext(COALESCE(current_schema(), '')))"); err != nil {
					return err
				}
			}
			var n int
			if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM schema_migration WHERE version = ?", m.Version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return fmt.Errorf("migration %s: %w", m.Name, err)
			}
			did = true
			_, err := tx.Exec(ctx, "INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)",
				m.Version, m.Name, tx.now.Format("2006-01-02T15:04:05Z"))
			return err
		})
		if err != nil {
			return applied, fmt.Errorf("store: migrate: %w", err)
		}
		if did {
			applied = append(applied, m.Version)
		}
	}
	return applied, nil
}

// SchemaVersion returns the highest applied migration, 0 when none.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.readRow(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migration", nil, &v)
	return v, err
}

// migrationsAgainstBuild compares the migrations applied to db with this
// build's: the versions the build has and db lacks, and those db has and
// the build does not know, each in ascending order.
func (db *DB) migrationsAgainstBuild(ctx context.Context) (missing, extra []int, err error) {
	ms, err := Migrations(db.Engine)
	if err != nil {
		return nil, nil, err
	}
	applied := map[int]bool{}
	err = db.ReadTx(ctx, func(tx *Tx) error {
		return scanAll(ctx, tx, "SELECT version FROM schema_migration ORDER BY version", nil, func(r scanner) error {
			var v int
			err := r.Scan(&v)
			applied[v] = true
			return err
		})
	})
	if err != nil {
		return nil, nil, err
	}
	for _, m := range ms {
		if !applied[m.Version] {
			missing = append(missing, m.Version)
		}
		delete(applied, m.Version)
	}
	for v := range applied {
		extra = append(extra, v)
	}
	sort.Ints(extra)
	return missing, extra, nil
}
