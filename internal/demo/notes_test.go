package demo

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestDemoNotes: the demo holds at least 200 notes over the last 90 days in
// all three programs, with drafts, late entries, addenda, collateral
// contacts and non-billable services among them.
func TestDemoNotes(t *testing.T) {
	db := storetest.OpenSQLite(t)
	today := Today(time.Now())
	if _, err := Load(context.Background(), db, today, cheap); err != nil {
		t.Fatal(err)
	}
	count := func(q string, args ...any) int {
		t.Helper()
		rows, err := db.QueryRaw(context.Background(), q, args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var n int
		rows.Next()
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for what, c := range map[string]struct {
		q    string
		min  int
		args []any
	}{
		"notes":            {"SELECT COUNT(*) FROM service_note WHERE service_date >= ?", 200, []any{today.AddDate(0, 0, -90).Format("2006-01-02")}},
		"programs":         {"SELECT COUNT(DISTINCT program_id) FROM service_note", 3, nil},
		"signed":           {"SELECT COUNT(*) FROM service_note WHERE status = 'signed'", 90, nil},
		"drafts":           {"SELECT COUNT(*) FROM service_note WHERE status = 'draft'", 5, nil},
		"late entries":     {"SELECT COUNT(*) FROM service_note WHERE signed_at > due_at AND late_entry_reason <> ''", 3, nil},
		"addenda":          {"SELECT COUNT(*) FROM note_addendum", 3, nil},
		"collateral":       {"SELECT COUNT(*) FROM service_note WHERE kind = 'collateral'", 5, nil},
		"non-billable":     {"SELECT COUNT(*) FROM service_note WHERE billable = ? AND non_billable_reason <> ''", 5, []any{false}},
		"signatures match": {"SELECT COUNT(*) FROM note_signature s JOIN service_note n ON n.id = s.note_id AND n.content_hash = s.content_hash", 90, nil},
	} {
		if got := count(c.q, c.args...); got < c.min {
			t.Errorf("%s: %d; want at least %d", what, got, c.min)
		}
	}
}
