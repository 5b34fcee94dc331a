package web

import (
	"crypto/subtle"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/pprof"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/goldthread/goldthread/internal/store"
)

// latencyBuckets are the upper bounds, in seconds, of every histogram.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}

// histogram counts observations per bucket, Prometheus style (cumulative
// buckets are computed when written).
type histogram struct {
	counts []uint64 // one per bucket, then +Inf
	sum    float64
	n      uint64
}

func (h *histogram) observe(seconds float64) {
	if h.counts == nil {
		h.counts = make([]uint64, len(latencyBuckets)+1)
	}
	i := sort.SearchFloat64s(latencyBuckets, seconds)
	h.counts[i]++
	h.sum += seconds
	h.n++
}

// metrics holds the server's histograms, each by one label value.
type metrics struct {
	mu       sync.Mutex
	families map[string]*family
}

type family struct {
	help, label string
	series      map[string]*histogram
}

func newMetrics() *metrics {
	m := &metrics{families: map[string]*family{}}
	m.define("goldthread_http_request_duration_seconds", "Time to answer a request, by route.", "route")
	m.define("goldthread_db_transaction_duration_seconds", "Time from a transaction's begin to its commit or rollback.", "kind")
	m.define("goldthread_db_writer_wait_seconds", "Time waiting to begin a write transaction (on SQLite: for the one writer connection).", "")
	m.define("goldthread_audit_append_duration_seconds", "Time to chain a transaction's audit events at commit (holding the chain's head).", "")
	return m
}

func (m *metrics) define(name, help, label string) {
	m.families[name] = &family{help: help, label: label, series: map[string]*histogram{}}
}

func (m *metrics) observe(name, value string, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	f := m.families[name]
	h, ok := f.series[value]
	if !ok {
		h = &histogram{}
		f.series[value] = h
	}
	h.observe(d.Seconds())
}

// storeObserver feeds the store's timings into m.
func (m *metrics) storeObserver() *store.Observer {
	return &store.Observer{
		Tx:          func(kind string, d time.Duration) { m.observe("goldthread_db_transaction_duration_seconds", kind, d) },
		WriterWait:  func(d time.Duration) { m.observe("goldthread_db_writer_wait_seconds", "", d) },
		AuditAppend: func(d time.Duration) { m.observe("goldthread_audit_append_duration_seconds", "", d) },
	}
}

// write writes every family in the Prometheus text exposition format
// (version 0.0.4), families and series sorted so the output is stable.
func (m *metrics) write(w io.Writer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	names := make([]string, 0, len(m.families))
	for name := range m.families {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f := m.families[name]
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s histogram\n", name, f.help, name)
		values := make([]string, 0, len(f.series))
		for v := range f.series {
			values = append(values, v)
		}
		sort.Strings(values)
		for _, v := range values {
			h := f.series[v]
			label := ""
			if f.label != "" {
				label = f.label + `="` + escapeLabel(v) + `",`
			}
			var cum uint64
			for i, le := range latencyBuckets {
				cum += h.counts[i]
				fmt.Fprintf(w, "%s_bucket{%sle=\"%g\"} %d\n", name, label, le, cum)
			}
			fmt.Fprintf(w, "%s_bucket{%sle=\"+Inf\"} %d\n", name, label, h.n)
			plain := strings.TrimSuffix(label, ",")
			if plain != "" {
				plain = "{" + plain + "}"
			}
			fmt.Fprintf(w, "%s_sum%s %g\n%s_count%s %d\n", name, plain, h.sum, name, plain, h.n)
		}
	}
}

func escapeLabel(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}

// timed records how long each request of route takes.
func (s *Server) timed(route string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		next.ServeHTTP(w, r)
		s.metrics.observe("goldthread_http_request_duration_seconds", route, time.Since(start))
	})
}

// operatorOnly lets a request through when it comes straight from this
// machine (a loopback peer, with no proxy's forwarding header) or carries
// the metrics token (Config.MetricsToken) as a bearer token; anyone else
// gets 404, as if nothing were there.
func (s *Server) operatorOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.cfg.MetricsToken != "" {
			got, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.MetricsToken)) == 1 {
				next.ServeHTTP(w, r)
				return
			}
		}
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		ip := net.ParseIP(host)
		if err == nil && ip != nil && ip.IsLoopback() && r.Header.Get(s.cfg.ClientIPHeader) == "" && r.Header.Get("Forwarded") == "" {
			next.ServeHTTP(w, r)
			return
		}
		http.NotFound(w, r)
	})
}

// operatorMux serves /metrics and, when Config.Pprof is set, the Go
// profiler under /debug/pprof/, both behind operatorOnly.
func (s *Server) operatorMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", s.operatorOnly(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		s.metrics.write(w)
	})))
	if s.cfg.Pprof {
		mux.Handle("GET /debug/pprof/", s.operatorOnly(http.HandlerFunc(pprof.Index)))
		mux.Handle("GET /debug/pprof/cmdline", s.operatorOnly(http.HandlerFunc(pprof.Cmdline)))
		mux.Handle("GET /debug/pprof/profile", s.operatorOnly(http.HandlerFunc(pprof.Profile)))
		mux.Handle("GET /debug/pprof/symbol", s.operatorOnly(http.HandlerFunc(pprof.Symbol)))
		mux.Handle("GET /debug/pprof/trace", s.operatorOnly(http.HandlerFunc(pprof.Trace)))
	}
	return mux
}
