package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestClaimServicesRefuseWhatOneAtATimeRefused: a claim's services are
// recorded in one statement, and it refuses what recording them one at a
// time refused: a note another claim bills already is an ECONFLICT naming
// that note, with nothing of the claim's services kept; an authorization
// is charged the services' units together, refused when together they
// pass its units though the first alone would not, and charged exactly
// their sum otherwise.
func TestClaimServicesRefuseWhatOneAtATimeRefused(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		claim, a, _ := e.exported(t) // 6 of PA-100's 40 units used
		c := e.billable(t, onMarch(4, 9))
		d := e.billable(t, onMarch(5, 9))
		err := db.ClaimNotes(ctx, e.f.Billing, claim, 0, 3, c.ID, a.ID)
		if goldthread.ErrorKind(err) != goldthread.ECONFLICT || !strings.Contains(goldthread.ErrorMessage(err), fmt.Sprintf("Service note %d is already on a claim", a.ID)) {
			t.Fatalf("claiming note %d again: %v; want ECONFLICT naming it", a.ID, err)
		}
		if n := countBilling(t, db, "SELECT COUNT(*) FROM claimed_service WHERE note_id = ?", c.ID); n != 0 {
			t.Fatalf("note %d was kept claimed after the conflict", c.ID)
		}
		err = db.ClaimNotes(ctx, e.f.Billing, claim, e.authID, 18, c.ID, d.ID)
		if goldthread.ErrorKind(err) != goldthread.ECONFLICT || !strings.Contains(goldthread.ErrorMessage(err), "fewer units left") {
			t.Fatalf("36 units of the 34 left: %v; want ECONFLICT", err)
		}
		if err := db.ClaimNotes(ctx, e.f.Billing, claim, e.authID, 17, c.ID, d.ID); err != nil {
			t.Fatalf("34 units of the 34 left: %v", err)
		}
		if used := countBilling(t, db, "SELECT units_used FROM service_authorization WHERE id = ?", e.authID); used != 40 {
			t.Fatalf("%d units used of PA-100 after 6 and 2 × 17; want 40", used)
		}
	})
}
