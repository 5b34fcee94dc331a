package web

import (
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

type crisisView struct {
	Participant goldthread.Participant
	Plan        *goldthread.Plan // nil when the participant has no plan yet
	CanWrite    bool
}

type crisisFormView struct {
	Participant goldthread.Participant
	Plan        goldthread.Plan
	Crisis      goldthread.CrisisPlan
	Form        plForm
}

// handleCrisisEdit shows the crisis plan form of a draft nobody has signed.
func (s *Server) handleCrisisEdit(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	pl, err := s.db.Plan(r.Context(), actor, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if pl.Status != goldthread.PlanDraft || len(pl.Signatures) > 0 {
		s.pageError(w, r, actor, goldthread.Errorf(goldthread.ECONFLICT, "Someone has signed this plan already, so its crisis plan can no longer change. Start a new version instead."))
		return
	}
	v := crisisFormView{Plan: pl}
	if pl.Crisis != nil {
		v.Crisis = *pl.Crisis
	}
	s.renderCrisisForm(w, r, actor, http.StatusOK, v)
}

func (s *Server) renderCrisisForm(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, v crisisFormView) {
	pt, err := s.db.Participant(r.Context(), actor, v.Plan.ParticipantID)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.Participant = pt
	p := s.printer(r)
	s.render(w, r, status, "crisis_form", view{P: p, Actor: actor, Title: p.T("crisis_form.title", pt.DisplayName()), Nav: "participants", Data: v})
}

// handleCrisisSave saves the crisis plan form (multipart when a WRAP is
// attached; the file's type is judged by the store from its content).
func (s *Server) handleCrisisSave(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	var wrap *store.WRAPUpload
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if f, hdr, ferr := r.FormFile("wrap"); ferr == nil {
		data, rerr := io.ReadAll(io.LimitReader(f, goldthread.WRAPMaxBytes+1))
		f.Close()
		if rerr != nil {
			s.pageError(w, r, actor, rerr)
			return
		}
		wrap = &store.WRAPUpload{Name: hdr.Filename, Data: data}
	}
	v := r.PostForm
	c := goldthread.CrisisPlan{WarningSigns: v.Get("warning_signs"), WhatHelps: v.Get("what_helps"), WhatDoesNotHelp: v.Get("what_does_not_help"),
		Contacts: v.Get("contacts"), CrisisProvider: v.Get("crisis_provider"), CrisisProviderPhone: v.Get("crisis_provider_phone"),
		Preferences: v.Get("preferences")}
	err = s.db.SetCrisisPlan(r.Context(), actor, id, &c, wrap)
	if err == nil {
		http.Redirect(w, r, "/plans/"+strconv.FormatInt(id, 10)+"?saved=1#crisis", http.StatusSeeOther)
		return
	}
	if goldthread.ErrorKind(err) != goldthread.EINVALID {
		s.pageError(w, r, actor, err)
		return
	}
	pl, perr := s.db.Plan(r.Context(), actor, id)
	if perr != nil {
		s.pageError(w, r, actor, perr)
		return
	}
	s.renderCrisisForm(w, r, actor, http.StatusUnprocessableEntity, crisisFormView{Plan: pl, Crisis: c, Form: plFormOf(s.printer(r), err, v)})
}

// handleWRAP sends the attached WRAP as a download (never shown inline, so
// a file can never run as a page of this site). The store audits it.
func (s *Server) handleWRAP(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	f, data, err := s.db.CrisisWRAP(r.Context(), actor, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	writeWRAP(w, f, data)
}

func writeWRAP(w http.ResponseWriter, f goldthread.WRAPFile, data []byte) {
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.Name}))
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	w.Write(data)
}
