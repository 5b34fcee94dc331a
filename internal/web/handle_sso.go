package web

import (
	"crypto/subtle"
	"errors"
	"net/http"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/sso"
	"github.com/goldthread/goldthread/internal/store"
)

// SingleSignOn is the optional OpenID Connect sign-in of one agency's
// staff through its identity provider (Config.SSO). Without it the sign-on
// routes answer 404 and the sign-in page shows no button.
type SingleSignOn struct {
	Provider *sso.Provider
	// Agency is the slug of the agency whose staff the provider serves;
	// only its active staff accounts may sign in this way.
	Agency string
}

// ssoStateCookie ties a sign-on to the browser that started it: the
// callback must carry the same state in the cookie and in the address,
// so nobody can finish their own sign-in in someone else's browser
// (login CSRF). Lax, not Strict: the provider sends the browser back
// from another site.
const ssoStateCookie = "gt_sso"

// ssoName is the provider's label for the sign-in button, "" without SSO.
func (s *Server) ssoName() string {
	if s.cfg.SSO == nil {
		return ""
	}
	return s.cfg.SSO.Provider.Name()
}

// handleSSOStart sends the browser to the provider with a fresh state,
// nonce and PKCE challenge; the server keeps their other halves. It is a
// POST (the sign-in page's button): it writes the state, which no GET, a
// prefetch or a crawler may do.
func (s *Server) handleSSOStart(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if s.cfg.SSO == nil {
		s.handleNotFound(w, r)
		return
	}
	if !actor.Anonymous() {
		http.Redirect(w, r, "/today", http.StatusSeeOther)
		return
	}
	wait, err := s.db.TakeStart(r.Context(), actor.IP)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if wait > 0 {
		s.tooManyAttempts(w, wait)
		p := s.printer(r)
		s.render(w, r, http.StatusTooManyRequests, "signin", view{P: p, Title: p.T("signin.title"),
			Data: s.signInView(r, "", p.T("signin.throttled", int(wait.Seconds()+0.5)))})
		return
	}
	state, nonce, verifier, err := s.db.StartSSO(r.Context(), actor.IP)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: ssoStateCookie, Value: state, Path: "/signin/sso", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: 600})
	http.Redirect(w, r, s.cfg.SSO.Provider.AuthURL(state, nonce, verifier), http.StatusSeeOther)
}

// handleSSOCallback finishes a sign-on: the state must be this browser's
// and unspent, the provider's answer a code, the ID token valid for this
// sign-in's nonce, and the person an active staff member of the agency.
// Then it opens the session, or sends a person with a second factor to
// the code step exactly as a password sign-in does. Every refusal is
// audited and shown on the sign-in page.
func (s *Server) handleSSOCallback(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if s.cfg.SSO == nil {
		s.handleNotFound(w, r)
		return
	}
	ctx, agency, name := r.Context(), s.cfg.SSO.Agency, s.cfg.SSO.Provider.Name()
	p := s.printer(r)
	refuse := func(status int, reason, msg string) {
		if err := s.db.RefuseSSO(ctx, agency, actor.IP, reason); goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
			s.pageError(w, r, actor, err)
			return
		}
		s.render(w, r, status, "signin", view{P: p, Title: p.T("signin.title"), Data: s.signInView(r, "", msg)})
	}
	q := r.URL.Query()
	state := q.Get("state")
	http.SetCookie(w, &http.Cookie{Name: ssoStateCookie, Path: "/signin/sso", MaxAge: -1})
	if c, err := r.Cookie(ssoStateCookie); err != nil || state == "" || subtle.ConstantTimeCompare([]byte(c.Value), []byte(state)) != 1 {
		refuse(http.StatusUnauthorized, "sso_state_mismatch", p.T("sso.expired"))
		return
	}
	nonce, verifier, err := s.db.TakeSSOState(ctx, state)
	if err != nil {
		if goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
			s.pageError(w, r, actor, err)
			return
		}
		refuse(http.StatusUnauthorized, "sso_state_invalid", p.T("sso.expired"))
		return
	}
	switch e := q.Get("error"); {
	case e == "access_denied":
		refuse(http.StatusUnauthorized, "sso_provider_denied", p.T("sso.denied", name))
		return
	case e != "" || q.Get("code") == "":
		refuse(http.StatusBadGateway, "sso_provider_error", p.T("sso.provider_error", name))
		return
	}
	id, err := s.cfg.SSO.Provider.Exchange(ctx, q.Get("code"), verifier, nonce)
	if err != nil {
		reason, status, msg := "sso_invalid_token", http.StatusUnauthorized, p.T("sso.failed", name)
		if !errors.Is(err, sso.ErrToken) {
			reason, status, msg = "sso_exchange_failed", http.StatusBadGateway, p.T("sso.unavailable", name)
		}
		// The reason and the library's words only: no token, code or claim.
		s.log.WarnContext(ctx, "single sign-on refused", "reason", reason, "err", err, "request_id", requestID(ctx))
		refuse(status, reason, msg)
		return
	}
	step, err := s.db.SignInSSO(ctx, agency, store.SSOIdentity(id), actor.IP, s.cfg.Sessions)
	if err == nil && step.NeedsSecondStep() {
		// As after a password, but Lax: this response ends a redirect chain
		// that began at the provider's site, and browsers withhold Strict
		// cookies along such a chain, so /signin/code would never see it.
		// The code form's POST is same-site; CrossOriginProtection guards it.
		http.SetCookie(w, &http.Cookie{Name: challengeCookie, Value: step.Challenge, Path: "/signin", HttpOnly: true,
			Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: 300})
		http.Redirect(w, r, "/signin/code", http.StatusSeeOther)
		return
	}
	if err != nil {
		if goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
			s.pageError(w, r, actor, err)
			return
		}
		// The store audited it; one message for every account it refuses.
		s.render(w, r, http.StatusUnauthorized, "signin", view{P: p, Title: p.T("signin.title"), Data: s.signInView(r, "", p.T("sso.no_account"))})
		return
	}
	s.setSessionCookie(w, step.Token)
	http.Redirect(w, r, "/today", http.StatusSeeOther)
}
