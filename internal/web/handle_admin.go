package web

import (
	"net/http"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
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

// handleProgramList shows the agency's programs and their rule packs.
func (s *Server) handleProgramList(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	list, err := s.db.Programs(r.Context(), actor.AgencyID)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p := s.printer(r)
	s.render(w, r, http.StatusOK, "programs", view{P: p, Actor: actor, Title: p.T("programs.title"), Nav: "programs", Data: list})
}

// handleAuditList shows the newest audit events of the agency.
func (s *Server) handleAuditList(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	evs, err := s.db.AuditEvents(r.Context(), actor, store.AuditFilter{Limit: 200})
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p := s.printer(r)
	s.render(w, r, http.StatusOK, "audit", view{P: p, Actor: actor, Title: p.T("audit.title"), Nav: "audit", Data: evs})
}
