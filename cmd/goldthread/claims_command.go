package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/locale"
	"github.com/goldthread/goldthread/internal/store"
)

// runClaims runs `goldthread claims export`: the program's ready services
// of a period as an 837P file on stdout, claimed in a new batch and marked
// exported, with a summary on stderr (and, for a test file, the
// placeholders it carries). Exit 0 on success, 2 for bad flags, dates or
// program, 1 when nothing is ready, when a production (usage P) file is
// refused while placeholders remain (each named), or the database fails.
// `goldthread claims refresh` makes the period's stored verdicts fresh as
// the Billing page's background check does (RefreshVerdicts), so an
// export after it claims from them instead of scrubbing; exit 0 when they
// are, 2 for bad flags, 1 when the database fails.
func runClaims(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] != "export" && args[0] != "refresh" {
		fmt.Fprintln(e.stderr, "Usage: goldthread claims export --program ID --from YYYY-MM-DD --to YYYY-MM-DD [--cpuprofile FILE] [--db URL]")
		fmt.Fprintln(e.stderr, "       goldthread claims refresh --program ID --from YYYY-MM-DD --to YYYY-MM-DD [--cpuprofile FILE] [--db URL]")
		return 2
	}
	verb := args[0]
	fs := newFlags(e, "claims "+verb, "--program ID --from YYYY-MM-DD --to YYYY-MM-DD [--cpuprofile FILE] [--db URL]")
	program := fs.Int64("program", 0, "program id, as `goldthread programs` lists them")
	fromFlag := fs.String("from", "", "first service date of the period, YYYY-MM-DD")
	toFlag := fs.String("to", "", "last service date of the period, YYYY-MM-DD")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the "+verb+" to this file (go tool pprof)")
	dbURL := dbFlag(e, fs)
	if code, ok := parse(fs, args[1:]); !ok {
		return code
	}
	bad := func(format string, a ...any) int {
		fmt.Fprintf(e.stderr, "goldthread claims "+verb+": "+format+"\n", a...)
		return 2
	}
	if *program <= 0 {
		return bad("give --program with a program id; `goldthread programs` lists them")
	}
	from, err := goldthread.ParseDate(strings.TrimSpace(*fromFlag))
	if err != nil {
		return bad("--from: %v", err)
	}
	to, err := goldthread.ParseDate(strings.TrimSpace(*toFlag))
	if err != nil {
		return bad("--to: %v", err)
	}
	db, ok := openDB(ctx, e, *dbURL)
	if !ok {
		return 1
	}
	defer db.Close()
	p, err := programByID(ctx, db, *program)
	if goldthread.ErrorKind(err) == goldthread.ENOTFOUND {
		return bad("no program %d in %s; `goldthread programs` lists the program ids", *program, db.Source())
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread claims export: %v\n", err)
		return 1
	}
	// Nobody signs in on the command line: whoever runs it acts as the
	// operator of the program's agency, and the audit trail says so.
	actor := goldthread.Operator(p.AgencyID, "goldthread claims "+verb)
	ctx = store.WithAgency(ctx, p.AgencyID) // row-level security: that agency's rows only
	stop, ok := profileOf(e, "claims "+verb, *profile)
	if !ok {
		return 1
	}
	defer stop()
	if verb == "refresh" {
		if err := db.RefreshVerdicts(ctx, actor, p.ID, from, to); err != nil {
			if f := goldthread.ErrorField(err); goldthread.ErrorKind(err) == goldthread.EINVALID && (f == "from" || f == "to") {
				return bad("%s", goldthread.ErrorMessage(err))
			}
			fmt.Fprintf(e.stderr, "goldthread claims refresh: %v\n", err)
			return 1
		}
		fmt.Fprintf(e.stderr, "%s %s..%s: the stored verdicts are fresh\n", p.Name, from, to)
		return 0
	}
	sum, err := db.ExportClaims(ctx, actor, p.ID, from, to, e.stdout)
	if err != nil {
		if f := goldthread.ErrorField(err); goldthread.ErrorKind(err) == goldthread.EINVALID && (f == "from" || f == "to") {
			return bad("%s", goldthread.ErrorMessage(err))
		}
		if k := goldthread.ErrorKind(err); k != goldthread.EINTERNAL {
			fmt.Fprintf(e.stderr, "goldthread claims export: %s\n", goldthread.ErrorMessage(err))
		} else {
			fmt.Fprintf(e.stderr, "goldthread claims export: %v\n", err)
		}
		return 1
	}
	pr := locale.New("en", nil)
	fmt.Fprintf(e.stderr, "%s %s..%s: batch %d, %d claims, %d lines, %d units, total %s, %d services blocked\n",
		p.Name, from, to, sum.BatchID, sum.Claims, sum.Lines, sum.Units, pr.Money(sum.TotalCents), sum.Blocked)
	if len(sum.Placeholders) > 0 {
		fmt.Fprintf(e.stderr, "test file with placeholders: %s\n", strings.Join(sum.Placeholders, "; "))
	}
	return 0
}
