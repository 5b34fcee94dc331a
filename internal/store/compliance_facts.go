package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// runFacts are the facts a billing run reads once instead of once per
// service: the program's clock, the facts of the participant whose
// services it is scrubbing (enrolments, service orders, authorizations,
// units already claimed, diagnoses, signed plans) and of the authors who
// served them (credentials, the credential letters on the account, the
// active caseload). A participant's are dropped when the run moves to the
// next participant; an author's are kept for the next (up to authorsKept
// authors), like the history (historyBatch).
//
// A run writes claims, never these records, so what was read once is what
// each service would have read for itself before the run wrote anything;
// what the run claims itself is counted by its pending units (and so is
// counted once, even after a batch has written some of the participant's
// claims). Outside a run there are no facts (nil): each getter then reads
// for the one note through the same function and picks by the same rule,
// so signing, findings, review and billing give the engine the same facts
// (TestRunFactsMatchEachNotesOwn).
type runFacts struct {
	from, to goldthread.Date // the run's period
	zones    map[int64]*time.Location
	who      participantKey // whose participant facts are held
	p        participantFacts
	authors  map[int64]*authorFacts
	// chunk and chunkAuthors are the facts of a chunk of participants and
	// their authors read at once (scrubber.loadChunk), looked up first and
	// kept past forget until endChunk.
	chunk        map[participantKey]*participantFacts
	chunkAuthors map[int64]*authorFacts
}

type participantKey struct{ participant, program int64 }

// participantFacts are one participant's facts in one program, each read
// the first time a service needs it (nil: not read yet).
type participantFacts struct {
	enrolments []rules.Span
	orders     *[]goldthread.Date
	auths      *[]authorizationRow
	claimed    *[]claimedUnits
	diagnoses  *[]diagnosisRow
	plans      *[]planStart
	states     *map[int64]signedState // the participant's notes of the run's period
	party      *claimParty
	loaded     map[int64]goldthread.Plan // by id
}

// authorFacts are one author's facts.
type authorFacts struct {
	credentials *[]goldthread.Credential
	letters     *string
	caseload    *int
	rendering   *renderingRow
}

// renderingRow is the author as a claim names the rendering provider.
type renderingRow struct {
	claimRendering
	npi string
}

func newRunFacts(from, to goldthread.Date) *runFacts {
	return &runFacts{from: from, to: to, zones: map[int64]*time.Location{}, authors: map[int64]*authorFacts{}}
}

// forget drops the participant's facts (between participants), and the
// authors' once more than authorsKept are held.
func (f *runFacts) forget() {
	if f == nil {
		return
	}
	f.who, f.p = participantKey{}, participantFacts{}
	if len(f.authors) > authorsKept {
		clear(f.authors)
	}
}

// of returns the held facts of participant pid in program, dropping
// another participant's.
func (f *runFacts) of(pid, program int64) *participantFacts {
	if p := f.chunk[participantKey{pid, program}]; p != nil {
		return p
	}
	if k := (participantKey{pid, program}); f.who != k {
		f.who, f.p = k, participantFacts{}
	}
	return &f.p
}

func (f *runFacts) author(id int64) *authorFacts {
	if a := f.chunkAuthors[id]; a != nil {
		return a
	}
	a := f.authors[id]
	if a == nil {
		a = &authorFacts{}
		f.authors[id] = a
	}
	return a
}

// zone is the program's clock (programZone).
func (f *runFacts) zone(ctx context.Context, tx *Tx, agencyID, programID int64) (*time.Location, error) {
	if f == nil {
		return programZone(ctx, tx, agencyID, programID)
	}
	if z, ok := f.zones[programID]; ok {
		return z, nil
	}
	z, err := programZone(ctx, tx, agencyID, programID)
	if err == nil {
		f.zones[programID] = z
	}
	return z, err
}

// enrolments are n's participant's enrolments in n's program
// (enrolmentSpans).
func (f *runFacts) enrolments(ctx context.Context, tx *Tx, n goldthread.Note) ([]rules.Span, error) {
	if f == nil {
		return enrolmentSpans(ctx, tx, n.ParticipantID, n.ProgramID)
	}
	p := f.of(n.ParticipantID, n.ProgramID)
	if p.enrolments == nil {
		list, err := enrolmentSpans(ctx, tx, n.ParticipantID, n.ProgramID)
		if err != nil {
			return nil, err
		}
		p.enrolments = list
	}
	return p.enrolments, nil
}

// held reads *slot once with read.
func held[T any](slot **T, read func() (T, error)) (T, error) {
	if *slot == nil {
		v, err := read()
		if err != nil {
			return v, err
		}
		*slot = &v
	}
	return **slot, nil
}

// orders are the signing days of the participant's service orders in the
// program, earliest first.
func (f *runFacts) orders(ctx context.Context, tx *Tx, n goldthread.Note) ([]goldthread.Date, error) {
	read := func() ([]goldthread.Date, error) { return serviceOrderDays(ctx, tx, n.ParticipantID, n.ProgramID) }
	if f == nil {
		return read()
	}
	return held(&f.of(n.ParticipantID, n.ProgramID).orders, read)
}

// authorizations are the participant's authorizations in the program, by
// end date, then id.
func (f *runFacts) authorizations(ctx context.Context, tx *Tx, n goldthread.Note) ([]authorizationRow, error) {
	read := func() ([]authorizationRow, error) { return authorizationRows(ctx, tx, n.ParticipantID, n.ProgramID) }
	if f == nil {
		return read()
	}
	return held(&f.of(n.ParticipantID, n.ProgramID).auths, read)
}

// claimed are the units claimed (not voided) for the participant in the
// program on the service dates covering the fiscal years of n's service
// date: for a run, of every service date of its period.
func (f *runFacts) claimed(ctx context.Context, tx *Tx, n goldthread.Note, pack *rules.Pack) ([]claimedUnits, error) {
	if f == nil || n.ServiceDate.Before(f.from.Time) || n.ServiceDate.After(f.to.Time) {
		lo := fiscalYearStart(pack, n.ServiceDate)
		return claimedUnitsOf(ctx, tx, n.ParticipantID, n.ProgramID, lo, goldthread.DateOf(lo.AddDate(1, 0, -1)))
	}
	lo, hi := fiscalYearStart(pack, f.from), fiscalYearStart(pack, f.to)
	return held(&f.of(n.ParticipantID, n.ProgramID).claimed, func() ([]claimedUnits, error) {
		return claimedUnitsOf(ctx, tx, n.ParticipantID, n.ProgramID, lo, goldthread.DateOf(hi.AddDate(1, 0, -1)))
	})
}

// diagnoses are the participant's diagnoses in the order a claim lists
// them (diagnosisRows).
func (f *runFacts) diagnoses(ctx context.Context, tx *Tx, agencyID int64, n goldthread.Note) ([]diagnosisRow, error) {
	read := func() ([]diagnosisRow, error) { return diagnosisRows(ctx, tx, agencyID, n.ParticipantID) }
	if f == nil {
		return read()
	}
	return held(&f.of(n.ParticipantID, n.ProgramID).diagnoses, read)
}

// planInForce is the plan in force on n's service date, read as billing
// reads it (PlanInForceTx).
func (f *runFacts) planInForce(ctx context.Context, tx *Tx, reader goldthread.Actor, n goldthread.Note) (goldthread.Plan, error) {
	if f == nil {
		return PlanInForceTx(ctx, tx, reader, n.ParticipantID, n.ProgramID, n.ServiceDate)
	}
	p := f.of(n.ParticipantID, n.ProgramID)
	starts, err := held(&p.plans, func() ([]planStart, error) {
		return signedPlanStarts(ctx, tx, reader.AgencyID, n.ParticipantID, n.ProgramID)
	})
	if err != nil {
		return goldthread.Plan{}, err
	}
	id, err := planInForceID(starts, n.ServiceDate)
	if err != nil {
		return goldthread.Plan{}, err
	}
	if plan, ok := p.loaded[id]; ok {
		return plan, nil
	}
	plan, err := loadPlan(ctx, tx, reader, id)
	if err != nil {
		return plan, err
	}
	if p.loaded == nil {
		p.loaded = map[int64]goldthread.Plan{}
	}
	p.loaded[id] = plan
	return plan, nil
}

// party is n's participant as a claim names the member.
func (f *runFacts) party(ctx context.Context, tx *Tx, n goldthread.Note) (claimParty, error) {
	read := func() (claimParty, error) {
		var p claimParty
		if err := tx.QueryRow(ctx, `SELECT first_name, last_name, medicaid_id, gender, birth_date, addr_line1, addr_city, addr_state,
			addr_postal FROM participant WHERE id = ?`, n.ParticipantID).
			Scan(&p.First, &p.Last, &p.MemberID, &p.Gender, &p.BirthDate, &p.Line1, &p.City, &p.State, &p.ZIP); err != nil {
			return p, fmt.Errorf("store.scrub: %w", err)
		}
		return p, nil
	}
	if f == nil {
		return read()
	}
	return held(&f.of(n.ParticipantID, n.ProgramID).party, read)
}

// rendering is the author as a claim names the rendering provider, and
// their NPI.
func (f *runFacts) rendering(ctx context.Context, tx *Tx, authorID int64) (claimRendering, string, error) {
	read := func() (renderingRow, error) {
		var r renderingRow
		if err := tx.QueryRow(ctx, `SELECT npi, first_name, last_name, taxonomy FROM app_user WHERE id = ?`, authorID).
			Scan(&r.npi, &r.First, &r.Last, &r.Taxonomy); err != nil {
			return r, fmt.Errorf("store.scrub: %w", err)
		}
		return r, nil
	}
	if f == nil {
		r, err := read()
		return r.claimRendering, r.npi, err
	}
	r, err := held(&f.author(authorID).rendering, read)
	return r.claimRendering, r.npi, err
}

// signedState is n's signature time and approval (signedStates): for a
// run, read with those of the participant's other notes of the period.
func (f *runFacts) signedState(ctx context.Context, tx *Tx, n goldthread.Note) (signedState, error) {
	one := func() (signedState, error) {
		states, err := signedStates(ctx, tx, "n.id = ?", n.ID)
		if err != nil {
			return signedState{}, err
		}
		st, ok := states[n.ID]
		if !ok {
			return st, goldthread.Errorf(goldthread.ENOTFOUND, "No note %d.", n.ID)
		}
		return st, nil
	}
	if f == nil || n.ServiceDate.Before(f.from.Time) || n.ServiceDate.After(f.to.Time) {
		return one()
	}
	states, err := held(&f.of(n.ParticipantID, n.ProgramID).states, func() (map[int64]signedState, error) {
		return signedStates(ctx, tx, "n.participant_id = ? AND n.program_id = ? AND n.service_date >= ? AND n.service_date <= ?",
			n.ParticipantID, n.ProgramID, f.from, f.to)
	})
	if err != nil {
		return signedState{}, err
	}
	if st, ok := states[n.ID]; ok {
		return st, nil
	}
	return one()
}

// credentials are every credential record of the author in the agency,
// revoked ones included, as credentialsWhere orders them.
func (f *runFacts) credentials(ctx context.Context, tx *Tx, agencyID, authorID int64) ([]goldthread.Credential, error) {
	read := func() ([]goldthread.Credential, error) {
		return credentialsWhere(ctx, tx, "c.staff_id = ? AND c.agency_id = ?", authorID, agencyID)
	}
	if f == nil {
		return read()
	}
	return held(&f.author(authorID).credentials, read)
}

// letters is the credential written on the author's account.
func (f *runFacts) letters(ctx context.Context, tx *Tx, authorID int64) (string, error) {
	read := func() (string, error) {
		var cred string
		if err := tx.QueryRow(ctx, "SELECT credential FROM app_user WHERE id = ?", authorID).Scan(&cred); err != nil {
			return "", fmt.Errorf("store.credentialInput: %w", err)
		}
		return cred, nil
	}
	if f == nil {
		return read()
	}
	return held(&f.author(authorID).letters, read)
}

// caseload is the author's active caseload: the participants still on it
// whose record is active.
func (f *runFacts) caseload(ctx context.Context, tx *Tx, agencyID, authorID int64) (int, error) {
	read := func() (int, error) {
		var count int
		if err := tx.QueryRow(ctx, `SELECT COUNT(DISTINCT c.participant_id) FROM caseload c JOIN participant p ON p.id = c.participant_id
			WHERE c.agency_id = ? AND c.peer_id = ? AND c.end_date IS NULL AND p.status = ?`,
			agencyID, authorID, goldthread.ParticipantActive).Scan(&count); err != nil {
			return 0, fmt.Errorf("store.noteCheckInput: %w", err)
		}
		return count, nil
	}
	if f == nil {
		return read()
	}
	return held(&f.author(authorID).caseload, read)
}

// serviceOrderDays are the signing days of the participant's service
// orders in the program, earliest first.
func serviceOrderDays(ctx context.Context, tx *Tx, participantID, programID int64) ([]goldthread.Date, error) {
	var out []goldthread.Date
	err := scanAll(ctx, tx, `SELECT signed_on FROM service_order WHERE participant_id = ? AND program_id = ? ORDER BY signed_on`,
		[]any{participantID, programID}, func(r scanner) error {
			var d goldthread.Date
			err := r.Scan(&d)
			out = append(out, d)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("store.orderDate: %w", err)
	}
	return out, nil
}

// orderOn is the service order the engine should see for a service on
// day: the latest signed on or before it, else the first one signed after
// it (the engine then says it came too late), else none (zero). days are
// earliest first.
func orderOn(days []goldthread.Date, day goldthread.Date) time.Time {
	if len(days) == 0 {
		return time.Time{}
	}
	i, _ := slices.BinarySearchFunc(days, day, func(d, day goldthread.Date) int {
		if d.After(day.Time) {
			return 1
		}
		return -1
	})
	if i == 0 {
		return days[0].Time
	}
	return days[i-1].Time
}

// authorizationRow is one authorization as authorizationInput weighs it.
type authorizationRow struct {
	id               int64
	number           string
	from, to         goldthread.Date
	authorized, used int
}

// authorizationRows are the participant's authorizations in the program,
// by end date, then id.
func authorizationRows(ctx context.Context, tx *Tx, participantID, programID int64) ([]authorizationRow, error) {
	var out []authorizationRow
	err := scanAll(ctx, tx, `SELECT id, number, start_date, end_date, units_authorized, units_used FROM service_authorization
		WHERE participant_id = ? AND program_id = ? ORDER BY end_date, id`, []any{participantID, programID}, func(r scanner) error {
		var a authorizationRow
		err := r.Scan(&a.id, &a.number, &a.from, &a.to, &a.authorized, &a.used)
		out = append(out, a)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store.authorizationInput: %w", err)
	}
	return out, nil
}

// claimedUnits are the units claimed for one service.
type claimedUnits struct {
	note  int64
	day   goldthread.Date
	units int
}

// claimedUnitsOf are the units claimed (voids excluded) for the
// participant in the program on service dates from lo through hi.
func claimedUnitsOf(ctx context.Context, tx *Tx, participantID, programID int64, lo, hi goldthread.Date) ([]claimedUnits, error) {
	var out []claimedUnits
	err := scanAll(ctx, tx, `SELECT n.id, n.service_date, cs.units
		FROM claimed_service cs JOIN service_note n ON n.id = cs.note_id JOIN claim c ON c.id = cs.claim_id
		WHERE n.participant_id = ? AND n.program_id = ? AND c.frequency <> ? AND n.service_date >= ? AND n.service_date <= ?`,
		[]any{participantID, programID, goldthread.FrequencyVoid, lo, hi}, func(r scanner) error {
			var u claimedUnits
			err := r.Scan(&u.note, &u.day, &u.units)
			out = append(out, u)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("store.unitsBilledInput: %w", err)
	}
	return out, nil
}

// diagnosisRow is one diagnosis as a claim lists them.
type diagnosisRow struct {
	code  string
	since goldthread.Date
}

// diagnosisRows are the participant's diagnoses, the primary one first,
// then the newest.
func diagnosisRows(ctx context.Context, tx *Tx, agencyID, participantID int64) ([]diagnosisRow, error) {
	var out []diagnosisRow
	err := scanAll(ctx, tx, `SELECT code, since FROM diagnosis d WHERE participant_id = ? AND agency_id = ?
		ORDER BY `+primaryDiagnosis+` DESC, since DESC, id DESC`, []any{participantID, agencyID}, func(r scanner) error {
		var d diagnosisRow
		err := r.Scan(&d.code, &d.since)
		out = append(out, d)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store.claimChecks: %w", err)
	}
	return out, nil
}

// claimDiagnoses are the codes a claim for a service on day carries: of
// the first twelve diagnoses on file by then (rows in diagnosisRows'
// order), each code once.
func claimDiagnoses(rows []diagnosisRow, day goldthread.Date) []string {
	var out []string
	taken := 0
	for _, d := range rows {
		if d.since.After(day.Time) {
			continue
		}
		if taken++; taken > 12 {
			break
		}
		if !slices.Contains(out, d.code) {
			out = append(out, d.code)
		}
	}
	return out
}

// planStart is a signed plan as the plan in force is picked from them.
type planStart struct {
	id      int64
	inForce goldthread.Date
}

// signedPlanStarts are the participant's signed plans in the program, the
// latest in force first (then the highest version).
func signedPlanStarts(ctx context.Context, tx *Tx, agencyID, participantID, programID int64) ([]planStart, error) {
	var out []planStart
	err := scanAll(ctx, tx, `SELECT id, in_force_from FROM plan WHERE participant_id = ? AND program_id = ? AND agency_id = ?
		AND status = ? ORDER BY in_force_from DESC, version DESC`, []any{participantID, programID, agencyID, goldthread.PlanSigned},
		func(r scanner) error {
			var p planStart
			err := r.Scan(&p.id, &p.inForce)
			out = append(out, p)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("store.PlanInForce: %w", err)
	}
	return out, nil
}

// planInForceID picks the plan in force on day among starts
// (signedPlanStarts): the first in force by then. ENOTFOUND when none is.
func planInForceID(starts []planStart, on goldthread.Date) (int64, error) {
	for _, p := range starts {
		if !p.inForce.After(on.Time) {
			return p.id, nil
		}
	}
	return 0, goldthread.Errorf(goldthread.ENOTFOUND, "No signed plan is in force on %s for this participant and program.", on)
}
