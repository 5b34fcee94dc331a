// Command goldthread runs Goldthread: the web app and API (serve), and the
// operator's commands around it. `goldthread help` lists them.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// command is one subcommand: its one-line summary and what it runs. run
// returns the process exit status (0 ok, 1 failure, 2 bad usage).
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *env, args []string) int
}

// env is the process's outside world, passed in so tests can run commands.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

func commands() []command {
	return []command{
		{"serve", "run the web app and JSON API (--addr, --db, --demo, --tls-cert, --tls-key, --public-url, --oidc-*)", runServe},
		{"migrate", "apply database migrations (--db)", runMigrate},
		{"demo", "load the demo agency; running it twice changes nothing (--db)", runDemo},
		{"agency", "agency create: an agency and its first administrator, password on stdin (--name, --slug, --admin-name, --admin-email, --time-zone, --db)", runAgency},
		{"programs", "list programs: id, then a tab, the name and the rule pack (--db)", runPrograms},
		{"coach", "check note text on stdin for peer language (--program, --json)", runCoachCommand},
		{"claims", "claims export: the program's ready services of a period as an 837P file on stdout (--program, --from, --to, --db); claims refresh: make the period's stored verdicts fresh, as the Billing page's check does", runClaims},
		{"audit", "audit verify: prove the audit trail is intact (--db, --checkpoints, --public-key); audit keygen / audit checkpoint: seal it with a key kept elsewhere", runAudit},
		{"integrity", "integrity verify: recompute the content hash of every signed note and plan (--db)", runIntegrity},
		{"fhir", "fhir export: a participant's record (or --all) as FHIR R4 Bundles, as a staff member; fhir import: register a participant from a FHIR R4 Patient on stdin (--program, --peer, --as, --db)", runFHIR},
		{"seed", "fill the database with an agency at scale for measurements: participants with signed plans, notes, addenda, approvals (--participants, --notes, --slug, --db)", runSeed},
		{"copy", "copy every row of a SQLite file into an empty PostgreSQL database, in one transaction, verified before it commits (--from, --to)", runCopy},
		{"backup", "copy a running SQLite database to a new file (--out, --db); PostgreSQL: pg_dump", runBackup},
		{"bench", "measure the signed-note path over loopback HTTP against the raw commit rate of the same database (--db, --duration, --clients, --reauth; --servers 2: through one server, then two on the same database, verified after); bench reads: time the pages people wait for on a seeded agency (--participants, --notes, --agency, --requests)", runBench},
		{"version", "print the version", runVersion},
		{"help", "list the commands", runHelp},
	}
}

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}, os.Args[1:]))
}

// run dispatches args to a subcommand.
func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 {
		runHelp(ctx, e, nil)
		return 2
	}
	name := args[0]
	if name == "-h" || name == "--help" || name == "-help" {
		name = "help"
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, e, args[1:])
		}
	}
	fmt.Fprintf(e.stderr, "goldthread: unknown command %q. Run `goldthread help` to list the commands.\n", args[0])
	return 2
}

func runHelp(_ context.Context, e *env, _ []string) int {
	fmt.Fprintln(e.stdout, "Goldthread: documenting, supervising and billing peer support services.")
	fmt.Fprintln(e.stdout, "\nUsage: goldthread <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(e.stdout, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(e.stdout, "\nThe database is --db or GOLDTHREAD_DB: a SQLite file path (default goldthread.db) or a postgres:// URL.")
	fmt.Fprintln(e.stdout, "Run `goldthread <command> -h` for a command's flags.")
	return 0
}

func runVersion(_ context.Context, e *env, _ []string) int {
	fmt.Fprintln(e.stdout, "goldthread", version)
	return 0
}
