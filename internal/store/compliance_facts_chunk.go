package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// A billing run that stores many participants' runs at once (storeRuns)
// reads the facts of a chunk of participants, and of the authors of their
// services, in one statement for each kind of fact, instead of a few
// statements for each participant: on PostgreSQL each statement is a
// round trip, about twenty per participant before. The facts go into the
// same slots the getters of runFacts and historyBatch fill when they read
// for one participant, so noteCheckInput builds the engine's Input from
// them exactly as it does from facts read one participant at a time. The
// lists of a participant (enrolments, orders, authorizations, units
// claimed, diagnoses, plan starts) are read by the very functions one
// participant's are, given the chunk's ids (listsByParticipant); the
// others are the one-participant read with "participant_id IN (…)" (or
// the authors') and the participant added to the order, split here. The
// chunk's facts are kept until endChunk, past forget.

// newestBranches is how many sides one statement reads the newest notes
// of: on SQLite each side is its own branch of a UNION ALL (newestSQL),
// and SQLite allows at most 500 branches.
const newestBranches = 128

// newestSQL reads the newest signed notes of each of the ids (authors or
// participants, by column), recentHistory+1 a side, with their text
// signatures, as newestOf reads one side; ids are padded with 0 as idIn
// pads them. Each side is its own ORDER BY … LIMIT, through the column's
// index, so an author's thousand older notes are never read. On
// PostgreSQL one LATERAL subquery over the list of ids: one plan, made
// once. SQLite has no LATERAL, so there it is a UNION ALL of one branch an
// id, which it plans in the process at little cost; PostgreSQL took 50 to
// 400 ms to plan a UNION ALL of 100 such branches, on every chunk.
func newestSQL(engine, column string, ids []int64) (string, []any) {
	_, padded := idIn(column, ids)
	side := `SELECT ` + recentColumns + ` FROM service_note n LEFT JOIN note_text_signature t ON t.note_id = n.id
		WHERE n.` + column + ` = %s AND n.status = ? AND n.start_at IS NOT NULL ORDER BY n.start_at DESC, n.id DESC LIMIT ` +
		strconv.Itoa(recentHistory+1)
	if engine == Postgres {
		list := strings.Repeat("(CAST(? AS BIGINT)), ", len(padded)-1) + "(CAST(? AS BIGINT))"
		return `SELECT x.* FROM (VALUES ` + list + `) s (id) CROSS JOIN LATERAL (` + fmt.Sprintf(side, "s.id") + `) x`,
			append(padded, goldthread.NoteSigned)
	}
	branches := make([]string, len(padded))
	var args []any
	for i, id := range padded {
		branches[i] = `SELECT * FROM (` + fmt.Sprintf(side, "?") + `) s` + strconv.Itoa(i)
		args = append(args, id, goldthread.NoteSigned)
	}
	return strings.Join(branches, " UNION ALL "), args
}

// loadChunk reads the facts of the participants whose candidates are
// notes (by participant), and of those notes' authors, for the run
// started by startRun.
func (s *scrubber) loadChunk(ctx context.Context, tx *Tx, notes map[int64][]goldthread.Note) error {
	f, hb := s.facts, s.history
	if f == nil {
		return nil // not a run: each service reads its own facts
	}
	var pids, authors []int64
	seen := map[int64]bool{}
	for pid, list := range notes {
		pids = append(pids, pid)
		for _, n := range list {
			if !seen[n.AuthorID] {
				seen[n.AuthorID] = true
				authors = append(authors, n.AuthorID)
			}
		}
	}
	if len(pids) == 0 {
		return nil
	}
	slices.Sort(pids)
	slices.Sort(authors)
	f.chunk, f.chunkAuthors = map[participantKey]*participantFacts{}, map[int64]*authorFacts{}
	chunk := map[int64]*participantFacts{}
	for _, pid := range pids {
		p := &participantFacts{enrolments: []rules.Span{}, orders: new([]goldthread.Date), auths: new([]authorizationRow),
			claimed: new([]claimedUnits), diagnoses: new([]diagnosisRow), plans: new([]planStart), loaded: map[int64]goldthread.Plan{}}
		chunk[pid] = p
		f.chunk[participantKey{pid, s.program.ID}] = p
	}
	for _, id := range authors {
		f.chunkAuthors[id] = &authorFacts{credentials: new([]goldthread.Credential), caseload: new(int)}
	}
	if err := s.loadParticipantFacts(ctx, tx, pids, chunk); err != nil {
		return err
	}
	if err := s.loadPlansInForce(ctx, tx, notes, chunk); err != nil {
		return err
	}
	if err := s.loadAuthorFacts(ctx, tx, authors); err != nil {
		return err
	}
	return hb.loadChunk(ctx, tx, pids, authors)
}

// endChunk drops the chunk's facts (loadChunk).
func (s *scrubber) endChunk() {
	if s.facts != nil {
		s.facts.chunk, s.facts.chunkAuthors = nil, nil
	}
	if s.history != nil {
		s.history.chunkAround, s.history.chunkNewest = nil, nil
	}
}

// loadParticipantFacts reads what runFacts holds of each participant of
// pids in the scrubber's program: the member, enrolments, service orders,
// authorizations, units claimed in the run's fiscal years, diagnoses, the
// signed plans' starts and the signed states of their notes of the period.
func (s *scrubber) loadParticipantFacts(ctx context.Context, tx *Tx, pids []int64, chunk map[int64]*participantFacts) error {
	f, program := s.facts, s.program.ID
	in := func(column string, more ...any) (string, []any) {
		cond, args := idIn(column, pids)
		return cond, append(args, more...)
	}
	cond, args := in("id")
	err := scanAll(ctx, tx, `SELECT id, first_name, last_name, medicaid_id, gender, birth_date, addr_line1, addr_city, addr_state,
		addr_postal FROM participant WHERE `+cond, args, func(r scanner) error {
		var pid int64
		var p claimParty
		if err := r.Scan(&pid, &p.First, &p.Last, &p.MemberID, &p.Gender, &p.BirthDate, &p.Line1, &p.City, &p.State, &p.ZIP); err != nil {
			return err
		}
		chunk[pid].party = &p
		return nil
	})
	if err != nil {
		return fmt.Errorf("store.loadChunk: %w", err)
	}
	// The same readers as one participant's facts (listsByParticipant).
	spans, err := enrolmentSpansOf(ctx, tx, pids, program)
	if err != nil {
		return err
	}
	orders, err := serviceOrderDaysOf(ctx, tx, pids, program)
	if err != nil {
		return err
	}
	auths, err := authorizationRowsOf(ctx, tx, pids, program)
	if err != nil {
		return err
	}
	// The fiscal years of the run's period, as runFacts.claimed reads them.
	lo, hi := fiscalYearStart(s.pack, f.from), fiscalYearStart(s.pack, f.to)
	claimed, err := claimedUnitsByParticipant(ctx, tx, pids, program, lo, goldthread.DateOf(hi.AddDate(1, 0, -1)))
	if err != nil {
		return err
	}
	diagnoses, err := diagnosisRowsOf(ctx, tx, s.agency.ID, pids)
	if err != nil {
		return err
	}
	plans, err := signedPlanStartsOf(ctx, tx, s.agency.ID, pids, program)
	if err != nil {
		return err
	}
	for pid, p := range chunk {
		if list := spans[pid]; list != nil {
			p.enrolments = list
		}
		*p.orders, *p.auths, *p.claimed, *p.diagnoses, *p.plans = orders[pid], auths[pid], claimed[pid], diagnoses[pid], plans[pid]
	}
	cond, args = in("n.participant_id", program, f.from, f.to)
	states, err := signedStates(ctx, tx, cond+" AND n.program_id = ? AND n.service_date >= ? AND n.service_date <= ?", args...)
	if err != nil {
		return err
	}
	// One map for the chunk: a participant's notes are looked up by id.
	for _, p := range chunk {
		p.states = &states
	}
	return nil
}

// loadPlansInForce reads the plans in force on the service dates of the
// notes (loadPlans), as runFacts.planInForce picks them from the signed
// plans' starts.
func (s *scrubber) loadPlansInForce(ctx context.Context, tx *Tx, notes map[int64][]goldthread.Note, chunk map[int64]*participantFacts) error {
	var ids []int64
	for pid, list := range notes {
		for _, n := range list {
			if id, err := planInForceID(*chunk[pid].plans, n.ServiceDate); err == nil && !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	plans, err := loadPlans(ctx, tx, planReader(s.agency.ID), ids)
	if err != nil {
		return err
	}
	for _, p := range plans {
		if c := chunk[p.ParticipantID]; c != nil {
			c.loaded[p.ID] = p
		}
	}
	return nil
}

// loadAuthorFacts reads what runFacts holds of each author: how a claim
// names them, the credential letters on their account, their credential
// records in the agency and their active caseload.
func (s *scrubber) loadAuthorFacts(ctx context.Context, tx *Tx, authors []int64) error {
	f := s.facts
	cond, args := idIn("id", authors)
	err := scanAll(ctx, tx, `SELECT id, npi, first_name, last_name, taxonomy, credential FROM app_user WHERE `+cond, args, func(r scanner) error {
		var id int64
		var row renderingRow
		var letters string
		if err := r.Scan(&id, &row.npi, &row.First, &row.Last, &row.Taxonomy, &letters); err != nil {
			return err
		}
		a := f.chunkAuthors[id]
		a.rendering, a.letters = &row, &letters
		return nil
	})
	if err != nil {
		return fmt.Errorf("store.loadChunk: %w", err)
	}
	cond, args = idIn("c.staff_id", authors)
	list, err := credentialsWhere(ctx, tx, cond+" AND c.agency_id = ?", append(args, s.agency.ID)...)
	if err != nil {
		return err
	}
	for _, c := range list {
		a := f.chunkAuthors[c.StaffID]
		*a.credentials = append(*a.credentials, c)
	}
	cond, args = idIn("c.peer_id", authors)
	// The participant's status by a subquery on its key, not a join: for
	// a chunk's authors PostgreSQL hashed every participant of the agency.
	err = scanAll(ctx, tx, `SELECT c.peer_id, COUNT(DISTINCT c.participant_id) FROM caseload c
		WHERE `+cond+` AND c.agency_id = ? AND c.end_date IS NULL
		AND (SELECT p.status FROM participant p WHERE p.id = c.participant_id) = ? GROUP BY c.peer_id`,
		append(args, s.agency.ID, goldthread.ParticipantActive), func(r scanner) error {
			var id int64
			var count int
			if err := r.Scan(&id, &count); err != nil {
				return err
			}
			*f.chunkAuthors[id].caseload = count
			return nil
		})
	if err != nil {
		return fmt.Errorf("store.loadChunk: %w", err)
	}
	return nil
}

// loadChunk reads the notes around the period and the newest notes of
// each participant of pids and each author of authors, as aroundOf and
// newestOf read one side.
func (hb *historyBatch) loadChunk(ctx context.Context, tx *Tx, pids, authors []int64) error {
	if hb == nil {
		return nil
	}
	hb.chunkAround, hb.chunkNewest = map[historySide][]historyNote{}, map[historySide][]historyNote{}
	for _, who := range []struct {
		participant bool
		ids         []int64
	}{{true, pids}, {false, authors}} {
		column := "author_id"
		if who.participant {
			column = "participant_id"
		}
		for _, id := range who.ids {
			side := historySide{who.participant, id}
			hb.chunkAround[side], hb.chunkNewest[side] = []historyNote{}, []historyNote{}
		}
		sideOf := func(h rules.HistoryNote) historySide {
			id := h.AuthorID
			if who.participant {
				id = h.ParticipantID
			}
			n, _ := strconv.ParseInt(id, 10, 64)
			return historySide{who.participant, n}
		}
		cond, args := idIn(column, who.ids)
		err := scanAll(ctx, tx, `SELECT `+overlapColumns+` FROM service_note WHERE `+cond+` AND status = ? AND start_at > ? AND start_at < ?
			ORDER BY start_at, id`, append(args, goldthread.NoteSigned, hb.lo, hb.hi), func(r scanner) error {
			h, err := scanOverlap(r)
			if err != nil {
				return err
			}
			id, _ := strconv.ParseInt(h.ID, 10, 64)
			side := sideOf(h)
			hb.chunkAround[side] = append(hb.chunkAround[side], historyNote{id: id, start: h.Start, end: h.End, note: h})
			return nil
		})
		if err != nil {
			return fmt.Errorf("store.historyBatch: %w", err)
		}
		for ids := who.ids; len(ids) > 0; {
			part := ids[:min(len(ids), newestBranches)]
			ids = ids[len(part):]
			q, args := newestSQL(tx.db.Engine, column, part)
			err := scanAll(ctx, tx, q, args, func(r scanner) error {
				h, err := scanRecent(r)
				if err != nil {
					return err
				}
				id, _ := strconv.ParseInt(h.ID, 10, 64)
				side := sideOf(h)
				hb.chunkNewest[side] = append(hb.chunkNewest[side], historyNote{id: id, start: h.Start, end: h.End, note: h})
				return nil
			})
			if err != nil {
				return fmt.Errorf("store.historyBatch: %w", err)
			}
		}
	}
	// Neither statement of newestSQL keeps an order across its sides: each
	// side's newest first again, ties by id, as newestOf reads them.
	for _, list := range hb.chunkNewest {
		slices.SortFunc(list, func(a, b historyNote) int { return cmp.Or(b.start.Compare(a.start), cmp.Compare(b.id, a.id)) })
	}
	return nil
}
