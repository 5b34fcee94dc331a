package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
)

type dischargeView struct {
	Participant goldthread.Participant
	Discharges  []goldthread.Discharge
	CanWrite    bool
	ProgramID   int64
	Goals       []goldthread.Goal // of the plan in force today, for the goals-met part of the form
	Form        plForm
}

// handleDischarge shows the discharge plans and, while the participant is
// active, the discharge form.
func (s *Server) handleDischarge(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	s.showDischarge(w, r, actor, id, http.StatusOK, plForm{})
}

func (s *Server) showDischarge(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, participantID int64, status int, form plForm) {
	ctx := r.Context()
	pt, err := s.db.Participant(ctx, actor, participantID)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	list, err := s.db.Discharges(ctx, actor, participantID)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v := dischargeView{Participant: pt, Discharges: list, Form: form,
		CanWrite: goldthread.CanWritePlans(actor) && pt.Status == goldthread.ParticipantActive && len(pt.Enrollments) > 0}
	if v.CanWrite {
		e := pt.Enrollments[0]
		v.ProgramID = e.ProgramID
		pl, err := s.db.PlanInForce(ctx, actor, participantID, e.ProgramID, s.todayOf(actor))
		if err != nil && goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
			s.pageError(w, r, actor, err)
			return
		}
		v.Goals = pl.Goals
	}
	p := s.printer(r)
	s.render(w, r, status, "discharge", view{P: p, Actor: actor, Title: p.T("discharge.title", pt.DisplayName()), Nav: "participants", Data: v})
}

// handleDischargeSave records the discharge plan; the store sets the
// participant's status to discharged.
func (s *Server) handleDischargeSave(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
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
	d := goldthread.Discharge{ParticipantID: id, ProgramID: plID(v, "program_id"), Reason: v.Get("reason"),
		NaturalSupports: v.Get("natural_supports"), CommunitySupports: v.Get("community_supports"), Referrals: v.Get("referrals")}
	for i := 0; i < 50; i++ {
		gid := plID(v, fmt.Sprintf("goals[%d].goal_id", i))
		if gid == 0 {
			break
		}
		d.Goals = append(d.Goals, goldthread.DischargeGoal{GoalID: gid, Outcome: v.Get(fmt.Sprintf("goals[%d].outcome", i)),
			Note: v.Get(fmt.Sprintf("goals[%d].note", i))})
	}
	if d.Date, err = plDate(v, "discharge_date"); err == nil {
		err = s.db.RecordDischarge(r.Context(), actor, &d)
	}
	if goldthread.ErrorKind(err) == goldthread.EINVALID {
		s.showDischarge(w, r, actor, id, http.StatusUnprocessableEntity, plFormOf(s.printer(r), err, v))
		return
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/participants/"+strconv.FormatInt(id, 10)+"/discharge?saved=1", http.StatusSeeOther)
}

// Outcomes lists the answers to "was this goal met?".
func (dischargeView) Outcomes() []string {
	return []string{goldthread.GoalMet, goldthread.GoalPartlyMet, goldthread.GoalNotMet}
}
