package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// AuditHead returns the sequence number and hash of the newest audit
// event of the whole trail (0 and "" before the first).
func (db *DB) AuditHead(ctx context.Context) (int64, string, error) {
	var seq int64
	var hash string
	err := db.readRow(ctx, "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1", nil, &seq, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", nil
	}
	if err != nil {
		return 0, "", fmt.Errorf("store.AuditHead: %w", err)
	}
	return seq, hash, nil
}

// AuditChainHead is the newest event of one chain of the trail: the
// values a checkpoint seals.
type AuditChainHead struct {
	AgencyID int64 // 0: the system chain, or the legacy segment when Legacy
	Legacy   bool  // the one chain of the events written before chains were split
	Seq      int64
	Hash     string
}

// AuditHeads returns the newest event of every chain that has one: the
// legacy segment's first (when it holds events), then each agency's, the
// system chain's (agency 0) among them. Sealing them all seals the whole
// trail: every event is in exactly one chain, and each chain's newest
// event commits to all the events before it in that chain.
func (db *DB) AuditHeads(ctx context.Context) ([]AuditChainHead, error) {
	var out []AuditChainHead
	var legacy AuditChainHead
	if err := db.readRow(ctx, "SELECT last_seq, last_hash FROM audit_head WHERE id = 1", nil, &legacy.Seq, &legacy.Hash); err != nil {
		return nil, fmt.Errorf("store.AuditHeads: %w", err)
	}
	if legacy.Seq > 0 {
		legacy.Legacy = true
		out = append(out, legacy)
	}
	err := db.readRows(ctx, "SELECT agency_id, last_event, last_hash FROM audit_chain WHERE last_seq > 0 ORDER BY agency_id", nil, func(r scanner) error {
		var h AuditChainHead
		err := r.Scan(&h.AgencyID, &h.Seq, &h.Hash)
		out = append(out, h)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store.AuditHeads: %w", err)
	}
	return out, nil
}

// AuditHashAt returns the stored hash of audit event seq; false when there
// is no such event.
func (db *DB) AuditHashAt(ctx context.Context, seq int64) (string, bool, error) {
	var hash string
	err := db.readRow(ctx, "SELECT hash FROM audit_event WHERE seq = ?", []any{seq}, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("store.AuditHashAt: %w", err)
	}
	return hash, true, nil
}
