// Package web is Goldthread's HTTP side: the phone-first HTML pages and the
// JSON API. Handlers parse, call the store, and render; the rules live in the
// domain and the store. Every route declares who may use it, and the router
// refuses everyone else before a handler runs (deny by default).
package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/password"
	"github.com/goldthread/goldthread/internal/store"
)

// DemoSignIn is one demo account shown on the sign-in page when the server
// runs with demo data.
type DemoSignIn struct {
	Role  goldthread.Role
	Email string
	Name  string
	Note  string
}

// Config is what a Server needs.
type Config struct {
	DB     *store.DB
	Logger *slog.Logger
	// Sessions bounds session lifetimes (idle and absolute).
	Sessions store.SessionPolicy
	// SecureCookies marks cookies Secure and sends HSTS: set when serving
	// TLS or behind a TLS-terminating proxy.
	SecureCookies bool
	// Demo lists demo sign-ins for the sign-in page; empty in production.
	Demo         []DemoSignIn
	DemoPassword string
	// MaxBody caps request bodies; larger ones get 413.
	MaxBody int64
	// PublicURL is the address people type to reach Goldthread, such as
	// https://goldthread.example.org: passkeys are bound to its host and
	// single sign-on returns to it. Empty means the address of each request
	// (fine on localhost; set it in production).
	PublicURL string
	// PasswordCost is the argon2id cost of passwords set through the app;
	// zero means password.Default (tests lower it).
	PasswordCost password.Params
	// SSO, when set, lets the agency's staff sign in through its OpenID
	// Connect identity provider (handle_sso.go); nil turns it off.
	SSO *SingleSignOn
	// SetupCode, when set, opens the first-run page (/setup) on a database
	// with no agency: whoever types this code (printed by `serve` on its
	// console, never logged) creates the agency and its first
	// administrator. Empty keeps the page closed.
	SetupCode string
	// TrustedProxies are the addresses of the reverse proxies in front of
	// Goldthread. A request from one of them is taken to come from the
	// address the proxy wrote in ClientIPHeader; from anyone else the
	// header is ignored. Empty: the connection's peer is the client.
	TrustedProxies []netip.Prefix
	// ClientIPHeader is the header trusted proxies put the client's
	// address in; X-Forwarded-For when empty.
	ClientIPHeader string
	// MetricsToken, when set, lets a request carrying it as a bearer token
	// read /metrics (and the profiler) from anywhere; without it only this
	// machine (loopback, not through a proxy) may.
	MetricsToken string
	// Pprof serves the Go profiler at /debug/pprof/ to the same callers
	// as /metrics; off unless asked for (serve --pprof).
	Pprof bool
	// BillingWait is how long the Billing page and the billing Today
	// section wait for the background check of their period they start
	// (billing_refresh.go) before answering with what is known; 0 answers
	// at once. Tests that read a page right after writing set it.
	BillingWait time.Duration
}

// Server serves Goldthread over HTTP.
type Server struct {
	cfg    Config
	db     *store.DB
	log    *slog.Logger
	pages  *pages
	routes []route
	mux    *http.ServeMux
	// metrics are the histograms /metrics serves.
	metrics *metrics
	// checks are the billing periods being checked in the background.
	checks *billingChecks
}

// New returns a Server with its routes registered. It parses every template
// once, so a broken template stops the server at start, not on a request.
func New(cfg Config) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Sessions.Idle == 0 {
		cfg.Sessions = store.DefaultSessionPolicy
	}
	if cfg.ClientIPHeader == "" {
		cfg.ClientIPHeader = "X-Forwarded-For"
	}
	if cfg.MaxBody == 0 {
		cfg.MaxBody = 3 << 20 // room for a 2 MiB WRAP attached to a crisis plan
	}
	p, err := parsedPages()
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, db: cfg.DB, log: cfg.Logger, pages: p, mux: http.NewServeMux(), checks: newBillingChecks()}
	s.metrics = newMetrics()
	cfg.DB.SetObserver(s.metrics.storeObserver())
	s.routes = s.routeTable()
	for _, rt := range s.routes {
		s.mux.Handle(rt.Method+" "+rt.Pattern, s.timed(rt.Method+" "+rt.Pattern, s.guard(rt)))
	}
	operator := s.operatorMux()
	s.mux.Handle("GET /metrics", operator)
	if cfg.Pprof {
		s.mux.Handle("GET /debug/pprof/", operator)
	}
	s.mux.HandleFunc("/", s.handleNotFound)
	return s, nil
}

// Handler returns the whole middleware chain around the router.
func (s *Server) Handler() http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, goldthread.EFORBIDDEN, "error.cross_origin", nil)
	}))
	return s.withRequestLog(s.withRecover(s.withHeaders(s.withBodyLimit(s.withCleanText(cop.Handler(s.mux))))))
}

// ListenAndServe serves on addr until ctx ends, then stops taking new
// requests and lets in-flight ones finish (up to 20 seconds). With cert and
// key it serves TLS.
func (s *Server) ListenAndServe(ctx context.Context, addr, cert, key string, ready func(addr string)) error {
	srv := &http.Server{
		Addr:              addr,
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	ln, err := listen(addr)
	if err != nil {
		return err
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() {
		if cert != "" {
			errc <- srv.ServeTLS(ln, cert, key)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}

// publicOrigin is the scheme and host people use to reach the server: the
// configured PublicURL, or else the request's own. Passkeys and single
// sign-on are bound to it.
func (s *Server) publicOrigin(r *http.Request) string {
	if s.cfg.PublicURL != "" {
		return s.cfg.PublicURL
	}
	scheme := "http"
	if r.TLS != nil || s.cfg.SecureCookies {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
