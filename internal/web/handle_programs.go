package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// Programs: an administrator adds a program bound to a payer rule pack,
// renames it, sets its own time zone, and deactivates it.

// programFormView is the add or edit form of a program.
type programFormView struct {
	ID         int64 // 0 when adding
	Packs      []goldthread.RulePackChoice
	Zones      []commonZone
	AgencyZone string
	Form       plForm
}

func (s *Server) renderProgramForm(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, v programFormView) {
	var err error
	if v.Packs, err = store.RulePackChoices(); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.Zones, v.AgencyZone = commonZones, actor.Location().String()
	p := s.printer(r)
	title := p.T("programs.new.title")
	if v.ID != 0 {
		title = p.T("programs.edit.title", v.Form.Get("name"))
	}
	s.render(w, r, status, "program_form", view{P: p, Actor: actor, Title: title, Nav: "programs", Data: v})
}

func (s *Server) handleProgramNew(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.renderProgramForm(w, r, actor, http.StatusOK, programFormView{Form: plForm{Values: url.Values{}}})
}

// programFromForm reads the program form.
func programFromForm(v url.Values) goldthread.Program {
	return goldthread.Program{Name: v.Get("name"), RulePack: v.Get("rule_pack"), Payer: v.Get("payer"), TimeZone: v.Get("time_zone"),
		Active: v.Get("active") == "on"}
}

func (s *Server) handleProgramAdd(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p := programFromForm(r.PostForm)
	if err := s.db.AddProgram(r.Context(), actor, &p); err != nil {
		if goldthread.ErrorField(err) == "" {
			s.pageError(w, r, actor, err)
			return
		}
		s.renderProgramForm(w, r, actor, statusOfForm(err), programFormView{Form: plFormOf(s.printer(r), err, r.PostForm)})
		return
	}
	sid := strconv.FormatInt(p.ID, 10)
	http.Redirect(w, r, "/programs?saved="+sid+"#program-"+sid, http.StatusSeeOther)
}

func (s *Server) handleProgramEdit(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p, err := s.db.Program(r.Context(), actor.AgencyID, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	form := url.Values{"name": {p.Name}, "rule_pack": {p.RulePack}, "payer": {p.Payer}, "time_zone": {p.TimeZone}}
	if p.Active {
		form.Set("active", "on")
	}
	s.renderProgramForm(w, r, actor, http.StatusOK, programFormView{ID: id, Form: plForm{Values: form}})
}

func (s *Server) handleProgramSave(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	if _, err := s.db.UpdateProgram(r.Context(), actor, id, programFromForm(r.PostForm)); err != nil {
		if goldthread.ErrorField(err) == "" {
			s.pageError(w, r, actor, err)
			return
		}
		s.renderProgramForm(w, r, actor, statusOfForm(err), programFormView{ID: id, Form: plFormOf(s.printer(r), err, r.PostForm)})
		return
	}
	sid := strconv.FormatInt(id, 10)
	http.Redirect(w, r, "/programs?saved="+sid+"#program-"+sid, http.StatusSeeOther)
}

// programRequest is a program as an API client sends it.
type programRequest struct {
	Name     string `json:"name"`
	RulePack string `json:"rule_pack"`
	Payer    string `json:"payer"`
	TimeZone string `json:"time_zone"`
	Active   *bool  `json:"active"`
}

func (q programRequest) program() goldthread.Program {
	return goldthread.Program{Name: q.Name, RulePack: q.RulePack, Payer: q.Payer, TimeZone: q.TimeZone, Active: q.Active == nil || *q.Active}
}

// apiAddProgram: POST /api/v1/programs {name, rule_pack, payer, time_zone}
// → 201 the program.
func (s *Server) apiAddProgram(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	var req programRequest
	if err := decodeJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	p := req.program()
	if err := s.db.AddProgram(r.Context(), actor, &p); err != nil {
		s.apiError(w, r, err)
		return
	}
	p, err := s.db.Program(r.Context(), actor.AgencyID, p.ID)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, p)
}

// apiUpdateProgram: PUT /api/v1/programs/{id} (same body; active defaults
// to true) → 200 the program.
func (s *Server) apiUpdateProgram(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var req programRequest
	if err := decodeJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	p, err := s.db.UpdateProgram(r.Context(), actor, id, req.program())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}
