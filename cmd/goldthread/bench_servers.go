package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/bench"
	"github.com/goldthread/goldthread/internal/seed"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/web"
)

// serversRow is the signed-note path at one concurrency through one
// server, then through two on the same database, measured back to back.
type serversRow struct {
	One, Two bench.Result
	// OnA and OnB are how many requests each server answered in the run
	// through two.
	OnA, OnB int64
}

// serversRun is what benchServers did: its rows, and every note whose
// signature was answered 200, for verifyServersRun.
type serversRun struct {
	Rows   []serversRow
	Signed []int64
}

// benchServers runs a server (web.Handler over loopback HTTP) on each of
// dbs, two store.DBs opened on one database as two `goldthread serve`
// processes open it, and measures at each concurrency in levels the
// create + sign load of that many peers, first all through the first
// server, then split between the two (peer i through server i mod 2).
// Every peer signs in and takes its re-authentication grant on the first
// server only, so half the load runs on the second server with sessions
// and grants made on the first.
func benchServers(ctx context.Context, dbs [2]*store.DB, levels []int, d time.Duration, progress io.Writer) (serversRun, error) {
	most := 0
	for _, n := range levels {
		most = max(most, n)
	}
	fmt.Fprintf(progress, "bench: seeding %d peers with 2 participants each\n", most)
	a, err := seed.Run(ctx, dbs[0], seed.Options{Slug: fmt.Sprintf("servers-%d", time.Now().UnixNano()), Participants: 2 * most, Caseload: 2})
	if err != nil {
		return serversRun{}, err
	}
	var bases [2]string
	var answered [2]atomic.Int64
	for i, db := range dbs {
		srv, err := web.New(web.Config{DB: db, Logger: slog.New(slog.NewJSONHandler(io.Discard, nil))})
		if err != nil {
			return serversRun{}, err
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return serversRun{}, err
		}
		h := srv.Handler()
		hs := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			answered[i].Add(1)
			h.ServeHTTP(w, r)
		})}
		go hs.Serve(ln)
		defer srv.Close()
		defer hs.Close()
		bases[i] = "http://" + ln.Addr().String()
	}
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: most + 4, MaxConnsPerHost: most + 4}}
	var mu sync.Mutex
	var run serversRun
	writers := make([]*bench.Writer, most)
	for i := range most {
		token, err := bench.SignIn(ctx, client, bases[0], a.PeerEmails[i], seed.Password)
		if err != nil {
			return serversRun{}, err
		}
		w := &bench.Writer{Base: bases[0], HTTP: client, Token: token, Password: seed.Password, ProgramID: a.Program.ID,
			People: a.Participants[2*i : 2*i+2], Zone: seed.Zone(),
			Signed: func(id int64) { mu.Lock(); run.Signed = append(run.Signed, id); mu.Unlock() }}
		if err := w.TakeGrant(ctx); err != nil {
			return serversRun{}, err
		}
		writers[i] = w
	}
	op := func(ctx context.Context, c int) string { return writers[c].CreateAndSign(ctx) }
	for _, n := range levels {
		fmt.Fprintf(progress, "bench: %d clients through one server\n", n)
		for _, w := range writers {
			w.Base = bases[0]
		}
		one := bench.Run(ctx, "one", n, d, op)
		fmt.Fprintf(progress, "bench: %d clients through two servers\n", n)
		for i, w := range writers {
			w.Base = bases[i%2]
		}
		beforeA, beforeB := answered[0].Load(), answered[1].Load()
		two := bench.Run(ctx, "two", n, d, op)
		run.Rows = append(run.Rows, serversRow{One: one, Two: two, OnA: answered[0].Load() - beforeA, OnB: answered[1].Load() - beforeB})
		if ctx.Err() != nil {
			return run, errors.New("stopped")
		}
	}
	return run, nil
}

// verifyServersRun checks what a run through two servers left in the
// database: every note whose signature was answered 200 is there, signed
// once; the audit chain verifies whole; every signed record's hash holds.
// It returns what it checked, for the report.
func verifyServersRun(ctx context.Context, db *store.DB, signed []int64) (string, error) {
	for _, id := range signed {
		var status string
		var signatures int
		if err := db.QueryRowRaw(ctx, "SELECT status, (SELECT COUNT(*) FROM note_signature WHERE note_id = ?) FROM service_note WHERE id = ?", id, id).
			Scan(&status, &signatures); err != nil {
			return "", fmt.Errorf("note %d was acknowledged as signed and is not there: %w", id, err)
		}
		if status != goldthread.NoteSigned || signatures != 1 {
			return "", fmt.Errorf("note %d was acknowledged as signed and is %s with %d signatures", id, status, signatures)
		}
	}
	events, brk, err := db.VerifyAudit(ctx)
	if err != nil {
		return "", err
	}
	if brk != nil {
		return "", fmt.Errorf("the audit chain breaks at event %d: %s", brk.Seq, brk.Reason)
	}
	records, bad, err := db.VerifyIntegrity(ctx)
	if err != nil {
		return "", err
	}
	if bad != nil {
		return "", fmt.Errorf("a signed record no longer matches its signature: %+v", *bad)
	}
	return fmt.Sprintf("%d acknowledged notes present and signed once; audit chain of %d events verifies; %d signed records hold",
		len(signed), events, records), nil
}

// printServers writes the table of a run through one and two servers.
func printServers(w io.Writer, engine string, rows []serversRow) {
	fmt.Fprintf(w, "%-8s %7s %10s %10s %8s %8s %9s  %s\n", "engine", "clients", "one/s", "two/s", "p50 two", "p95 two", "on B", "errors (one; two)")
	for _, r := range rows {
		fmt.Fprintf(w, "%-8s %7d %10.1f %10.1f %8s %8s %8.0f%%  %s; %s\n", engine, r.Two.Clients, r.One.Rate(), r.Two.Rate(),
			ms(r.Two.Percentile(0.50)), ms(r.Two.Percentile(0.95)), 100*float64(r.OnB)/float64(max(r.OnA+r.OnB, 1)), r.One.ErrorText(), r.Two.ErrorText())
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }
