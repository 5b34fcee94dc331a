package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// Portal accounts: staff who serve a participant invite them, see their
// account's state and turn it off and on; the participant joins on a
// public page with the invitation's code or link, then may add a second
// step. The store decides reach; these handlers parse and render.

// joinThrottleKey is the sign-in throttle's account key for joining, so a
// guesser's wrong codes count per address like wrong passwords do.
const joinThrottleKey = "portal-join"

func init() {
	participantSections = append(participantSections, participantSection{Order: 4, Template: "portal-account-summary", Load: loadPortalAccount})
}

// loadPortalAccount puts the account's state on the participant page for
// the staff who manage it.
func loadPortalAccount(ctx context.Context, s *Server, actor goldthread.Actor, p goldthread.Participant) (any, bool, error) {
	if !goldthread.CanManagePortalAccounts(actor) {
		return nil, false, nil
	}
	acct, err := s.db.PortalAccount(ctx, actor, p.ID)
	return acct, err == nil, err
}

// portalAccountView is the staff page of one participant's portal account.
type portalAccountView struct {
	Participant goldthread.Participant
	Account     goldthread.PortalAccount
	New         *goldthread.PortalInvitation // just made: its code and link, shown this once
	Link        string
	Done        string            // "disabled" or "enabled" after a change
	Errors      map[string]string // a refused change, by field
	Reasons     []string          // why an account may be turned off
}

// invitationLink is the address a participant opens to join with token.
func (s *Server) invitationLink(r *http.Request, token string) string {
	return s.publicOrigin(r) + "/portal/join?invite=" + url.QueryEscape(token)
}

func (s *Server) renderPortalAccount(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, v portalAccountView) {
	id, err := pathID(r)
	if err == nil {
		v.Participant, err = s.db.Participant(r.Context(), actor, id)
	}
	if err == nil {
		v.Account, err = s.db.PortalAccount(r.Context(), actor, id)
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.Reasons = goldthread.PortalOffReasons
	p := s.printer(r)
	s.render(w, r, status, "portal_account", view{P: p, Actor: actor, Title: p.T("portal_account.title", v.Participant.DisplayName()),
		Nav: "participants", Data: v})
}

// handlePortalAccount shows the account's state and what staff can do.
func (s *Server) handlePortalAccount(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	done := r.URL.Query().Get("done")
	if done != "disabled" && done != "enabled" {
		done = ""
	}
	s.renderPortalAccount(w, r, actor, http.StatusOK, portalAccountView{Done: done})
}

// handlePortalInvite makes an invitation and shows its code and link once,
// in this answer only (never in an address, so never in a log or history).
func (s *Server) handlePortalInvite(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	var inv goldthread.PortalInvitation
	if err == nil {
		inv, err = s.db.InvitePortal(r.Context(), actor, id)
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	s.renderPortalAccount(w, r, actor, http.StatusCreated, portalAccountView{New: &inv, Link: s.invitationLink(r, inv.Token)})
}

// handlePortalAccess turns the account off (its sessions end at once) or
// on again.
func (s *Server) handlePortalAccess(on bool) func(http.ResponseWriter, *http.Request, goldthread.Actor) {
	return func(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
		id, err := pathID(r)
		if err == nil {
			err = s.readForm(w, r)
		}
		if err == nil {
			_, err = s.db.SetPortalAccess(r.Context(), actor, id, on, r.PostForm.Get("reason"))
		}
		if goldthread.ErrorField(err) == "reason" {
			s.renderPortalAccount(w, r, actor, http.StatusUnprocessableEntity, portalAccountView{Errors: map[string]string{"reason": s.printer(r).Error(err)}})
			return
		}
		if err != nil {
			s.pageError(w, r, actor, err)
			return
		}
		done := map[bool]string{true: "enabled", false: "disabled"}[on]
		http.Redirect(w, r, "/participants/"+strconv.FormatInt(id, 10)+"/portal-account?done="+done, http.StatusSeeOther)
	}
}

// joinView is the public page where a participant joins.
type joinView struct {
	Token      string // from the link: no code to type
	Code       string
	SignInName string
	Errors     map[string]string
	Message    string
}

func (s *Server) renderJoin(w http.ResponseWriter, r *http.Request, status int, v joinView) {
	p := s.printer(r)
	w.Header().Set("Cache-Control", "no-store") // the code or link is on the page
	s.render(w, r, status, "portal_join", view{P: p, Title: p.T("portal_join.title"), Data: v})
}

// handleJoinForm shows the join form; a link's token rides in a hidden
// field instead of the code.
func (s *Server) handleJoinForm(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.renderJoin(w, r, http.StatusOK, joinView{Token: r.URL.Query().Get("invite")})
}

// handleJoin spends the invitation: it makes the account, signs the
// participant in and offers the second step. Wrong codes count toward the
// address's sign-in throttle; a wrong name or password shows beside its
// field and keeps the invitation.
func (s *Server) handleJoin(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.readForm(w, r); err != nil {
		s.renderJoin(w, r, statusOf(err), joinView{Message: s.printer(r).Error(err)})
		return
	}
	f := r.PostForm
	in := store.PortalJoin{Code: f.Get("code"), Token: f.Get("token"), SignInName: strings.TrimSpace(f.Get("sign_in_name")), Password: f.Get("password")}
	v := joinView{Token: in.Token, Code: in.Code, SignInName: in.SignInName}
	step, status, err := s.join(w, r, actor, in, f.Get("confirm_password"), store.SessionWeb)
	switch {
	case err == nil && step.NeedsSecondStep():
		http.SetCookie(w, &http.Cookie{Name: challengeCookie, Value: step.Challenge, Path: "/signin", HttpOnly: true,
			Secure: s.cfg.SecureCookies, SameSite: http.SameSiteStrictMode, MaxAge: 300})
		http.Redirect(w, r, "/signin/code", http.StatusSeeOther)
	case err != nil:
		if field := goldthread.ErrorField(err); field != "" {
			v.Errors = map[string]string{field: s.printer(r).Error(err)}
		} else {
			v.Message = s.printer(r).Error(err)
		}
		s.renderJoin(w, r, status, v)
	default:
		if !actor.Anonymous() {
			s.db.SignOut(r.Context(), actor) // whoever was signed in on this device is not the one joining
		}
		s.setSessionCookie(w, step.Token)
		http.Redirect(w, r, "/portal/welcome", http.StatusSeeOther)
	}
}

// join runs JoinPortal for the web and the API alike behind the address's
// throttle, and returns the step the sign-in reached (a session, or a
// second step to take), or the status and error to answer with.
func (s *Server) join(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, in store.PortalJoin, confirm, kind string) (store.SignInStep, int, error) {
	p := s.printer(r)
	check, err := s.throttleCheck(r, joinThrottleKey, actor.IP)
	if err != nil {
		return store.SignInStep{}, statusOf(err), err
	}
	if wait := check.Wait; wait > 0 {
		s.tooManyAttempts(w, wait)
		return store.SignInStep{}, http.StatusTooManyRequests, goldthread.Errorf(goldthread.ETHROTTLED, "%s", p.T("signin.throttled", int(wait.Seconds()+0.5)))
	}
	if kind == store.SessionWeb && confirm != in.Password {
		return store.SignInStep{}, http.StatusUnprocessableEntity, goldthread.FieldError("confirm_password", "%s", p.T("account.mismatch"))
	}
	step, err := s.db.JoinPortal(r.Context(), in, actor.IP, kind, s.cfg.Sessions, s.passwordCost())
	var paused *store.JoinPaused
	switch {
	case errors.As(err, &paused):
		s.tooManyAttempts(w, paused.Wait)
		return store.SignInStep{}, http.StatusTooManyRequests, goldthread.Errorf(goldthread.ETHROTTLED, "%s", p.T("portal_join.paused", int(paused.Wait.Minutes()+1)))
	case goldthread.ErrorField(err) == "code":
		s.throttleFail(r, joinThrottleKey, actor.IP)
	case err == nil:
		s.throttleForget(r, check)
	}
	return step, statusOf(err), err
}

// handleWelcome greets a participant who just joined and offers the
// optional second step.
func (s *Server) handleWelcome(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	p := s.printer(r)
	s.render(w, r, http.StatusOK, "portal_welcome", view{P: p, Actor: actor, Title: p.T("portal_welcome.title"), Nav: "today"})
}
