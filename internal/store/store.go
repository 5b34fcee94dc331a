// Package store is the only package that writes SQL. One code path serves
// both engines through database/sql: SQLite (modernc.org/sqlite, the
// embedded default) and PostgreSQL (pgx stdlib, for production). Queries
// are written with ? placeholders and rebound for PostgreSQL.
//
// Every method that touches an agency's records takes the acting user and
// scopes its WHERE clause by the actor's agency and reach, even when the
// caller has already checked permission.
package store

import (
	"context"
	"crypto/cipher"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib" // also registers "pgx"
	_ "modernc.org/sqlite"           // registers "sqlite"
)

// Engine names.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// DB is an open Goldthread database. On SQLite all writes go through one
// connection (BEGIN IMMEDIATE), so writers queue instead of failing with
// SQLITE_BUSY, while reads use a pool. On PostgreSQL both are one pool.
type DB struct {
	Engine string
	// Now returns the current time; tests replace it.
	Now func() time.Time

	writer *sql.DB
	reader *sql.DB
	source string // the URL without credentials, for messages
	gate   accountGate
	// secrets seals second-factor secrets at rest (SetSecretKey).
	secrets cipher.AEAD
	// throttleSecret keys the hashes that name throttle rows (SetSecretKey).
	throttleSecret []byte
	// throttleSwept is when this DB last swept the throttle (UnixNano).
	throttleSwept atomic.Int64
	// writerStmts and readerStmts keep prepared statements (SQLite only).
	writerStmts, readerStmts *statements
	// textSigs keeps signed notes' text signatures for the cloned-text
	// check (text_signature_cache.go).
	textSigs textSignatures
	// historyRows keeps signed notes' history rows for recentOf
	// (text_signature_cache.go).
	historyRows historyRows
	// observer receives timings for the metrics page (SetObserver).
	observer atomic.Pointer[Observer]
	// coachKept: signed notes' coach findings for the coaching counts
	// (coach_memo.go).
	coachKept coachMemo
	// afterParticipant, when set (only by tests, through export_test.go),
	// runs after the billing scrubber has handled each participant's
	// services, so a test can sample the heap there.
	afterParticipant func()
	// batchScrubs, when set (only by tests, through export_test.go), is
	// called with each participant a claim batch scrubs itself instead of
	// taking their fresh stored run.
	batchScrubs func(participantID int64)
	// scrubEveryRead, when set (only by tests, through export_test.go),
	// makes the billing worklist scrub every service as an export does
	// instead of reading stored verdicts, to compare the two.
	scrubEveryRead bool
	// beforeCommit, when set (only by tests, through export_test.go), runs
	// in every write transaction after its audit events are chained and
	// before it commits: with the chains' head rows held, as a commit
	// holds them.
	beforeCommit func(context.Context, *Tx) error
	// runChunkSize, when set (only by tests, through export_test.go), is
	// how many participants a read of a period's runs takes at a time
	// (defaultRunChunk when 0).
	runChunkSize int
	// onStatement, when set (only by tests, through export_test.go), is
	// called with the text of every statement a transaction runs, so a
	// test can count a read's round trips.
	onStatement func(q string)
}

// Open opens the database named by rawURL: "postgres://…" or
// "postgresql://…" for PostgreSQL; "sqlite:PATH", "file:PATH" or a plain
// path for SQLite. It does not migrate. Errors name the URL (without its
// password) and what would fix it.
func Open(ctx context.Context, rawURL string) (*DB, error) {
	if strings.TrimSpace(rawURL) == "" {
		return nil, errors.New("no database given: pass --db with a file path or a postgres:// URL")
	}
	var db *DB
	var err error
	if strings.HasPrefix(rawURL, "postgres://") || strings.HasPrefix(rawURL, "postgresql://") {
		db, err = openPostgres(rawURL)
	} else {
		db, err = openSQLite(rawURL)
	}
	if err != nil {
		return nil, err
	}
	if err := db.Ping(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot open database %s: %w", db.source, err)
	}
	return db, nil
}

func openPostgres(rawURL string) (*DB, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("the database URL is not a valid postgres:// URL: %w", err)
	}
	cfg, err := pgx.ParseConfig(rawURL)
	if err != nil {
		return nil, fmt.Errorf("cannot open database %s: %w", u.Redacted(), err)
	}
	// Connections start in the system scope of row-level security; each
	// transaction of a signed-in person narrows it to their agency
	// (tenancy.go). A connection that sets nothing sees no agency's rows.
	cfg.RuntimeParams[agencyGUC] = systemScope
	pool := stdlib.OpenDB(*cfg)
	pool.SetMaxOpenConns(16)
	pool.SetMaxIdleConns(8)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	return &DB{Engine: Postgres, Now: time.Now, writer: pool, reader: pool, source: u.Redacted()}, nil
}

// sqlitePragmas: WAL so readers never block the writer; synchronous=FULL
// because a clinical record must survive a power cut; busy_timeout first so
// it applies while the others are set; foreign keys on.
const sqlitePragmas = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)&_time_format=sqlite"

func openSQLite(rawURL string) (*DB, error) {
	path := strings.TrimPrefix(strings.TrimPrefix(rawURL, "sqlite:"), "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	if path == "" {
		return nil, errors.New("the SQLite database path is empty: pass --db goldthread.db")
	}
	dsn := "file:" + path + "?" + sqlitePragmas
	writer, err := sql.Open("sqlite", dsn+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("cannot open SQLite database %s: %w", path, err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetConnMaxLifetime(0)
	writer.SetConnMaxIdleTime(0)
	reader, err := sql.Open("sqlite", dsn+"&_pragma=query_only(1)")
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("cannot open SQLite database %s: %w", path, err)
	}
	reader.SetMaxOpenConns(8)
	return &DB{Engine: SQLite, Now: time.Now, writer: writer, reader: reader, source: path,
		writerStmts: newStatements(writer), readerStmts: newStatements(reader)}, nil
}

// Ping checks that the database answers. The writer is pinged first so a
// new SQLite file is created (and put in WAL mode) before readers open it.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.writer.PingContext(ctx); err != nil {
		return err
	}
	if db.Engine == SQLite {
		// A read-only connection cannot create the file; touch the schema
		// through the writer first.
		if _, err := db.writer.ExecContext(ctx, "SELECT 1"); err != nil {
			return err
		}
	}
	return db.reader.PingContext(ctx)
}

// Source names the database for messages: a path or a redacted URL.
func (db *DB) Source() string { return db.source }

// Close closes both pools; in-flight transactions finish first.
func (db *DB) Close() error {
	if db.writerStmts != nil {
		db.writerStmts.close()
		db.readerStmts.close()
	}
	err := db.writer.Close()
	if db.reader != db.writer {
		err = errors.Join(err, db.reader.Close())
	}
	return err
}

// now returns the current time in UTC, truncated to microseconds because
// PostgreSQL keeps no more, so values read back equal values written (the
// audit hash chain depends on it).
func (db *DB) now() time.Time { return db.Now().UTC().Truncate(time.Microsecond) }

// rebind turns ? placeholders into $1, $2… for PostgreSQL. Queries in this
// package never contain a literal question mark.
func (db *DB) rebind(q string) string {
	if db.Engine != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}
