package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/goldthread/goldthread"
)

// Tx is a transaction with the placeholder rebinding of its DB and one
// timestamp for everything it writes.
type Tx struct {
	tx    *sql.Tx
	db    *DB
	now   time.Time
	stmts *statements // prepared statements of the pool the transaction runs on; nil: none kept
	// bound holds the kept statements bound to this transaction: each
	// binding stays registered with the transaction until it ends, so a
	// long transaction binds each statement once.
	bound map[string]*sql.Stmt
	// unkept counts the uses of statements the pool had not prepared yet
	// when this transaction began; one used again is prepared on the
	// transaction itself (a long transaction, such as a billing run, would
	// otherwise parse it on every use: a third of an export's CPU).
	unkept map[string]int
	// audit holds the events recorded in the transaction, chained and
	// written when it commits (appendAudit).
	audit []goldthread.AuditEvent
	// dayFigures holds the moves of billing_day_figure made in the
	// transaction, written in key order when it commits (writeDayFigures).
	dayFigures map[dayFigureKey]dayFigureMove
	// reads is true in a read transaction (ReadTx): it sees committed
	// data only.
	reads bool
}

// Exec runs a statement.
func (tx *Tx) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	tx.counted(q)
	if st := tx.stmt(ctx, q); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return tx.tx.ExecContext(ctx, tx.db.rebind(q), args...)
}

// Query runs a query.
func (tx *Tx) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	tx.counted(q)
	if st := tx.stmt(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return tx.tx.QueryContext(ctx, tx.db.rebind(q), args...)
}

// QueryRow runs a query that returns at most one row.
func (tx *Tx) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	tx.counted(q)
	if st := tx.stmt(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return tx.tx.QueryRowContext(ctx, tx.db.rebind(q), args...)
}

// counted hands q to the test's statement counter (SetStatementHook).
func (tx *Tx) counted(q string) {
	if f := tx.db.onStatement; f != nil {
		f(q)
	}
}

// stmt is q prepared once for the pool and bound to this transaction, or
// nil when statements are not kept (PostgreSQL's driver keeps its own) or
// q could not be kept.
func (tx *Tx) stmt(ctx context.Context, q string) *sql.Stmt {
	if tx.stmts == nil {
		return nil
	}
	if st, ok := tx.bound[q]; ok {
		return st
	}
	if tx.bound == nil {
		tx.bound = map[string]*sql.Stmt{}
	}
	st := tx.stmts.get(q)
	if st == nil {
		// Not prepared on the pool yet: the second use in this transaction
		// prepares it on the transaction's connection, closed when the
		// transaction ends (the pool prepares it for later ones).
		if tx.unkept == nil {
			tx.unkept = map[string]int{}
		}
		if tx.unkept[q]++; tx.unkept[q] < 2 || len(tx.bound) >= maxKeptStatements {
			return nil
		}
		st, err := tx.tx.PrepareContext(ctx, q)
		if err != nil {
			return nil
		}
		tx.bound[q] = st
		return st
	}
	st = tx.tx.StmtContext(ctx, st)
	tx.bound[q] = st
	return st
}

// insert runs an INSERT … RETURNING id and returns the id.
func (tx *Tx) insert(ctx context.Context, q string, args ...any) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, q+" RETURNING id", args...).Scan(&id)
	return id, err
}

// WriteTx runs fn in a write transaction and commits when fn returns nil.
// On SQLite it holds the single writer connection (BEGIN IMMEDIATE). A
// clinical write and its audit event always share one WriteTx, so neither
// exists without the other.
//
// fn runs at most once: callers' closures append to what they capture (a
// summary, a list of ids), so running one again would count twice. Only a
// BEGIN refused because another process holds the file lock is tried again,
// before fn has run. A transaction that loses a race after fn ran (a lock,
// a serialization failure, a deadlock) comes back as ECONFLICT, for the
// person to try again with what they see then.
func (db *DB) WriteTx(ctx context.Context, fn func(*Tx) error) error {
	for attempt := 1; ; attempt++ {
		err := db.runTx(ctx, db.writer, nil, fn)
		var b *beginError
		if !errors.As(err, &b) || !isBusy(err) || attempt == 5 {
			return lostRace(err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(20*attempt) * time.Millisecond):
		}
	}
}

// beginError is a transaction that never began: fn did not run.
type beginError struct{ err error }

func (e *beginError) Error() string { return "store: begin: " + e.err.Error() }
func (e *beginError) Unwrap() error { return e.err }

// lostRace turns a write that lost to a concurrent one into ECONFLICT and
// leaves every other error as it is.
func lostRace(err error) error {
	if err == nil || !isBusy(err) {
		return err
	}
	return goldthread.Errorf(goldthread.ECONFLICT, "Someone else saved at the same moment, so nothing was saved. Try again.")
}

// ReadTx runs fn in a read-only transaction on the reader pool, so all its
// queries see one snapshot: a count and the page it counts, or a report's
// figures, agree with each other while writers go on. A SQLite read
// transaction is one snapshot already; PostgreSQL's default, READ
// COMMITTED, would let each statement see the commits made since the one
// before, so it asks for REPEATABLE READ, which a read-only transaction
// gets without serialization failures (those come only from writes).
func (db *DB) ReadTx(ctx context.Context, fn func(*Tx) error) error {
	var opts *sql.TxOptions
	if db.Engine == Postgres {
		opts = &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead}
	}
	return db.runTx(ctx, db.reader, opts, fn)
}

func (db *DB) runTx(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, fn func(*Tx) error) (err error) {
	asked := time.Now()
	sqlTx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return &beginError{err}
	}
	begun := time.Now()
	kind := "read"
	if pool == db.writer && (opts == nil || !opts.ReadOnly) {
		kind = "write"
		db.observeWriterWait(begun.Sub(asked)) // BEGIN IMMEDIATE on SQLite waits here for the writer
	}
	defer func() { db.observeTx(kind, time.Since(begun)) }()
	tx := &Tx{tx: sqlTx, db: db, now: db.now(), stmts: db.statementsOf(pool), reads: kind == "read"}
	if tx.stmts != nil {
		// After the connection is back in the pool (deferred calls run
		// last in, first out).
		defer tx.stmts.warm(ctx)
	}
	defer func() {
		if p := recover(); p != nil {
			sqlTx.Rollback()
			panic(p)
		}
		if err != nil {
			sqlTx.Rollback()
		}
	}()
	if err = db.scopeTx(ctx, tx); err != nil {
		return err
	}
	if err = fn(tx); err != nil {
		return err
	}
	if err = tx.writeDayFigures(ctx); err != nil {
		return err
	}
	if err = tx.appendAudit(ctx); err != nil {
		return err
	}
	if db.beforeCommit != nil {
		if err = db.beforeCommit(ctx, tx); err != nil {
			return err
		}
	}
	if err = sqlTx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// notFound turns sql.ErrNoRows into the domain's ENOTFOUND.
func notFound(err error, format string, args ...any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return goldthread.Errorf(goldthread.ENOTFOUND, format, args...)
	}
	return err
}

// connTx runs fn in a write transaction on one connection of the writer
// pool, handing fn that connection too, so fn can use the driver's own
// API inside the transaction (CopyDatabase streams rows with pgx's COPY
// through conn.Raw). It commits when fn returns nil. Unlike WriteTx it
// neither scopes the transaction to an agency (the connection's system
// scope holds) nor chains audit events: its one caller is an operator's
// copy of whole databases, whose events are copied, not written.
func (db *DB) connTx(ctx context.Context, fn func(tx *Tx, conn *sql.Conn) error) (err error) {
	conn, err := db.writer.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer conn.Close()
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return &beginError{err}
	}
	defer func() {
		if err != nil {
			sqlTx.Rollback()
		}
	}()
	if err = fn(&Tx{tx: sqlTx, db: db, now: db.now()}, conn); err != nil {
		return err
	}
	if err = sqlTx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}
