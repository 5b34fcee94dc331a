package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
)

// Audit records ev in the audit trail of tx, so the event commits or
// rolls back with the change it records. The event is chained (Seq,
// PrevHash, Hash) when the transaction commits (appendAudit): the head of
// the chain is one row every writer moves, and on PostgreSQL its row lock
// is held from the moment it is moved until commit, so moving it last
// keeps every other writer waiting for one commit, not for a whole
// transaction's queries.
func (tx *Tx) Audit(ctx context.Context, ev goldthread.AuditEvent) error {
	ev.At = tx.now
	tx.audit = append(tx.audit, ev)
	return nil
}

// appendAudit chains and inserts the events of tx, in the order they were
// recorded, just before it commits. The head row is updated first: on
// PostgreSQL that row lock orders concurrent writers; on SQLite the single
// writer already does.
func (tx *Tx) appendAudit(ctx context.Context) error {
	if len(tx.audit) == 0 {
		return nil
	}
	start := time.Now()
	defer func() { observeAuditAppend(time.Since(start)) }()
	n := int64(len(tx.audit))
	if _, err := tx.Exec(ctx, "UPDATE audit_head SET last_seq = last_seq + ? WHERE id = 1", n); err != nil {
		return fmt.Errorf("store.Audit: %w", err)
	}
	var lastSeq int64
	var lastHash string
	if err := tx.QueryRow(ctx, "SELECT last_seq, last_hash FROM audit_head WHERE id = 1").Scan(&lastSeq, &lastHash); err != nil {
		return fmt.Errorf("store.Audit: %w", err)
	}
	for i, ev := range tx.audit {
		ev.Seq = lastSeq - n + 1 + int64(i)
		ev.PrevHash = lastHash
		ev.Hash = AuditHash(ev)
		_, err := tx.Exec(ctx, `INSERT INTO audit_event
		(seq, at, agency_id, actor_id, actor_role, action, record_type, record_id, participant_id, ip, outcome, detail, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			ev.Seq, ev.At, nullID(ev.AgencyID), nullID(ev.ActorID), string(ev.ActorRole), ev.Action, ev.RecordType,
			nullID(ev.RecordID), nullID(ev.ParticipantID), ev.IP, ev.Outcome, ev.Detail, ev.PrevHash, ev.Hash)
		if err != nil {
			return fmt.Errorf("store.Audit: %w", err)
		}
		lastHash = ev.Hash
	}
	if _, err := tx.Exec(ctx, "UPDATE audit_head SET last_hash = ? WHERE id = 1", lastHash); err != nil {
		return fmt.Errorf("store.Audit: %w", err)
	}
	tx.audit = nil
	return nil
}

// AuditHash is the chain hash of ev: SHA-256 over the previous hash and a
// canonical, unambiguous encoding of every field (lengths prefix strings, so
// no two different events encode alike).
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
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// AuditBreak describes the first event where the chain does not hold.
type AuditBreak struct {
	Seq    int64
	Reason string
}

// VerifyAudit walks the whole audit trail in order and recomputes the chain.
// It returns the number of events checked and, when the chain is broken
// (a row altered, deleted, inserted or reordered), the first broken event.
func (db *DB) VerifyAudit(ctx context.Context) (int64, *AuditBreak, error) {
	var n, wantSeq int64 = 0, 1
	prev := ""
	var brk *AuditBreak
	err := db.readRows(ctx, `SELECT seq, at, agency_id, actor_id, actor_role, action, record_type,
		record_id, participant_id, ip, outcome, detail, prev_hash, hash FROM audit_event ORDER BY seq`, nil, func(r scanner) error {
		ev, err := scanAudit(r)
		if err != nil {
			return err
		}
		n++
		switch {
		case ev.Seq != wantSeq:
			brk = &AuditBreak{Seq: ev.Seq, Reason: fmt.Sprintf("expected event %d here: an event is missing or out of order", wantSeq)}
		case ev.PrevHash != prev:
			brk = &AuditBreak{Seq: ev.Seq, Reason: "its link to the previous event does not match"}
		case AuditHash(ev) != ev.Hash:
			brk = &AuditBreak{Seq: ev.Seq, Reason: "its content does not match its hash: the row was altered"}
		default:
			prev = ev.Hash
			wantSeq++
			return nil
		}
		return errStopRows
	})
	if brk != nil {
		return n, brk, nil
	}
	if err != nil {
		return n, nil, fmt.Errorf("store.VerifyAudit: %w", err)
	}
	var headSeq int64
	var headHash string
	err = db.readRow(ctx, "SELECT last_seq, last_hash FROM audit_head WHERE id = 1", nil, &headSeq, &headHash)
	if errors.Is(err, sql.ErrNoRows) {
		// The head counts the events ever written; without it a deletion
		// of the newest events cannot be told from their absence.
		return n, &AuditBreak{Seq: wantSeq, Reason: fmt.Sprintf("the trail's head row (how many events were written) is missing after event %d: it was deleted, so deleted latest events cannot be ruled out", wantSeq-1)}, nil
	}
	if err != nil {
		return n, nil, fmt.Errorf("store.VerifyAudit: %w", err)
	}
	if headSeq != wantSeq-1 || headHash != prev {
		return n, &AuditBreak{Seq: wantSeq, Reason: fmt.Sprintf("the trail ends at event %d but %d events were written: the latest events were deleted", wantSeq-1, headSeq)}, nil
	}
	return n, nil, nil
}

type scanner interface{ Scan(dest ...any) error }

func scanAudit(r scanner) (goldthread.AuditEvent, error) {
	var ev goldthread.AuditEvent
	var agency, actor, record, participant sql.NullInt64
	var role string
	err := r.Scan(&ev.Seq, &ev.At, &agency, &actor, &role, &ev.Action, &ev.RecordType, &record, &participant,
		&ev.IP, &ev.Outcome, &ev.Detail, &ev.PrevHash, &ev.Hash)
	ev.At = ev.At.UTC()
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
	q := `SELECT seq, at, agency_id, actor_id, actor_role, action, record_type, record_id, participant_id,
		ip, outcome, detail, prev_hash, hash FROM audit_event WHERE agency_id = ?`
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
	marks := strings.Repeat("?, ", len(ids))
	args := []any{actor.AgencyID}
	for _, id := range ids {
		args = append(args, id)
	}
	err := db.ReadTx(ctx, func(tx *Tx) error {
		return scanAll(ctx, tx, "SELECT id, first_name, preferred_name, last_name FROM participant WHERE agency_id = ? AND id IN ("+
			marks[:len(marks)-2]+")", args, func(r scanner) error {
			var p goldthread.Participant
			err := r.Scan(&p.ID, &p.FirstName, &p.PreferredName, &p.LastName)
			out[p.ID] = p.DisplayName()
			return err
		})
	})
	return out, err
}
