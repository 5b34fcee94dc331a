package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// AuditHead returns the sequence number and hash of the newest audit
// event (0 and "" before the first), the values a checkpoint seals.
func (db *DB) AuditHead(ctx context.Context) (int64, string, error) {
	var seq int64
	var hash string
	if err := db.readRow(ctx, "SELECT last_seq, last_hash FROM audit_head WHERE id = 1", nil, &seq, &hash); err != nil {
		return 0, "", fmt.Errorf("store.AuditHead: %w", err)
	}
	return seq, hash, nil
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
