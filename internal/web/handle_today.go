package web

import (
	"html/template"
	"net/http"

	"github.com/goldthread/goldthread"
)

// todayView is the home page of every role; each part shows only when the
// actor's roles call for it.
type todayView struct {
	ShowCaseload    bool
	Participants    []goldthread.Participant
	ParticipantsKey string
	Team            []goldthread.Staff
	Programs        []goldthread.Program
	ProgramsKey     string
	ProgramsIntro   string
	Intro           string
	Self            *goldthread.Participant
	Sections        []template.HTML // from features' todaySections
}

// handleToday shows the actor's home: a peer's caseload, a supervisor's
// team, billing's programs, an administrator's settings overview, an
// auditor's pointer to the trail, a participant's own record.
func (s *Server) handleToday(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	ctx := r.Context()
	var v todayView
	var err error
	switch actor.PrimaryRole() {
	case goldthread.RolePeer, goldthread.RoleSupervisor, goldthread.RoleClinician:
		v.ShowCaseload = true
		v.ParticipantsKey = map[goldthread.Role]string{
			goldthread.RolePeer:       "today.peer.caseload",
			goldthread.RoleSupervisor: "today.supervisor.participants",
			goldthread.RoleClinician:  "today.clinician.participants",
		}[actor.PrimaryRole()]
		v.Participants, err = s.db.ListParticipants(ctx, actor, goldthread.ParticipantFilter{Status: goldthread.ParticipantActive})
		if err == nil && actor.Has(goldthread.RoleSupervisor) {
			v.Team, err = s.db.Team(ctx, actor)
		}
	case goldthread.RoleBilling:
		v.ProgramsKey, v.ProgramsIntro = "today.billing.programs", "today.billing.intro"
		v.Programs, err = s.db.Programs(ctx, actor.AgencyID)
	case goldthread.RoleAdministrator:
		v.ProgramsKey, v.ProgramsIntro = "today.admin.programs", "today.admin.intro"
		v.Programs, err = s.db.Programs(ctx, actor.AgencyID)
	case goldthread.RoleAuditor:
		v.Intro = "today.auditor.intro"
	case goldthread.RoleParticipant:
		v.Intro = "today.participant.intro"
		if actor.ParticipantID != 0 {
			v.Self = &goldthread.Participant{ID: actor.ParticipantID}
		}
	}
	p := s.printer(r)
	if err == nil {
		v.Sections, err = s.renderTodaySections(ctx, actor, p)
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	s.render(w, r, http.StatusOK, "today", view{P: p, Actor: actor, Title: p.T("today.title"), Nav: "today", Data: v})
}
