package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/goldthread/goldthread"
)

// Backup writes a consistent copy of a SQLite database to out while the
// app keeps running (VACUUM INTO: one read snapshot, so the copy holds
// every transaction committed before it began and none after; writers go
// on meanwhile under WAL). The copy is made readable by its owner only
// (0600): it holds every record. out must not exist. PostgreSQL answers
// EINVALID pointing to pg_dump, which does the same for it.
func (db *DB) Backup(ctx context.Context, out string) error {
	if db.Engine != SQLite {
		return goldthread.Errorf(goldthread.EINVALID, "On PostgreSQL, back up with pg_dump (pg_dump --format=custom --file=goldthread.dump DBNAME); see docs/scaling.md.")
	}
	out = strings.TrimSpace(out)
	if out == "" {
		return goldthread.FieldError("out", "Name the backup file: --out FILE.")
	}
	if _, err := os.Stat(out); err == nil {
		return goldthread.FieldError("out", "%s exists already; a backup never overwrites a file. Choose a new name.", out)
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("store.Backup: %w", err)
	}
	// Its own connection, not the writer's: the copy is read from a
	// snapshot and must not hold up the app's writes while it is made.
	conn, err := sql.Open("sqlite", "file:"+db.source+"?"+sqlitePragmas)
	if err != nil {
		return fmt.Errorf("store.Backup: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "VACUUM INTO ?", out); err != nil {
		os.Remove(out)
		return fmt.Errorf("store.Backup: %w", err)
	}
	if err := os.Chmod(out, 0o600); err != nil {
		return fmt.Errorf("store.Backup: %w", err)
	}
	return nil
}
