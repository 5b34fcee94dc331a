package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/locale"
)

// CSV exports: the agency's records as rows for a spreadsheet, in the
// actor's reach, never a note's narrative. Each export is a read of every
// participant's record it carries: their audit events are written before
// the first row leaves.

// Export kinds.
const (
	ExportParticipants = "participants" // the roster: names, birth date, Medicaid ID, status
	ExportNotes        = "notes"        // service notes' metadata: who, when, where, how long, status; no narrative
	ExportServices     = "services"     // the billing worklist of a program and period, ready and blocked
	ExportClaims       = "claims"       // claims with their status
)

// ExportParams narrows an export: services need a program and a period;
// claims may be narrowed to a program.
type ExportParams struct {
	ProgramID int64
	From, To  goldthread.Date
	// Language is the reader's (locale.Supported): the claims export
	// writes the denial reason Goldthread said in it as
	// reader_denial_reason, beside the English denial_reason.
	Language string
}

// ExportKinds lists the exports actor may make: the roster and notes for
// staff who read records (peers their caseload, supervisors their team's,
// clinicians, billing and auditors the agency), services and claims for
// billing and auditors. Administrators read no record, participants export
// their own record elsewhere.
func ExportKinds(actor goldthread.Actor) []string {
	var out []string
	if goldthread.CanExport(actor) {
		out = append(out, ExportParticipants, ExportNotes)
	}
	if goldthread.CanReadClaims(actor) {
		out = append(out, ExportServices, ExportClaims)
	}
	return out
}

// ExportCSV makes the export of kind: it calls start with the number of
// rows to come (for a progress bar), then emit with the header and with
// each row, as they are read. Before start, one audit event per
// participant the export carries (an export of record type "csv_"+kind)
// and one for the export as a whole are committed. Returns EFORBIDDEN for a
// kind the actor may not export, ENOTFOUND for an unknown kind or a
// program outside the agency, EINVALID for a services period that is
// missing or reversed.
func (db *DB) ExportCSV(ctx context.Context, actor goldthread.Actor, kind string, p ExportParams,
	start func(rows int) error, emit func(row []string) error) error {
	known := map[string]bool{ExportParticipants: true, ExportNotes: true, ExportServices: true, ExportClaims: true}
	if !known[kind] {
		return goldthread.Errorf(goldthread.ENOTFOUND, "No export named %q.", kind)
	}
	allowed := false
	for _, k := range ExportKinds(actor) {
		allowed = allowed || k == kind
	}
	if !allowed {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "Your role does not allow this export.")
	}
	switch kind {
	case ExportServices:
		return db.exportServices(ctx, actor, p, start, emit)
	case ExportClaims:
		return db.exportClaims(ctx, actor, p, start, emit)
	}
	q, args, header, row := participantsExport(actor)
	if kind == ExportNotes {
		q, args, header, row = notesExport(actor)
	}
	var pids []int64
	rows := 0
	if err := db.ReadTx(ctx, func(tx *Tx) error {
		seen := map[int64]bool{}
		return scanAll(ctx, tx, "SELECT x.pid FROM ("+q+") x", args, func(r scanner) error {
			var pid int64
			err := r.Scan(&pid)
			if !seen[pid] {
				seen[pid] = true
				pids = append(pids, pid)
			}
			rows++
			return err
		})
	}); err != nil {
		return err
	}
	if err := db.auditExport(ctx, actor, kind, pids, rows); err != nil {
		return err
	}
	if err := start(rows); err != nil {
		return err
	}
	if err := emit(header); err != nil {
		return err
	}
	return db.ReadTx(ctx, func(tx *Tx) error {
		return scanAll(ctx, tx, q, args, func(r scanner) error {
			cells, err := row(r)
			if err != nil {
				return err
			}
			return emit(cells)
		})
	})
}

// auditExport commits an export event per participant and one for the
// whole export (rows and participants counted).
func (db *DB) auditExport(ctx context.Context, actor goldthread.Actor, kind string, pids []int64, rows int) error {
	return db.WriteTx(ctx, func(tx *Tx) error {
		for _, pid := range pids {
			if err := tx.Audit(ctx, auditFor(actor, goldthread.ActionExport, "csv_"+kind, pid, pid)); err != nil {
				return err
			}
		}
		ev := auditFor(actor, goldthread.ActionExport, "csv_"+kind, 0, 0)
		ev.Detail = fmt.Sprintf("rows=%d participants=%d", rows, len(pids))
		return tx.Audit(ctx, ev)
	})
}

// participantsExport is the roster in the actor's reach; the first column,
// pid, is the participant (read for the audit, not written).
func participantsExport(actor goldthread.Actor) (string, []any, []string, func(scanner) ([]string, error)) {
	scope, args := participantScope(actor)
	q := `SELECT p.id AS pid, p.first_name, p.last_name, p.preferred_name, p.birth_date, p.gender, p.medicaid_id, p.status, p.created_at
		FROM participant p WHERE ` + scope + ` ORDER BY p.last_name, p.first_name, p.id`
	header := []string{"participant_id", "first_name", "last_name", "preferred_name", "birth_date", "gender", "medicaid_id", "status", "registered_at"}
	return q, args, header, func(r scanner) ([]string, error) {
		var id int64
		var first, last, preferred, gender, medicaid, status string
		var birth goldthread.Date
		var created time.Time
		err := r.Scan(&id, &first, &last, &preferred, &birth, &gender, &medicaid, &status, &created)
		return []string{strconv.FormatInt(id, 10), first, last, preferred, birth.String(), gender, medicaid, status, instantCell(created)}, err
	}
}

// notesExport is the metadata of the notes in the actor's reach (drafts
// only their author's and supervisors', as on screen), never a narrative.
func notesExport(actor goldthread.Actor) (string, []any, []string, func(scanner) ([]string, error)) {
	scope, args := noteScope(actor)
	q := `SELECT n.participant_id AS pid, n.id, n.program_id, u.name, n.kind, n.status, n.service_date, n.start_at, n.end_at,
		n.location, n.modality, n.category, n.billable, n.late_entry_reason, n.signed_at` + noteFrom + `WHERE ` + scope +
		` ORDER BY n.service_date, n.id`
	header := []string{"participant_id", "note_id", "program_id", "author", "kind", "status", "service_date", "start", "end", "minutes",
		"location", "modality", "category", "billable", "late_entry", "signed_at"}
	return q, args, header, func(r scanner) ([]string, error) {
		var pid, id, program int64
		var author, kind, status, location, modality, category, late string
		var day goldthread.Date
		var start, end, signed sql.NullTime
		var billable bool
		err := r.Scan(&pid, &id, &program, &author, &kind, &status, &day, &start, &end, &location, &modality, &category, &billable, &late, &signed)
		n := goldthread.Note{Start: start.Time, End: end.Time}
		return []string{strconv.FormatInt(pid, 10), strconv.FormatInt(id, 10), strconv.FormatInt(program, 10), author, kind, status,
			day.String(), instantCell(start.Time), instantCell(end.Time), strconv.Itoa(n.Minutes()), location, modality, category,
			strconv.FormatBool(billable), strconv.FormatBool(strings.TrimSpace(late) != ""), instantCell(signed.Time)}, err
	}
}

// exportServices is the billing worklist of a program and period, ready
// services first, each blocked one with the rules that block it.
func (db *DB) exportServices(ctx context.Context, actor goldthread.Actor, p ExportParams, start func(int) error, emit func([]string) error) error {
	switch {
	case p.ProgramID == 0:
		return goldthread.FieldError("program", "Choose a program.")
	case p.From.IsZero() || p.To.IsZero():
		return goldthread.FieldError("from", "Give the first and last day of the period.")
	}
	wl, err := db.BillableServices(ctx, actor, p.ProgramID, p.From, p.To)
	if err != nil {
		return err
	}
	all := append(append([]goldthread.BillableService{}, wl.Ready...), wl.Blocked...)
	header := []string{"note_id", "participant_id", "participant_name", "member_id", "program_id", "rendering", "service_date",
		"minutes", "units", "procedure", "modifiers", "place_of_service", "charge", "ready", "blocked_by"}
	rows := make([][]string, len(all))
	pids := make([]int64, len(all))
	for i, s := range all {
		var blocks []string
		for _, b := range s.Blocks {
			blocks = append(blocks, b.RuleID)
		}
		pids[i] = s.ParticipantID
		rows[i] = []string{strconv.FormatInt(s.NoteID, 10), strconv.FormatInt(s.ParticipantID, 10), s.ParticipantName, s.MemberID,
			strconv.FormatInt(s.ProgramID, 10), s.AuthorName, s.ServiceDate.String(), strconv.Itoa(s.Minutes), strconv.Itoa(s.Units),
			s.Procedure, strings.Join(s.Modifiers, ":"), s.PlaceOfService, centsCell(s.ChargeCents), strconv.FormatBool(s.Ready()),
			strings.Join(blocks, ";")}
	}
	return db.emitRows(ctx, actor, ExportServices, pids, header, rows, start, emit)
}

// exportClaims is every claim of the agency (of one program when given),
// newest first, with its current status; its last denial reason in
// English (denial_reason) and, last, in the reader's language
// (reader_denial_reason: what staff typed stays as typed).
func (db *DB) exportClaims(ctx context.Context, actor goldthread.Actor, p ExportParams, start func(int) error, emit func([]string) error) error {
	q := "SELECT " + claimColumns + claimFrom + "WHERE c.agency_id = ?"
	args := []any{true, actor.AgencyID}
	if p.ProgramID != 0 {
		q += " AND c.program_id = ?"
		args = append(args, p.ProgramID)
	}
	var claims []goldthread.Claim
	if err := db.ReadTx(ctx, func(tx *Tx) error {
		return scanAll(ctx, tx, q+" ORDER BY c.id DESC", args, func(r scanner) error {
			c, err := scanClaim(r)
			claims = append(claims, c)
			return err
		})
	}); err != nil {
		return err
	}
	header := []string{"claim_id", "claim_number", "batch_id", "program", "participant_id", "participant_name", "member_id",
		"frequency", "status", "status_at", "units", "total", "paid", "denial_reason", "created_at", "reader_denial_reason"}
	rows := make([][]string, len(claims))
	pids := make([]int64, len(claims))
	reader := locale.New(p.Language, nil)
	for i, c := range claims {
		pids[i] = c.ParticipantID
		rows[i] = []string{strconv.FormatInt(c.ID, 10), goldthread.ClaimNumber(c.ID), strconv.FormatInt(c.BatchID, 10), c.ProgramName,
			strconv.FormatInt(c.ParticipantID, 10), c.ParticipantName, c.MemberID, c.Frequency, c.Status, instantCell(c.StatusAt),
			strconv.Itoa(c.Units), centsCell(c.TotalCents), centsCell(c.PaidCents), c.DenialReason, instantCell(c.Created),
			reader.TextOr(c.DenialReasonText, c.DenialReason)}
	}
	return db.emitRows(ctx, actor, ExportClaims, pids, header, rows, start, emit)
}

// emitRows audits an export read into memory (pids: the participant of
// each row) and then hands start the count, emit the header and each row.
func (db *DB) emitRows(ctx context.Context, actor goldthread.Actor, kind string, pids []int64, header []string, rows [][]string,
	start func(int) error, emit func([]string) error) error {
	var distinct []int64
	seen := map[int64]bool{}
	for _, pid := range pids {
		if !seen[pid] {
			seen[pid] = true
			distinct = append(distinct, pid)
		}
	}
	if err := db.auditExport(ctx, actor, kind, distinct, len(rows)); err != nil {
		return err
	}
	if err := start(len(rows)); err != nil {
		return err
	}
	for _, r := range append([][]string{header}, rows...) {
		if err := emit(r); err != nil {
			return err
		}
	}
	return nil
}

func instantCell(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// centsCell writes cents as dollars and cents, "18.52".
func centsCell(c int64) string { return fmt.Sprintf("%d.%02d", c/100, c%100) }
