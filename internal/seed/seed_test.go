package seed_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/seed"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestSeedWritesWhatTheAppWrites: a seed written by two writers side by
// side, with the carried history checked against the database for every
// note (Verify), leaves an unbroken audit trail and signed records whose
// hashes hold, every note signed, and each peer's newest note holding the
// findings the app's own path computes for it (NoteFindings, as of its
// signature).
func TestSeedWritesWhatTheAppWrites(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a, err := seed.Run(ctx, db, seed.Options{Slug: "check", Participants: 9, Notes: 120, Caseload: 3, Batch: 7,
			Writers: 2, Verify: true, Today: goldthread.NewDate(2026, 6, 1)})
		if err != nil {
			t.Fatal(err)
		}
		if a.Notes != 120 {
			t.Fatalf("%d notes seeded; want 120", a.Notes)
		}
		if n, brk, err := db.VerifyAudit(ctx); err != nil || brk != nil {
			t.Fatalf("audit trail after a seed (%d events): %v %v", n, brk, err)
		}
		if _, bad, err := db.VerifyIntegrity(ctx); err != nil || bad != nil {
			t.Fatalf("integrity after a seed: %v %v", bad, err)
		}
		var signed int
		if err := db.QueryRowRaw(ctx, "SELECT COUNT(*) FROM service_note n JOIN note_signature s ON s.note_id = n.id WHERE n.agency_id = ? AND n.status = ?",
			a.Agency.ID, goldthread.NoteSigned).Scan(&signed); err != nil || signed != 120 {
			t.Fatalf("%d signed notes with a signature (%v); want 120", signed, err)
		}
		withFindings := 0
		for _, peer := range a.Peers {
			var id int64
			var day goldthread.Date
			if err := db.QueryRowRaw(ctx, "SELECT id, service_date FROM service_note WHERE author_id = ? ORDER BY start_at DESC LIMIT 1", peer.UserID).
				Scan(&id, &day); err != nil {
				t.Fatal(err)
			}
			at := time.Date(day.Year(), day.Month(), day.Day(), 22, 0, 0, 0, seed.Zone())
			db.Now = func() time.Time { return at }
			recomputed, _, err := db.NoteFindings(ctx, a.Supervisors[0], id)
			if err != nil {
				t.Fatal(err)
			}
			stored, _, err := db.SignatureFindings(ctx, a.Supervisors[0], id)
			if err != nil {
				t.Fatal(err)
			}
			s, _ := json.Marshal(stored)
			r, _ := json.Marshal(recomputed)
			if string(s) != string(r) {
				t.Fatalf("note %d: the seed stored\n%s\nthe app computes\n%s", id, s, r)
			}
			if len(stored) > 0 {
				withFindings++
			}
		}
		if withFindings == 0 {
			t.Fatal("no newest note has a finding: the comparison proves nothing")
		}
	})
}
