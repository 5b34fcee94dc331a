package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// The hot write paths next to the raw write limit of the same database in
// the same run: the disk's fsync rate drifts several-fold over minutes, so
// only the ratio between these numbers means anything. Run:
//
//	go test ./internal/store/ -run '^$' -bench 'Write' -benchtime 3s
//
// With GOLDTHREAD_TEST_POSTGRES set, the PostgreSQL variants run too.

// BenchmarkWriteRawCommit is the floor: one single-row INSERT per
// transaction through the same writer (synchronous=FULL on SQLite).
func BenchmarkWriteRawCommit(b *testing.B) {
	benchEngines(b, func(b *testing.B, db *store.DB) {
		ctx := context.Background()
		if _, err := db.ExecRaw(ctx, "CREATE TABLE bench_raw (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			if _, err := db.ExecRaw(ctx, "INSERT INTO bench_raw (id, body) VALUES (?, ?)", i+1, "a row the size of a short note"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkWriteDraftNote saves a new draft note with its goal link and
// audit event: the peer's most frequent write.
func BenchmarkWriteDraftNote(b *testing.B) {
	benchEngines(b, func(b *testing.B, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(b, db)
		plan := f.MustSignedPlan(b, db, f.SamplePlan(goldthread.NewDate(2026, 1, 10)))
		g := plan.Goals[0]
		start := time.Date(2026, 3, 10, 13, 0, 0, 0, time.UTC)
		in := store.NoteInput{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID, ServiceDate: goldthread.DateOf(start),
			Start: start, End: start.Add(45 * time.Minute), Location: "home", Modality: "in_person", Category: "peer_mentoring_coaching",
			Goals:      []goldthread.NoteGoal{{GoalID: g.ID, InterventionID: g.Interventions[0].ID}},
			PeerAction: "We practiced calling a landlord together.", ParticipantResponse: "He made the second call himself.",
			NextSteps: "Visit on Friday.", Billable: true}
		b.ResetTimer()
		for b.Loop() {
			if _, err := db.CreateDraftNote(ctx, f.Peer, in); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkWriteAuditedRead opens a participant's record: a read, but one
// that writes its audit event.
func BenchmarkWriteAuditedRead(b *testing.B) {
	benchEngines(b, func(b *testing.B, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(b, db)
		b.ResetTimer()
		for b.Loop() {
			if _, err := db.Participant(ctx, f.Peer, f.Mine.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func benchEngines(b *testing.B, fn func(b *testing.B, db *store.DB)) {
	b.Run(store.SQLite, func(b *testing.B) { fn(b, storetest.OpenSQLite(b)) })
	b.Run(store.Postgres, func(b *testing.B) { fn(b, storetest.OpenPostgres(b)) })
}
