package store

import (
	"context"
	"database/sql"
)

// ExecRaw runs one statement on the writer with no scope and no audit. It
// exists for operators' maintenance and for tests that try to tamper with
// the database the way an intruder would; application code never calls it.
func (db *DB) ExecRaw(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return db.writer.ExecContext(ctx, db.rebind(q), args...)
}

// QueryRaw runs one query on the reader pool, unscoped (tests, operators).
func (db *DB) QueryRaw(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return db.reader.QueryContext(ctx, db.rebind(q), args...)
}

// QueryRowRaw runs one single-row query on the reader pool, unscoped
// (tests, operators).
func (db *DB) QueryRowRaw(ctx context.Context, q string, args ...any) *sql.Row {
	return db.reader.QueryRowContext(ctx, db.rebind(q), args...)
}

// InScopedTx runs fn in a write transaction scoped like the app's (the
// agency ctx carries, else the system scope), handing it statements with
// no WHERE of the store's own. It exists for tests of row-level security
// that run the query a careless change would write; application code
// never calls it. fn's error rolls the transaction back.
func (db *DB) InScopedTx(ctx context.Context, fn func(exec func(q string, args ...any) (*sql.Rows, error)) error) error {
	return db.WriteTx(ctx, func(tx *Tx) error {
		return fn(func(q string, args ...any) (*sql.Rows, error) { return tx.Query(ctx, q, args...) })
	})
}
