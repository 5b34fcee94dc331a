package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// sessionCookie names the session cookie over plain HTTP (localhost,
// tests); served over TLS it carries the __Host- prefix, which browsers
// accept only Secure, on path / and without a Domain, so no sibling
// subdomain or plain-HTTP page can set or shadow it.
const (
	sessionCookie       = "gt_session"
	sessionCookieSecure = "__Host-gt_session"
)

// sessionCookieName is the session cookie's name on this server.
func (s *Server) sessionCookieName() string {
	if s.cfg.SecureCookies {
		return sessionCookieSecure
	}
	return sessionCookie
}

type ctxKey int

const (
	requestIDKey ctxKey = 1
	actorKey     ctxKey = 2
)

// actorOf is the actor the guard let through, or the anonymous actor.
func actorOf(r *http.Request) goldthread.Actor {
	a, _ := r.Context().Value(actorKey).(goldthread.Actor)
	return a
}

// guard authenticates the request for rt and checks rt's access before the
// handler runs. Pages answer an anonymous visitor with a redirect to sign
// in; the API answers 401. A signed-in user without the role gets 403.
func (s *Server) guard(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var actor goldthread.Actor
		ip := s.clientIP(r)
		if rt.Access.API {
			w.Header().Set("Cache-Control", "no-store")
			if token, ok := bearer(r); ok {
				a, err := s.db.Authenticate(r.Context(), token, store.SessionAPI, ip, s.cfg.Sessions)
				if err != nil && !rt.Access.Public {
					s.apiError(w, r, err)
					return
				}
				actor = a
			}
		} else if c, err := r.Cookie(s.sessionCookieName()); err == nil {
			a, err := s.db.Authenticate(r.Context(), c.Value, store.SessionWeb, ip, s.cfg.Sessions)
			if err == nil {
				actor = a
			} else if goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
				s.pageError(w, r, actor, err)
				return
			} else if !rt.Access.Public {
				s.clearSessionCookie(w)
				http.Redirect(w, r, "/signin?expired=1", http.StatusSeeOther)
				return
			}
		}
		if actor.IP == "" {
			actor.IP = ip
		}
		// The actor rides in the context too, for what runs without it as
		// an argument: the printer reads the agency's time zone from it.
		// On PostgreSQL every transaction of a signed-in request is then
		// narrowed to the actor's agency by row-level security, a second
		// wall under the store's WHERE clauses (store.WithAgency).
		r = r.WithContext(store.WithAgency(context.WithValue(r.Context(), actorKey, actor), actor.AgencyID))
		if !rt.Access.Public {
			if actor.Anonymous() {
				if rt.Access.API {
					s.apiError(w, r, goldthread.Errorf(goldthread.EUNAUTHORIZED, "Send a bearer token from POST /api/v1/tokens."))
					return
				}
				http.Redirect(w, r, "/signin", http.StatusSeeOther)
				return
			}
			if !slices.ContainsFunc(actor.Roles, func(role goldthread.Role) bool { return slices.Contains(rt.Access.Roles, role) }) {
				err := goldthread.Errorf(goldthread.EFORBIDDEN, "Your role does not allow this.")
				if rt.Access.API {
					s.apiError(w, r, err)
				} else {
					s.pageError(w, r, actor, err)
				}
				s.auditRefusal(r, rt, actor, http.StatusForbidden)
				return
			}
			if actor.MFARequired && !actor.MFAEnabled && !rt.Access.SetupOK {
				if rt.Access.API {
					s.apiError(w, r, goldthread.Errorf(goldthread.EFORBIDDEN, "Your agency requires two-step sign-in; set it up in the web app under My account."))
				} else {
					http.Redirect(w, r, "/account/mfa?required=1", http.StatusSeeOther)
				}
				return
			}
			// Pages with records must not stay in a shared device's cache
			// after sign-out (ONC (d)(7)).
			w.Header().Set("Cache-Control", "no-store")
		}
		rec := &statusRecorder{ResponseWriter: w}
		rt.Handler(rec, r, actor)
		s.auditRefusal(r, rt, actor, rec.status)
	})
}

func bearer(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	token, ok := strings.CutPrefix(h, "Bearer ")
	return strings.TrimSpace(token), ok && strings.TrimSpace(token) != ""
}

// clientIP is the address of the person making the request: the peer of
// the connection, or, when that peer is a proxy the operator named
// (Config.TrustedProxies), the address that proxy put in
// Config.ClientIPHeader. In X-Forwarded-For the nearest address not itself
// a trusted proxy is taken, so a client cannot pick its own address by
// sending the header. A forwarded header from anyone else is ignored.
func (s *Server) clientIP(r *http.Request) string {
	peer := r.RemoteAddr
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		peer = host
	}
	if !s.trustedProxy(peer) {
		return peer
	}
	values := r.Header.Values(s.cfg.ClientIPHeader)
	var hops []string
	for _, v := range values {
		hops = append(hops, strings.Split(v, ",")...)
	}
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return peer // a header the proxy did not write well: trust the connection
		}
		if !s.trustedProxy(a.Unmap().String()) {
			return a.Unmap().String()
		}
	}
	return peer
}

// trustedProxy reports whether addr is one of the operator's proxies.
func (s *Server) trustedProxy(addr string) bool {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return false
	}
	a = a.Unmap()
	return slices.ContainsFunc(s.cfg.TrustedProxies, func(p netip.Prefix) bool { return p.Contains(a) })
}

func (s *Server) setSessionCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: s.sessionCookieName(), Value: token, Path: "/", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: int(s.cfg.Sessions.Absolute.Seconds())})
}

func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: s.sessionCookieName(), Value: "", Path: "/", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

// withHeaders sets the security headers of every response: a CSP that
// allows no inline script and no framing, and HSTS when serving over TLS.
func (s *Server) withHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "+
			"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if r.TLS != nil || s.cfg.SecureCookies {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// withBodyLimit caps request bodies so an oversized form is refused with
// 413 instead of filling memory.
func (s *Server) withBodyLimit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > s.cfg.MaxBody {
			s.renderError(w, r, goldthread.ETOOLARGE, "error.too_large", nil)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
		next.ServeHTTP(w, r)
	})
}

// isTooLarge reports a body cut off by withBodyLimit.
func isTooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

func (s *Server) withRecover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.ErrorContext(r.Context(), "panic", "request_id", requestID(r.Context()), "panic", p)
				s.renderError(w, r, goldthread.EINTERNAL, "error.internal", nil)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// withRequestLog gives each request an id and logs one JSON line when it
// ends. Only the method, the path (which carries ids, never names) and
// numbers are logged: never a query string or a body, which may hold PHI.
func (s *Server) withRequestLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := make([]byte, 8)
		rand.Read(b)
		id := hex.EncodeToString(b)
		w.Header().Set("X-Request-Id", id)
		ctx := context.WithValue(r.Context(), requestIDKey, id)
		sw := &statusWriter{ResponseWriter: w}
		start := time.Now()
		next.ServeHTTP(sw, withLanguage(r.WithContext(ctx)))
		s.log.InfoContext(ctx, "request", "request_id", id, "method", r.Method, "path", r.URL.Path,
			"status", sw.status, "bytes", sw.bytes, "duration_ms", float64(time.Since(start).Microseconds())/1000)
	})
}

func requestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}
