package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestSignatureHistoryReadsBothSidesByIndex: a signature's history reads
// (signedAround, overlapsOf, recentOf) reach the participant's signed notes
// as the author's, through an index on (participant, status, start)
// (migration 0197), not by reading every note of the participant from the
// table. SQLite's plan is shown whatever the table holds; PostgreSQL has
// the same index (TestSchemasAgree) and plans by its statistics.
func TestSignatureHistoryReadsBothSidesByIndex(t *testing.T) {
	db := storetest.OpenSQLite(t)
	for name, q := range store.SignatureHistorySQL {
		rows, err := db.QueryRaw(context.Background(), "EXPLAIN QUERY PLAN "+q, make([]any, strings.Count(q, "?"))...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
		all := strings.Join(plan, "\n")
		for _, d := range plan {
			if strings.Contains(d, "service_note") && (strings.HasPrefix(d, "SCAN service_note") || !strings.Contains(d, "INDEX service_note_")) {
				t.Errorf("%s reads service_note without an index:\n%s", name, all)
			}
		}
		if !strings.Contains(all, "service_note_participant_signed (participant_id=? AND status=?") {
			t.Errorf("%s does not reach the participant's signed notes by (participant, status):\n%s", name, all)
		}
	}
}
