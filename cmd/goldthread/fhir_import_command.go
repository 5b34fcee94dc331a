package main

import (
	"context"
	"fmt"
	"io"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/fhir"
)

const importUsage = "--program ID --peer ID --as EMAIL [--start-date YYYY-MM-DD] [--not-duplicate] [--db URL] < patient.json"

// runFHIRImport runs `goldthread fhir import`: the command-line twin of
// POST /api/fhir/Patient. It reads one FHIR R4 Patient from stdin and
// registers the participant like an intake (program, peer, start date),
// acting as the staff member with EMAIL: their permission to register
// applies (supervisors, clinicians, administrators) and the write is
// audited in their name. It prints the new participant's id. A Patient or
// an intake the rules refuse exits 1 naming the element or flag
// (Patient.birthDate, medicaid_id…); a duplicate exits 1 naming who is
// alike, until --not-duplicate says it was checked. Bad flags exit 2.
func runFHIRImport(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "fhir import", importUsage)
	program := fs.Int64("program", 0, "id of the program to enrol the participant in")
	peer := fs.Int64("peer", 0, "id of the peer specialist whose caseload they join")
	as := fs.String("as", "", "email of the staff account the import runs as (its permission applies; the write is audited in its name)")
	start := fs.String("start-date", "", "first day of the enrolment (default: today on the program's clock)")
	notDuplicate := fs.Bool("not-duplicate", false, "register although someone has the same name and birth date (checked)")
	dbURL := dbFlag(e, fs)
	if code, ok := parse(fs, args); !ok {
		return code
	}
	switch {
	case *program <= 0:
		fmt.Fprintln(e.stderr, "goldthread fhir import: give --program with the program's id (goldthread programs lists them)")
		return 2
	case *peer <= 0:
		fmt.Fprintln(e.stderr, "goldthread fhir import: give --peer with the id of the peer specialist")
		return 2
	case *as == "":
		fmt.Fprintln(e.stderr, "goldthread fhir import: give --as with the email of the staff member the import runs as")
		return 2
	}
	var startDate goldthread.Date
	if *start != "" {
		d, err := goldthread.ParseDate(*start)
		if err != nil {
			fmt.Fprintln(e.stderr, "goldthread fhir import: --start-date must be YYYY-MM-DD")
			return 2
		}
		startDate = d
	}
	data, err := io.ReadAll(io.LimitReader(e.stdin, 3<<20))
	if err != nil {
		return commandFailed(e, "fhir import", err)
	}
	pt, err := fhir.ParsePatient(data)
	if err != nil {
		return commandFailed(e, "fhir import", err)
	}
	ctx, db, actor, code := openAs(ctx, e, "fhir import", *dbURL, *as)
	if db == nil {
		return code
	}
	defer db.Close()
	in := goldthread.Intake{Participant: pt, ProgramID: *program, PeerID: *peer, Start: startDate, NotDuplicate: *notDuplicate}
	if err := db.RegisterParticipant(ctx, actor, &in); err != nil {
		return commandFailed(e, "fhir import", err)
	}
	fmt.Fprintln(e.stdout, in.Participant.ID)
	return 0
}
