package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread/internal/bench"
	"github.com/goldthread/goldthread/internal/seed"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/web"
)

// runBench measures, in one run on one database, the raw durable
// single-row commit rate and the signed-note path (create + sign over
// loopback HTTP through the real API) at each concurrency, and prints
// their ratio with latencies and errors.
func runBench(ctx context.Context, e *env, args []string) int {
	if len(args) > 0 && args[0] == "reads" {
		return runBenchReads(ctx, e, args[1:])
	}
	fs := newFlags(e, "bench", "[--db URL] [--duration 20s] [--clients 1,8,32] [--agencies 1] [--reauth grant|password] [--servers 1|2] [--cpuprofile FILE]")
	dbURL := dbFlag(e, fs)
	duration := fs.Duration("duration", 20*time.Second, "how long each load runs")
	clientList := fs.String("clients", "1,8,32", "concurrencies to measure, comma-separated")
	reauth := fs.String("reauth", "grant", "how signatures re-authenticate: grant (one password check covers the next minutes) or password (the password with every signature)")
	agencies := fs.Int("agencies", 1, "spread the peers over this many agencies (peer i writes in agency i mod N), so writers of different agencies load the database together")
	servers := fs.Int("servers", 1, "2: measure the load through one server and then split between two servers on the same database (each with its own connections), and verify what they wrote")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the signed-note loads to this file (go tool pprof)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	var levels []int
	for _, f := range strings.Split(*clientList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 256 {
			fmt.Fprintf(e.stderr, "goldthread bench: --clients must list numbers from 1 to 256, such as 1,8,32 (not %q).\n", f)
			return 2
		}
		levels = append(levels, n)
	}
	if *reauth != "grant" && *reauth != "password" {
		fmt.Fprintln(e.stderr, "goldthread bench: --reauth must be grant or password.")
		return 2
	}
	if *agencies < 1 || *agencies > 64 {
		fmt.Fprintln(e.stderr, "goldthread bench: --agencies must be a number from 1 to 64, such as 4.")
		return 2
	}
	if *duration < time.Second {
		fmt.Fprintln(e.stderr, "goldthread bench: --duration must be at least 1s, such as 20s.")
		return 2
	}
	if *servers != 1 && *servers != 2 {
		fmt.Fprintln(e.stderr, "goldthread bench: --servers must be 1 or 2.")
		return 2
	}
	db, ok := openDB(ctx, e, *dbURL)
	if !ok {
		return 1
	}
	defer db.Close()
	if *servers == 2 {
		return benchTwoServers(ctx, e, db, *dbURL, levels, *duration)
	}
	rows, err := benchRun(ctx, e, db, levels, *agencies, *duration, *reauth == "grant", *profile)
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread bench: %v\n", err)
		return 1
	}
	fmt.Fprintf(e.stdout, "Signed notes (create + sign over loopback HTTP, re-authentication: %s, peers of %d agencies) against raw single-row commits, %s each:\n",
		*reauth, *agencies, *duration)
	bench.Print(e.stdout, db.Engine, rows)
	return 0
}

// benchTwoServers opens the database a second time, as a second server
// would, measures through one server and through two (benchServers), and
// verifies every acknowledged signature, the audit chain and the signed
// records afterwards.
func benchTwoServers(ctx context.Context, e *env, db *store.DB, dbURL string, levels []int, d time.Duration) int {
	second, ok := openDB(ctx, e, dbURL)
	if !ok {
		return 1
	}
	defer second.Close()
	run, err := benchServers(ctx, [2]*store.DB{db, second}, levels, d, e.stderr)
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread bench: %v\n", err)
		return 1
	}
	fmt.Fprintf(e.stdout, "Signed notes (create + sign over loopback HTTP, re-authentication: grant) through one server, then split between two on the same database (sessions made on the first), %s each:\n", d)
	printServers(e.stdout, db.Engine, run.Rows)
	checked, err := verifyServersRun(ctx, db, run.Signed)
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread bench: after the load: %v\n", err)
		return 1
	}
	fmt.Fprintln(e.stdout, "Verified: "+checked+".")
	return 0
}

// benchRun seeds the agencies, then measures each concurrency. Writer i
// (the clients of a load are writers 0..n-1) is peer i/agencies of agency
// i mod agencies, so every load of at least as many clients as agencies
// writes in all of them at once.
func benchRun(ctx context.Context, e *env, db *store.DB, levels []int, agencies int, d time.Duration, grant bool, profile string) ([]bench.Row, error) {
	most := 0
	for _, n := range levels {
		most = max(most, n)
	}
	agencies = min(agencies, most)
	fmt.Fprintf(e.stderr, "bench: seeding %d peers with 2 participants each in %d agencies\n", most, agencies)
	seeded := make([]*seed.Agency, agencies)
	for k := range seeded {
		peers := benchPeers(k, most, agencies)
		a, err := seed.Run(ctx, db, seed.Options{Slug: fmt.Sprintf("bench-%d-%d", time.Now().UnixNano(), k), Participants: 2 * peers, Caseload: 2})
		if err != nil {
			return nil, err
		}
		seeded[k] = a
	}
	srv, err := web.New(web.Config{DB: db, Logger: slog.New(slog.NewJSONHandler(io.Discard, nil))})
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	defer srv.Close()
	defer hs.Close()
	base := "http://" + ln.Addr().String()
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: most + 4, MaxConnsPerHost: most + 4}}
	writers := make([]*bench.Writer, most)
	for i := range most {
		k, j := benchWriter(i, agencies)
		a := seeded[k]
		token, err := bench.SignIn(ctx, client, base, a.PeerEmails[j], seed.Password)
		if err != nil {
			return nil, err
		}
		w := &bench.Writer{Base: base, HTTP: client, Token: token, Password: seed.Password, ProgramID: a.Program.ID,
			People: a.Participants[2*j : 2*j+2], Zone: seed.Zone()}
		if grant {
			if err := w.TakeGrant(ctx); err != nil {
				return nil, err
			}
		}
		writers[i] = w
	}
	raw, drop, err := rawCommit(ctx, db)
	if err != nil {
		return nil, err
	}
	defer drop()
	if profile != "" {
		stop, err := startCPUProfile(profile)
		if err != nil {
			return nil, err
		}
		defer stop()
	}
	var rows []bench.Row
	for _, n := range levels {
		fmt.Fprintf(e.stderr, "bench: %d clients: raw commits\n", n)
		r := bench.Run(ctx, "raw", n, d, raw)
		fmt.Fprintf(e.stderr, "bench: %d clients: signed notes\n", n)
		s := bench.Run(ctx, "signed", n, d, func(ctx context.Context, c int) string { return writers[c].CreateAndSign(ctx) })
		rows = append(rows, bench.Row{Raw: r, Signed: s})
		if ctx.Err() != nil {
			return rows, errors.New("stopped")
		}
	}
	return rows, nil
}

// rawCommit makes a scratch table and returns the operation that commits
// one row into it (through the store's writer, so on SQLite with the
// project's settings: WAL, synchronous=FULL, one writer connection) and
// the function that drops the table.
func rawCommit(ctx context.Context, db *store.DB) (bench.Op, func(), error) {
	db.ExecRaw(ctx, "DROP TABLE IF EXISTS bench_commit")
	if _, err := db.ExecRaw(ctx, "CREATE TABLE bench_commit (body TEXT NOT NULL)"); err != nil {
		return nil, nil, fmt.Errorf("cannot make the scratch table bench_commit: %w", err)
	}
	op := func(ctx context.Context, _ int) string {
		if _, err := db.ExecRaw(ctx, "INSERT INTO bench_commit (body) VALUES (?)", "a row the size of a short note, committed alone"); err != nil {
			return "error: " + err.Error()
		}
		return ""
	}
	return op, func() { db.ExecRaw(context.Background(), "DROP TABLE IF EXISTS bench_commit") }, nil
}

// benchWriter is the agency (index) and the peer within it of writer i
// when writers are dealt round the agencies: writer i is peer i/agencies
// of agency i mod agencies, so any load of at least as many clients as
// agencies writes in all of them.
func benchWriter(i, agencies int) (agency, peer int) { return i % agencies, i / agencies }

// benchPeers is how many peers agency k needs for writers writers dealt
// round agencies agencies (writers k, k+agencies, …).
func benchPeers(k, writers, agencies int) int { return (writers - k + agencies - 1) / agencies }
