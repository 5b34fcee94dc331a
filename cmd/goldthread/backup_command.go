package main

import (
	"context"
	"fmt"
	"time"

	"github.com/goldthread/goldthread/internal/store"
)

// runBackup copies a running SQLite database to a new file:
// goldthread backup --out FILE [--db URL]. PostgreSQL: pg_dump.
func runBackup(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "backup", "--out FILE [--db URL]")
	dbURL := dbFlag(e, fs)
	out := fs.String("out", "", "the backup file to write (must not exist); keep it apart from the secret key")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *out == "" {
		fmt.Fprintln(e.stderr, "goldthread backup: name the backup file with --out FILE.")
		return 2
	}
	db, err := store.Open(ctx, *dbURL)
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread: %v\n", redactErr(err, *dbURL))
		return 1
	}
	defer db.Close()
	start := time.Now()
	if err := db.Backup(ctx, *out); err != nil {
		fmt.Fprintf(e.stderr, "goldthread backup: %v\n", err)
		return 1
	}
	fmt.Fprintf(e.stdout, "Backed up %s to %s in %s. Check it with: goldthread audit verify --db %s && goldthread integrity verify --db %s\n",
		db.Source(), *out, time.Since(start).Round(time.Millisecond), *out, *out)
	return 0
}
