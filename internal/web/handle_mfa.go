package web

import (
	"html/template"
	"net/http"

	"github.com/goldthread/goldthread"
)

// challengeCookie carries a sign-in halfway done (password right, code
// still to come) for five minutes, on the sign-in paths only.
const challengeCookie = "gt_mfa"

// codeView is the second step: a passkey, a code, or both, as the person
// has set up.
type codeView struct {
	Error   string
	Passkey bool
	TOTP    bool
}

func (s *Server) handleCodeForm(w http.ResponseWriter, r *http.Request, _ goldthread.Actor) {
	v, ok := s.secondStepView(w, r)
	if !ok {
		return
	}
	p := s.printer(r)
	s.render(w, r, http.StatusOK, "signin_code", view{P: p, Title: p.T("mfa.code.title"), Data: v})
}

// secondStepView says which second steps the person halfway through
// signing in has; without a live challenge it sends them back to sign in.
func (s *Server) secondStepView(w http.ResponseWriter, r *http.Request) (codeView, bool) {
	c, err := r.Cookie(challengeCookie)
	if err != nil {
		http.Redirect(w, r, "/signin", http.StatusSeeOther)
		return codeView{}, false
	}
	userID, err := s.db.ChallengeUser(r.Context(), c.Value)
	if err != nil {
		http.SetCookie(w, &http.Cookie{Name: challengeCookie, Path: "/signin", MaxAge: -1})
		http.Redirect(w, r, "/signin?expired=1", http.StatusSeeOther)
		return codeView{}, false
	}
	h, err := s.db.PasskeyHolderFor(r.Context(), userID)
	if err != nil {
		s.pageError(w, r, goldthread.Actor{}, err)
		return codeView{}, false
	}
	totpOn, err := s.db.TOTPOn(r.Context(), goldthread.Actor{UserID: userID})
	if err != nil {
		s.pageError(w, r, goldthread.Actor{}, err)
		return codeView{}, false
	}
	return codeView{Passkey: len(h.Passkeys) > 0 && s.passkeysHere(r), TOTP: totpOn}, true
}

// handleCode finishes a two-step sign-in with the authenticator code.
func (s *Server) handleCode(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	c, err := r.Cookie(challengeCookie)
	if err != nil {
		http.Redirect(w, r, "/signin", http.StatusSeeOther)
		return
	}
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p := s.printer(r)
	token, _, err := s.db.CompleteSignIn(r.Context(), c.Value, r.PostForm.Get("code"), actor.IP, s.cfg.Sessions)
	if err != nil {
		if goldthread.ErrorField(err) == "code" {
			v, ok := s.secondStepView(w, r)
			if !ok {
				return
			}
			v.Error = s.printer(r).Error(err)
			status := http.StatusUnauthorized
			if goldthread.ErrorKind(err) == goldthread.ETHROTTLED {
				status = s.errorStatus(w, r, err)
			}
			s.render(w, r, status, "signin_code", view{P: p, Title: p.T("mfa.code.title"), Data: v})
			return
		}
		if goldthread.ErrorKind(err) == goldthread.EUNAUTHORIZED {
			http.SetCookie(w, &http.Cookie{Name: challengeCookie, Path: "/signin", MaxAge: -1})
			s.render(w, r, http.StatusUnauthorized, "signin", view{P: p, Title: p.T("signin.title"), Data: s.signInView(r, "", s.printer(r).Error(err))})
			return
		}
		s.pageError(w, r, actor, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: challengeCookie, Path: "/signin", MaxAge: -1})
	s.setSessionCookie(w, token)
	http.Redirect(w, r, "/today", http.StatusSeeOther)
}

type mfaView struct {
	Required bool   // the agency requires it for the person's role
	Forced   bool   // they were sent here because it is missing
	Secret   string // set during set-up
	// URI is the otpauth:// enrolment link; built by the store from our own
	// values, so it is trusted past html/template's scheme filter.
	URI    template.URL
	Errors map[string]string

	TOTP     bool                 // the authenticator app is on
	Passkeys []goldthread.Passkey // the person's passkeys
	RemoveID int64                // the passkey whose removal needs fixing
	Refused  string               // why a removal was refused
	Notice   string               // catalog key of what just happened
	Here     bool                 // passkeys work at this address
}

func (s *Server) renderMFA(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, v mfaView) {
	v.Required = actor.MFARequired
	v.Here = s.passkeysHere(r)
	var err error
	if v.TOTP, err = s.db.TOTPOn(r.Context(), actor); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if v.Passkeys, err = s.db.Passkeys(r.Context(), actor); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p := s.printer(r)
	s.render(w, r, status, "account_mfa", view{P: p, Actor: actor, Title: p.T("mfa.title"), Nav: "account", Data: v})
}

func (s *Server) handleMFA(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	v := mfaView{Forced: r.URL.Query().Has("required") && !actor.MFAEnabled}
	switch q := r.URL.Query(); {
	case q.Has("added"):
		v.Notice = "passkey.added"
	case q.Has("removed"):
		v.Notice = "passkey.removed"
	}
	s.renderMFA(w, r, actor, http.StatusOK, v)
}

// handleMFAStart makes a new secret and shows it with the confirm form.
func (s *Server) handleMFAStart(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	secret, uri, err := s.db.StartTOTP(r.Context(), actor, "Goldthread")
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	s.renderMFA(w, r, actor, http.StatusOK, mfaView{Secret: secret, URI: template.URL(uri)})
}

func (s *Server) handleMFAConfirm(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if err := s.db.ConfirmTOTP(r.Context(), actor, r.PostForm.Get("password"), r.PostForm.Get("code")); err != nil {
		if fe, ok := formError(s.printer(r), err); ok {
			s.renderMFA(w, r, actor, http.StatusUnprocessableEntity, mfaView{Secret: r.PostForm.Get("secret"), Errors: fe})
			return
		}
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/account/mfa", http.StatusSeeOther)
}

func (s *Server) handleMFADisable(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if err := s.db.DisableTOTP(r.Context(), actor, r.PostForm.Get("password")); err != nil {
		s.factorRefused(w, r, actor, err, 0)
		return
	}
	http.Redirect(w, r, "/account/mfa", http.StatusSeeOther)
}

// factorRefused answers a refused change to a second factor on the
// account page: a wrong password beside the field of the form that sent it
// (the passkey removeID's, or the app's when 0), the agency's requirement as
// a refusal, anything else as an error page.
func (s *Server) factorRefused(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, err error, removeID int64) {
	if fe, ok := formError(s.printer(r), err); ok {
		s.renderMFA(w, r, actor, http.StatusUnprocessableEntity, mfaView{Errors: fe, RemoveID: removeID})
		return
	}
	if goldthread.ErrorKind(err) == goldthread.EFORBIDDEN {
		s.renderMFA(w, r, actor, http.StatusForbidden, mfaView{Refused: s.printer(r).Error(err)})
		return
	}
	s.pageError(w, r, actor, err)
}

type securitySettingsView struct {
	Roles      []goldthread.Role
	Required   map[goldthread.Role]bool
	Saved      bool
	Part2Check string // how a Part 2 consent is checked before it is relied on
}

// handleSecuritySettings shows which roles must use two-step sign-in.
func (s *Server) handleSecuritySettings(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	roles, err := s.db.MFAPolicy(r.Context(), actor.AgencyID)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v := securitySettingsView{Roles: goldthread.Roles, Required: map[goldthread.Role]bool{}, Saved: r.URL.Query().Has("saved")}
	if v.Part2Check, err = s.db.Part2ConsentCheck(r.Context(), actor); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	for _, role := range roles {
		v.Required[role] = true
	}
	p := s.printer(r)
	s.render(w, r, http.StatusOK, "settings_security", view{P: p, Actor: actor, Title: p.T("settings.security.title"), Nav: "settings", Data: v})
}

func (s *Server) handleSecuritySettingsSave(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	var roles []goldthread.Role
	for _, v := range r.PostForm["roles"] {
		roles = append(roles, goldthread.Role(v))
	}
	if err := s.db.SetMFAPolicy(r.Context(), actor, roles); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/settings/security?saved=1", http.StatusSeeOther)
}
