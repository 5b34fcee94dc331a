package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/goldthread/goldthread/internal/store"
)

// newFlags returns a flag set that reports errors instead of exiting and
// prints its usage to stderr.
func newFlags(e *env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: goldthread %s %s\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args and returns the exit status to use when parsing failed
// (0 for -h, 2 for bad usage) and whether to go on.
func parse(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "goldthread %s: unexpected argument %q; flags go before, like --db FILE.\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return 2, false
	}
	return 0, true
}

// dbFlag adds --db with its GOLDTHREAD_DB default.
func dbFlag(e *env, fs *flag.FlagSet) *string {
	def := e.getenv("GOLDTHREAD_DB")
	if def == "" {
		def = "goldthread.db"
	}
	return fs.String("db", def, "database: SQLite file path or postgres:// URL (env GOLDTHREAD_DB)")
}

// openDB opens and migrates the database, printing a clear sentence on
// failure.
func openDB(ctx context.Context, e *env, url string) (*store.DB, bool) {
	db, err := store.Open(ctx, url)
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread: %v\n", redactErr(err, url))
		return nil, false
	}
	if _, err := db.Migrate(ctx); err != nil {
		fmt.Fprintf(e.stderr, "goldthread: cannot prepare the database %s: %v\n", db.Source(), err)
		db.Close()
		return nil, false
	}
	return db, true
}

// redactErr removes a password that a driver error might echo.
func redactErr(err error, url string) string {
	msg := err.Error()
	if i := strings.Index(url, "://"); i >= 0 {
		if at := strings.Index(url[i+3:], "@"); at >= 0 {
			userinfo := url[i+3 : i+3+at]
			if _, pw, ok := strings.Cut(userinfo, ":"); ok && pw != "" {
				msg = strings.ReplaceAll(msg, pw, "xxxxx")
			}
		}
	}
	return msg
}

// withDB runs a command that takes only --db: it parses args, opens and
// migrates the database, runs fn and closes the database. It returns the
// exit status (2 for bad usage, 1 when the database cannot be opened).
func withDB(ctx context.Context, e *env, name, usage string, args []string, fn func(db *store.DB) int) int {
	fs := newFlags(e, name, usage)
	dbURL := dbFlag(e, fs)
	if code, ok := parse(fs, args); !ok {
		return code
	}
	db, ok := openDB(ctx, e, *dbURL)
	if !ok {
		return 1
	}
	defer db.Close()
	return fn(db)
}
