package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/fhir"
	"github.com/goldthread/goldthread/internal/store"
)

// runFHIR runs `goldthread fhir export` or `goldthread fhir import`.
func runFHIR(ctx context.Context, e *env, args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "export":
			return runFHIRExport(ctx, e, args[1:])
		case "import":
			return runFHIRImport(ctx, e, args[1:])
		}
	}
	fmt.Fprintln(e.stderr, "Usage: goldthread fhir export "+exportUsage)
	fmt.Fprintln(e.stderr, "       goldthread fhir import "+importUsage)
	return 2
}

const exportUsage = "(--participant ID | --all --out DIR) --as EMAIL [--db URL]"

// runFHIRExport runs `goldthread fhir export --participant ID --as EMAIL`:
// the participant's record as a FHIR R4 Bundle on stdout, the same Bundle
// GET /api/fhir/Patient/{id}/$everything answers. With --all --out DIR it
// writes participant-ID.json in DIR for every participant the staff member
// reaches, each export audited like one. It acts as the staff member
// signing in with EMAIL, never as the system: their reach (a peer their
// caseload, a clinician the agency…) decides what may be exported, the read
// is audited in their name, and on PostgreSQL row-level security holds it
// to their agency, so no one exports a record from the command line that
// they could not read signed in. Exit 0 on success, 2 for bad flags, 1 when
// the account or participant is not found or out of reach, or the database
// fails.
func runFHIRExport(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "fhir export", exportUsage)
	participant := fs.Int64("participant", 0, "participant id")
	all := fs.Bool("all", false, "every participant in the staff member's reach, one file each in --out")
	out := fs.String("out", "", "directory for --all (made if missing)")
	as := fs.String("as", "", "email of the staff account the export runs as (its reach applies; the read is audited in its name)")
	dbURL := dbFlag(e, fs)
	if code, ok := parse(fs, args); !ok {
		return code
	}
	switch {
	case *all && (*participant != 0 || *out == ""):
		fmt.Fprintln(e.stderr, "goldthread fhir export: --all takes --out DIR and no --participant")
		return 2
	case !*all && *participant <= 0:
		fmt.Fprintln(e.stderr, "goldthread fhir export: give --participant with a participant id, or --all --out DIR")
		return 2
	case *as == "":
		fmt.Fprintln(e.stderr, "goldthread fhir export: give --as with the email of the staff member the export runs as")
		return 2
	}
	ctx, db, actor, code := openAs(ctx, e, "fhir export", *dbURL, *as)
	if db == nil {
		return code
	}
	defer db.Close()
	if !*all {
		body, err := exportBundle(ctx, db, actor, *participant)
		if err == nil {
			_, err = e.stdout.Write(body)
		}
		if err != nil {
			return commandFailed(e, "fhir export", err)
		}
		return 0
	}
	list, err := db.ListParticipants(ctx, actor, goldthread.ParticipantFilter{Limit: 100000})
	if err == nil {
		err = os.MkdirAll(*out, 0o700)
	}
	if err != nil {
		return commandFailed(e, "fhir export", err)
	}
	for _, p := range list {
		body, err := exportBundle(ctx, db, actor, p.ID)
		if err == nil {
			err = os.WriteFile(filepath.Join(*out, "participant-"+strconv.FormatInt(p.ID, 10)+".json"), body, 0o600)
		}
		if err != nil {
			return commandFailed(e, "fhir export", err)
		}
	}
	fmt.Fprintf(e.stderr, "goldthread fhir export: %d participants written to %s\n", len(list), *out)
	return 0
}

func exportBundle(ctx context.Context, db *store.DB, actor goldthread.Actor, id int64) ([]byte, error) {
	src, err := db.FHIRRecord(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	return fhir.MapBundle(src).MarshalIndent()
}

// openAs opens the database and finds the active staff account signing in
// with email, for a command acting as that person: the returned context
// carries their agency, so on PostgreSQL row-level security holds every
// transaction to it. On failure db is nil and code the exit status (the
// reason already printed).
func openAs(ctx context.Context, e *env, name, dbURL, email string) (context.Context, *store.DB, goldthread.Actor, int) {
	db, ok := openDB(ctx, e, dbURL)
	if !ok {
		return ctx, nil, goldthread.Actor{}, 1
	}
	actor, err := db.ActorByEmail(ctx, email)
	if err != nil {
		db.Close()
		return ctx, nil, actor, commandFailed(e, name, err)
	}
	return store.WithAgency(ctx, actor.AgencyID), db, actor, 0
}

// commandFailed prints err for a person (its message for a domain error,
// the whole error for an internal one) and returns exit status 1.
func commandFailed(e *env, name string, err error) int {
	if goldthread.ErrorKind(err) != goldthread.EINTERNAL {
		if f := goldthread.ErrorField(err); f != "" {
			fmt.Fprintf(e.stderr, "goldthread %s: %s: %s\n", name, f, goldthread.ErrorMessage(err))
		} else {
			fmt.Fprintf(e.stderr, "goldthread %s: %s\n", name, goldthread.ErrorMessage(err))
		}
	} else {
		fmt.Fprintf(e.stderr, "goldthread %s: %v\n", name, err)
	}
	return 1
}
