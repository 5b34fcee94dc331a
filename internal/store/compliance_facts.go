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

// listsByParticipant runs q, whose rows begin with a participant's id,
// and gathers the rest of each row (scan) into that participant's list, in
// the rows' order. The facts of one participant and those of a billing
// run's chunk (loadParticipantFacts) are read by the same statement this
// way, one id or many (idIn), so the two cannot drift apart.
func listsByParticipant[T any](ctx context.Context, tx *Tx, q string, args []any, scan func(r scanner, pid *int64, v *T) error) (map[int64][]T, error) {
	out := map[int64][]T{}
	err := scanAll(ctx, tx, q, args, func(r scanner) error {
		var pid int64
		var v T
		if err := scan(r, &pid, &v); err != nil {
			return err
		}
		out[pid] = append(out[pid], v)
		return nil
	})
	return out, err
}

// serviceOrderDaysOf are the signing days of the service orders in the
// program of each participant of pids, earliest first.
func serviceOrderDaysOf(ctx context.Context, tx *Tx, pids []int64, programID int64) (map[int64][]goldthread.Date, error) {
	in, args := idIn("participant_id", pids)
	out, err := listsByParticipant(ctx, tx, `SELECT participant_id, signed_on FROM service_order WHERE `+in+` AND program_id = ?
		ORDER BY participant_id, signed_on`, append(args, programID), func(r scanner, pid *int64, d *goldthread.Date) error {
		return r.Scan(pid, d)
	})
	if err != nil {
		return nil, fmt.Errorf("store.orderDate: %w", err)
	}
	return out, nil
}

// serviceOrderDays are the signing days of the participant's service
// orders in the program, earliest first.
func serviceOrderDays(ctx context.Context, tx *Tx, participantID, programID int64) ([]goldthread.Date, error) {
	m, err := serviceOrderDaysOf(ctx, tx, []int64{participantID}, programID)
	return m[participantID], err
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

// authorizationRowsOf are the authorizations in the program of each
// participant of pids, by end date, then id.
func authorizationRowsOf(ctx context.Context, tx *Tx, pids []int64, programID int64) (map[int64][]authorizationRow, error) {
	in, args := idIn("participant_id", pids)
	out, err := listsByParticipant(ctx, tx, `SELECT participant_id, id, number, start_date, end_date, units_authorized, units_used
		FROM service_authorization WHERE `+in+` AND program_id = ? ORDER BY participant_id, end_date, id`, append(args, programID),
		func(r scanner, pid *int64, a *authorizationRow) error {
			return r.Scan(pid, &a.id, &a.number, &a.from, &a.to, &a.authorized, &a.used)
		})
	if err != nil {
		return nil, fmt.Errorf("store.authorizationInput: %w", err)
	}
	return out, nil
}

// authorizationRows are the participant's authorizations in the program,
// by end date, then id.
func authorizationRows(ctx context.Context, tx *Tx, participantID, programID int64) ([]authorizationRow, error) {
	m, err := authorizationRowsOf(ctx, tx, []int64{participantID}, programID)
	return m[participantID], err
}

// claimedUnits are the units claimed for one service.
type claimedUnits struct {
	note  int64
	day   goldthread.Date
	units int
}

// claimedUnitsByParticipant are the units claimed (voids excluded) for
// each participant of pids in the program on service dates from lo
// through hi.
func claimedUnitsByParticipant(ctx context.Context, tx *Tx, pids []int64, programID int64, lo, hi goldthread.Date) (map[int64][]claimedUnits, error) {
	in, args := idIn("n.participant_id", pids)
	out, err := listsByParticipant(ctx, tx, `SELECT n.participant_id, n.id, n.service_date, cs.units
		FROM claimed_service cs JOIN service_note n ON n.id = cs.note_id JOIN claim c ON c.id = cs.claim_id
		WHERE `+in+` AND n.program_id = ? AND c.frequency <> ? AND n.service_date >= ? AND n.service_date <= ?`,
		append(args, programID, goldthread.FrequencyVoid, lo, hi), func(r scanner, pid *int64, u *claimedUnits) error {
			return r.Scan(pid, &u.note, &u.day, &u.units)
		})
	if err != nil {
		return nil, fmt.Errorf("store.unitsBilledInput: %w", err)
	}
	return out, nil
}

// claimedUnitsOf are the units claimed (voids excluded) for the
// participant in the program on service dates from lo through hi.
func claimedUnitsOf(ctx context.Context, tx *Tx, participantID, programID int64, lo, hi goldthread.Date) ([]claimedUnits, error) {
	m, err := claimedUnitsByParticipant(ctx, tx, []int64{participantID}, programID, lo, hi)
	return m[participantID], err
}

// diagnosisRow is one diagnosis as a claim lists them.
type diagnosisRow struct {
	code  string
	since goldthread.Date
}

// diagnosisRowsOf are the diagnoses of each participant of pids, the
// primary one first, then the newest.
func diagnosisRowsOf(ctx context.Context, tx *Tx, agencyID int64, pids []int64) (map[int64][]diagnosisRow, error) {
	in, args := idIn("participant_id", pids)
	out, err := listsByParticipant(ctx, tx, `SELECT participant_id, code, since FROM diagnosis d WHERE `+in+` AND agency_id = ?
		ORDER BY participant_id, `+primaryDiagnosis+` DESC, since DESC, id DESC`, append(args, agencyID),
		func(r scanner, pid *int64, d *diagnosisRow) error { return r.Scan(pid, &d.code, &d.since) })
	if err != nil {
		return nil, fmt.Errorf("store.claimChecks: %w", err)
	}
	return out, nil
}

// diagnosisRows are the participant's diagnoses, the primary one first,
// then the newest.
func diagnosisRows(ctx context.Context, tx *Tx, agencyID, participantID int64) ([]diagnosisRow, error) {
	m, err := diagnosisRowsOf(ctx, tx, agencyID, []int64{participantID})
	return m[participantID], err
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

// signedPlanStartsOf are the signed plans in the program of each
// participant of pids, the latest in force first (then the highest
// version).
func signedPlanStartsOf(ctx context.Context, tx *Tx, agencyID int64, pids []int64, programID int64) (map[int64][]planStart, error) {
	in, args := idIn("participant_id", pids)
	out, err := listsByParticipant(ctx, tx, `SELECT participant_id, id, in_force_from FROM plan WHERE `+in+` AND program_id = ?
		AND agency_id = ? AND status = ? ORDER BY participant_id, in_force_from DESC, version DESC`,
		append(args, programID, agencyID, goldthread.PlanSigned), func(r scanner, pid *int64, p *planStart) error {
			return r.Scan(pid, &p.id, &p.inForce)
		})
	if err != nil {
		return nil, fmt.Errorf("store.PlanInForce: %w", err)
	}
	return out, nil
}

// signedPlanStarts are the participant's signed plans in the program, the
// latest in force first (then the highest version).
func signedPlanStarts(ctx context.Context, tx *Tx, agencyID, participantID, programID int64) ([]planStart, error) {
	m, err := signedPlanStartsOf(ctx, tx, agencyID, []int64{participantID}, programID)
	return m[participantID], err
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
