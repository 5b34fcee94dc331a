package web

import (
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
)

type careTeamView struct {
	Participant goldthread.Participant
	Team        []goldthread.CareTeamMember
	CanWrite    bool
	Form        plForm
}

// handleCareTeam lists the care team and, for the people who keep it, the
// form to add someone.
func (s *Server) handleCareTeam(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	s.showCareTeam(w, r, actor, id, http.StatusOK, plForm{})
}

func (s *Server) showCareTeam(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, participantID int64, status int, form plForm) {
	pt, err := s.db.Participant(r.Context(), actor, participantID)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	team, err := s.db.CareTeam(r.Context(), actor, participantID)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v := careTeamView{Participant: pt, Team: team, CanWrite: goldthread.CanWritePlans(actor), Form: form}
	p := s.printer(r)
	s.render(w, r, status, "careteam", view{P: p, Actor: actor, Title: p.T("careteam.title", pt.DisplayName()), Nav: "participants", Data: v})
}

// handleCareTeamAdd adds a staff member (by id: the assigned peer, or
// oneself), an outside provider or a natural support.
func (s *Server) handleCareTeamAdd(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
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
	m := goldthread.CareTeamMember{ParticipantID: id, Kind: v.Get("kind"), StaffID: plID(v, "staff_id"), Name: v.Get("name"),
		Role: v.Get("role"), Organisation: v.Get("organisation"), Relationship: v.Get("relationship"), Phone: v.Get("phone")}
	if m.Kind == goldthread.CareStaff && m.StaffID == 0 && v.Get("staff_self") == "on" {
		m.StaffID = actor.UserID
	}
	err = s.db.AddCareTeamMember(r.Context(), actor, &m)
	if goldthread.ErrorKind(err) == goldthread.EINVALID {
		s.showCareTeam(w, r, actor, id, http.StatusUnprocessableEntity, plFormOf(s.printer(r), err, v))
		return
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/participants/"+strconv.FormatInt(id, 10)+"/careteam?saved=1", http.StatusSeeOther)
}

// Kinds lists the kinds of care team member the form offers, natural
// supports first.
func (careTeamView) Kinds() []string {
	return []string{goldthread.CareNatural, goldthread.CareProvider, goldthread.CareStaff}
}
