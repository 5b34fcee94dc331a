package web

import (
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
)

type consentsView struct {
	Participant goldthread.Participant
	Consents    []goldthread.Consent
	CanWrite    bool
	Today       goldthread.Date
	RevokeID    int64 // the consent whose revocation form was refused
	Form        plForm
	Me          int64 // the viewer, who never verifies a consent they recorded
	Checker     bool  // the viewer may verify consents (supervisor, clinician)
}

// handleConsents lists the participant's consents with their status today
// and, for the people who record them, the forms to add and revoke.
func (s *Server) handleConsents(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	s.showConsents(w, r, actor, id, http.StatusOK, 0, plForm{})
}

func (s *Server) showConsents(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, participantID int64, status int, revokeID int64, form plForm) {
	pt, err := s.db.Participant(r.Context(), actor, participantID)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	list, err := s.db.Consents(r.Context(), actor, participantID)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p := s.printer(r)
	s.render(w, r, status, "consents", view{P: p, Actor: actor, Title: p.T("consents.title", pt.DisplayName()), Nav: "participants",
		Data: consentsView{Participant: pt, Consents: list, CanWrite: goldthread.CanWritePlans(actor), Today: s.todayOf(actor),
			RevokeID: revokeID, Form: form, Me: actor.UserID, Checker: goldthread.CanVerifyConsents(actor)}})
}

// handleConsentAdd records a consent.
func (s *Server) handleConsentAdd(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v := r.PostForm
	c := consentOf(id, r)
	if c.Signed, err = plDate(v, "signed_on"); err == nil {
		if c.Expires, err = plDate(v, "expires_on"); err == nil {
			err = s.db.AddConsent(r.Context(), actor, &c)
		}
	}
	if goldthread.ErrorKind(err) == goldthread.EINVALID {
		s.showConsents(w, r, actor, id, http.StatusUnprocessableEntity, 0, plFormOf(s.printer(r), err, v))
		return
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/participants/"+strconv.FormatInt(id, 10)+"/consents?saved=1", http.StatusSeeOther)
}

// handleConsentRevoke records a revocation.
func (s *Server) handleConsentRevoke(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	on, err := plDate(r.PostForm, "revoked_on")
	var c goldthread.Consent
	if err == nil {
		c, err = s.db.RevokeConsent(r.Context(), actor, id, on, r.PostForm.Get("revocation_note"))
	}
	if goldthread.ErrorKind(err) == goldthread.EINVALID {
		if pid := plID(r.PostForm, "participant_id"); pid != 0 {
			s.showConsents(w, r, actor, pid, http.StatusUnprocessableEntity, id, plFormOf(s.printer(r), err, r.PostForm))
			return
		}
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/participants/"+strconv.FormatInt(c.ParticipantID, 10)+"/consents?saved=1", http.StatusSeeOther)
}

// RevokeForm gives the revocation form of consent id the refused form's
// errors only when they are about that consent.
func (v consentsView) RevokeForm(id int64) plForm {
	if v.RevokeID != id {
		return plForm{}
	}
	return v.Form
}

// AddForm gives the new-consent form the refused form's errors only when no
// revocation was refused.
func (v consentsView) AddForm() plForm {
	if v.RevokeID != 0 {
		return plForm{}
	}
	return v.Form
}
