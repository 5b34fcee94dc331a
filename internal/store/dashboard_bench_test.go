package store_test

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/password"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// benchAgency fills the fixture agency with 10 peers on the supervisor's
// team, 250 participants on their caseloads with two BARC-10s each, and
// notes services over the 26 weeks before Mar 10, 2026 (a tenth of the
// last week's still drafts, a fifth signed after the deadline, what was
// signed before Mar 6 approved), written straight into the
// tables in batches: a dashboard fixture, not a test of signing.
func benchAgency(b *testing.B, db *store.DB, notes int) *storetest.Fixture {
	b.Helper()
	ctx := context.Background()
	f := storetest.MustFixture(b, db)
	db.Now = (&storetest.Clock{T: time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)}).Now
	hash, _ := password.Hash(storetest.Password, password.Params{Memory: 64, Time: 1, Threads: 1})
	sys := goldthread.Operator(f.Agency.ID, "test setup")
	peers := []int64{f.Peer.UserID}
	for i := range 9 {
		s := goldthread.Staff{AgencyID: f.Agency.ID, Email: "bench" + strconv.Itoa(i) + "@fixture.test", Name: "Bench Peer" + strconv.Itoa(i),
			FirstName: "Bench", LastName: "Peer" + strconv.Itoa(i), Roles: []goldthread.Role{goldthread.RolePeer}}
		if err := db.CreateStaff(ctx, &s, hash, 0); err != nil {
			b.Fatal(err)
		}
		if err := db.LinkSupervisor(ctx, f.Agency.ID, f.Supervisor.UserID, s.ID, false); err != nil {
			b.Fatal(err)
		}
		peers = append(peers, s.ID)
	}
	var people []int64
	for i := range 250 {
		p := goldthread.Participant{FirstName: "Person", LastName: "Bench" + strconv.Itoa(i), BirthDate: goldthread.NewDate(1980, 1, 1+i%28)}
		if err := db.CreateParticipant(ctx, sys, &p); err != nil {
			b.Fatal(err)
		}
		if err := db.Enroll(ctx, sys, p.ID, f.Program.ID, goldthread.NewDate(2025, 9, 1)); err != nil {
			b.Fatal(err)
		}
		if err := db.AssignCaseload(ctx, sys, p.ID, peers[i%len(peers)], goldthread.NewDate(2025, 9, 1)); err != nil {
			b.Fatal(err)
		}
		people = append(people, p.ID)
	}
	insert := func(head string, cols int, rows [][]any) {
		b.Helper()
		for len(rows) > 0 {
			n := min(len(rows), 400)
			var q strings.Builder
			q.WriteString(head)
			args := make([]any, 0, n*cols)
			for i, r := range rows[:n] {
				if i > 0 {
					q.WriteString(", ")
				}
				q.WriteString("(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")")
				args = append(args, r...)
			}
			if _, err := db.ExecRaw(ctx, q.String(), args...); err != nil {
				b.Fatal(err)
			}
			rows = rows[n:]
		}
	}
	first := time.Date(2025, 9, 9, 9, 0, 0, 0, time.UTC)
	var rows [][]any
	for i := range notes {
		start := first.Add(time.Duration(i%182)*24*time.Hour + time.Duration(i%8)*time.Hour)
		end := start.Add(45 * time.Minute)
		due := end.Add(72 * time.Hour)
		pi := (i / 7) % len(people)
		signed := any(end.Add(2 * time.Hour))
		switch {
		case i%10 == 0 && start.After(time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)):
			signed = nil
		case i%5 == 1:
			signed = due.Add(5 * time.Hour)
		}
		rows = append(rows, []any{f.Agency.ID, people[pi], f.Program.ID, peers[pi%len(peers)], "draft", goldthread.DateOf(start), start, end,
			"home", []string{"in_person", "video", "audio_only"}[i%3], "peer_mentoring_coaching", "We planned the week together.", "She said it helps.",
			"Meet Friday.", true, due, start, start, signed})
	}
	insert(`INSERT INTO service_note (agency_id, participant_id, program_id, author_id, status, service_date, start_at, end_at, location, modality,
		category, peer_action, participant_response, next_steps, billable, due_at, created_at, updated_at, signed_at) VALUES `, 19, rows)
	// Written as drafts, then signed the way the database allows: the
	// signature first (the review queue reads it), then the status.
	for _, q := range []string{`INSERT INTO note_signature (note_id, user_id, name, credential, attestation, signed_at, content_hash, findings)
		SELECT id, author_id, 'Bench Peer', 'CPSS', 'I attest.', signed_at, '', '' FROM service_note WHERE agency_id = ? AND signed_at IS NOT NULL`,
		"UPDATE service_note SET status = 'signed' WHERE agency_id = ? AND signed_at IS NOT NULL"} {
		if _, err := db.ExecRaw(ctx, q, f.Agency.ID); err != nil {
			b.Fatal(err)
		}
	}
	// Supervisors keep up: what was signed before Mar 6 is approved, so the
	// review queue holds the last few days.
	if _, err := db.ExecRaw(ctx, `INSERT INTO note_approval (note_id, agency_id, supervisor_id, name, credential, approved_at, note_hash)
		SELECT id, agency_id, ?, 'Sue Supervisor', '', signed_at, '' FROM service_note WHERE agency_id = ? AND status = 'signed' AND signed_at < ?`,
		f.Supervisor.UserID, f.Agency.ID, time.Date(2026, 3, 6, 0, 0, 0, 0, time.UTC)); err != nil {
		b.Fatal(err)
	}
	rows = nil
	for i, p := range people {
		for k, on := range []goldthread.Date{goldthread.NewDate(2025, 9, 2), goldthread.NewDate(2026, 2, 2)} {
			total := 10 + (i+k*7)%51
			rows = append(rows, []any{f.Agency.ID, p, []string{"intake", "review"}[k], on, "1,1,1,1,1,1,1,1,1,1", total, f.Clinician.UserID, time.Now()})
		}
	}
	insert(`INSERT INTO recovery_capital (agency_id, participant_id, occasion, taken_on, answers, total, recorded_by, recorded_at) VALUES `, 8, rows)
	if db.Engine == store.Postgres {
		db.ExecRaw(ctx, "ANALYZE")
	}
	return f
}

// BenchmarkDashboards renders each dashboard's figures from the store over
// an eight-week period of a 100,000-note agency (GOLDTHREAD_BENCH_NOTES to
// change; the billing figures only up to 20,000 notes unless
// GOLDTHREAD_BENCH_BILLING is set), on SQLite and, when
// GOLDTHREAD_TEST_POSTGRES is set, PostgreSQL:
//
//	go test ./internal/store -run '^$' -bench Dashboards -benchtime 10x
func BenchmarkDashboards(b *testing.B) {
	notes := 100_000
	if n, err := strconv.Atoi(os.Getenv("GOLDTHREAD_BENCH_NOTES")); err == nil && n > 0 {
		notes = n
	}
	engines := map[string]func(testing.TB) *store.DB{store.SQLite: storetest.OpenSQLite}
	if os.Getenv(storetest.PostgresEnv) != "" {
		engines[store.Postgres] = storetest.OpenPostgres
	}
	for name, open := range engines {
		b.Run(name, func(b *testing.B) {
			db := open(b)
			f := benchAgency(b, db, notes)
			ctx := context.Background()
			period := goldthread.ReportFilter{From: goldthread.NewDate(2026, 1, 12), To: goldthread.NewDate(2026, 3, 8)}
			b.Run("PeerToday", func(b *testing.B) {
				for b.Loop() {
					if _, err := db.PeerToday(ctx, f.Peer, 14); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("Supervisor", func(b *testing.B) {
				for b.Loop() {
					if _, err := db.SupervisorReport(ctx, f.Supervisor, period); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("Billing", func(b *testing.B) {
				// The billing figures scrub every unclaimed service of the
				// period as the worklist does (about 5 ms a service on
				// SQLite), so the large run is opt-in.
				if notes > 20_000 && os.Getenv("GOLDTHREAD_BENCH_BILLING") == "" {
					b.Skip("set GOLDTHREAD_BENCH_BILLING=1 to scrub this many services")
				}
				for b.Loop() {
					if _, err := db.BillingReport(ctx, f.Billing, period); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("Director", func(b *testing.B) {
				for b.Loop() {
					if _, err := db.DirectorReport(ctx, f.Clinician, period); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
