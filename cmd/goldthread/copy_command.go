package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread/internal/store"
)

// runCopy is `goldthread copy --from FILE --to URL`: every row of a
// Goldthread SQLite file into an empty PostgreSQL database, for an agency
// that outgrows the file. The target is migrated first; the copy is one
// transaction on it, proved before it commits (store.CopyDatabase). The
// source is only read. Progress goes to stderr, the summary to stdout;
// exit 1 when anything refuses or fails (nothing is committed then), 2 on
// bad flags.
func runCopy(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "copy", "--from FILE --to postgres://…")
	from := fs.String("from", "", "the Goldthread SQLite file to copy (only read; at this build's schema version)")
	to := fs.String("to", "", "the PostgreSQL database to copy into, as a postgres:// URL; it must hold no data (it is migrated first)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *from == "" || *to == "" {
		fmt.Fprintln(e.stderr, "goldthread copy: name the SQLite file with --from and the PostgreSQL database with --to, such as --from goldthread.db --to postgres://goldthread@db.example.org/goldthread.")
		return 2
	}
	if !strings.HasPrefix(*to, "postgres://") && !strings.HasPrefix(*to, "postgresql://") {
		fmt.Fprintln(e.stderr, "goldthread copy: the target must be a PostgreSQL database (--to postgres://…); to copy a SQLite file, use goldthread backup.")
		return 2
	}
	src, err := store.OpenReadOnly(ctx, *from)
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread copy: %v\n", err)
		return 1
	}
	defer src.Close()
	dst, err := store.Open(ctx, *to)
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread copy: %v\n", redactErr(err, *to))
		return 1
	}
	defer dst.Close()
	if _, err := dst.Migrate(ctx); err != nil {
		fmt.Fprintf(e.stderr, "goldthread copy: cannot migrate the target %s: %v\n", dst.Source(), redactErr(err, *to))
		return 1
	}
	began := time.Now()
	report, err := store.CopyDatabase(ctx, src, dst, func(p store.CopyProgress) { printCopyProgress(e, p) })
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread copy: %v\n", redactErr(err, *to))
		if report == nil {
			fmt.Fprintf(e.stderr, "Nothing was committed to %s.\n", dst.Source())
		}
		return 1
	}
	took := time.Since(began)
	tables := 0
	for _, t := range report.Tables {
		if t.Rows > 0 {
			tables++
		}
	}
	fmt.Fprintf(e.stdout, "Copied %s rows (%d tables with rows, of %d) from %s to %s at schema version %d in %s: copy %s (%s rows/s), verify %s, analyze %s.\n",
		thousands(report.Rows), tables, len(report.Tables), src.Source(), dst.Source(), report.SchemaVersion,
		took.Round(time.Second), report.Copy.Round(time.Millisecond), thousands(perSecond(report.Rows, report.Copy)),
		report.Verify.Round(time.Millisecond), report.Analyze.Round(time.Millisecond))
	fmt.Fprintf(e.stdout, "Verified before the commit: every table holds the source's rows; audit trail intact: %s events; integrity verified: %s signed notes and plans match their content hashes; %d sequences set past the highest number copied.\n",
		thousands(report.AuditEvents), thousands(int64(report.Signed)), report.Sequences)
	key := "GOLDTHREAD_SECRET_KEY"
	if _, err := os.Stat(src.Source() + ".key"); err == nil {
		key = "--secret-key-file " + src.Source() + ".key"
	}
	fmt.Fprintf(e.stdout, "Serve it with the secret key the SQLite app had (%s): authenticator-app secrets are copied sealed with it.\n", key)
	return 0
}

// printCopyProgress writes one line to stderr for each table with rows as
// it ends, and every 100,000 rows of a big one.
func printCopyProgress(e *env, p store.CopyProgress) {
	switch {
	case p.Stage == "copy" && p.Total > 0 && p.Rows == p.Total:
		fmt.Fprintf(e.stderr, "copy: %-28s %11s %s in %s (%s rows/s)\n", p.Table, thousands(p.Rows), rowsWord(p.Rows), p.Took.Round(time.Millisecond), thousands(perSecond(p.Rows, p.Took)))
	case p.Stage == "copy" && p.Rows > 0:
		fmt.Fprintf(e.stderr, "copy: %-28s %11s of %s rows, %s rows/s\n", p.Table, thousands(p.Rows), thousands(p.Total), thousands(perSecond(p.Rows, p.Took)))
	case p.Stage == "count":
		fmt.Fprintln(e.stderr, "verify: row counts…")
	case p.Stage == "audit":
		fmt.Fprintln(e.stderr, "verify: the audit chains…")
	case p.Stage == "integrity":
		fmt.Fprintln(e.stderr, "verify: the content hashes of signed notes and plans…")
	case p.Stage == "analyze":
		fmt.Fprintln(e.stderr, "committed; ANALYZE…")
	}
}

func rowsWord(n int64) string {
	if n == 1 {
		return "row "
	}
	return "rows"
}

func perSecond(n int64, d time.Duration) int64 {
	if d <= 0 {
		return 0
	}
	return int64(float64(n) / d.Seconds())
}

// thousands writes n with commas: 1,000,000.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}
