package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestBulkSigningTimesAreStoredAsInstants: a note loaded in bulk with its
// signing time in the agency's zone (the seed signs at 22:00 New York time)
// is stored as the instant it is, so reads that compare signing times with
// a bound (the team dashboard's coaching counts, timeliness) count it on
// both engines. Stored with its offset, SQLite compared the text and left
// every evening signature out of the next UTC day (seen as 293 against
// 298 notes for one supervisor on a seeded agency).
func TestBulkSigningTimesAreStoredAsInstants(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		ny, err := time.LoadLocation("America/New_York")
		if err != nil {
			t.Skip("no time zone database: ", err)
		}
		n := e.bulkNote(9, 13, "We walked to the library and signed up for the Tuesday computer class together.")
		n.At = time.Date(2026, 3, 9, 22, 30, 0, 0, ny) // 03:30 UTC on March 10
		if _, err := db.SignedNotesInBulk(ctx, []store.AuthoredNote{n}, "I provided these services as described."); err != nil {
			t.Fatal(err)
		}
		midnight := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
		for _, q := range []string{
			"SELECT COUNT(*) FROM note_signature WHERE signed_at >= ?",
			"SELECT COUNT(*) FROM service_note WHERE signed_at >= ?",
		} {
			if got := countBilling(t, db, q, midnight); got != 1 {
				t.Errorf("%s: %d; want the note signed at 03:30 UTC", q, got)
			}
		}
	})
}
