package store_test

import (
	"context"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/seed"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// benchSpan is the days a benchmark agency's notes spread over: with 50
// notes a participant, the shape of the k100 and m1 data sets (a note a
// week), over fewer participants.
const benchSpan = 365

// billableAgency seeds an agency that bills like a real one (seed.Run):
// 50 participants, 2 peers, 2,500 notes over benchSpan days ending today.
func billableAgency(b *testing.B) (*store.DB, *seed.Agency, goldthread.Date, goldthread.Date) {
	b.Helper()
	db := storetest.OpenSQLite(b)
	today := goldthread.NewDate(2026, 6, 1)
	a, err := seed.Run(context.Background(), db, seed.Options{Slug: "bench", Participants: 50, Notes: 2500, Days: benchSpan, Today: today})
	if err != nil {
		b.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2026, 6, 1, 9, 0, 0, 0, seed.Zone()) }
	return db, a, goldthread.DateOf(today.AddDate(0, 0, -benchSpan)), today
}

// BenchmarkScrubPerService scrubs every service of a year of a seeded
// agency (2,500 notes, 50 participants) as an export does, without writing
// claims: the scrubber's cost per service (SQLite).
//
//	go test ./internal/store -run '^$' -bench ScrubPerService -benchtime 3x
func BenchmarkScrubPerService(b *testing.B) {
	db, a, from, to := billableAgency(b)
	ctx := context.Background()
	var services, ready int
	for b.Loop() {
		var err error
		if services, ready, err = store.ScrubCandidates(ctx, db, a.Billing, a.Program.ID, from, to); err != nil {
			b.Fatal(err)
		}
	}
	if ready < services*8/10 {
		b.Fatalf("%d of %d services ready; the seeded agency should bill most", ready, services)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*services), "ns/service")
	b.ReportMetric(float64(services), "services/op")
}

// BenchmarkExportClaimsYear exports a year of a seeded agency (2,500
// notes) as `goldthread claims export` does: scrub, claims written and
// the 837P file streamed to io.Discard. Each run starts from a copy of the
// seeded file (not timed), since an export claims what it writes.
//
//	go test ./internal/store -run '^$' -bench ExportClaimsYear -benchtime 3x
func BenchmarkExportClaimsYear(b *testing.B) {
	seeded, a, from, to := billableAgency(b)
	ctx := context.Background()
	dir := b.TempDir()
	var lines, services int
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		file := filepath.Join(dir, "copy"+time.Now().Format("150405.000000")+".db")
		if err := seeded.Backup(ctx, file); err != nil {
			b.Fatal(err)
		}
		db, err := store.Open(ctx, file)
		if err != nil {
			b.Fatal(err)
		}
		db.Now = seeded.Now
		b.StartTimer()
		sum, err := db.ExportClaims(ctx, a.Billing, a.Program.ID, from, to, io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
		lines, services = sum.Lines, sum.Lines+sum.Blocked
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*services), "ns/service")
	b.ReportMetric(float64(lines), "lines/op")
}
