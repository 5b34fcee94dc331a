package main

import (
	"context"
	"fmt"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/fhir"
)

// runFHIR runs `goldthread fhir export --participant ID --as EMAIL`: the
// participant's record as a FHIR R4 Bundle on stdout, the same Bundle
// GET /api/fhir/Patient/{id}/$everything answers. It acts as the staff
// member signing in with EMAIL, never as the system: their reach (a peer
// their caseload, a clinician the agency…) decides what may be exported,
// and the read is audited in their name, so no one exports a record from
// the command line that they could not read signed in. Exit 0 on success,
// 2 for bad flags, 1 when the account or participant is not found or out of
// reach, or the database fails.
func runFHIR(ctx context.Context, e *env, args []string) int {
	const usage = "--participant ID --as EMAIL [--db URL]"
	if len(args) == 0 || args[0] != "export" {
		fmt.Fprintln(e.stderr, "Usage: goldthread fhir export "+usage)
		return 2
	}
	fs := newFlags(e, "fhir export", usage)
	participant := fs.Int64("participant", 0, "participant id")
	as := fs.String("as", "", "email of the staff account the export runs as (its reach applies; the read is audited in its name)")
	dbURL := dbFlag(e, fs)
	if code, ok := parse(fs, args[1:]); !ok {
		return code
	}
	switch {
	case *participant <= 0:
		fmt.Fprintln(e.stderr, "goldthread fhir export: give --participant with a participant id")
		return 2
	case *as == "":
		fmt.Fprintln(e.stderr, "goldthread fhir export: give --as with the email of the staff member the export runs as")
		return 2
	}
	db, ok := openDB(ctx, e, *dbURL)
	if !ok {
		return 1
	}
	defer db.Close()
	fail := func(err error) int {
		if goldthread.ErrorKind(err) != goldthread.EINTERNAL {
			fmt.Fprintf(e.stderr, "goldthread fhir export: %s\n", goldthread.ErrorMessage(err))
		} else {
			fmt.Fprintf(e.stderr, "goldthread fhir export: %v\n", err)
		}
		return 1
	}
	actor, err := db.ActorByEmail(ctx, *as)
	if err != nil {
		return fail(err)
	}
	src, err := db.FHIRRecord(ctx, actor, *participant)
	if err != nil {
		return fail(err)
	}
	body, err := fhir.MapBundle(src).MarshalIndent()
	if err != nil {
		return fail(err)
	}
	if _, err := e.stdout.Write(body); err != nil {
		return fail(err)
	}
	return 0
}
