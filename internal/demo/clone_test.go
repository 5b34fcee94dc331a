package demo

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestDemoClonesAreFew: a copied-narrative finding is a signal only if it
// is rare; the demo's notes are written apart, so few carry one.
func TestDemoClonesAreFew(t *testing.T) {
	db := storetest.OpenSQLite(t)
	if _, err := Load(context.Background(), db, Today(time.Now()), cheap); err != nil {
		t.Fatal(err)
	}
	var signed, cloned int
	if err := db.QueryRowRaw(context.Background(), `SELECT COUNT(*), COALESCE(SUM(CASE WHEN findings LIKE '%clone.narrative%' THEN 1 ELSE 0 END), 0)
		FROM note_signature`).Scan(&signed, &cloned); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d of %d signed demo notes carry a cloned-narrative finding", cloned, signed)
	if signed == 0 || cloned*10 > signed {
		t.Fatalf("%d of %d signed demo notes carry a cloned-narrative finding; want under 10%%", cloned, signed)
	}
}
