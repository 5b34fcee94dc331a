package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

type signInView struct {
	Email        string
	Error        string
	Demo         []DemoSignIn
	DemoPassword string
	SSOName      string // "Sign in with <SSOName>" when single sign-on is on
	Passkeys     bool   // passkeys work at this address
	SetupOpen    bool   // no agency yet: the first-run page is the way in
}

func (s *Server) signInView(r *http.Request, email, errMsg string) signInView {
	open, _ := s.setupOpen(r)
	return signInView{Email: email, Error: errMsg, Demo: s.cfg.Demo, DemoPassword: s.cfg.DemoPassword, SSOName: s.ssoName(),
		Passkeys: s.passkeysHere(r), SetupOpen: open}
}

// handleSignInForm shows the sign-in form (and, on a demo server, the demo
// accounts). A signed-in visitor goes straight to Today.
func (s *Server) handleSignInForm(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if !actor.Anonymous() {
		http.Redirect(w, r, "/today", http.StatusSeeOther)
		return
	}
	p := s.printer(r)
	v := view{P: p, Title: p.T("signin.title"), Data: s.signInView(r, "", "")}
	switch {
	case r.URL.Query().Has("set_up"):
		// Just after the first run: the new administrator's email is given
		// back so they only type the password they chose.
		v.Notice = p.T("setup.done")
		v.Data = s.signInView(r, r.URL.Query().Get("email"), "")
	case r.URL.Query().Has("expired"):
		v.Notice = p.T("signin.expired")
	case r.URL.Query().Has("out"):
		v.Notice = p.T("signin.signed_out")
		v.WipeDrafts = true // Clear-Site-Data did it where the browser honours it
	}
	s.render(w, r, http.StatusOK, "signin", v)
}

// handleSignIn checks the email and password, starts a session and sets its
// cookie. A failure re-shows the form with one generic message and the
// email kept, never the password.
func (s *Server) handleSignIn(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	p := s.printer(r)
	if err := s.readForm(w, r); err != nil {
		s.render(w, r, statusOf(err), "signin", view{P: p, Title: p.T("signin.title"), Data: s.signInView(r, "", p.Error(err))})
		return
	}
	email, pw := strings.TrimSpace(r.PostForm.Get("email")), r.PostForm.Get("password")
	if email == "" || pw == "" {
		s.render(w, r, http.StatusUnprocessableEntity, "signin", view{P: p, Title: p.T("signin.title"), Data: s.signInView(r, email, p.T("signin.required"))})
		return
	}
	check, err := s.throttleCheck(r, email, actor.IP)
	if err != nil {
		s.pageError(w, r, goldthread.Actor{}, err)
		return
	}
	if wait := check.Wait; wait > 0 {
		s.tooManyAttempts(w, wait)
		s.render(w, r, http.StatusTooManyRequests, "signin", view{P: p, Title: p.T("signin.title"),
			Data: s.signInView(r, email, p.T("signin.throttled", int(wait.Seconds()+0.5)))})
		return
	}
	step, err := s.db.SignIn(r.Context(), email, pw, actor.IP, store.SessionWeb, s.cfg.Sessions)
	if err == nil && step.NeedsSecondStep() {
		// The password was right, but the throttle keeps its count until
		// the second step is done too: a right password buys no new tries.
		http.SetCookie(w, &http.Cookie{Name: challengeCookie, Value: step.Challenge, Path: "/signin", HttpOnly: true,
			Secure: s.cfg.SecureCookies, SameSite: http.SameSiteStrictMode, MaxAge: 300})
		http.Redirect(w, r, "/signin/code", http.StatusSeeOther)
		return
	}
	if err != nil {
		if goldthread.ErrorKind(err) == goldthread.ETHROTTLED {
			status := s.errorStatus(w, r, err)
			s.render(w, r, status, "signin", view{P: p, Title: p.T("signin.title"), Data: s.signInView(r, email, s.printer(r).Error(err))})
			return
		}
		if goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
			s.pageError(w, r, goldthread.Actor{}, err)
			return
		}
		s.throttleFail(r, email, actor.IP)
		s.render(w, r, http.StatusUnauthorized, "signin", view{P: p, Title: p.T("signin.title"), Data: s.signInView(r, email, s.printer(r).Error(err))})
		return
	}
	s.throttleForget(r, check)
	s.setSessionCookie(w, step.Token)
	http.Redirect(w, r, "/today", http.StatusSeeOther)
}

// handleSignOut ends the session on the server, clears the cookie and asks
// the browser to drop anything it kept of this site (ONC (d)(7)).
func (s *Server) handleSignOut(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.db.SignOut(r.Context(), actor); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	s.clearSessionCookie(w)
	w.Header().Set("Clear-Site-Data", `"cache", "storage"`)
	http.Redirect(w, r, "/signin?out=1", http.StatusSeeOther)
}

// tooManyAttempts sets Retry-After for a throttled sign-in.
func (s *Server) tooManyAttempts(w http.ResponseWriter, wait time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds()+0.999)))
}

// handleKeepAlive answers the idle warning's "Stay signed in": the request
// itself refreshed the session's idle clock in the guard.
func (s *Server) handleKeepAlive(w http.ResponseWriter, r *http.Request, _ goldthread.Actor) {
	w.WriteHeader(http.StatusNoContent)
}
