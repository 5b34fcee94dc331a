package store

import (
	"context"
	"fmt"
	"strconv"
)

// Agencies in one database. The WHERE clause of every store call keeps an
// actor inside their agency; on PostgreSQL, row-level security is a second
// wall under it (migrations/postgres/0060): each transaction says whose
// rows it works on and the policies refuse the rest, even to a query that
// forgets its WHERE. SQLite has no row-level security: there the WHERE
// clauses are the only wall.

// agencyGUC is the setting the policies read: an agency id, or "all".
const agencyGUC = "goldthread.agency"

// systemScope is the setting's value for work that is no one agency's
// (sign-in before the agency is known, migrations, the demo, verifying the
// audit chain across agencies). The app's connections start with it.
const systemScope = "all"

type agencyKey struct{}

// WithAgency returns ctx carrying agencyID: every transaction run with it
// sees and writes only that agency's rows on PostgreSQL. The web layer sets
// it for each signed-in request, the commands for the staff member they
// act as. agencyID 0 leaves ctx as it is.
func WithAgency(ctx context.Context, agencyID int64) context.Context {
	if agencyID == 0 {
		return ctx
	}
	return context.WithValue(ctx, agencyKey{}, agencyID)
}

// AgencyOf returns the agency ctx carries, 0 when none.
func AgencyOf(ctx context.Context) int64 {
	id, _ := ctx.Value(agencyKey{}).(int64)
	return id
}

// scopeTx narrows a PostgreSQL transaction to the agency ctx carries, or
// leaves it in the system scope. The setting is local to the transaction,
// so a pooled connection never carries it into the next one.
func (db *DB) scopeTx(ctx context.Context, tx *Tx) error {
	id := AgencyOf(ctx)
	if db.Engine != Postgres || id == 0 {
		// The connection's own setting (the system scope it started with)
		// holds: a local setting never outlives its transaction.
		return nil
	}
	if _, err := tx.Exec(ctx, "SELECT set_config('"+agencyGUC+"', ?, true)", strconv.FormatInt(id, 10)); err != nil {
		return fmt.Errorf("store: agency scope: %w", err)
	}
	return nil
}

// RowLevelSecurity reports whether the policies bind this connection's
// role: false on SQLite, and on PostgreSQL for a superuser or a role with
// BYPASSRLS (which row-level security never binds), with the role's name.
func (db *DB) RowLevelSecurity(ctx context.Context) (bool, string, error) {
	if db.Engine != Postgres {
		return false, "", nil
	}
	var role string
	var bypass bool
	err := db.readRow(ctx, "SELECT current_user, rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user", nil,
		&role, &bypass)
	if err != nil {
		return false, "", fmt.Errorf("store: row-level security: %w", err)
	}
	return !bypass, role, nil
}
