package web

import (
	"net/http"

	"github.com/goldthread/goldthread"
)

// handleStaffList shows the agency's staff and their roles.
func (s *Server) handleStaffList(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	list, err := s.db.StaffList(r.Context(), actor)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p := s.printer(r)
	s.render(w, r, http.StatusOK, "staff", view{P: p, Actor: actor, Title: p.T("staff.title"), Nav: "staff", Data: list})
}

// handleProgramList shows the agency's programs and their rule packs (and
// to an administrator the 42 CFR Part 2 switch of each, handle_part2.go).
func (s *Server) handleProgramList(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.renderPrograms(w, r, actor, http.StatusOK, programsView{})
}
