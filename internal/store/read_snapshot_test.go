package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestReadTxSeesOneSnapshot: the statements of one read transaction agree
// with each other while a writer commits between them, so a page and the
// total it shows, or a report's figures, never disagree. It fails on
// PostgreSQL when ReadTx falls back to READ COMMITTED, where the second
// count would see the agency committed after the first.
func TestReadTxSeesOneSnapshot(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		count := func(tx *store.Tx) int {
			t.Helper()
			var n int
			if err := tx.QueryRow(ctx, "SELECT count(*) FROM agency").Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		var before, during int
		err := db.ReadTx(ctx, func(tx *store.Tx) error {
			before = count(tx)
			a := goldthread.Agency{Name: "Committed Meanwhile", Slug: "meanwhile"}
			if err := db.CreateAgency(ctx, &a); err != nil {
				return fmt.Errorf("create agency while reading: %w", err)
			}
			during = count(tx)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if during != before {
			t.Errorf("one read transaction counted %d agencies, then %d after another connection committed one; want one snapshot", before, during)
		}
		var after int
		if err := db.ReadTx(ctx, func(tx *store.Tx) error { after = count(tx); return nil }); err != nil {
			t.Fatal(err)
		}
		if after != before+1 {
			t.Errorf("a new read transaction counted %d agencies, want %d: the commit must be seen by the next read", after, before+1)
		}
	})
}
