package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// CopyProgress is how far CopyDatabase has come: a table's rows copied of
// its total, and the time since the table began. Stage is "copy" while
// rows go; "count", "audit" and "integrity" while the copy is proved
// before the commit; "analyze" after it.
type CopyProgress struct {
	Stage       string
	Table       string
	Rows, Total int64
	Took        time.Duration
}

// CopyReport is what CopyDatabase copied and proved.
type CopyReport struct {
	SchemaVersion int
	// Tables are the tables copied, in the order they were (parents
	// before the rows that refer to them), each with its rows and time.
	Tables []CopyProgress
	Rows   int64
	// Sequences is how many sequences were set past the highest number
	// copied.
	Sequences int
	// AuditEvents and Signed are what the target's audit chains and
	// content hashes were verified over before the commit.
	AuditEvents int64
	Signed      int
	// Copy, Verify and Analyze are how long each stage took.
	Copy, Verify, Analyze time.Duration
}

// copyProgressEvery is how many rows of a table go between two progress
// reports.
const copyProgressEvery = 100_000

// copySkipped are the tables whose rows are not the agency's data but the
// target's own: schema_migration, which store.Migrate filled when it
// made the target's schema.
var copySkipped = map[string]bool{"schema_migration": true}

// CopyDatabase copies every row of src, a Goldthread SQLite database,
// into dst, a PostgreSQL database holding no data, in one transaction on
// dst: a copy fails whole or lands whole, proved. Both must be at this
// build's schema version (migrate dst first; src is only read, from one
// snapshot, so an app still writing to it does no harm).
//
// Within the transaction it locks every table, sets the user triggers
// aside (the immutability triggers refuse the goals and signatures of a
// note already signed, which is the order rows arrive in) and lifts FORCE
// ROW LEVEL SECURITY (COPY refuses a table row-level security binds), so
// the role must own the tables (the role the migrations ran as) or be a
// superuser; it copies each table with COPY, parents before children so
// every foreign key is checked as rows arrive, converting each value to
// its column's PostgreSQL type; sets every sequence past the highest
// number copied; puts the triggers and FORCE back as they were and checks
// they are; and proves the copy before committing: the same rows in
// every table, the audit chains as `goldthread audit verify` checks them
// and the content hashes of signed notes and plans as `goldthread
// integrity verify` does. After the commit it runs ANALYZE on the tables
// copied.
//
// Errors: EINVALID when an engine or a schema version is not the one
// needed, ECONFLICT when dst holds data (each table named with its rows),
// EFORBIDDEN when dst's role may not set the triggers aside, and an
// internal error, with nothing committed, when the copy does not prove.
func CopyDatabase(ctx context.Context, src, dst *DB, progress func(CopyProgress)) (*CopyReport, error) {
	if progress == nil {
		progress = func(CopyProgress) {}
	}
	if src.Engine != SQLite {
		return nil, goldthread.Errorf(goldthread.EINVALID, "The source must be a SQLite file; to copy one PostgreSQL database into another, use pg_dump and pg_restore.")
	}
	if dst.Engine != Postgres {
		return nil, goldthread.Errorf(goldthread.EINVALID, "The target must be a PostgreSQL database (a postgres:// URL); to copy a SQLite file, use goldthread backup.")
	}
	want, err := LatestSchemaVersion(Postgres)
	if err != nil {
		return nil, err
	}
	if v, err := LatestSchemaVersion(SQLite); err != nil || v != want {
		return nil, fmt.Errorf("store.CopyDatabase: this build's SQLite migrations end at %d and its PostgreSQL ones at %d (%v)", v, want, err)
	}
	// Every migration of this build, not only the highest: a file migrated
	// by a build that had a later number but not an earlier one (two
	// changes landing out of order) lacks that one's tables and rows.
	missing, extra, err := src.migrationsAgainstBuild(ctx)
	if err != nil {
		return nil, fmt.Errorf("store.CopyDatabase: the source's schema version: %w", err)
	}
	switch {
	case len(extra) > 0:
		return nil, goldthread.Errorf(goldthread.EINVALID, "The source %s has schema version %d, which this build does not know (it copies version %d): copy it with the build that migrated it.", src.source, extra[0], want)
	case len(missing) > 0:
		return nil, goldthread.Errorf(goldthread.EINVALID, "The source %s lacks schema version %d of this build's %d: back it up, migrate it (goldthread migrate --db %s), then copy it.", src.source, missing[0], want, src.source)
	}
	missing, extra, err = dst.migrationsAgainstBuild(ctx)
	if err != nil {
		return nil, fmt.Errorf("store.CopyDatabase: the target's schema version: %w", err)
	}
	if len(missing)+len(extra) > 0 {
		return nil, goldthread.Errorf(goldthread.EINVALID, "The target %s is not at this build's schema version %d: migrate it with this build first (goldthread migrate).", dst.source, want)
	}
	report := &CopyReport{SchemaVersion: want}
	err = src.ReadTx(ctx, func(stx *Tx) error {
		return dst.copyFrom(ctx, stx, report, progress)
	})
	if err != nil {
		return nil, err
	}
	began := time.Now()
	progress(CopyProgress{Stage: "analyze"})
	// The copied tables only: ANALYZE alone would take every table the
	// role may analyze in the whole database, other schemas' too.
	analyze := make([]string, len(report.Tables))
	for i, t := range report.Tables {
		analyze[i] = quoteIdent(t.Table)
	}
	if _, err := dst.writeOne(ctx, "ANALYZE "+strings.Join(analyze, ", ")); err != nil {
		return report, fmt.Errorf("store.CopyDatabase: the copy is committed, but ANALYZE failed (run it yourself): %w", err)
	}
	report.Analyze = time.Since(began)
	return report, nil
}

// copyFrom copies everything stx (the source's snapshot) sees into db in
// one transaction of its own, on one connection: the statements go
// through a Tx like every other write, the rows through pgx's COPY on the
// same connection, inside the same transaction.
func (db *DB) copyFrom(ctx context.Context, stx *Tx, report *CopyReport, progress func(CopyProgress)) error {
	return db.connTx(ctx, func(tx *Tx, conn *sql.Conn) error {
		return copyInto(ctx, stx, tx, conn, db.source, report, progress)
	})
}

// copyInto is copyFrom's transaction: tx on the target, conn the
// connection it runs on.
func copyInto(ctx context.Context, stx, tx *Tx, conn *sql.Conn, target string, report *CopyReport, progress func(CopyProgress)) error {
	began := time.Now()

	schema, err := readCopySchema(ctx, tx)
	if err != nil {
		return err
	}
	if err := schema.setAside(ctx, tx); err != nil {
		return err
	}
	if err := refuseData(ctx, tx, schema.tables, target); err != nil {
		return err
	}
	order, err := schema.copyOrder()
	if err != nil {
		return err
	}
	if err := schema.matchSource(ctx, stx); err != nil {
		return err
	}
	// The one row migration 0001 put in audit_head gives way to the
	// source's.
	if _, err := tx.Exec(ctx, "DELETE FROM audit_head"); err != nil {
		return fmt.Errorf("store.CopyDatabase: audit_head: %w", err)
	}
	copyRows := func(table string, cols []string, rows pgx.CopyFromSource) (n int64, err error) {
		err = conn.Raw(func(driverConn any) error {
			c, ok := driverConn.(*stdlib.Conn)
			if !ok {
				return fmt.Errorf("the PostgreSQL connection is a %T, not pgx's", driverConn)
			}
			n, err = c.Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, rows)
			return err
		})
		return n, err
	}
	for _, table := range order {
		done, err := copyTable(ctx, stx, tx, table, schema.columns[table], copyRows, progress)
		if err != nil {
			return err
		}
		report.Tables = append(report.Tables, done)
		report.Rows += done.Rows
	}
	if report.Sequences, err = resetSequences(ctx, tx); err != nil {
		return err
	}
	if err := schema.putBack(ctx, tx); err != nil {
		return err
	}
	report.Copy = time.Since(began)

	began = time.Now()
	if err := proveCopy(ctx, tx, report, progress); err != nil {
		return err
	}
	report.Verify = time.Since(began)
	return nil
}

// copyTable copies one table's rows from the source snapshot with COPY and
// reports its progress.
func copyTable(ctx context.Context, stx, tx *Tx, table string, cols []copyColumn,
	copyRows func(string, []string, pgx.CopyFromSource) (int64, error), progress func(CopyProgress)) (CopyProgress, error) {
	p := CopyProgress{Stage: "copy", Table: table}
	if err := stx.QueryRow(ctx, "SELECT COUNT(*) FROM "+quoteIdent(table)).Scan(&p.Total); err != nil {
		return p, fmt.Errorf("store.CopyDatabase: counting the source's %s: %w", table, err)
	}
	began := time.Now()
	progress(p)
	if p.Total == 0 {
		return p, nil
	}
	names := make([]string, len(cols))
	raw := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.name
		// Unary + hands back the value as stored, without the declared
		// type the driver would parse times by: each column's own
		// conversion reads it.
		raw[i] = "+" + quoteIdent(c.name)
	}
	rows, err := stx.Query(ctx, "SELECT "+strings.Join(raw, ", ")+" FROM "+quoteIdent(table))
	if err != nil {
		return p, fmt.Errorf("store.CopyDatabase: reading the source's %s: %w", table, err)
	}
	defer rows.Close()
	source := &copySource{table: table, rows: rows, cols: cols, onRow: func(n int64) {
		if n%copyProgressEvery == 0 && n < p.Total {
			p.Rows, p.Took = n, time.Since(began)
			progress(p)
		}
	}}
	n, err := copyRows(table, names, source)
	if err == nil {
		err = source.err
	}
	if err != nil {
		return p, fmt.Errorf("store.CopyDatabase: copying %s: %w", table, err)
	}
	p.Rows, p.Took = n, time.Since(began)
	progress(p)
	return p, nil
}

// copySource feeds one table's source rows to COPY, converted.
type copySource struct {
	table  string
	rows   *sql.Rows
	cols   []copyColumn
	raw    []any
	dest   []any
	values []any
	n      int64
	err    error
	onRow  func(int64)
}

func (s *copySource) Next() bool {
	if s.err != nil || !s.rows.Next() {
		return false
	}
	if s.raw == nil {
		s.raw = make([]any, len(s.cols))
		s.dest = make([]any, len(s.cols))
		for i := range s.raw {
			s.dest[i] = &s.raw[i]
		}
	}
	if err := s.rows.Scan(s.dest...); err != nil {
		s.err = err
		return false
	}
	s.values = make([]any, len(s.cols))
	for i, c := range s.cols {
		v, err := c.convert(s.raw[i])
		if err != nil {
			s.err = fmt.Errorf("row %d, column %s (%s): %w", s.n+1, c.name, c.pgType, err)
			return false
		}
		s.values[i] = v
	}
	s.n++
	s.onRow(s.n)
	return true
}

func (s *copySource) Values() ([]any, error) { return s.values, nil }

func (s *copySource) Err() error {
	if s.err != nil {
		return s.err
	}
	return s.rows.Err()
}

// resetSequences sets every sequence so its next number follows the
// highest copied: each identity column's, and audit_event_seq, which
// numbers audit_event.seq without belonging to it (migration 0130). A
// sequence of no column and not named here stops the copy: which numbers
// it must follow is not known.
func resetSequences(ctx context.Context, tx *Tx) (int, error) {
	type owned struct{ seq, table, column string }
	var list []owned
	err := scanAll(ctx, tx, `SELECT s.relname, COALESCE(t.relname, ''), COALESCE(a.attname, '')
		FROM pg_class s
		LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
			AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
		LEFT JOIN pg_class t ON t.oid = d.refobjid
		LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
		WHERE s.relkind = 'S' AND s.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
		ORDER BY s.relname`, nil, func(r scanner) error {
		var o owned
		err := r.Scan(&o.seq, &o.table, &o.column)
		list = append(list, o)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store.CopyDatabase: sequences: %w", err)
	}
	for _, o := range list {
		if o.table == "" {
			if o.seq != "audit_event_seq" {
				return 0, fmt.Errorf("store.CopyDatabase: sequence %s belongs to no column, and copy does not know which numbers it must follow: name its column in resetSequences", o.seq)
			}
			o.table, o.column = "audit_event", "seq"
		}
		q := fmt.Sprintf("SELECT setval(%s, COALESCE(MAX(%s), 0) + 1, false) FROM %s",
			quoteLiteral(quoteIdent(o.seq)), quoteIdent(o.column), quoteIdent(o.table))
		if _, err := tx.Exec(ctx, q); err != nil {
			return 0, fmt.Errorf("store.CopyDatabase: sequence %s: %w", o.seq, err)
		}
	}
	return len(list), nil
}

// proveCopy checks the copy inside its transaction, before the commit:
// every table holds as many rows as the source's, the audit chains verify
// and every signed note and plan matches its content hash.
func proveCopy(ctx context.Context, tx *Tx, report *CopyReport, progress func(CopyProgress)) error {
	progress(CopyProgress{Stage: "count"})
	for _, t := range report.Tables {
		var n int64
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM "+quoteIdent(t.Table)).Scan(&n); err != nil {
			return fmt.Errorf("store.CopyDatabase: counting the copy's %s: %w", t.Table, err)
		}
		if n != t.Total {
			return fmt.Errorf("store.CopyDatabase: %s holds %d rows in the source and %d in the copy; nothing was committed", t.Table, t.Total, n)
		}
	}
	progress(CopyProgress{Stage: "audit"})
	n, brk, err := verifyAuditTx(ctx, tx)
	if err != nil {
		return err
	}
	if brk != nil {
		return goldthread.Errorf(goldthread.EINTERNAL, "The copy's audit trail breaks at event %d (%s), so nothing was committed. Check the source with goldthread audit verify.", brk.Seq, brk.Reason)
	}
	report.AuditEvents = n
	progress(CopyProgress{Stage: "integrity"})
	signed, bad, err := verifyIntegrityTx(ctx, tx)
	if err != nil {
		return err
	}
	if bad != nil {
		return goldthread.Errorf(goldthread.EINTERNAL, "In the copy, %s %d does not match its content hash (%s), so nothing was committed. Check the source with goldthread integrity verify.", bad.RecordType, bad.RecordID, bad.Problem)
	}
	report.Signed = signed
	return nil
}

// refuseData returns ECONFLICT naming every table of the target that holds
// rows (with how many), unless none does. audit_head may hold the one row
// migration 0001 made (no event written yet).
func refuseData(ctx context.Context, tx *Tx, tables []string, source string) error {
	var held []string
	for _, table := range tables {
		if copySkipped[table] {
			continue
		}
		q := "SELECT COUNT(*) FROM " + quoteIdent(table)
		if table == "audit_head" {
			q += " WHERE NOT (id = 1 AND last_seq = 0 AND last_hash = '')"
		}
		var n int64
		if err := tx.QueryRow(ctx, q).Scan(&n); err != nil {
			return fmt.Errorf("store.CopyDatabase: %s: %w", table, err)
		}
		if n == 0 {
			continue
		}
		what := fmt.Sprintf("%s: %d rows", table, n)
		if n == 1 {
			what = table + ": 1 row"
		}
		if table == "agency" {
			var slugs []string
			if err := scanAll(ctx, tx, "SELECT slug FROM agency ORDER BY id LIMIT 5", nil, func(r scanner) error {
				var s string
				err := r.Scan(&s)
				slugs = append(slugs, s)
				return err
			}); err != nil {
				return fmt.Errorf("store.CopyDatabase: agency: %w", err)
			}
			what += " (" + strings.Join(slugs, ", ") + ")"
		}
		held = append(held, what)
	}
	if len(held) == 0 {
		return nil
	}
	if len(held) > 6 {
		held = append(held[:6], fmt.Sprintf("and %d more tables", len(held)-6))
	}
	return goldthread.Errorf(goldthread.ECONFLICT, "The target %s holds data already (%s); a copy goes only into an empty database. Create a new database for it (createdb), or drop this one if nothing in it is needed.", source, strings.Join(held, "; "))
}

// quoteIdent quotes a PostgreSQL or SQLite identifier.
func quoteIdent(name string) string { return pgx.Identifier{name}.Sanitize() }

// quoteLiteral quotes a string constant.
func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// privilegeError turns PostgreSQL's "must be owner" into EFORBIDDEN saying
// which role may copy, and leaves any other error wrapped as it is.
func privilegeError(err error, what string) error {
	var pg *pgconn.PgError
	if errors.As(err, &pg) && pg.Code == "42501" {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "The target's role may not lock its tables and set their triggers aside for the copy (%s): copy as the role that owns Goldthread's tables there (the role its migrations ran as) or as a superuser.", pg.Message)
	}
	return fmt.Errorf("store.CopyDatabase: %s: %w", what, err)
}
