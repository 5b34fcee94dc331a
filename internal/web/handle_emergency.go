package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/goldthread/goldthread"
)

func init() {
	participantSections = append(participantSections, participantSection{Order: -100, Template: "emergency-banner", Load: emergencyBanner})
	todaySections = append(todaySections, todaySection{Order: 50, Template: "emergency-team", Load: emergencyTeam})
}

type emergencyView struct {
	MedicaidID, LastName, Reason string
	Errors                       map[string]string
}

func (s *Server) handleEmergencyForm(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	p := s.printer(r)
	s.render(w, r, http.StatusOK, "emergency", view{P: p, Actor: actor, Title: p.T("emergency.title"), Nav: "participants", Data: emergencyView{}})
}

// handleEmergency grants break-the-glass access and opens the record.
func (s *Server) handleEmergency(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v := emergencyView{MedicaidID: r.PostForm.Get("medicaid_id"), LastName: r.PostForm.Get("last_name"), Reason: r.PostForm.Get("reason")}
	pid, err := s.db.BreakGlass(r.Context(), actor, v.MedicaidID, v.LastName, v.Reason)
	if err != nil {
		status := statusOf(err)
		switch goldthread.ErrorKind(err) {
		case goldthread.EINVALID:
			v.Errors, _ = formError(s.printer(r), err)
		case goldthread.ENOTFOUND:
			v.Errors = map[string]string{"form": s.printer(r).Error(err)}
		default:
			s.pageError(w, r, actor, err)
			return
		}
		p := s.printer(r)
		s.render(w, r, status, "emergency", view{P: p, Actor: actor, Title: p.T("emergency.title"), Nav: "participants", Data: v})
		return
	}
	http.Redirect(w, r, "/participants/"+strconv.FormatInt(pid, 10), http.StatusSeeOther)
}

// emergencyBanner tops a record opened through an emergency grant, so the
// person knows the access is recorded and when it ends.
func emergencyBanner(ctx context.Context, s *Server, actor goldthread.Actor, p goldthread.Participant) (any, bool, error) {
	if !slices.Contains(actor.Emergency, p.ID) {
		return nil, false, nil
	}
	grants, err := s.db.MyEmergencyGrants(ctx, actor)
	if err != nil {
		return nil, false, err
	}
	var until time.Time
	for _, g := range grants {
		if g.ParticipantID == p.ID && g.Expires.After(until) {
			until = g.Expires
		}
	}
	return until, true, nil
}

// emergencyTeam shows a supervisor the emergency access their team used.
func emergencyTeam(ctx context.Context, s *Server, actor goldthread.Actor) (any, bool, error) {
	if !actor.Has(goldthread.RoleSupervisor) {
		return nil, false, nil
	}
	gs, err := s.db.EmergencyGrants(ctx, actor, s.db.Now().Add(-7*24*time.Hour))
	if err != nil || len(gs) == 0 {
		return nil, false, err
	}
	return gs, true, nil
}
