package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
)

// OpenReadOnly opens the SQLite file at path for reading only, as the
// source of CopyDatabase: it is never created (a mistyped path is an
// error, not a new empty file), never migrated and never written
// (mode=ro, query_only). Its writes fail; its reads see committed data.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	path = strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(path), "sqlite:"), "file:")
	if strings.HasPrefix(path, "postgres://") || strings.HasPrefix(path, "postgresql://") {
		return nil, goldthread.Errorf(goldthread.EINVALID, "The source must be a SQLite file; to copy one PostgreSQL database into another, use pg_dump and pg_restore.")
	}
	if path == "" {
		return nil, errors.New("the SQLite database path is empty: pass the file to read")
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("cannot read SQLite database %s: %w", path, err)
	}
	pool, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)&_pragma=query_only(1)&_time_format=sqlite")
	if err != nil {
		return nil, fmt.Errorf("cannot open SQLite database %s: %w", path, err)
	}
	pool.SetMaxOpenConns(4)
	stmts := newStatements(pool)
	db := &DB{Engine: SQLite, Now: time.Now, writer: pool, reader: pool, source: path, writerStmts: stmts, readerStmts: stmts}
	if err := pool.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot open SQLite database %s: %w", path, err)
	}
	return db, nil
}

// LatestSchemaVersion is the highest migration this build has for engine:
// the version a database must be at to be copied by it.
func LatestSchemaVersion(engine string) (int, error) {
	ms, err := Migrations(engine)
	if err != nil {
		return 0, err
	}
	if len(ms) == 0 {
		return 0, fmt.Errorf("store: no migrations for %s", engine)
	}
	return ms[len(ms)-1].Version, nil
}
