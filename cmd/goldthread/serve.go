package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/demo"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/web"
)

func runServe(ctx context.Context, e *env, args []string) int {
	start := time.Now()
	fs := newFlags(e, "serve", "[--addr 127.0.0.1:8080] [--db URL] [--demo] [--tls-cert FILE --tls-key FILE] [--oidc-issuer URL --oidc-client-id ID --oidc-agency SLUG]")
	addr := fs.String("addr", envOr(e, "GOLDTHREAD_ADDR", "127.0.0.1:8080"), "address to listen on (env GOLDTHREAD_ADDR)")
	dbURL := dbFlag(e, fs)
	withDemo := fs.Bool("demo", e.getenv("GOLDTHREAD_DEMO") == "1", "load the demo agency when the database has none, and show demo sign-ins (env GOLDTHREAD_DEMO=1)")
	cert := fs.String("tls-cert", e.getenv("GOLDTHREAD_TLS_CERT"), "TLS certificate file; with --tls-key serves HTTPS and sends HSTS")
	key := fs.String("tls-key", e.getenv("GOLDTHREAD_TLS_KEY"), "TLS private key file")
	behindTLS := fs.Bool("behind-tls-proxy", e.getenv("GOLDTHREAD_BEHIND_TLS_PROXY") == "1", "a TLS-terminating reverse proxy is in front: mark cookies Secure and send HSTS")
	publicURL := fs.String("public-url", e.getenv("GOLDTHREAD_PUBLIC_URL"), "the address people use to reach Goldthread, such as https://goldthread.example.org; passkeys and single sign-on are bound to it (env GOLDTHREAD_PUBLIC_URL)")
	proxies := fs.String("trusted-proxy", e.getenv("GOLDTHREAD_TRUSTED_PROXY"), "addresses of the reverse proxies in front, comma-separated (10.0.0.5 or 10.0.0.0/24); their client address header is believed, nobody else's (env GOLDTHREAD_TRUSTED_PROXY)")
	ipHeader := fs.String("client-ip-header", envOr(e, "GOLDTHREAD_CLIENT_IP_HEADER", "X-Forwarded-For"), "the header a trusted proxy puts the client's address in (env GOLDTHREAD_CLIENT_IP_HEADER)")
	keyFile := fs.String("secret-key-file", e.getenv("GOLDTHREAD_SECRET_KEY_FILE"), "file holding the key that seals authenticator-app secrets (base64 of 32 bytes); default: GOLDTHREAD_SECRET_KEY, or for SQLite a file beside the database made on first start (env GOLDTHREAD_SECRET_KEY_FILE)")
	idle := fs.Duration("idle-timeout", 15*time.Minute, "end a session after this long without a request")
	pprofOn := fs.Bool("pprof", e.getenv("GOLDTHREAD_PPROF") == "1", "serve the Go profiler at /debug/pprof/ to this machine only (or with the metrics token) (env GOLDTHREAD_PPROF=1)")
	oidc := addOIDCFlags(e, fs)
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if (*cert == "") != (*key == "") {
		fmt.Fprintln(e.stderr, "goldthread serve: give both --tls-cert and --tls-key, or neither.")
		return 2
	}
	if *idle < time.Minute || *idle > 12*time.Hour {
		fmt.Fprintln(e.stderr, "goldthread serve: --idle-timeout must be between 1m and 12h, such as 15m.")
		return 2
	}
	if *publicURL != "" {
		u, err := url.Parse(*publicURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || (u.Path != "" && u.Path != "/") {
			fmt.Fprintln(e.stderr, "goldthread serve: --public-url must be a scheme and host only, such as https://goldthread.example.org.")
			return 2
		}
		*publicURL = u.Scheme + "://" + u.Host
	}
	trusted, err := parseProxies(*proxies)
	if err != nil {
		fmt.Fprintln(e.stderr, "goldthread serve: "+err.Error())
		return 2
	}
	if *behindTLS && len(trusted) == 0 {
		// Every request would seem to come from the proxy: one address
		// for the throttles and the audit trail.
		fmt.Fprintln(e.stderr, "goldthread serve: --behind-tls-proxy needs --trusted-proxy with the proxy's address, so each client's own address is throttled and audited.")
		return 2
	}
	if msg := oidc.check(*publicURL); msg != "" {
		fmt.Fprintln(e.stderr, "goldthread serve: "+msg)
		return 2
	}
	logger := slog.New(slog.NewJSONHandler(e.stderr, nil))
	db, ok := openDB(ctx, e, *dbURL)
	if !ok {
		return 1
	}
	defer db.Close()
	sealKey, created, err := secretKey(e, *keyFile, *dbURL, db.Engine)
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread serve: %v\n", err)
		return 2
	}
	if created != "" {
		logger.Info("made the key that seals authenticator-app secrets; back it up, never beside the database backups", "file", created)
	}
	if err := db.SetSecretKey(sealKey); err != nil {
		fmt.Fprintf(e.stderr, "goldthread serve: %v\n", err)
		return 2
	}
	if n, err := db.SealStoredSecrets(ctx); err != nil {
		fmt.Fprintf(e.stderr, "goldthread serve: %v\n", err)
		return 1
	} else if n > 0 {
		logger.Info("sealed authenticator-app secrets kept in plain text", "count", n)
	}
	warnUnboundRowSecurity(ctx, db, logger)

	cfg := web.Config{DB: db, Logger: logger, SecureCookies: *cert != "" || *behindTLS, PublicURL: *publicURL,
		Sessions:       store.SessionPolicy{Idle: *idle, Absolute: store.DefaultSessionPolicy.Absolute},
		TrustedProxies: trusted, ClientIPHeader: http.CanonicalHeaderKey(strings.TrimSpace(*ipHeader)),
		// Prometheus reads /metrics from this machine, or from anywhere
		// with this token; kept out of flags so it is not in ps.
		MetricsToken: e.getenv("GOLDTHREAD_METRICS_TOKEN"), Pprof: *pprofOn}
	if *withDemo {
		loaded, err := demo.Load(ctx, db, goldthread.Date{}, demo.HashCost) // today on the demo agency's clock
		if err != nil {
			fmt.Fprintf(e.stderr, "goldthread serve: loading the demo agency failed: %v\n", err)
			return 1
		}
		if loaded {
			logger.Info("demo agency loaded", "agency", demo.Slug)
		}
		for _, a := range demo.Accounts() {
			cfg.Demo = append(cfg.Demo, web.DemoSignIn{Role: a.Role, Email: a.Email, Name: a.Name, Note: a.Note})
		}
		cfg.DemoPassword = demo.Password
	}
	if !*withDemo {
		if cfg.SetupCode, err = firstRunCode(ctx, db); err != nil {
			fmt.Fprintf(e.stderr, "goldthread serve: %v\n", err)
			return 1
		}
	}
	singleSignOn, err := oidc.singleSignOn(ctx, db, *publicURL, logger)
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread serve: %v\n", err)
		return 1
	}
	cfg.SSO = singleSignOn
	srv, err := web.New(cfg)
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread serve: %v\n", err)
		return 1
	}
	defer srv.Close() // ends the billing checks before the database closes
	scheme := "http"
	if *cert != "" {
		scheme = "https"
	}
	err = srv.ListenAndServe(ctx, *addr, *cert, *key, func(bound string) {
		logger.Info("listening", "url", scheme+"://"+bound, "engine", db.Engine, "startup_ms", time.Since(start).Milliseconds())
		open := openURL(scheme, bound, *publicURL)
		fmt.Fprintf(e.stdout, "Goldthread is running at %s (listening on %s://%s; press Ctrl+C to stop)\n", open, scheme, bound)
		if cfg.SetupCode != "" {
			// The one place the code appears: the operator's console, not
			// the JSON log, which may be shipped elsewhere.
			fmt.Fprintf(e.stdout, "First run: no agency yet. Open %s/setup and enter the setup code %s\n", open, cfg.SetupCode)
		}
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread serve: %v\n", err)
		return 1
	}
	logger.Info("stopped cleanly")
	return 0
}

func envOr(e *env, name, def string) string {
	if v := e.getenv(name); v != "" {
		return v
	}
	return def
}

// openURL is the address to print for people to open: the public URL when
// set, else the bound address with a loopback IP named "localhost", since
// browsers offer passkeys only on a host name.
func openURL(scheme, bound, publicURL string) string {
	if publicURL != "" {
		return publicURL
	}
	host, port, err := net.SplitHostPort(bound)
	if err == nil && (host == "127.0.0.1" || host == "::1") {
		bound = net.JoinHostPort("localhost", port)
	}
	return scheme + "://" + bound
}

// parseProxies reads --trusted-proxy: addresses or CIDR prefixes, comma
// separated; an address alone is a prefix of its full length.
func parseProxies(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if p, err := netip.ParsePrefix(item); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(item)
		if err != nil {
			return nil, fmt.Errorf("--trusted-proxy: %q is not an address or a prefix such as 10.0.0.5 or 10.0.0.0/24", item)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// warnUnboundRowSecurity logs a warning when the database is PostgreSQL and
// its row-level security does not bind the role serve connects as (a
// superuser or a BYPASSRLS role): agencies are then kept apart by the
// store's WHERE clauses alone. See docs/security.md.
func warnUnboundRowSecurity(ctx context.Context, db *store.DB, logger *slog.Logger) {
	if db.Engine != store.Postgres {
		return
	}
	on, role, err := db.RowLevelSecurity(ctx)
	switch {
	case err != nil:
		logger.Warn("cannot tell whether row-level security binds this connection", "err", err)
	case !on:
		logger.Warn("row-level security does not bind this connection: connect as the schema's owner, not a superuser or BYPASSRLS role (docs/security.md)",
			"role", role)
	}
}
