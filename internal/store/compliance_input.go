package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/coach"
	"github.com/goldthread/goldthread/internal/rules"
)

// checkContext is what one compliance check of a note needs besides the
// note and the database: the agency's effective pack (overrides applied)
// and word list, and, inside a billing run, the units the run has already
// passed but not yet written and the history it has read once.
type checkContext struct {
	pack    *rules.Pack
	lexicon *coach.Lexicon
	pending *pendingUnits // nil outside a billing run
	history *historyBatch // nil outside a billing run
	facts   *runFacts     // nil outside a billing run
	// read is the draft's history read before a signature's write
	// transaction (SignNote); nil elsewhere. Used only while it still
	// fits the draft (signedHistory.fits).
	read *signedHistory
	// plan is the plan in force on the service date when the caller has
	// read it in the same transaction (signing does, for the goal links);
	// nil reads it. The plan picked does not depend on who reads it, only
	// whether they may, so the author's read is billing's.
	plan *goldthread.Plan
}

// pendingUnits counts what a billing run has passed as ready, per
// authorization and per day (service dates and fiscal-year starts), so
// the next services of the same run see them as used.
type pendingUnits struct {
	auth map[int64]int
	day  map[string]int
}

func newPendingUnits() *pendingUnits {
	return &pendingUnits{auth: map[int64]int{}, day: map[string]int{}}
}

func (p *pendingUnits) authUnits(id int64) int {
	if p == nil {
		return 0
	}
	return p.auth[id]
}

func (p *pendingUnits) dayUnits(key string) int {
	if p == nil {
		return 0
	}
	return p.day[key]
}

// checkedAuthorization is the authorization the check picked for the
// service, which the claim line then draws its units from.
type checkedAuthorization struct {
	id     int64
	number string
}

// noteCheckInput builds the compliance engine's Input for note n. It is
// the only builder: signing (signingProblems), the findings a screen shows
// (NoteFindings, "run again now"), and billing (the scrubber) all call it,
// so each of them is told the same facts: the plan in force, the service
// order, the authorization, the author's credentials, the supervisor's
// approval of the current content, the units already billed, the history
// for overlaps and copies, the payer's holidays, and the time of the
// signature. Instants go to the engine on the agency's clocks, so "today",
// business days and the times its messages quote are the agency's. A
// draft is checked as if signed now; a signed note as of its signature.
func noteCheckInput(ctx context.Context, tx *Tx, n goldthread.Note, cc checkContext) (rules.Input, checkedAuthorization, error) {
	var auth checkedAuthorization
	pack := cc.pack
	zone, err := cc.facts.zone(ctx, tx, n.AgencyID, n.ProgramID)
	if err != nil {
		return rules.Input{}, auth, err
	}
	in := rules.Input{Pack: pack, Now: tx.now.In(zone), Noncovered: noncoveredPhrases(n, pack, cc.lexicon), Note: rules.Note{
		ID: strconv.FormatInt(n.ID, 10), ParticipantID: strconv.FormatInt(n.ParticipantID, 10), AuthorID: strconv.FormatInt(n.AuthorID, 10),
		PackID: pack.ID, ServiceDate: n.ServiceDate.Time, Start: n.Start.In(zone), End: n.End.In(zone), Location: rules.Location(n.Location),
		Modality: rules.Modality(n.Modality), Category: n.Category, Collateral: n.Kind == goldthread.NoteCollateral,
		SingleEventReason: n.SingleEventReason, PeerAction: n.PeerAction, ParticipantResponse: n.ParticipantResponse,
		NextSteps: n.NextSteps, Billable: n.Billable, NonBillableReason: n.NonBillableReason, LateEntryReason: n.LateEntryReason,
		Crisis: n.Crisis,
	}}
	in.Holidays = payerHolidays(pack)
	for _, g := range n.Goals {
		in.Note.GoalIDs = append(in.Note.GoalIDs, strconv.FormatInt(g.GoalID, 10))
		if g.InterventionID != 0 {
			in.Note.InterventionIDs = append(in.Note.InterventionIDs, strconv.FormatInt(g.InterventionID, 10))
		}
	}
	if err := planInput(ctx, tx, n, zone, cc, &in); err != nil {
		return in, auth, err
	}
	if n.Status == goldthread.NoteSigned {
		st, err := cc.facts.signedState(ctx, tx, n)
		if err != nil {
			return in, auth, err
		}
		if st.signedAt.Valid {
			in.Note.SignedAt = st.signedAt.Time.In(zone)
		}
		// Approval of the content as it now reads (an addendum after the
		// approval asks for a new one).
		in.SupervisorApproved = st.approved
	}
	if in.Enrolments, err = cc.facts.enrolments(ctx, tx, n); err != nil {
		return in, auth, err
	}
	orders, err := cc.facts.orders(ctx, tx, n)
	if err != nil {
		return in, auth, err
	}
	in.ServiceOrderDate = orderOn(orders, n.ServiceDate)
	if auth, err = authorizationInput(ctx, tx, n, cc, &in); err != nil {
		return in, auth, err
	}
	if err := credentialInput(ctx, tx, n, cc.facts, &in); err != nil {
		return in, auth, err
	}
	if err := unitsBilledInput(ctx, tx, n, cc, &in); err != nil {
		return in, auth, err
	}
	if err := historyInput(ctx, tx, n, zone, cc, &in); err != nil {
		return in, auth, err
	}
	// The author's active caseload, against the effective pack's ratio
	// (the agency's rule override of it included).
	if in.AuthorCaseload, err = cc.facts.caseload(ctx, tx, n.AgencyID, n.AuthorID); err != nil {
		return in, auth, err
	}
	return in, auth, nil
}

// planInput passes the plan in force on the service date, read as billing
// reads it (every participant of the agency) so the answer does not depend
// on who asks.
func planInput(ctx context.Context, tx *Tx, n goldthread.Note, zone *time.Location, cc checkContext, in *rules.Input) error {
	var plan goldthread.Plan
	if cc.plan != nil {
		plan = *cc.plan
	} else {
		var err error
		plan, err = cc.facts.planInForce(ctx, tx, planReader(n.AgencyID), n)
		switch goldthread.ErrorKind(err) {
		case "":
		case goldthread.ENOTFOUND, goldthread.EFORBIDDEN:
			return nil
		default:
			return err
		}
	}
	rp := &rules.Plan{ID: strconv.FormatInt(plan.ID, 10), ReviewedOn: plan.Signed.In(zone), SignedOn: plan.Signed.In(zone),
		HasCrisisPlan: plan.Crisis != nil}
	for _, g := range plan.Goals {
		pg := rules.PlanGoal{ID: strconv.FormatInt(g.ID, 10)}
		for _, iv := range g.Interventions {
			pg.InterventionIDs = append(pg.InterventionIDs, strconv.FormatInt(iv.ID, 10))
		}
		rp.Goals = append(rp.Goals, pg)
	}
	in.Plan = rp
	return nil
}

// planReader is who reads the plan in force for a check: an internal
// billing reader, who reaches every participant of the agency.
func planReader(agencyID int64) goldthread.Actor {
	return goldthread.Actor{UserID: -1, AgencyID: agencyID, Roles: []goldthread.Role{goldthread.RoleBilling}}
}

// enrolmentSpansOf are the enrolments in a program of each participant of
// pids, earliest first (listsByParticipant).
func enrolmentSpansOf(ctx context.Context, tx *Tx, pids []int64, programID int64) (map[int64][]rules.Span, error) {
	in, args := idIn("participant_id", pids)
	out, err := listsByParticipant(ctx, tx, `SELECT participant_id, start_date, end_date FROM enrollment WHERE `+in+` AND program_id = ?
		ORDER BY participant_id, start_date`, append(args, programID), func(r scanner, pid *int64, span *rules.Span) error {
		var from, to goldthread.Date
		if err := r.Scan(pid, &from, &to); err != nil {
			return err
		}
		*span = rules.Span{From: from.Time, To: to.Time}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store.enrolmentSpans: %w", err)
	}
	return out, nil
}

// enrolmentSpans are the participant's enrolments in a program, for the
// enrolment rule (never nil: none is a finding too).
func enrolmentSpans(ctx context.Context, tx *Tx, participantID, programID int64) ([]rules.Span, error) {
	m, err := enrolmentSpansOf(ctx, tx, []int64{participantID}, programID)
	if err != nil {
		return nil, err
	}
	if m[participantID] == nil {
		return []rules.Span{}, nil
	}
	return m[participantID], nil
}

// authorizationInput picks the authorization a service draws on, by one
// rule, for signing and billing alike: among those whose dates cover the
// service date, the first with units left (counting what this billing run
// has already passed), earliest ending first, then the earliest made. Using
// up the authorization that lapses first wastes the fewest authorized
// units; a later one is still there for later services. When none covering
// the date has units left, the earliest ending is passed anyway, so the
// engine says its units are used up rather than that there is none.
func authorizationInput(ctx context.Context, tx *Tx, n goldthread.Note, cc checkContext, in *rules.Input) (checkedAuthorization, error) {
	rows, err := cc.facts.authorizations(ctx, tx, n)
	if err != nil {
		return checkedAuthorization{}, err
	}
	var all []authorizationRow
	for _, a := range rows {
		if !a.from.After(n.ServiceDate.Time) && !a.to.Before(n.ServiceDate.Time) {
			a.used += cc.pending.authUnits(a.id)
			all = append(all, a)
		}
	}
	if len(all) == 0 {
		return checkedAuthorization{}, nil
	}
	pick := all[0]
	for _, a := range all {
		if a.used < a.authorized {
			pick = a
			break
		}
	}
	in.Authorization = &rules.Authorization{ID: pick.number, From: pick.from.Time, To: pick.to.Time,
		UnitsAuthorized: pick.authorized, UnitsUsed: pick.used}
	return checkedAuthorization{id: pick.id, number: pick.number}, nil
}

// credentialInput passes the author's credential records in the agency
// (not revoked), so the engine judges them on the service date. Whether a
// record is verified is billing's own check (RuleClaimCredential). With no
// record on file, the credential written on the account stands in (agencies
// that do not keep the registry yet); its dates are unknown, so the engine
// checks the type only.
func credentialInput(ctx context.Context, tx *Tx, n goldthread.Note, facts *runFacts, in *rules.Input) error {
	all, err := facts.credentials(ctx, tx, n.AgencyID, n.AuthorID)
	if err != nil {
		return err
	}
	for _, c := range all {
		if !c.Revoked {
			in.Credentials = append(in.Credentials, rules.HeldCredential{Type: c.Type, Issued: c.Issued.Time, Expires: c.Expires.Time})
		}
	}
	if len(in.Credentials) > 0 {
		return nil
	}
	cred, err := facts.letters(ctx, tx, n.AuthorID)
	if err != nil {
		return err
	}
	for _, c := range strings.Split(cred, ",") {
		if c = strings.TrimSpace(c); c != "" {
			in.Credentials = append(in.Credentials, rules.HeldCredential{Type: c})
		}
	}
	return nil
}

// fiscalYearStart returns the first day of the pack's fiscal year holding d.
func fiscalYearStart(pack *rules.Pack, d goldthread.Date) goldthread.Date {
	m := pack.Caps.FiscalYearStartMonth.Value
	if m < 1 || m > 12 {
		m = 1
	}
	y := d.Year()
	if int(d.Month()) < m {
		y--
	}
	return goldthread.NewDate(y, time.Month(m), 1)
}

// unitsBilledInput counts the units already claimed for the participant in
// the program on the service date and in its fiscal year (voids excluded,
// this note excluded), plus what this billing run has passed.
func unitsBilledInput(ctx context.Context, tx *Tx, n goldthread.Note, cc checkContext, in *rules.Input) error {
	day, year := 0, 0
	fy := fiscalYearStart(in.Pack, n.ServiceDate)
	end := fy.AddDate(1, 0, -1)
	rows, err := cc.facts.claimed(ctx, tx, n, in.Pack)
	if err != nil {
		return err
	}
	for _, u := range rows {
		if u.note == n.ID || u.day.Before(fy.Time) || u.day.After(end) {
			continue
		}
		year += u.units
		if u.day.Equal(n.ServiceDate.Time) {
			day += u.units
		}
	}
	in.UnitsBilledToday = day + cc.pending.dayUnits(n.ServiceDate.String())
	in.UnitsBilledThisYear = year + cc.pending.dayUnits(fy.String())
	return nil
}

// historyInput passes the signed notes of the same author or participant that
// overlap the service, and their recent notes with text for copied-narrative
// checks; a group note also gets its session and the number present. A
// billing run passes the history it read once for the participant (hb);
// everything else, nil, and the notes are read for this one note. Either
// way the list is merged here, so both give the engine the same history;
// a billing run hands the engine one history per author and participant
// instead (historyBatch.sharedHistory), which judges each note as its own
// would.
// A signature passes the history it read before its write transaction
// (cc.read), used when no note of the author or the participant was signed
// since and the draft is unchanged, re-read otherwise.
func historyInput(ctx context.Context, tx *Tx, n goldthread.Note, zone *time.Location, cc checkContext, in *rules.Input) error {
	var hist []rules.HistoryNote
	var shared *rules.History // a billing run's, built once per author and participant
	fits, err := cc.read.fits(ctx, tx, n)
	switch {
	case err != nil:
		return err
	case fits:
		hist = slices.Clone(cc.read.notes)
		zoned(hist, zone)
	default:
		if shared, err = cc.history.sharedHistory(ctx, tx, n, zone); err != nil {
			return err
		}
		if shared != nil {
			break
		}
		if hist, err = historyNotes(ctx, tx, n, zone, cc.history); err != nil {
			return err
		}
	}
	if n.Kind == goldthread.NoteGroup {
		in.Note.Group = true
		var session int64
		if err := tx.QueryRow(ctx, `SELECT COUNT(*), COALESCE(MAX(s.group_session_id), 0) FROM group_attendee a JOIN service_note s ON s.group_session_id = a.session_id
			WHERE s.id = ? AND a.present = ?`, n.ID, true).Scan(&in.Note.GroupSize, &session); err != nil {
			return fmt.Errorf("store.historyInput: %w", err)
		}
		in.Note.GroupSession = strconv.FormatInt(session, 10)
	}
	if in.History = shared; shared == nil {
		in.History = rules.NewHistory(hist)
	}
	return nil
}

// historyNotes are the notes historyInput indexes: those overlapping n,
// then the recent ones, each once, on the program's clock.
func historyNotes(ctx context.Context, tx *Tx, n goldthread.Note, zone *time.Location, hb *historyBatch) ([]rules.HistoryNote, error) {
	hist, err := historyList(ctx, tx, n, hb)
	if err != nil {
		return nil, err
	}
	zoned(hist, zone)
	return hist, nil
}

// zoned puts the notes' times on the program's clock.
func zoned(hist []rules.HistoryNote, zone *time.Location) {
	for i := range hist {
		hist[i].Start, hist[i].End = hist[i].Start.In(zone), hist[i].End.In(zone)
	}
}

// historyList is historyNotes as read, times as the database gives them.
func historyList(ctx context.Context, tx *Tx, n goldthread.Note, hb *historyBatch) ([]rules.HistoryNote, error) {
	hist, err := hb.overlapping(ctx, tx, n)
	if err != nil {
		return nil, err
	}
	recent, err := hb.recent(ctx, tx, n)
	if err != nil {
		return nil, err
	}
	seen := map[string]int{}
	for i, h := range hist {
		seen[h.ID] = i
	}
	for _, h := range recent {
		if i, ok := seen[h.ID]; ok {
			hist[i].Narrative, hist[i].Text = h.Narrative, h.Text
			continue
		}
		hist = append(hist, h)
	}
	return hist, nil
}

// overlapColumns are what the overlap rule reads of a signed note
// (scanOverlap).
const overlapColumns = "id, author_id, participant_id, start_at, end_at, kind, billable, COALESCE(group_session_id, 0)"

// overlapsSQL reads the signed notes of an author or a participant but one
// that start within a window and end after a time.
const overlapsSQL = `SELECT ` + overlapColumns + ` FROM service_note
	WHERE status = ? AND id <> ? AND (author_id = ? OR participant_id = ?) AND start_at < ? AND start_at > ? AND end_at > ?
	ORDER BY start_at, id`

// overlapsOf reads the signed notes of the same author or participant
// that overlap n. A signed service lasts at most maxNoteMinutes, so one
// that overlaps this one started less than that before it: the bound lets
// the author's index stop there instead of reading every earlier note.
func overlapsOf(ctx context.Context, tx *Tx, n goldthread.Note) ([]rules.HistoryNote, error) {
	var out []rules.HistoryNote
	err := scanAll(ctx, tx, overlapsSQL, []any{goldthread.NoteSigned, n.ID, n.AuthorID, n.ParticipantID, n.End, n.Start.Add(-maxNoteMinutes * time.Minute), n.Start},
		func(r scanner) error {
			h, err := scanOverlap(r)
			out = append(out, h)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("store.historyInput: %w", err)
	}
	return out, nil
}

func scanOverlap(r scanner) (rules.HistoryNote, error) {
	var id, author, participant, session int64
	var h rules.HistoryNote
	var kind string
	if err := r.Scan(&id, &author, &participant, &h.Start, &h.End, &kind, &h.Billable, &session); err != nil {
		return h, err
	}
	h.ID, h.AuthorID, h.ParticipantID = strconv.FormatInt(id, 10), strconv.FormatInt(author, 10), strconv.FormatInt(participant, 10)
	h.Group = kind == goldthread.NoteGroup
	if session != 0 {
		h.GroupSession = strconv.FormatInt(session, 10)
	}
	return h, nil
}

// recentHistory is how many recent notes of the same author or
// participant the copied-narrative check compares a note with.
const recentHistory = 200

// recentColumns are what the copied-narrative rule reads of a signed note
// (scanRecent): its stored text signature, or, for a note signed before
// signatures were stored, its text.
const recentColumns = `n.id, n.author_id, n.participant_id, n.start_at, n.end_at, n.kind, n.billable,
	COALESCE(t.signature, ''), CASE WHEN t.signature IS NULL THEN n.peer_action ELSE '' END,
	CASE WHEN t.signature IS NULL THEN n.participant_response ELSE '' END, CASE WHEN t.signature IS NULL THEN n.next_steps ELSE '' END`

// recentOf reads the recent notes of the same author or participant, with
// their text signatures, so the engine can spot a narrative copied from
// an earlier note. Each side is read newest first through its own index
// and cut at recentHistory+1 (one may be this note), so the newest of
// either are all there without sorting everything the author ever signed.
// Ties in time go by id, so the cut is the same however the notes are
// read. The ids come from the two indexes alone; the rest of each note,
// and its signature, is kept by id or read by id (withHistoryRows).
func recentOf(ctx context.Context, tx *Tx, n goldthread.Note) ([]rules.HistoryNote, error) {
	var ids []int64
	err := scanAll(ctx, tx, recentIDsSQL, []any{n.AuthorID, goldthread.NoteSigned, n.ParticipantID, goldthread.NoteSigned, n.ID},
		func(r scanner) error {
			var id int64
			if err := r.Scan(&id); err != nil {
				return err
			}
			ids = append(ids, id)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("store.historyInput: %w", err)
	}
	return withHistoryRows(ctx, tx, ids)
}

// recentIDsSQL reads the ids of the recentHistory newest signed notes of
// an author or a participant, but one note, newest first, from the
// indexes alone (service_note_author, service_note_participant_signed).
var recentIDsSQL = `SELECT id FROM (
		SELECT id, start_at FROM (SELECT id, start_at FROM service_note WHERE author_id = ? AND status = ? AND start_at IS NOT NULL
			ORDER BY start_at DESC, id DESC LIMIT ` + strconv.Itoa(recentHistory+1) + `) a
		UNION SELECT id, start_at FROM (SELECT id, start_at FROM service_note WHERE participant_id = ? AND status = ? AND start_at IS NOT NULL
			ORDER BY start_at DESC, id DESC LIMIT ` + strconv.Itoa(recentHistory+1) + `) p) r
	WHERE id <> ? ORDER BY start_at DESC, id DESC LIMIT ` + strconv.Itoa(recentHistory)

// historyRowsByID reads signed notes as scanRecent does, by id,
// signatureChunk at a time (unused places hold 0, never a note's id).
var historyRowsByID = `SELECT ` + recentColumns + ` FROM service_note n LEFT JOIN note_text_signature t ON t.note_id = n.id
	WHERE n.status = ? AND n.id IN ` + inList(signatureChunk)

// withHistoryRows returns the signed notes with the given ids, in that
// order, as scanRecent reads them: each note's row from historyRows and its text
// signature from textSignatures when both are kept, or else read (with
// its text when it has no stored signature). What a read transaction reads
// is kept: a write transaction may see notes it signed itself and may
// still roll back.
func withHistoryRows(ctx context.Context, tx *Tx, ids []int64) ([]rules.HistoryNote, error) {
	rows, sigs := &tx.db.historyRows, &tx.db.textSigs
	out := make([]rules.HistoryNote, len(ids))
	at := map[int64]int{}
	var missing []any
	for i, id := range ids {
		if h, ok := rows.get(id); ok {
			if h.Text, ok = sigs.get(id); ok {
				out[i] = h
				continue
			}
		}
		at[id] = i
		missing = append(missing, id)
	}
	for len(missing) > 0 {
		chunk := missing[:min(len(missing), signatureChunk)]
		missing = missing[len(chunk):]
		args := append([]any{goldthread.NoteSigned}, chunk...)
		for len(args) < 1+signatureChunk {
			args = append(args, int64(0))
		}
		err := scanAll(ctx, tx, historyRowsByID, args, func(r scanner) error {
			h, err := scanRecent(r)
			if err != nil {
				return err
			}
			id, _ := strconv.ParseInt(h.ID, 10, 64)
			if tx.reads {
				row := h
				row.Text, row.Narrative = nil, ""
				rows.put(id, row)
				if h.Text != nil {
					sigs.put(id, h.Text)
				}
			}
			out[at[id]] = h
			delete(at, id)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("store.withHistoryRows: %w", err)
		}
	}
	if len(at) > 0 { // a signed note is never deleted nor unsigned
		return nil, fmt.Errorf("store.withHistoryRows: %d signed notes not found", len(at))
	}
	return out, nil
}

func scanRecent(r scanner) (rules.HistoryNote, error) {
	var id, author, participant int64
	var h rules.HistoryNote
	var kind, stored, action, response, next string
	if err := r.Scan(&id, &author, &participant, &h.Start, &h.End, &kind, &h.Billable, &stored, &action, &response, &next); err != nil {
		return h, err
	}
	h.ID, h.AuthorID, h.ParticipantID = strconv.FormatInt(id, 10), strconv.FormatInt(author, 10), strconv.FormatInt(participant, 10)
	h.Group = kind == goldthread.NoteGroup
	if ts, err := rules.DecodeTextSignature(stored); stored != "" && err == nil {
		h.Text = &ts
	} else {
		h.Narrative = rules.CloneText(rules.Note{Group: h.Group, PeerAction: action, ParticipantResponse: response, NextSteps: next})
	}
	return h, nil
}

// payerHolidays is the pack's holiday calendar as the engine reads it
// (nil when the pack has none: weekends only).
func payerHolidays(pack *rules.Pack) rules.HolidayFunc {
	if pack == nil || pack.Timeliness.Holidays == nil {
		return nil
	}
	return pack.Holiday
}

// noteTextSignature is the text signature of note n for the cloned-text
// check (rules.CloneText: a group note's own part only).
func noteTextSignature(n goldthread.Note) rules.TextSignature {
	return rules.NewTextSignature(rules.CloneText(rules.Note{Group: n.Kind == goldthread.NoteGroup, PeerAction: n.PeerAction,
		ParticipantResponse: n.ParticipantResponse, NextSteps: n.NextSteps}))
}
