package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/jackc/pgx/v5/pgconn"
)

// Each constraint the schema enforces comes back from either engine as the
// same fault, read from the driver's code whatever its message says.
func TestDriverErrorsClassifiedByCode(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.ExecRaw(ctx, `CREATE TABLE fault_probe (id INTEGER PRIMARY KEY, code TEXT UNIQUE, n INTEGER CHECK (n > 0),
			parent INTEGER REFERENCES fault_probe (id), label TEXT NOT NULL)`); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecRaw(ctx, "INSERT INTO fault_probe (id, code, n, label) VALUES (1, 'a', 1, 'first')"); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			fault, q string
		}{
			{"unique", "INSERT INTO fault_probe (id, code, n, label) VALUES (2, 'a', 1, 'same code')"},
			{"unique", "INSERT INTO fault_probe (id, code, n, label) VALUES (1, 'b', 1, 'same id')"},
			{"check", "INSERT INTO fault_probe (id, code, n, label) VALUES (3, 'c', 0, 'n not above 0')"},
			{"foreign key", "INSERT INTO fault_probe (id, code, n, parent, label) VALUES (4, 'd', 1, 999, 'no such parent')"},
			{"not null", "INSERT INTO fault_probe (id, code, n) VALUES (5, 'e', 1)"},
		} {
			_, err := db.ExecRaw(ctx, c.q)
			if err == nil {
				t.Errorf("%s: accepted", c.q)
				continue
			}
			if got := store.FaultOf(fmt.Errorf("wrapped: %w", err)); got != c.fault {
				t.Errorf("%s: %v read as %q; want %q", c.q, err, got, c.fault)
			}
		}
	})
}

// PostgreSQL's codes for a transaction it gave up, and one a message
// merely mentions: only the code counts.
func TestPostgresRetryCodes(t *testing.T) {
	for code, want := range map[string]string{"40001": "retry", "40P01": "retry", "55P03": "busy", "23505": "unique",
		"23514": "check", "23503": "foreign key", "23502": "not null", "42P01": ""} {
		if got := store.FaultOf(fmt.Errorf("store: %w", &pgconn.PgError{Code: code})); got != want {
			t.Errorf("SQLSTATE %s read as %q; want %q", code, got, want)
		}
	}
	if got := store.FaultOf(errors.New("ERROR: duplicate key (SQLSTATE 23505) database is locked UNIQUE constraint failed")); got != "" {
		t.Errorf("a plain error whose text names codes read as %q; want nothing", got)
	}
}

// A SQLite file locked by another writer answers SQLITE_BUSY to a second
// one that will not wait.
func TestSQLiteBusyCode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "busy.db")
	open := func() *sql.DB {
		d, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(0)")
		if err != nil {
			t.Fatal(err)
		}
		d.SetMaxOpenConns(1)
		t.Cleanup(func() { d.Close() })
		return d
	}
	holder, other := open(), open()
	ctx := context.Background()
	if _, err := holder.ExecContext(ctx, "CREATE TABLE t (x INTEGER)"); err != nil {
		t.Fatal(err)
	}
	hold, err := holder.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Close()
	if _, err := hold.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	defer hold.ExecContext(ctx, "ROLLBACK")
	_, err = other.ExecContext(ctx, "INSERT INTO t (x) VALUES (1)")
	if got := store.FaultOf(err); got != "busy" {
		t.Errorf("a write while another holds the lock: %v read as %q; want busy", err, got)
	}
}

// WriteTx runs its closure once: a closure that appends to what it
// captures would count twice if a lost race ran it again. The lost race
// comes back as ECONFLICT for the person to try again.
func TestWriteTxRunsItsClosureOnce(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for _, code := range []string{"40001", "40P01", "55P03"} {
			var runs []int
			err := db.WriteTx(ctx, func(tx *store.Tx) error {
				runs = append(runs, len(runs)+1)
				return fmt.Errorf("store.Something: %w", &pgconn.PgError{Code: code})
			})
			if len(runs) != 1 {
				t.Errorf("SQLSTATE %s: the closure ran %d times; want once", code, len(runs))
			}
			if goldthread.ErrorKind(err) != goldthread.ECONFLICT {
				t.Errorf("SQLSTATE %s: %v; want ECONFLICT", code, err)
			}
		}
		var runs int
		err := db.WriteTx(ctx, func(tx *store.Tx) error { runs++; return errors.New("an outage") })
		if runs != 1 || goldthread.ErrorKind(err) != goldthread.EINTERNAL {
			t.Errorf("another error: %d runs, %v; want once and the error as it was", runs, err)
		}
	})
}
