package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/seed"
	"github.com/goldthread/goldthread/internal/store"
)

// runBenchReads times the reads people wait for (issues 17 and 20): a
// participant's page, their note list, a supervisor's review queue, a
// month's billing worklist and each dashboard, on an agency seeded through
// `goldthread seed`'s own path, or on one seeded before (--agency), so a
// change can be measured before and after on the very same data.
func runBenchReads(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "bench reads", "[--db URL] [--participants 100] [--notes 5000] [--agency SLUG] [--requests 20] [--budget 60s] [--only TEXT]")
	dbURL := dbFlag(e, fs)
	participants := fs.Int("participants", 100, "participants to seed (ignored with --agency)")
	notes := fs.Int("notes", 5000, "signed notes to seed (ignored with --agency)")
	slug := fs.String("agency", "", "measure an agency seeded before (`goldthread seed --slug`) instead of seeding one")
	requests := fs.Int("requests", 20, "how many times each read runs")
	budget := fs.Duration("budget", 60*time.Second, "at most this long per read (but at least 3 runs), so the slow ones end")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the reads to this file (go tool pprof)")
	only := fs.String("only", "", "time only the reads whose name holds this text, such as worklist")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *requests < 1 {
		fmt.Fprintln(e.stderr, "goldthread bench reads: --requests must be 1 or more.")
		return 2
	}
	db, ok := openDB(ctx, e, *dbURL)
	if !ok {
		return 1
	}
	defer db.Close()
	var who readers
	var err error
	if *slug != "" {
		who, err = seededReaders(ctx, db, *slug)
	} else {
		who, err = seedReaders(ctx, e, db, *participants, *notes)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread bench reads: %v\n", err)
		return 1
	}
	who.sized, who.log = map[string]bool{}, e.stderr
	stop, ok := profileOf(e, "bench reads", *profile)
	if !ok {
		return 1
	}
	defer stop()
	fmt.Fprintf(e.stdout, "Reads of agency %s (%d signed notes), %s, one client, up to %d runs or %s each:\n",
		who.slug, who.notes, db.Engine, *requests, *budget)
	fmt.Fprintf(e.stdout, "%-10s %-36s %5s %10s %10s %10s\n", "engine", "read", "runs", "p50", "p95", "max")
	for _, r := range who.reads() {
		if !strings.Contains(r.name, *only) {
			continue
		}
		fmt.Fprintf(e.stderr, "bench reads: %s\n", r.name)
		lat, err := timeRead(ctx, r.run, *requests, *budget)
		if err != nil {
			fmt.Fprintf(e.stderr, "goldthread bench reads: %s: %v\n", r.name, err)
			return 1
		}
		printRead(e.stdout, string(db.Engine), r.name, lat)
	}
	return 0
}

// readers are who asks for each read, and what they ask about.
type readers struct {
	db                                   *store.DB
	slug                                 string
	notes                                int
	programID, participantID             int64
	peer, supervisor, billing, clinician goldthread.Actor
	today                                goldthread.Date
	sized                                map[string]bool
	log                                  io.Writer
}

// answer notes, once per read, the size of its answer as JSON (the
// store's shape, close to the API's), on stderr beside the progress.
func (w readers) answer(ctx context.Context, name string, v any) {
	if w.sized == nil || w.sized[name] {
		return
	}
	w.sized[name] = true
	b, _ := json.Marshal(v)
	fmt.Fprintf(w.log, "bench reads: %s answers %.1f KB\n", name, float64(len(b))/1000)
}

// aRead is one read to time.
type aRead struct {
	name string
	run  func(ctx context.Context) error
}

// reads are the answers issue 20 wants under 20 ms (the worklist and
// review queue pages) and issue 17 under 200 ms (the dashboards). The
// month and the dashboards' eight weeks end yesterday, inside the seed's
// span.
func (w readers) reads() []aRead {
	db := w.db
	yesterday := goldthread.DateOf(w.today.AddDate(0, 0, -1))
	month := goldthread.DateOf(yesterday.AddDate(0, -1, 1))
	period := goldthread.ReportFilter{From: goldthread.DateOf(yesterday.AddDate(0, 0, -55)), To: yesterday}
	return []aRead{
		{"participant page", func(ctx context.Context) error {
			_, err := db.Participant(ctx, w.peer, w.participantID)
			return err
		}},
		{"note list (50 of a participant)", func(ctx context.Context) error {
			_, err := db.ListNotes(ctx, w.peer, goldthread.NoteFilter{ParticipantID: w.participantID, Limit: 50})
			return err
		}},
		{"review queue, whole (supervisor)", func(ctx context.Context) error {
			q, err := db.ReviewQueue(ctx, w.supervisor)
			w.answer(ctx, "review queue, whole", q)
			return err
		}},
		{"review queue, first page (supervisor)", func(ctx context.Context) error {
			q, err := db.ReviewQueuePage(ctx, w.supervisor, store.ReviewPage{})
			w.answer(ctx, "review queue, first page", q)
			return err
		}},
		{"billing worklist, one month", func(ctx context.Context) error {
			_, err := db.BillableServices(ctx, w.billing, w.programID, month, yesterday)
			return err
		}},
		{"billing worklist, one month, first page (100)", func(ctx context.Context) error {
			wl, err := db.BillableServicesPage(ctx, w.billing, w.programID, month, yesterday, store.WorklistPage{Limit: 100})
			w.answer(ctx, "billing worklist, first page", wl)
			return err
		}},
		{"dashboard: peer Today", func(ctx context.Context) error {
			_, err := db.PeerToday(ctx, w.peer, 14)
			return err
		}},
		{"dashboard: team (8 weeks)", func(ctx context.Context) error {
			_, err := db.SupervisorReport(ctx, w.supervisor, period)
			return err
		}},
		{"dashboard: billing (8 weeks)", func(ctx context.Context) error {
			_, err := db.BillingReport(ctx, w.billing, period)
			return err
		}},
		{"dashboard: program (8 weeks)", func(ctx context.Context) error {
			// What the page reads: the figures and the first page of rows.
			rep, err := db.DirectorReportPage(ctx, w.clinician, period, store.DirectorPage{Limit: goldthread.DirectorRowsPerPage})
			w.answer(ctx, "dashboard: program", rep)
			return err
		}},
		{"dashboard: program, every row (CSV)", func(ctx context.Context) error {
			rep, err := db.DirectorReport(ctx, w.clinician, period)
			w.answer(ctx, "dashboard: program, every row", rep)
			return err
		}},
	}
}

// seedReaders seeds an agency through the seed command's path and names
// its first peer, that peer's first participant, the first supervisor,
// the clinician and billing.
func seedReaders(ctx context.Context, e *env, db *store.DB, participants, notes int) (readers, error) {
	slug := fmt.Sprintf("reads-%d", time.Now().Unix())
	a, err := seed.Run(ctx, db, seed.Options{Slug: slug, Participants: participants, Notes: notes, Progress: e.stderr})
	if err != nil {
		return readers{}, err
	}
	return readers{db: db, slug: slug, notes: a.Notes, programID: a.Program.ID, participantID: a.Participants[0].ID,
		peer: a.Peers[0], supervisor: a.Supervisors[0], billing: a.Billing, clinician: a.Clinician,
		today: goldthread.DateIn(time.Now(), seed.Zone())}, nil
}

// seededReaders finds the same people in an agency `goldthread seed`
// made before, by the addresses the seed gives them.
func seededReaders(ctx context.Context, db *store.DB, slug string) (readers, error) {
	w := readers{db: db, slug: slug, today: goldthread.DateIn(time.Now(), seed.Zone())}
	ag, err := db.AgencyBySlug(ctx, slug)
	if err != nil {
		return w, err
	}
	for _, p := range []struct {
		to    *goldthread.Actor
		email string
	}{{&w.peer, "peer1"}, {&w.supervisor, "supervisor1"}, {&w.billing, "billing"}, {&w.clinician, "clinician"}} {
		if *p.to, err = db.ActorByEmail(ctx, p.email+"@"+slug+".seed.test"); err != nil {
			return w, fmt.Errorf("%s of agency %s: %w", p.email, slug, err)
		}
	}
	err = db.QueryRowRaw(ctx, `SELECT (SELECT MIN(id) FROM program WHERE agency_id = ?), (SELECT MIN(participant_id) FROM caseload WHERE peer_id = ?),
		(SELECT COUNT(*) FROM service_note WHERE agency_id = ? AND status = 'signed')`, ag.ID, w.peer.UserID, ag.ID).
		Scan(&w.programID, &w.participantID, &w.notes)
	return w, err
}

// timeRead runs read up to n times, stopping once budget is spent after
// at least three runs, and returns the latencies sorted.
func timeRead(ctx context.Context, read func(context.Context) error, n int, budget time.Duration) ([]time.Duration, error) {
	var lat []time.Duration
	began := time.Now()
	for i := 0; i < n && (i < 3 || time.Since(began) < budget); i++ {
		t := time.Now()
		if err := read(ctx); err != nil {
			return nil, err
		}
		lat = append(lat, time.Since(t))
	}
	slices.Sort(lat)
	return lat, nil
}

func printRead(w io.Writer, engine, name string, lat []time.Duration) {
	at := func(p float64) time.Duration { return lat[int(float64(len(lat)-1)*p)] }
	fmt.Fprintf(w, "%-10s %-36s %5d %10s %10s %10s\n", engine, name, len(lat), roundMs(at(0.5)), roundMs(at(0.95)), roundMs(lat[len(lat)-1]))
}

func roundMs(d time.Duration) string {
	if d >= time.Second {
		return fmt.Sprintf("%.2fs", d.Seconds())
	}
	return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000)
}
