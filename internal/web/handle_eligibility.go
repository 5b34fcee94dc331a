package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/goldthread/goldthread"
)

type eligibilityView struct {
	Participant goldthread.Participant
	Eligibility goldthread.Eligibility
	CanWrite    bool   // clinicians enter eligibility
	FormFor     string // which form the error belongs to: assessment, diagnosis, order, authorization
	Form        plForm
}

// handleEligibility shows what makes the participant eligible. The store
// leaves clinical content out for readers who may not see it, and the page
// says so.
func (s *Server) handleEligibility(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.showEligibility(w, r, actor, http.StatusOK, "", plForm{})
}

func (s *Server) showEligibility(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, formFor string, form plForm) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	pt, err := s.db.Participant(r.Context(), actor, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	e, err := s.db.Eligibility(r.Context(), actor, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p := s.printer(r)
	s.render(w, r, status, "eligibility", view{P: p, Actor: actor, Title: p.T("eligibility.title", pt.DisplayName()), Nav: "participants",
		Data: eligibilityView{Participant: pt, Eligibility: e, CanWrite: actor.Has(goldthread.RoleClinician), FormFor: formFor, Form: form}})
}

// eligibilityPost runs one of the eligibility forms: read the form, build
// the record, save it; a refusal shows the page again with the error
// beside its field.
func (s *Server) eligibilityPost(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, formFor string, save func(id int64, v url.Values) error) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	err = save(id, r.PostForm)
	if goldthread.ErrorKind(err) == goldthread.EINVALID {
		s.showEligibility(w, r, actor, http.StatusUnprocessableEntity, formFor, plFormOf(s.printer(r), err, r.PostForm))
		return
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/participants/"+strconv.FormatInt(id, 10)+"/eligibility?saved=1", http.StatusSeeOther)
}

func (s *Server) handleAssessmentAdd(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.eligibilityPost(w, r, actor, "assessment", func(id int64, v url.Values) error {
		a := goldthread.Assessment{ParticipantID: id, Summary: v.Get("summary")}
		var err error
		if a.Assessed, err = plDate(v, "assessed_on"); err != nil {
			return err
		}
		return s.db.AddAssessment(r.Context(), actor, &a)
	})
}

func (s *Server) handleDiagnosisAdd(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.eligibilityPost(w, r, actor, "diagnosis", func(id int64, v url.Values) error {
		d := goldthread.Diagnosis{ParticipantID: id, Code: v.Get("code"), Description: v.Get("description"), Primary: v.Get("primary") == "on"}
		var err error
		if d.Since, err = plDate(v, "since"); err != nil {
			return err
		}
		return s.db.AddDiagnosis(r.Context(), actor, &d)
	})
}

func (s *Server) handleOrderAdd(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.eligibilityPost(w, r, actor, "order", func(id int64, v url.Values) error {
		o := goldthread.ServiceOrder{ParticipantID: id, ProgramID: plID(v, "program_id"), Professional: v.Get("professional"),
			Credential: v.Get("credential"), NPI: v.Get("npi")}
		var err error
		if o.Signed, err = plDate(v, "signed_on"); err != nil {
			return err
		}
		return s.db.AddServiceOrder(r.Context(), actor, &o)
	})
}

func (s *Server) handleAuthorizationAdd(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.eligibilityPost(w, r, actor, "authorization", func(id int64, v url.Values) error {
		a := goldthread.Authorization{ParticipantID: id, ProgramID: plID(v, "program_id"), Payer: v.Get("payer"), Number: v.Get("number")}
		var err error
		if a.Start, err = plDate(v, "start_date"); err != nil {
			return err
		}
		if a.End, err = plDate(v, "end_date"); err != nil {
			return err
		}
		if a.UnitsAuthorized, err = plInt(v, "units_authorized"); err != nil {
			return err
		}
		if a.UnitsUsed, err = plInt(v, "units_used"); err != nil {
			return err
		}
		return s.db.AddAuthorization(r.Context(), actor, &a)
	})
}
