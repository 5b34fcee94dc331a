package store

import (
	"context"
	"database/sql"
	"errors"
)

// One way to query. Every statement of the store runs inside WriteTx or
// ReadTx (tx.go), which scope it to the caller's agency (row-level
// security on PostgreSQL), append the audit events it recorded, retry a
// BEGIN refused by the file lock and turn a lost race into ECONFLICT. The
// helpers below are those transactions cut to one statement, for reads and
// writes that need nothing more; TestPoolsReachedOnlyThroughTheHelpers
// keeps the pools out of every other file.

// readRow runs q, a query of at most one row, in a read transaction of its
// own and scans the row into dest: sql.ErrNoRows, unwrapped, when there is
// none.
func (db *DB) readRow(ctx context.Context, q string, args []any, dest ...any) error {
	return db.ReadTx(ctx, func(tx *Tx) error { return tx.QueryRow(ctx, q, args...).Scan(dest...) })
}

// readRows runs q in a read transaction of its own and calls each with
// every row in order; the first error stops the rows and is returned.
// each returns errStopRows to stop early when it has kept its own answer.
func (db *DB) readRows(ctx context.Context, q string, args []any, each func(scanner) error) error {
	return db.ReadTx(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := each(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}

// errStopRows is what a readRows callback returns to stop reading when
// the caller holds the outcome itself.
var errStopRows = errors.New("store: stop reading rows")

// writeOne runs one statement that records nothing in the audit trail
// (bookkeeping such as a session's last use) in a write transaction of
// its own.
func (db *DB) writeOne(ctx context.Context, q string, args ...any) (sql.Result, error) {
	var res sql.Result
	err := db.WriteTx(ctx, func(tx *Tx) error {
		var err error
		res, err = tx.Exec(ctx, q, args...)
		return err
	})
	return res, err
}
