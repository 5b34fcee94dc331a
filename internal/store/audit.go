package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
)

// Audit appends ev to the audit trail inside tx, so the event commits or
// rolls back with the change it records. It fills Seq, At, PrevHash and
// Hash. The head row is updated first: on PostgreSQL that row lock orders
// concurrent writers; on SQLite the single writer already does.
func (tx *Tx) Audit(ctx context.Context, ev goldthread.AuditEvent) error {
	if _, err := tx.Exec(ctx, "UPDATE audit_head SET last_seq = last_seq + 1 WHERE id = 1"); err != nil {
		return fmt.Errorf("store.Audit: %w", err)
	}
	var lastHash string
	if err := tx.QueryRow(ctx, "SELECT last_seq, last_hash FROM audit_head WHERE id = 1").Scan(&ev.Seq, &lastHash); err != nil {
		return fmt.Errorf("store.Audit: %w", err)
	}
	ev.At = tx.now
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
	if _, err := tx.Exec(ctx, "UPDATE audit_head SET last_hash = ? WHERE id = 1", ev.Hash); err != nil {
		return fmt.Errorf("store.Audit: %w", err)
	}
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
	rows, err := db.reader.QueryContext(ctx, `SELECT seq, at, agency_id, actor_id, actor_role, action, record_type,
		record_id, participant_id, ip, outcome, detail, prev_hash, hash FROM audit_event ORDER BY seq`)
	if err != nil {
		return 0, nil, fmt.Errorf("store.VerifyAudit: %w", err)
	}
	defer rows.Close()
	var n, wantSeq int64 = 0, 1
	prev := ""
	for rows.Next() {
		ev, err := scanAudit(rows)
		if err != nil {
			return n, nil, fmt.Errorf("store.VerifyAudit: %w", err)
		}
		n++
		switch {
		case ev.Seq != wantSeq:
			return n, &AuditBreak{Seq: ev.Seq, Reason: fmt.Sprintf("expected event %d here: an event is missing or out of order", wantSeq)}, nil
		case ev.PrevHash != prev:
			return n, &AuditBreak{Seq: ev.Seq, Reason: "its link to the previous event does not match"}, nil
		case AuditHash(ev) != ev.Hash:
			return n, &AuditBreak{Seq: ev.Seq, Reason: "its content does not match its hash: the row was altered"}, nil
		}
		prev = ev.Hash
		wantSeq++
	}
	if err := rows.Err(); err != nil {
		return n, nil, fmt.Errorf("store.VerifyAudit: %w", err)
	}
	var headSeq int64
	var headHash string
	if err := db.reader.QueryRowContext(ctx, "SELECT last_seq, last_hash FROM audit_head WHERE id = 1").Scan(&headSeq, &headHash); err != nil {
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

// AuditFilter narrows an audit listing.
type AuditFilter struct {
	ParticipantID int64
	ActorID       int64
	Action        string
	Limit         int
}

// AuditEvents lists events of the actor's agency, newest first. Only an
// auditor or an administrator may read the trail; everyone else gets
// EFORBIDDEN.
func (db *DB) AuditEvents(ctx context.Context, actor goldthread.Actor, f AuditFilter) ([]goldthread.AuditEvent, error) {
	if !actor.Has(goldthread.RoleAuditor) && !actor.Has(goldthread.RoleAdministrator) {
		return nil, goldthread.Errorf(goldthread.EFORBIDDEN, "Only auditors and administrators can read the audit trail.")
	}
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
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 200
	}
	q += " ORDER BY seq DESC LIMIT " + strconv.Itoa(limit)
	rows, err := db.reader.QueryContext(ctx, db.rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("store.AuditEvents: %w", err)
	}
	defer rows.Close()
	var out []goldthread.AuditEvent
	for rows.Next() {
		ev, err := scanAudit(rows)
		if err != nil {
			return nil, fmt.Errorf("store.AuditEvents: %w", err)
		}
		out = append(out, ev)
	}
	return out, rows.Err()
}

// nullID stores 0 as NULL so "no participant" is not participant 0.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
