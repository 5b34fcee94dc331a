package store

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// fault is what a driver's error says about the data or the moment,
// read from its code (a SQLSTATE from PostgreSQL, an extended result code
// from SQLite), never from its text: messages change between driver
// versions and languages, codes do not.
type fault int

const (
	faultNone       fault = iota // not a fault the store answers for: an outage or a bug
	faultUnique                  // a UNIQUE or primary key already holds the value
	faultBusy                    // another writer holds the lock: the same work may succeed later
	faultRetry                   // PostgreSQL gave up the transaction (serialization failure, deadlock)
	faultCheck                   // a CHECK constraint refused the row
	faultForeignKey              // the row names a row that does not exist (or is still named)
	faultNotNull                 // a required column was left empty
)

// classify reads err's driver code. It is the one place that knows the
// engines' codes; callers ask isUniqueViolation or isBusy.
func classify(err error) fault {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "23505": // unique_violation
			return faultUnique
		case "40001", "40P01": // serialization_failure, deadlock_detected
			return faultRetry
		case "55P03": // lock_not_available
			return faultBusy
		case "23514": // check_violation
			return faultCheck
		case "23503": // foreign_key_violation
			return faultForeignKey
		case "23502": // not_null_violation
			return faultNotNull
		}
		return faultNone
	}
	var lite *sqlite.Error
	if errors.As(err, &lite) {
		// The driver turns extended result codes on for every connection.
		switch lite.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return faultUnique
		case sqlite3.SQLITE_CONSTRAINT_CHECK:
			return faultCheck
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return faultForeignKey
		case sqlite3.SQLITE_CONSTRAINT_NOTNULL:
			return faultNotNull
		}
		switch lite.Code() & 0xff { // primary code: every kind of busy or locked
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return faultBusy
		}
	}
	return faultNone
}

// isUniqueViolation reports a UNIQUE constraint failure on either engine.
func isUniqueViolation(err error) bool { return err != nil && classify(err) == faultUnique }

// isBusy reports a lock held by another writer (SQLite) or a transaction
// PostgreSQL gave up to a concurrent one: both may succeed when tried again.
func isBusy(err error) bool {
	f := classify(err)
	return f == faultBusy || f == faultRetry
}
