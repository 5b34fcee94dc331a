package store_test

import (
	"context"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/goldthread/goldthread/internal/rules"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestKeptHistoryRowsStandForTheTable: a signature's recent notes are read
// as ids from the indexes, and each note's row (author, participant,
// times, kind, billable) is kept in memory by id once a read transaction
// has read it, never by a write transaction (which may see its own
// uncommitted notes and roll back). Kept or read, the history is the same;
// a kept row is used without reading the table.
func TestKeptHistoryRowsStandForTheTable(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		var past []int64
		for day := 2; day <= 6; day++ {
			past = append(past, e.signed(t, onMarch(day, 9+day)).ID)
		}
		draft := e.draft(t, onMarch(9, 13))
		recent := func(write bool) []rules.HistoryNote {
			t.Helper()
			h, err := store.RecentHistory(ctx, db, e.f.Peer, draft.ID, write)
			if err != nil {
				t.Fatal(err)
			}
			return h
		}
		store.ForgetTextSignatures(db)
		read := recent(true)
		if len(read) != len(past) || read[0].ID != strconv.FormatInt(past[len(past)-1], 10) {
			t.Fatalf("recent notes, newest first: %+v; want the %d signed", read, len(past))
		}
		for _, id := range past {
			if _, kept := store.KeptHistoryRow(db, id); kept {
				t.Fatalf("note %d kept by a write transaction", id)
			}
		}
		if got := recent(false); !reflect.DeepEqual(got, read) {
			t.Fatalf("read in a read transaction:\n%+v\nin a write one:\n%+v", got, read)
		}
		for _, id := range past {
			if _, kept := store.KeptHistoryRow(db, id); !kept {
				t.Fatalf("note %d not kept by a read transaction", id)
			}
		}
		if got := recent(false); !reflect.DeepEqual(got, read) {
			t.Fatalf("from kept rows:\n%+v\nfrom the table:\n%+v", got, read)
		}
		// A kept row is believed: the table is not read again.
		h, _ := store.KeptHistoryRow(db, past[0])
		h.End = h.End.Add(7 * time.Minute)
		store.KeepHistoryRow(db, past[0], h)
		got := recent(false)
		if last := got[len(got)-1]; !last.End.Equal(h.End) {
			t.Fatalf("the kept row was not used: %+v", last)
		}
	})
}
