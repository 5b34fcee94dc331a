package web

import (
	"io"
	"net/http"
	"slices"
	"strconv"

	"github.com/goldthread/goldthread"
)

// Checking consents: the signed form attached to a consent, a second
// person's verification, the agency's rule for Part 2 consents, and the
// record sections a consent covers and a release sends.
func init() {
	funcs["recordSections"] = func() []string { return goldthread.RecordSections }
}

// Checked reports whether a multi-valued field (checkboxes) holds value.
func (f plForm) Checked(name, value string) bool { return slices.Contains(f.Values[name], value) }

// CanVerify reports whether the viewer may verify c: a Part 2 consent not
// verified yet, recorded by someone else, and a supervisor or clinician.
func (v consentsView) CanVerify(c goldthread.Consent) bool {
	return v.Checker && c.Kind == goldthread.ConsentPart2 && c.VerifiedBy == "" && c.CreatedBy != v.Me
}

// consentOf reads the consent fields of the add form.
func consentOf(participantID int64, r *http.Request) goldthread.Consent {
	v := r.PostForm
	return goldthread.Consent{ParticipantID: participantID, Kind: v.Get("kind"), Recipient: v.Get("recipient"), Purpose: v.Get("purpose"),
		Information: v.Get("information"), Sections: v["sections"], Discloser: v.Get("discloser"), SignedBy: v.Get("signed_by"),
		Representative: v.Get("representative"), RevocationNotice: v.Get("revocation_notice") == "yes"}
}

// handleConsentDocument attaches the signed form (multipart, field
// document) to a consent and returns to the consents page.
func (s *Server) handleConsentDocument(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	var data []byte
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if f, _, ferr := r.FormFile("document"); ferr == nil {
		data, err = io.ReadAll(io.LimitReader(f, goldthread.ConsentDocumentMaxBytes+1))
		f.Close()
		if err != nil {
			s.pageError(w, r, actor, err)
			return
		}
	}
	if err := s.db.AttachConsentDocument(r.Context(), actor, id, data); err != nil {
		s.consentRefused(w, r, actor, id, err)
		return
	}
	s.backToConsents(w, r, actor, id)
}

// handleConsentDocumentFile shows the signed form attached to a consent.
func (s *Server) handleConsentDocumentFile(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	data, kind, err := s.db.ConsentDocumentFile(r.Context(), actor, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	w.Header().Set("Content-Type", kind)
	w.Header().Set("Content-Disposition", `inline; filename="consent-`+strconv.FormatInt(id, 10)+`"`)
	w.Write(data)
}

// handleConsentVerify records a second person's verification.
func (s *Server) handleConsentVerify(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err == nil {
		err = s.db.VerifyConsent(r.Context(), actor, id)
	}
	if err != nil {
		s.consentRefused(w, r, actor, id, err)
		return
	}
	s.backToConsents(w, r, actor, id)
}

// apiConsentVerify: POST /api/v1/consents/{id}/verification → 204.
func (s *Server) apiConsentVerify(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err == nil {
		err = s.db.VerifyConsent(r.Context(), actor, id)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// consentRefused shows the consents page again with the refusal, or an
// error page when the consent is out of reach.
func (s *Server) consentRefused(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, consentID int64, err error) {
	pid, perr := s.db.ConsentParticipant(r.Context(), actor, consentID)
	if perr != nil || goldthread.ErrorKind(err) == goldthread.ENOTFOUND {
		s.pageError(w, r, actor, err)
		return
	}
	s.showConsents(w, r, actor, pid, statusOf(err), 0, plForm{Message: s.printer(r).Error(err)})
}

func (s *Server) backToConsents(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, consentID int64) {
	pid, err := s.db.ConsentParticipant(r.Context(), actor, consentID)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/participants/"+strconv.FormatInt(pid, 10)+"/consents?saved=1", http.StatusSeeOther)
}

// handlePart2CheckSave sets how the agency checks Part 2 consents.
func (s *Server) handlePart2CheckSave(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if err := s.db.SetPart2ConsentCheck(r.Context(), actor, r.PostForm.Get("part2_check")); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/settings/security?saved=1", http.StatusSeeOther)
}
