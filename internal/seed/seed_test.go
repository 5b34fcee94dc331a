package seed_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/seed"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/x12"
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

// TestSeededAgencyBills: a seeded agency bills like a real one. Its
// export of the whole span writes a valid 837P holding most services, and
// every service held is held for a reason the data really gives: the last
// two weeks await approval (and their narratives, which repeat, a
// supervisor's look), the one participant in seed.OneWithoutStreet
// has no street address, and the one peer in seed.OneLapsed let their
// certification lapse for seed.LapseDays halfway through the span. Each
// of the three is met at least once. With GOLDTHREAD_SEED_837 set, the
// file is written there for the outside checker (.ci/run).
func TestSeededAgencyBills(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		today := goldthread.NewDate(2026, 6, 1)
		const participants, days = 120, 100
		a, err := seed.Run(ctx, db, seed.Options{Slug: "bills", Participants: participants, Notes: 2 * participants, Caseload: 3,
			Days: days, Writers: 2, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		db.Now = func() time.Time { return time.Date(2026, 6, 1, 9, 0, 0, 0, seed.Zone()) }
		from, to := goldthread.DateOf(today.AddDate(0, 0, -days-1)), today
		list, err := db.BillableServices(ctx, a.Billing, a.Program.ID, from, to)
		if err != nil {
			t.Fatal(err)
		}
		index := map[int64]int{}
		for i, p := range a.Participants {
			index[p.ID] = i
		}
		since := a.Participants[0].Since
		lapseFrom, lapseTo := since.AddDate(0, 0, days/2+1), since.AddDate(0, 0, days/2+seed.LapseDays)
		approvedBefore := today.AddDate(0, 0, -14)
		met := map[string]int{}
		for _, svc := range list.Blocked {
			i := index[svc.ParticipantID]
			for _, b := range svc.Blocks {
				met[b.RuleID]++
				var given bool
				switch b.RuleID {
				case "supervision.approval", "clone.narrative":
					// The seed tells six stories, so a narrative repeats;
					// a supervisor's approval releases the copy.
					given = !svc.Start.Before(approvedBefore)
				case store.RuleClaimMember:
					given = i%seed.OneWithoutStreet == seed.OneWithoutStreet-1
				case "credential.valid":
					peer := a.Participants[i].Peer
					given = peer%seed.OneLapsed == seed.OneLapsed-1 && !svc.ServiceDate.Before(lapseFrom) && !svc.ServiceDate.After(lapseTo)
				}
				if !given {
					t.Errorf("service %d of participant %d on %s held by %s: %s", svc.NoteID, i, svc.ServiceDate, b.RuleID, b.Message)
				}
			}
		}
		for _, rule := range []string{"supervision.approval", store.RuleClaimMember, "credential.valid"} {
			if met[rule] == 0 {
				t.Errorf("no service held by %s: the seed no longer gives that reason (held: %v)", rule, met)
			}
		}
		total := list.ReadyCount + list.BlockedCount
		if list.ReadyCount < total*8/10 {
			t.Fatalf("%d of %d services ready to bill; want most (held: %v)", list.ReadyCount, total, met)
		}
		var file bytes.Buffer
		sum, err := db.ExportClaims(ctx, a.Billing, a.Program.ID, from, to, &file)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Lines != list.ReadyCount || sum.Blocked != list.BlockedCount {
			t.Fatalf("export: %d lines, %d blocked; the worklist said %d ready, %d blocked", sum.Lines, sum.Blocked, list.ReadyCount, list.BlockedCount)
		}
		doc, err := x12.Parse(bytes.NewReader(file.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if lines := doc.Find("SV1"); len(lines) != sum.Lines {
			t.Fatalf("%d SV1 segments in the file; the export says %d lines", len(lines), sum.Lines)
		}
		if path := os.Getenv("GOLDTHREAD_SEED_837"); path != "" && strings.HasSuffix(t.Name(), "/"+store.SQLite) {
			if err := os.WriteFile(path, file.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
		}
	})
}
