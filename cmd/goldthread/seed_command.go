package main

import (
	"context"
	"fmt"
	"time"

	"github.com/goldthread/goldthread/internal/seed"
	"github.com/goldthread/goldthread/internal/store"
)

// runSeed fills the database with a seeded agency at scale, for
// measurements: goldthread seed --participants N --notes M [--slug S] [--db URL].
func runSeed(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "seed", "--participants N --notes M [--slug NAME] [--days D] [--batch 500] [--writers N] [--verify] [--db URL]")
	dbURL := dbFlag(e, fs)
	participants := fs.Int("participants", 100, "participants to register, each with a signed plan (a peer per 25, a supervisor per 8 peers)")
	notes := fs.Int("notes", 1000, "signed service notes to write, spread over the past months")
	slug := fs.String("slug", "", "the seeded agency's short name (default: seed-<time>); unique per database")
	batch := fs.Int("batch", 500, "notes per transaction")
	days := fs.Int("days", 0, "days the notes spread over, ending yesterday (default: twice the notes per participant, at least 60)")
	writers := fs.Int("writers", 0, "peers whose notes are written side by side, each in its own transactions (default: 1 on SQLite, 2 on PostgreSQL)")
	verify := fs.Bool("verify", false, "also read each note's history from the database and stop if the one carried in memory differs (slow; checks the fast path)")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the seed to this file (go tool pprof)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *participants < 1 {
		fmt.Fprintln(e.stderr, "goldthread seed: --participants must be 1 or more.")
		return 2
	}
	if *notes < 0 || *batch < 1 || *days < 0 || *writers < 0 {
		fmt.Fprintln(e.stderr, "goldthread seed: --notes and --days must be 0 or more, --batch 1 or more, --writers 1 or more.")
		return 2
	}
	if *slug == "" {
		*slug = fmt.Sprintf("seed-%d", time.Now().Unix())
	}
	db, ok := openDB(ctx, e, *dbURL)
	if !ok {
		return 1
	}
	defer db.Close()
	stop, ok := profileOf(e, "seed", *profile)
	if !ok {
		return 1
	}
	defer stop()
	if *writers == 0 {
		*writers = 1
		if db.Engine == store.Postgres {
			*writers = 2
		}
	}
	start := time.Now()
	a, err := seed.Run(ctx, db, seed.Options{Slug: *slug, Participants: *participants, Notes: *notes, Batch: *batch, Days: *days,
		Writers: *writers, Verify: *verify, Progress: e.stderr})
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread seed: %v\n", err)
		return 1
	}
	took := time.Since(start)
	fmt.Fprintf(e.stdout, "Seeded agency %s: %d participants, %d peers, %d signed notes in %s (%.0f notes/s). Every account's password is %q; peers sign in as %s.\n",
		a.Agency.Slug, len(a.Participants), len(a.Peers), a.Notes, took.Round(time.Second), float64(a.Notes)/took.Seconds(), seed.Password, a.PeerEmails[0])
	return 0
}
