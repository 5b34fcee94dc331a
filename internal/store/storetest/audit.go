package storetest

import (
	"context"
	"database/sql"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// RewriteAuditTrail does what someone with full write access to the
// database could: drop the append-only triggers, change the detail of
// event seq, and recompute every hash and link from there to the head of
// that event's chain (its agency's), so the chain holds again. Only a
// checkpoint kept elsewhere can tell. seq must be a chained event (one
// written after migration 0130).
func RewriteAuditTrail(tb testing.TB, db *store.DB, seq int64, detail string) {
	tb.Helper()
	ctx := context.Background()
	DropAuditTriggers(tb, db)
	var agency sql.NullInt64
	if err := db.QueryRowRaw(ctx, "SELECT agency_id FROM audit_event WHERE seq = ? AND chain_seq IS NOT NULL", seq).Scan(&agency); err != nil {
		tb.Fatalf("no chained audit event %d to rewrite: %v", seq, err)
	}
	rows, err := db.QueryRaw(ctx, `SELECT seq, chain_seq, at, agency_id, actor_id, actor_role, action, record_type, record_id, participant_id,
		ip, outcome, detail, prev_hash, hash FROM audit_event WHERE seq >= ? AND COALESCE(agency_id, 0) = ? ORDER BY seq`, seq, agency.Int64)
	if err != nil {
		tb.Fatal(err)
	}
	var evs []goldthread.AuditEvent
	for rows.Next() {
		var ev goldthread.AuditEvent
		var agency, actor, record, participant sql.NullInt64
		var role string
		if err := rows.Scan(&ev.Seq, &ev.ChainSeq, &ev.At, &agency, &actor, &role, &ev.Action, &ev.RecordType, &record, &participant,
			&ev.IP, &ev.Outcome, &ev.Detail, &ev.PrevHash, &ev.Hash); err != nil {
			tb.Fatal(err)
		}
		ev.At = ev.At.UTC()
		ev.AgencyID, ev.ActorID, ev.RecordID, ev.ParticipantID = agency.Int64, actor.Int64, record.Int64, participant.Int64
		ev.ActorRole = goldthread.Role(role)
		evs = append(evs, ev)
	}
	rows.Close()
	evs[0].Detail = detail
	prev := evs[0].PrevHash
	for _, ev := range evs {
		ev.PrevHash = prev
		ev.Hash = store.AuditHash(ev)
		if _, err := db.ExecRaw(ctx, "UPDATE audit_event SET detail = ?, prev_hash = ?, hash = ? WHERE seq = ?", ev.Detail, ev.PrevHash, ev.Hash, ev.Seq); err != nil {
			tb.Fatal(err)
		}
		prev = ev.Hash
	}
	if _, err := db.ExecRaw(ctx, "UPDATE audit_chain SET last_hash = ? WHERE agency_id = ?", prev, agency.Int64); err != nil {
		tb.Fatal(err)
	}
}

// DropAuditTriggers removes the triggers that keep audit_event append-only,
// as someone with full write access to the database could, so a test can
// tamper with the trail and check that verification names the break. Only
// db is touched: every test has a database (or schema) of its own. Dropping
// twice is no error, so each subtest that tampers can drop them itself.
func DropAuditTriggers(tb testing.TB, db *store.DB) {
	tb.Helper()
	drops := []string{"DROP TRIGGER IF EXISTS audit_event_no_update", "DROP TRIGGER IF EXISTS audit_event_no_delete"}
	if db.Engine == store.Postgres {
		// One trigger refuses both UPDATE and DELETE there.
		drops = []string{"DROP TRIGGER IF EXISTS audit_event_no_update ON audit_event"}
	}
	for _, q := range drops {
		if _, err := db.ExecRaw(context.Background(), q); err != nil {
			tb.Fatalf("%s: %v", q, err)
		}
	}
}
