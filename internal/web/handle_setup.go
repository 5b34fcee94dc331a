package web

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// The first run: on a database with no agency, `serve` prints a setup code
// on its console, and whoever types it on /setup creates the agency and
// its first administrator, then signs in. Once an agency exists the page
// only points to sign-in.

// setupView is the first-run form.
type setupView struct {
	Form  plForm
	Zones []commonZone
}

// setupOpen reports whether the first-run page may be used: a code was
// given to the server and no agency exists yet.
func (s *Server) setupOpen(r *http.Request) (bool, error) {
	if s.cfg.SetupCode == "" {
		return false, nil
	}
	n, err := s.db.AgencyCount(r.Context())
	return n == 0, err
}

func (s *Server) handleSetupForm(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	open, err := s.setupOpen(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if !open {
		http.Redirect(w, r, "/signin", http.StatusSeeOther)
		return
	}
	s.renderSetup(w, r, http.StatusOK, plForm{Values: url.Values{"time_zone": {"America/New_York"}}})
}

func (s *Server) renderSetup(w http.ResponseWriter, r *http.Request, status int, form plForm) {
	p := s.printer(r)
	s.render(w, r, status, "setup", view{P: p, Title: p.T("setup.title"), Data: setupView{Form: form, Zones: commonZones}})
}

// handleSetup checks the code (wrong codes count toward the address's
// sign-in limit), then creates the agency and its administrator and sends
// them to sign in.
func (s *Server) handleSetup(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	open, err := s.setupOpen(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if !open {
		http.Redirect(w, r, "/signin", http.StatusSeeOther)
		return
	}
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v := r.PostForm
	check, err := s.throttleCheck(r, "setup", actor.IP)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if wait := check.Wait; wait > 0 {
		s.tooManyAttempts(w, wait)
		s.renderSetup(w, r, http.StatusTooManyRequests, plForm{Message: s.printer(r).T("signin.throttled", int(wait.Seconds()+0.5)), Values: v})
		return
	}
	if subtle.ConstantTimeCompare([]byte(setupCodeForm(v.Get("setup_code"))), []byte(setupCodeForm(s.cfg.SetupCode))) != 1 {
		s.throttleFail(r, "setup", actor.IP)
		s.log.WarnContext(r.Context(), "wrong setup code", "request_id", requestID(r.Context()))
		v.Del("setup_code")
		s.renderSetup(w, r, http.StatusUnprocessableEntity, plForm{Errs: map[string]string{"setup_code": s.printer(r).T("setup.code.wrong")}, Values: v})
		return
	}
	_, admin, err := s.db.CreateAgencyWithAdministrator(r.Context(), store.NewAgency{
		Agency:    goldthread.Agency{Name: v.Get("name"), Slug: v.Get("slug"), TimeZone: v.Get("time_zone")},
		AdminName: v.Get("admin_name"), Email: v.Get("email"), Password: v.Get("password"), FirstOnly: true}, s.passwordCost())
	if err != nil {
		if goldthread.ErrorField(err) == "" {
			s.pageError(w, r, actor, err)
			return
		}
		v.Del("password")
		s.renderSetup(w, r, statusOfForm(err), plFormOf(s.printer(r), err, v))
		return
	}
	s.throttleForget(r, check)
	http.Redirect(w, r, "/signin?set_up=1&email="+url.QueryEscape(admin.Email), http.StatusSeeOther)
}

// setupCodeForm is a code as compared: upper case, without the spaces and
// dashes people type or leave out.
func setupCodeForm(c string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, strings.ToUpper(strings.TrimSpace(c)))
}
