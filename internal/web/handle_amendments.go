package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// amendmentFormView is the participant's "ask for a correction" form for
// one note or plan, shown beside the text it is about.
type amendmentFormView struct {
	Note *goldthread.Note
	Plan *goldthread.Plan
	Form plForm
}

// recordID reads a record id from a query string or a form; anything
// that is not a positive id reads as 0 (none).
func recordID(v url.Values, name string) int64 {
	id, _ := strconv.ParseInt(v.Get(name), 10, 64)
	return max(id, 0)
}

// handleAmendmentNew shows the request form for ?note= or ?plan=.
func (s *Server) handleAmendmentNew(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.showAmendmentForm(w, r, actor, recordID(r.URL.Query(), "note"), recordID(r.URL.Query(), "plan"), http.StatusOK, plForm{})
}

func (s *Server) showAmendmentForm(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, noteID, planID int64, status int, form plForm) {
	var v amendmentFormView
	v.Form = form
	switch {
	case noteID != 0:
		n, err := s.db.Note(r.Context(), actor, noteID)
		if err != nil {
			s.pageError(w, r, actor, err)
			return
		}
		v.Note = &n
	case planID != 0:
		pl, err := s.db.Plan(r.Context(), actor, planID)
		if err != nil {
			s.pageError(w, r, actor, err)
			return
		}
		v.Plan = &pl
	default:
		s.pageError(w, r, actor, goldthread.Errorf(goldthread.ENOTFOUND, "Open the note or plan you want corrected and tap “Ask for a correction” there."))
		return
	}
	p := s.printer(r)
	s.render(w, r, status, "amendment_form", view{P: p, Actor: actor, Title: p.T("amendment.new.title"), Nav: "today", Data: v})
}

// handleAmendmentCreate records the participant's request.
func (s *Server) handleAmendmentCreate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v := r.PostForm
	in := store.AmendmentInput{NoteID: recordID(v, "note_id"), PlanID: recordID(v, "plan_id"), WhatIsWrong: v.Get("what_is_wrong"), ShouldSay: v.Get("should_say")}
	a, err := s.db.RequestAmendment(r.Context(), actor, in)
	if goldthread.ErrorKind(err) == goldthread.EINVALID && (in.NoteID != 0 || in.PlanID != 0) {
		s.showAmendmentForm(w, r, actor, in.NoteID, in.PlanID, http.StatusUnprocessableEntity, plFormOf(s.printer(r), err, v))
		return
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/amendments/"+strconv.FormatInt(a.ID, 10)+"?done=asked", http.StatusSeeOther)
}

// amendmentView is one request with what the reader may do next.
type amendmentView struct {
	store.AmendmentItem
	Own          bool // the participant's own account
	CanStatement bool
	Form         plForm
}

func (s *Server) handleAmendmentShow(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	s.showAmendment(w, r, actor, id, http.StatusOK, plForm{})
}

func (s *Server) showAmendment(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, id int64, status int, form plForm) {
	it, err := s.db.Amendment(r.Context(), actor, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	own := ownAccount(actor, it.ParticipantID)
	v := amendmentView{AmendmentItem: it, Own: own, Form: form,
		CanStatement: own && it.Status() == goldthread.AmendmentDenied && it.Statement == nil}
	p := s.printer(r)
	notice := map[string]string{"asked": p.T("amendment.asked_notice"), "decided": p.T("amendment.decided_notice"),
		"statement": p.T("amendment.statement_notice")}[r.URL.Query().Get("done")]
	s.render(w, r, status, "amendment", view{P: p, Actor: actor, Title: p.T("amendment.title"), Nav: "today", Notice: notice, Data: v})
}

// handleAmendmentDecision accepts (with the correction, signed) or denies
// (with the reason) a request.
func (s *Server) handleAmendmentDecision(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
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
	in := store.AmendmentDecisionInput{Outcome: v.Get("outcome"), Reason: v.Get("reason"), Correction: v.Get("correction"), Password: reauthSecret(v)}
	if v.Get("attest") == "yes" {
		in.Attestation = s.printer(r).T("amendment.attestation")
	}
	_, err = s.db.DecideAmendment(r.Context(), actor, id, in)
	if k := goldthread.ErrorKind(err); k == goldthread.EINVALID || k == goldthread.EUNAUTHORIZED {
		v.Del("password")
		s.showAmendment(w, r, actor, id, statusOf(err), plFormOf(s.printer(r), err, v))
		return
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/amendments/"+strconv.FormatInt(id, 10)+"?done=decided", http.StatusSeeOther)
}

// handleAmendmentStatement attaches the participant's statement of
// disagreement to a denied request.
func (s *Server) handleAmendmentStatement(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	_, err = s.db.AddDisagreement(r.Context(), actor, id, r.PostForm.Get("statement"))
	if goldthread.ErrorKind(err) == goldthread.EINVALID {
		s.showAmendment(w, r, actor, id, http.StatusUnprocessableEntity, plFormOf(s.printer(r), err, r.PostForm))
		return
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/amendments/"+strconv.FormatInt(id, 10)+"?done=statement", http.StatusSeeOther)
}
