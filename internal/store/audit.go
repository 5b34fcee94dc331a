package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
)

// Audit records ev in the audit trail of tx, so the event commits or
// rolls back with the change it records. The event is chained (Seq,
// ChainSeq, PrevHash, Hash) when the transaction commits (appendAudit),
// onto the chain of its agency (the system chain when it has none): each
// chain's head is one row that only its agency's writers move, and on
// PostgreSQL its row lock is held from the moment it is moved until
// commit, so moving it last keeps the agency's other writers waiting for
// one commit, not for a whole transaction's queries, and other agencies'
// writers not at all.
func (tx *Tx) Audit(ctx context.Context, ev goldthread.AuditEvent) error {
	ev.At = tx.now
	tx.audit = append(tx.audit, ev)
	return nil
}

// auditInsertRows is how many events one INSERT carries: a bulk
// transaction (the seed's) records thousands, past SQLite's limit of
// placeholders in one statement.
const auditInsertRows = 100

// appendAudit chains and inserts the events of tx, in the order they were
// recorded, just before it commits. The head row of each chain the events
// belong to is moved first, in ascending agency order (so two transactions
// that touch the same two chains never wait on each other in a cycle): on
// PostgreSQL that row lock orders the concurrent writers of one agency
// while other agencies' writers go on; on SQLite the single writer already
// orders everyone. A chain's first event links to the head of the legacy
// segment (audit_head, the one chain of the events written before the
// chains were split, migration 0130), so that trail stays bound under
// every new chain.
//
// Seq is taken after the heads are held, so within a chain Seq grows with
// ChainSeq (VerifyAudit checks it); on PostgreSQL it comes from a sequence,
// which hands numbers out without waiting and may leave a gap when a
// transaction rolls back.
func (tx *Tx) appendAudit(ctx context.Context) error {
	if len(tx.audit) == 0 {
		return nil
	}
	start := time.Now()
	defer func() { tx.db.observeAuditAppend(time.Since(start)) }()
	type head struct {
		n, next, lastEvent int64
		hash               string
	}
	heads := map[int64]*head{}
	for _, ev := range tx.audit {
		if heads[ev.AgencyID] == nil {
			heads[ev.AgencyID] = &head{}
		}
		heads[ev.AgencyID].n++
	}
	for _, chain := range slices.Sorted(maps.Keys(heads)) {
		h := heads[chain]
		var last int64
		err := tx.QueryRow(ctx, `INSERT INTO audit_chain (agency_id, last_seq, last_event, last_hash)
			VALUES (?, ?, 0, (SELECT last_hash FROM audit_head WHERE id = 1))
			ON CONFLICT (agency_id) DO UPDATE SET last_seq = audit_chain.last_seq + excluded.last_seq
			RETURNING last_seq, last_hash`, chain, h.n).Scan(&last, &h.hash)
		if err != nil {
			return fmt.Errorf("store.Audit: chain of agency %d: %w", chain, err)
		}
		h.next = last - h.n + 1
	}
	seqs, err := tx.auditSeqs(ctx, len(tx.audit))
	if err != nil {
		return fmt.Errorf("store.Audit: %w", err)
	}
	for i := range tx.audit {
		ev := &tx.audit[i]
		h := heads[ev.AgencyID]
		ev.Seq, ev.ChainSeq, ev.PrevHash = seqs[i], h.next, h.hash
		ev.Hash = AuditHash(*ev)
		h.next, h.hash, h.lastEvent = h.next+1, ev.Hash, ev.Seq
	}
	for rest := tx.audit; len(rest) > 0; {
		batch := rest[:min(len(rest), auditInsertRows)]
		rest = rest[len(batch):]
		q := `INSERT INTO audit_event
		(seq, chain_seq, at, agency_id, actor_id, actor_role, action, record_type, record_id, participant_id, ip, outcome, detail, prev_hash, hash)
		VALUES ` + values(len(batch), 15)
		args := make([]any, 0, 15*len(batch))
		for _, ev := range batch {
			args = append(args, ev.Seq, ev.ChainSeq, ev.At, nullID(ev.AgencyID), nullID(ev.ActorID), string(ev.ActorRole), ev.Action,
				ev.RecordType, nullID(ev.RecordID), nullID(ev.ParticipantID), ev.IP, ev.Outcome, ev.Detail, ev.PrevHash, ev.Hash)
		}
		if _, err := tx.Exec(ctx, q, args...); err != nil {
			return fmt.Errorf("store.Audit: %w", err)
		}
	}
	for chain, h := range heads {
		if _, err := tx.Exec(ctx, "UPDATE audit_chain SET last_hash = ?, last_event = ? WHERE agency_id = ?", h.hash, h.lastEvent, chain); err != nil {
			return fmt.Errorf("store.Audit: %w", err)
		}
	}
	tx.audit = nil
	return nil
}

// auditSeqs returns n new sequence numbers for events, ascending. On
// SQLite the one writer makes the next numbers after the highest safe to
// take; on PostgreSQL the sequence of migration 0130 hands them out.
func (tx *Tx) auditSeqs(ctx context.Context, n int) ([]int64, error) {
	seqs := make([]int64, 0, n)
	if tx.db.Engine != Postgres {
		var top int64
		if err := tx.QueryRow(ctx, "SELECT COALESCE(MAX(seq), 0) FROM audit_event").Scan(&top); err != nil {
			return nil, err
		}
		for i := range n {
			seqs = append(seqs, top+1+int64(i))
		}
		return seqs, nil
	}
	rows, err := tx.Query(ctx, "SELECT nextval('audit_event_seq') FROM generate_series(1, CAST(? AS INTEGER))", n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var seq int64
		if err := rows.Scan(&seq); err != nil {
			return nil, err
		}
		seqs = append(seqs, seq)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(seqs) != n {
		return nil, fmt.Errorf("%d sequence numbers for %d events", len(seqs), n)
	}
	slices.Sort(seqs)
	return seqs, nil
}

// AuditHash is the chain hash of ev: SHA-256 over the previous hash and a
// canonical, unambiguous encoding of every field (lengths prefix strings, so
// no two different events encode alike). A chained event (ChainSeq > 0)
// adds its place in its chain as a last field; a legacy event's encoding is
// what it was before chains were split, so its stored hash still holds,
// and having one field fewer it can never encode like a chained one. The
// chain itself is the agency, which the hash covers.
func AuditHash(ev goldthread.AuditEvent) string {
	var b strings.Builder
	field := func(s string) {
		b.WriteString(strconv.Itoa(len(s)))
		b.WriteByte(':')
		b.WriteString(s)
	}
	num := func(n int64) { field(strconv.FormatInt(n, 10)) }
	field(ev.PrevHash)
	num(ev.Seq)
	field(ev.At.UTC().Format(time.RFC3339Nano))
	num(ev.AgencyID)
	num(ev.ActorID)
	field(string(ev.ActorRole))
	field(ev.Action)
	field(ev.RecordType)
	num(ev.RecordID)
	num(ev.ParticipantID)
	field(ev.IP)
	field(ev.Outcome)
	field(ev.Detail)
	if ev.ChainSeq != 0 {
		num(ev.ChainSeq)
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// AuditBreak describes the first event where the trail does not hold.
type AuditBreak struct {
	Seq    int64
	Reason string
}

// auditCols are the columns of audit_event in the order scanAudit reads.
const auditCols = `seq, chain_seq, at, agency_id, actor_id, actor_role, action, record_type,
		record_id, participant_id, ip, outcome, detail, prev_hash, hash`

// chainName names an agency's chain for an operator.
func chainName(agencyID int64) string {
	if agencyID == 0 {
		return "the system chain"
	}
	return fmt.Sprintf("agency %d's chain", agencyID)
}

// VerifyAudit walks the whole audit trail once, in seq order, and
// recomputes every chain. It returns the number of events checked and,
// when the trail does not hold, the first break:
//
//   - the legacy segment (the events written before migration 0130, with no
//     chain place) must run 1, 2, … by seq, each linked to the one before,
//     and end where its head row (audit_head) says;
//   - every later event must have a place in the chain of its own agency
//     (the system chain when it has none), and each chain must run 1, 2, …
//     in seq order, its first event linked to the legacy head, each next
//     one to the one before, and end where its head row says;
//   - every event's hash must match its content.
//
// So an event altered, deleted, inserted, reordered or moved to another
// agency's chain is found, as is an event that belongs to no chain or a
// chain with events and no head, or a head with no events.
func (db *DB) VerifyAudit(ctx context.Context) (n int64, brk *AuditBreak, err error) {
	// One snapshot for the events and the heads, so writers committing
	// meanwhile (a checkpoint runs on a live trail) cannot make them
	// disagree.
	err = db.ReadTx(ctx, func(tx *Tx) error {
		n, brk, err = verifyAuditTx(ctx, tx)
		return err
	})
	return n, brk, err
}

// verifyAuditTx is VerifyAudit within tx, which must see the whole trail
// (the system scope): CopyDatabase runs it in its own transaction before
// committing a copy.
func verifyAuditTx(ctx context.Context, tx *Tx) (int64, *AuditBreak, error) {
	type chain struct {
		n, lastEvent int64
		hash         string
	}
	var n int64
	var brk *AuditBreak
	var legacySeq int64
	var legacyHash string
	chains := map[int64]*chain{}
	heads := map[int64]chain{}
	err := func() error {
		err := tx.QueryRow(ctx, "SELECT last_seq, last_hash FROM audit_head WHERE id = 1").Scan(&legacySeq, &legacyHash)
		if errors.Is(err, sql.ErrNoRows) {
			// The head counts the legacy events ever written and anchors
			// every chain; without it a deletion of the newest legacy
			// events cannot be told from their absence.
			brk = &AuditBreak{Seq: 1, Reason: "the trail's head row (how many events were written before the chains were split, the hash every chain starts from) is missing: it was deleted, so deleted events cannot be ruled out"}
			return nil
		}
		if err != nil {
			return err
		}
		var wantLegacy int64 = 1
		legacyPrev := ""
		legacyEnded := func(seq int64) *AuditBreak {
			if wantLegacy-1 == legacySeq && legacyPrev == legacyHash {
				return nil
			}
			return &AuditBreak{Seq: seq, Reason: fmt.Sprintf("the events before the chains were split end at event %d but %d were written: events of that segment were deleted", wantLegacy-1, legacySeq)}
		}
		check := func(ev goldthread.AuditEvent) *AuditBreak {
			if ev.ChainSeq == 0 {
				switch {
				case ev.Seq > legacySeq:
					return &AuditBreak{Seq: ev.Seq, Reason: fmt.Sprintf("it has no place in any chain, but the events before the chains were split end at event %d", legacySeq)}
				case ev.Seq != wantLegacy:
					return &AuditBreak{Seq: ev.Seq, Reason: fmt.Sprintf("expected event %d here: an event is missing or out of order", wantLegacy)}
				case ev.PrevHash != legacyPrev:
					return &AuditBreak{Seq: ev.Seq, Reason: "its link to the previous event does not match"}
				case AuditHash(ev) != ev.Hash:
					return &AuditBreak{Seq: ev.Seq, Reason: "its content does not match its hash: the row was altered"}
				}
				legacyPrev = ev.Hash
				wantLegacy++
				return nil
			}
			if ev.Seq <= legacySeq {
				return &AuditBreak{Seq: ev.Seq, Reason: fmt.Sprintf("it claims a place in %s among the events written before the chains were split", chainName(ev.AgencyID))}
			}
			if b := legacyEnded(ev.Seq); b != nil {
				return b
			}
			c := chains[ev.AgencyID]
			if c == nil {
				c = &chain{hash: legacyHash}
				chains[ev.AgencyID] = c
			}
			switch {
			case ev.ChainSeq != c.n+1:
				return &AuditBreak{Seq: ev.Seq, Reason: fmt.Sprintf("expected event %d of %s here, found its event %d: an event of that chain is missing, out of order, or was moved from another agency's chain", c.n+1, chainName(ev.AgencyID), ev.ChainSeq)}
			case ev.PrevHash != c.hash:
				return &AuditBreak{Seq: ev.Seq, Reason: fmt.Sprintf("its link to the previous event of %s does not match", chainName(ev.AgencyID))}
			case AuditHash(ev) != ev.Hash:
				return &AuditBreak{Seq: ev.Seq, Reason: "its content does not match its hash: the row was altered (or moved to another agency)"}
			}
			c.n, c.hash, c.lastEvent = ev.ChainSeq, ev.Hash, ev.Seq
			return nil
		}
		rows, err := tx.Query(ctx, "SELECT "+auditCols+" FROM audit_event ORDER BY seq")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			ev, err := scanAudit(rows)
			if err != nil {
				return err
			}
			n++
			if brk = check(ev); brk != nil {
				return nil
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if brk = legacyEnded(wantLegacy); brk != nil {
			return nil
		}
		return scanAll(ctx, tx, "SELECT agency_id, last_seq, last_event, last_hash FROM audit_chain", nil, func(r scanner) error {
			var agency int64
			var h chain
			err := r.Scan(&agency, &h.n, &h.lastEvent, &h.hash)
			heads[agency] = h
			return err
		})
	}()
	if err != nil {
		return n, nil, fmt.Errorf("store.VerifyAudit: %w", err)
	}
	if brk != nil {
		return n, brk, nil
	}
	// Each chain ends where its head says: the head counts the events
	// ever written to it, so deleting a chain's newest events shows here.
	for _, agency := range slices.Sorted(maps.Keys(heads)) {
		h, c := heads[agency], chains[agency]
		if c == nil {
			c = &chain{hash: legacyHash}
		}
		if h != *c {
			return n, &AuditBreak{Seq: c.lastEvent + 1, Reason: fmt.Sprintf("%s ends at its event %d (event %d) but %d were written: its latest events were deleted", chainName(agency), c.n, c.lastEvent, h.n)}, nil
		}
	}
	for _, agency := range slices.Sorted(maps.Keys(chains)) {
		if _, ok := heads[agency]; !ok {
			c := chains[agency]
			return n, &AuditBreak{Seq: c.lastEvent + 1, Reason: fmt.Sprintf("%s has %d events but no head row (how many were written): it was deleted, so deleted latest events cannot be ruled out", chainName(agency), c.n)}, nil
		}
	}
	return n, nil, nil
}

type scanner interface{ Scan(dest ...any) error }

func scanAudit(r scanner) (goldthread.AuditEvent, error) {
	var ev goldthread.AuditEvent
	var agency, actor, record, participant sql.NullInt64
	var role string
	var chainSeq sql.NullInt64
	err := r.Scan(&ev.Seq, &chainSeq, &ev.At, &agency, &actor, &role, &ev.Action, &ev.RecordType, &record, &participant,
		&ev.IP, &ev.Outcome, &ev.Detail, &ev.PrevHash, &ev.Hash)
	ev.At, ev.ChainSeq = ev.At.UTC(), chainSeq.Int64
	ev.AgencyID, ev.ActorID, ev.RecordID, ev.ParticipantID = agency.Int64, actor.Int64, record.Int64, participant.Int64
	ev.ActorRole = goldthread.Role(role)
	return ev, err
}

// AuditFilter narrows an audit listing. Zero fields do not filter.
type AuditFilter struct {
	ParticipantID int64
	ActorID       int64
	Action        string
	From, To      time.Time // events at or after From and before To
	Oldest        bool      // oldest first; newest first otherwise
	Limit         int       // at most 1000 per page; 0 means 200
	Offset        int
}

// canReadAudit: only auditors and administrators read the trail.
func canReadAudit(actor goldthread.Actor) error {
	if !goldthread.CanReadAudit(actor) {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "Only auditors and administrators can read the audit trail.")
	}
	return nil
}

func auditQuery(actor goldthread.Actor, f AuditFilter) (string, []any) {
	q := "SELECT " + auditCols + " FROM audit_event WHERE agency_id = ?"
	args := []any{actor.AgencyID}
	if f.ParticipantID != 0 {
		q += " AND participant_id = ?"
		args = append(args, f.ParticipantID)
	}
	if f.ActorID != 0 {
		q += " AND actor_id = ?"
		args = append(args, f.ActorID)
	}
	if f.Action != "" {
		q += " AND action = ?"
		args = append(args, f.Action)
	}
	if !f.From.IsZero() {
		q += " AND at >= ?"
		args = append(args, f.From.UTC())
	}
	if !f.To.IsZero() {
		q += " AND at < ?"
		args = append(args, f.To.UTC())
	}
	// By time first: the clock the events carry is what the report shows
	// (an event written in a transaction that began earlier may take a
	// later sequence number); seq breaks ties.
	if f.Oldest {
		q += " ORDER BY at, seq"
	} else {
		q += " ORDER BY at DESC, seq DESC"
	}
	return q, args
}

// AuditEvents lists one page of the agency's events that match f. Only an
// auditor or an administrator may read the trail; everyone else gets
// EFORBIDDEN. Reading the trail is itself audited.
func (db *DB) AuditEvents(ctx context.Context, actor goldthread.Actor, f AuditFilter) ([]goldthread.AuditEvent, error) {
	if err := canReadAudit(actor); err != nil {
		return nil, err
	}
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 200
	}
	q, args := auditQuery(actor, f)
	q += " LIMIT " + strconv.Itoa(limit) + " OFFSET " + strconv.Itoa(max(f.Offset, 0))
	var out []goldthread.AuditEvent
	err := db.WriteTx(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("store.AuditEvents: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			ev, err := scanAudit(rows)
			if err != nil {
				return fmt.Errorf("store.AuditEvents: %w", err)
			}
			out = append(out, ev)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionRead, "audit_trail", 0, f.ParticipantID)
		ev.Detail = fmt.Sprintf("results=%d", len(out))
		return tx.Audit(ctx, ev)
	})
	return out, err
}

// ExportAudit streams every event that matches f to each, oldest first
// unless f says otherwise, without holding them all in memory, and records
// the export in the trail first (an export is a disclosure).
func (db *DB) ExportAudit(ctx context.Context, actor goldthread.Actor, f AuditFilter, each func(goldthread.AuditEvent) error) error {
	if err := canReadAudit(actor); err != nil {
		return err
	}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		ev := auditFor(actor, goldthread.ActionExport, "audit_trail", 0, f.ParticipantID)
		ev.Detail = "format=csv"
		return tx.Audit(ctx, ev)
	})
	if err != nil {
		return err
	}
	q, args := auditQuery(actor, f)
	var eachErr error
	err = db.readRows(ctx, q, args, func(r scanner) error {
		ev, err := scanAudit(r)
		if err != nil {
			return err
		}
		if eachErr = each(ev); eachErr != nil {
			return errStopRows
		}
		return nil
	})
	if eachErr != nil {
		return eachErr
	}
	if err != nil {
		return fmt.Errorf("store.ExportAudit: %w", err)
	}
	return nil
}

// nullID stores 0 as NULL so "no participant" is not participant 0.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// AuditPeople names the people who appear in the agency's audit trail:
// every user of the agency (active or not, staff or participant
// account) by user id, with their name. Auditors and administrators only.
func (db *DB) AuditPeople(ctx context.Context, actor goldthread.Actor) (map[int64]string, error) {
	if err := canReadAudit(actor); err != nil {
		return nil, err
	}
	out := map[int64]string{}
	err := db.ReadTx(ctx, func(tx *Tx) error {
		return scanAll(ctx, tx, "SELECT id, name FROM app_user WHERE agency_id = ?", []any{actor.AgencyID}, func(r scanner) error {
			var id int64
			var name string
			err := r.Scan(&id, &name)
			out[id] = name
			return err
		})
	})
	return out, err
}

// AuditParticipantNames names the participants of ids (those of a page of
// the audit report) for the report, as screens show them. Auditors and
// administrators only; the page that shows them is itself audited.
func (db *DB) AuditParticipantNames(ctx context.Context, actor goldthread.Actor, ids []int64) (map[int64]string, error) {
	if err := canReadAudit(actor); err != nil {
		return nil, err
	}
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	args := appendIDs([]any{actor.AgencyID}, ids)
	err := db.ReadTx(ctx, func(tx *Tx) error {
		return scanAll(ctx, tx, "SELECT id, first_name, preferred_name, last_name FROM participant WHERE agency_id = ? AND id IN "+inList(len(ids)), args, func(r scanner) error {
			var p goldthread.Participant
			err := r.Scan(&p.ID, &p.FirstName, &p.PreferredName, &p.LastName)
			out[p.ID] = p.DisplayName()
			return err
		})
	})
	return out, err
}
