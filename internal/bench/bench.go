// Package bench measures Goldthread's write path against the raw write
// limit of the same database, in one run: the disk's fsync rate drifts
// several-fold over minutes, so only ratios measured side by side mean
// anything. `goldthread bench` prints its tables; the crash test drives
// its load.
package bench

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Result is what one load of one kind at one concurrency did.
type Result struct {
	Name      string
	Clients   int
	Elapsed   time.Duration
	OK        int
	Errors    map[string]int // by HTTP status or "error: …"
	latencies []time.Duration
}

// Rate is the successful operations per second.
func (r Result) Rate() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.OK) / r.Elapsed.Seconds()
}

// Percentile is the latency below which p (0–1) of the successful
// operations finished.
func (r Result) Percentile(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := int(float64(len(r.latencies)-1) * p)
	return r.latencies[i]
}

// ErrorText lists the errors by kind, "0" when none.
func (r Result) ErrorText() string {
	if len(r.Errors) == 0 {
		return "0"
	}
	keys := make([]string, 0, len(r.Errors))
	for k := range r.Errors {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s×%d", k, r.Errors[k]))
	}
	return strings.Join(parts, " ")
}

// Op is one operation of client number client; it returns "" when it
// succeeded, else the kind of failure (an HTTP status, "error: …").
type Op func(ctx context.Context, client int) string

// Run runs op from clients goroutines, each in a loop, for d, and
// gathers what happened. An operation started before d is up runs to its
// end and is counted (Elapsed includes it): cutting it off would count a
// slow machine's every write as nothing, and a write the server went on to
// commit as not done. Only ctx (the caller's) cancels an operation.
func Run(ctx context.Context, name string, clients int, d time.Duration, op Op) Result {
	opCtx := ctx
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	res := Result{Name: name, Clients: clients, Errors: map[string]int{}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			errs := map[string]int{}
			for ctx.Err() == nil {
				t := time.Now()
				kind := op(opCtx, c)
				if opCtx.Err() != nil && kind != "" {
					break // cut off by the caller, not a failure
				}
				if kind != "" {
					errs[kind]++
					continue
				}
				lat = append(lat, time.Since(t))
			}
			mu.Lock()
			res.latencies = append(res.latencies, lat...)
			for k, n := range errs {
				res.Errors[k] += n
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	res.OK = len(res.latencies)
	slices.Sort(res.latencies)
	return res
}

// Row is one line of the comparison: the raw commit and the signed-note
// path at one concurrency.
type Row struct{ Raw, Signed Result }

// Print writes the table of rows.
func Print(w io.Writer, engine string, rows []Row) {
	fmt.Fprintf(w, "%-8s %7s %10s %10s %7s %8s %8s %8s  %s\n", "engine", "clients", "raw/s", "signed/s", "ratio", "p50", "p95", "p99", "errors")
	for _, r := range rows {
		ratio := 0.0
		if r.Raw.Rate() > 0 {
			ratio = r.Signed.Rate() / r.Raw.Rate()
		}
		fmt.Fprintf(w, "%-8s %7d %10.0f %10.1f %6.1f%% %8s %8s %8s  %s\n", engine, r.Signed.Clients, r.Raw.Rate(), r.Signed.Rate(), 100*ratio,
			ms(r.Signed.Percentile(0.50)), ms(r.Signed.Percentile(0.95)), ms(r.Signed.Percentile(0.99)), r.Signed.ErrorText())
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }
