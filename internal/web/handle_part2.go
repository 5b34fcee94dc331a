package web

import (
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// The programs page and the administrator's 42 CFR Part 2 switch on it.
// The label on a Part 2 participant's pages is in the templates
// (partials_part2.html), fed by Participant.Part2.

// programsView is the programs page: every program of the agency, and for
// an administrator the Part 2 switch of each with its last change.
type programsView struct {
	Programs []goldthread.Program
	Admin    bool
	Changes  map[int64]store.Part2Change // by program id
	Saved    int64                       // the program whose flag was just saved
	Errors   map[string]string           // by form field name
	Tried    map[int64]bool              // the value a refused form asked for
	Typed    map[string]string           // what the administrator typed, by field name
}

// ReasonField is the name (and id) of a program's reason field, unique on
// the page.
func (programsView) ReasonField(id int64) string {
	return "part2-" + strconv.FormatInt(id, 10) + "-reason"
}

// Checked says whether a program's box shows ticked: what the
// administrator asked for when it was refused, the program's flag
// otherwise.
func (v programsView) Checked(p goldthread.Program) bool {
	if on, ok := v.Tried[p.ID]; ok {
		return on
	}
	return p.Part2
}

func (s *Server) renderPrograms(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, v programsView) {
	var err error
	if v.Programs, err = s.db.Programs(r.Context(), actor.AgencyID); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if v.Admin = actor.Has(goldthread.RoleAdministrator); v.Admin {
		if v.Changes, err = s.db.LastPart2Changes(r.Context(), actor); err != nil {
			s.pageError(w, r, actor, err)
			return
		}
	}
	if v.Saved == 0 && status == http.StatusOK {
		v.Saved, _ = strconv.ParseInt(r.URL.Query().Get("saved"), 10, 64)
	}
	p := s.printer(r)
	s.render(w, r, status, "programs", view{P: p, Actor: actor, Title: p.T("programs.title"), Nav: "programs", Data: v})
}

// handleProgramPart2 turns a program's Part 2 flag on (box ticked) or off
// (a reason needed) and returns to the program on the programs page.
func (s *Server) handleProgramPart2(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	var v programsView
	field := v.ReasonField(id)
	on, reason := r.PostForm.Get("part2") == "on", r.PostForm.Get(field)
	if _, err := s.db.SetProgramPart2(r.Context(), actor, id, on, reason); err != nil {
		fe, ok := formError(s.printer(r), err)
		if !ok {
			s.pageError(w, r, actor, err)
			return
		}
		v.Errors = map[string]string{}
		for _, msg := range fe {
			v.Errors[field] = msg
		}
		v.Tried, v.Typed = map[int64]bool{id: on}, map[string]string{field: reason}
		s.renderPrograms(w, r, actor, http.StatusUnprocessableEntity, v)
		return
	}
	sid := strconv.FormatInt(id, 10)
	http.Redirect(w, r, "/programs?saved="+sid+"#program-"+sid, http.StatusSeeOther)
}
