package web

import (
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
)

// caseloadsView is the caseload page: each peer's size against the limit
// and, for a supervisor, their team's participants with the reassignment
// form. An administrator sees sizes only (no participant names).
type caseloadsView struct {
	Members      []goldthread.TeamMember
	Participants []goldthread.CaseloadEntry
	Supervisor   bool
	Form         struct{ ParticipantID, PeerID int64 }
	Start        string
	Errors       map[string]string
	Saved        bool
}

// PeerName names a peer of the view by id.
func (v caseloadsView) PeerName(id int64) string {
	for _, m := range v.Members {
		if m.Staff.ID == id {
			return m.Staff.Name
		}
	}
	return ""
}

// Of lists the participants on peer id's caseload.
func (v caseloadsView) Of(id int64) []goldthread.CaseloadEntry {
	var out []goldthread.CaseloadEntry
	for _, e := range v.Participants {
		if e.PeerID == id {
			out = append(out, e)
		}
	}
	return out
}

func (s *Server) handleCaseloads(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.renderCaseloads(w, r, actor, http.StatusOK, caseloadsView{Saved: r.URL.Query().Has("saved")})
}

func (s *Server) renderCaseloads(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, v caseloadsView) {
	ctx := r.Context()
	var err error
	if v.Members, err = s.db.TeamOverview(ctx, actor); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if v.Supervisor = actor.Has(goldthread.RoleSupervisor); v.Supervisor {
		if v.Participants, err = s.db.TeamCaseloads(ctx, actor); err != nil {
			s.pageError(w, r, actor, err)
			return
		}
	}
	p := s.printer(r)
	s.render(w, r, status, "caseloads", view{P: p, Actor: actor, Title: p.T("caseloads.title"), Nav: "team", Data: v})
}

// handleCaseloadAssign moves a participant to a peer of the team.
func (s *Server) handleCaseloadAssign(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	var v caseloadsView
	v.Form.ParticipantID, _ = strconv.ParseInt(r.PostForm.Get("participant_id"), 10, 64)
	v.Form.PeerID, _ = strconv.ParseInt(r.PostForm.Get("peer_id"), 10, 64)
	v.Start = r.PostForm.Get("start_date")
	start, err := formDate(r, "start_date")
	if err == nil {
		err = s.db.ReassignCaseload(r.Context(), actor, v.Form.ParticipantID, v.Form.PeerID, start)
	}
	if err != nil {
		if fe, ok := formError(s.printer(r), err); ok {
			v.Errors = fe
			s.renderCaseloads(w, r, actor, http.StatusUnprocessableEntity, v)
			return
		}
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/caseloads?saved=1", http.StatusSeeOther)
}
