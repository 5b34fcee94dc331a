package store_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestUnitsOfASplitClaimCountOnce: one participant with more ready lines
// under one claim key than a claim may carry (50) gets two claims in one
// export, and the authorization that covers exactly all their units covers
// the lines after the split too. The export writes the first claim (and
// the authorization's units_used grows) before it scrubs the rest, so a
// scrub that read the authorization again would count the first claim's
// units twice, once as used and once as pending in this run, and claim the
// last lines under another authorization (or hold them) for units the
// participant has not used. It fails when the
// run's authorization facts are read per service instead of once per
// participant (runFacts).
func TestUnitsOfASplitClaimCountOnce(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		e.clock.T = time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC)
		const services = 55
		first := goldthread.NewDate(2026, 2, 2)
		var batch []store.AuthoredNote
		for i := range services {
			day := goldthread.DateOf(first.AddDate(0, 0, i))
			in := e.input(func(in *store.NoteInput) {
				in.ServiceDate = day
				in.Start = time.Date(day.Year(), day.Month(), day.Day(), 13, 0, 0, 0, time.UTC)
				in.End = in.Start.Add(45 * time.Minute)
				in.PeerAction = distinctStory(i)
			})
			batch = append(batch, store.AuthoredNote{Author: e.f.Peer, Note: in, At: in.End.Add(2 * time.Hour)})
		}
		ids, err := db.SignedNotesInBulk(ctx, batch, "I provided these services as described.")
		if err != nil {
			t.Fatal(err)
		}
		e.approve(t, ids...)
		// 45 minutes is 3 units: this authorization, the first to end, covers
		// all 55 services and not one unit more; the bill env's own (40 units,
		// to June) is the one a double count would spill into.
		exact := goldthread.Authorization{ParticipantID: e.f.Mine.ID, ProgramID: e.f.Program.ID, Payer: "NC Medicaid", Number: "PA-EXACT",
			Start: goldthread.NewDate(2026, 2, 1), End: goldthread.NewDate(2026, 3, 31), UnitsAuthorized: 3 * services}
		if err := db.AddAuthorization(ctx, e.f.Clinician, &exact); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		sum, err := db.ExportClaims(ctx, e.f.Billing, e.f.Program.ID, first, goldthread.NewDate(2026, 3, 31), &buf)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Claims != 2 || sum.Lines != services || sum.Units != 3*services || sum.Blocked != 0 {
			t.Fatalf("export: %d claims, %d lines, %d units, %d blocked; want 2 claims (50 lines and 5), %d lines, %d units, none blocked",
				sum.Claims, sum.Lines, sum.Units, sum.Blocked, services, 3*services)
		}
		exactUsed := countBilling(t, db, "SELECT units_used FROM service_authorization WHERE id = ?", exact.ID)
		otherUsed := countBilling(t, db, "SELECT units_used FROM service_authorization WHERE id = ?", e.authID)
		if exactUsed != 3*services || otherUsed != 0 {
			t.Fatalf("units used after the export: %d of PA-EXACT (want %d) and %d of PA-100 (want 0)", exactUsed, 3*services, otherUsed)
		}
	})
}

// distinctStory is a narrative in peer language that shares few words
// with distinctStory of any other i, so no note reads as copied from
// another.
func distinctStory(i int) string {
	places := []string{"library", "food bank", "park", "bus station", "job center", "community garden", "laundromat",
		"pharmacy counter", "church hall", "farmers market", "museum", "bike shop"}
	tasks := []string{"filled in a housing form", "practiced a phone call", "looked up the weekend schedule",
		"wrote a shopping list", "read the lease together", "planned the route home", "made a budget for the week",
		"found a volunteer shift", "called the clinic front desk", "signed up for a cooking class", "checked the bus times"}
	feelings := []string{"calmer", "proud", "tired but hopeful", "ready to try alone", "unsure at first", "relieved",
		"curious", "steady"}
	return fmt.Sprintf("Visit %d: we met at the %s and %s. Afterwards we %s, and the participant said they felt %s. %s",
		i+1, places[i%len(places)], tasks[i%len(tasks)], tasks[(i*7+3)%len(tasks)], feelings[i%len(feelings)],
		strings.Repeat("Next we agreed on one small step. ", 1+i%3))
}
