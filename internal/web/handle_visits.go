package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// Planned visits (issue 17): the schedule Today promises. A peer plans a
// visit from the participant's page or from a note's next steps; Today
// lists the next ones beside the services of the day and the participants
// not seen in a while.

func init() {
	todaySections = append(todaySections,
		todaySection{Order: 8, Template: "peer-day", Load: loadPeerDay})
	participantSections = append(participantSections, participantSection{Order: 6, Template: "participant-visits", Load: loadParticipantVisits})
}

// loadPeerDay is Today's "your day" for the people with a caseload.
func loadPeerDay(ctx context.Context, s *Server, actor goldthread.Actor) (any, bool, error) {
	if !actor.Has(goldthread.RolePeer) && !actor.Has(goldthread.RoleSupervisor) {
		return nil, false, nil
	}
	day, err := s.db.PeerToday(ctx, actor, store.DefaultNoContactDays)
	return day, err == nil, err
}

func loadParticipantVisits(ctx context.Context, s *Server, actor goldthread.Actor, p goldthread.Participant) (any, bool, error) {
	if !actor.Has(goldthread.RolePeer) && !actor.Has(goldthread.RoleSupervisor) {
		return nil, false, nil
	}
	list, err := s.db.ParticipantVisits(ctx, actor, p.ID)
	return list, err == nil, err
}

// visitFormView is the plan-a-visit form, as typed.
type visitFormView struct {
	Participant goldthread.Participant
	Day, Time   string
	Minutes     string
	Purpose     string
	FromNote    int64
	Errors      map[string]string
}

// handleVisitNew shows the form; ?note=ID starts the purpose from that
// note's next steps (the actor's own note about this participant).
func (s *Server) handleVisitNew(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v := visitFormView{Day: s.todayOf(actor).AddDate(0, 0, 1).Format(goldthread.DateLayout), Time: "10:00", Minutes: "60"}
	if n, err := strconv.ParseInt(r.URL.Query().Get("note"), 10, 64); err == nil && n > 0 {
		note, err := s.db.Note(r.Context(), actor, n)
		if err == nil && note.AuthorID == actor.UserID && note.ParticipantID == id {
			v.FromNote, v.Purpose = n, firstRunes(note.NextSteps, 200)
		}
	}
	s.renderVisitForm(w, r, actor, id, http.StatusOK, v)
}

func (s *Server) renderVisitForm(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, id int64, status int, v visitFormView) {
	pt, err := s.db.Participant(r.Context(), actor, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.Participant = pt
	p := s.printer(r)
	s.render(w, r, status, "visit_form", view{P: p, Actor: actor, Title: p.T("visits.new.title", pt.DisplayName()), Nav: "participants", Data: v})
}

func (s *Server) handleVisitCreate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	f := r.PostForm
	v := visitFormView{Day: f.Get("day"), Time: f.Get("time"), Minutes: f.Get("minutes"), Purpose: f.Get("purpose")}
	v.FromNote, _ = strconv.ParseInt(f.Get("from_note"), 10, 64)
	in := store.VisitInput{ParticipantID: id, Purpose: v.Purpose, FromNoteID: v.FromNote}
	var err error
	in.Start, err = visitStart(v.Day, v.Time, actor.Location())
	if err == nil {
		if in.Minutes, err = strconv.Atoi(strings.TrimSpace(v.Minutes)); err != nil {
			err = goldthread.FieldError("minutes", "Enter the minutes as a whole number, for example 60.")
		}
	}
	if err == nil {
		_, err = s.db.PlanVisit(r.Context(), actor, in)
	}
	if err != nil {
		if fe, ok := formError(s.printer(r), err); ok {
			v.Errors = fe
			if _, named := fe["start"]; named {
				fe["day"] = fe["start"]
			}
			s.renderVisitForm(w, r, actor, id, http.StatusUnprocessableEntity, v)
			return
		}
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/participants/"+strconv.FormatInt(id, 10)+"#visits", http.StatusSeeOther)
}

// visitStart reads the day (YYYY-MM-DD) and time (HH:MM) typed on the
// agency's clock.
func visitStart(day, hm string, zone *time.Location) (time.Time, error) {
	d, err := goldthread.ParseDate(strings.TrimSpace(day))
	if err != nil {
		return time.Time{}, goldthread.FieldError("day", "Enter the day as YYYY-MM-DD, for example 2026-03-02.")
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", d.String()+" "+strings.TrimSpace(hm), zone)
	if err != nil {
		return time.Time{}, goldthread.FieldError("time", "Enter the time as HH:MM, for example 14:30.")
	}
	return t, nil
}

func (s *Server) handleVisitCancel(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	if err := s.db.CancelVisit(r.Context(), actor, id); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	back := "/today"
	if p, err := strconv.ParseInt(r.PostForm.Get("participant"), 10, 64); err == nil && p > 0 {
		back = "/participants/" + strconv.FormatInt(p, 10) + "#visits"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// firstRunes cuts s to n characters, at a rune boundary.
func firstRunes(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}
