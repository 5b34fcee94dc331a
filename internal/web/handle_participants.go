package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/goldthread/goldthread"
)

type participantListView struct {
	Query string
	List  []goldthread.Participant
}

// handleParticipantList lists the participants in the actor's reach, with
// an optional search.
func (s *Server) handleParticipantList(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	q := r.URL.Query().Get("q")
	if len(q) > 100 {
		q = q[:100]
	}
	list, err := s.db.ListParticipants(r.Context(), actor, goldthread.ParticipantFilter{Query: q})
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p := s.printer(r)
	s.render(w, r, http.StatusOK, "participants", view{P: p, Actor: actor, Title: p.T("participants.title"), Nav: "participants",
		Data: participantListView{Query: q, List: list}})
}

// pathID reads the {id} of the route; a malformed id is ENOTFOUND, like a
// missing record.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, goldthread.Errorf(goldthread.ENOTFOUND, "No such record.")
	}
	return id, nil
}

// handleParticipantShow shows a participant's header (the record grows with
// plans and notes).
func (s *Server) handleParticipantShow(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	s.showParticipant(w, r, actor, id, http.StatusOK, plForm{})
}

// showParticipant renders the participant page; form carries a refused
// enrolment change back to its form.
func (s *Server) showParticipant(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, id int64, status int, form plForm) {
	pt, err := s.db.Participant(r.Context(), actor, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	pr := s.printer(r)
	sections, err := s.renderSections(r.Context(), actor, pt, pr)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v := participantView{Participant: pt, Sections: sections, Form: form, Saved: r.URL.Query().Get("saved"),
		Registered: r.URL.Query().Has("registered"), CanEdit: goldthread.CanEditParticipants(actor), CanEnrol: goldthread.CanEnrol(actor)}
	if v.CanEnrol {
		if v.Programs, err = s.db.IntakePrograms(r.Context(), actor); err != nil {
			s.pageError(w, r, actor, err)
			return
		}
	}
	if v.Form.Values == nil {
		v.Form.Values = url.Values{}
	}
	s.render(w, r, status, "participant", view{P: pr, Actor: actor, Title: pt.DisplayName(), Nav: "participants", Data: v})
}

// participantView is the participant page: the header facts, then each
// registered section.
type participantView struct {
	goldthread.Participant
	Sections []template.HTML
	// The details and enrolment forms: who may use them, the programs to
	// enrol in, a refused try, and what was just saved.
	CanEdit, CanEnrol bool
	Programs          []goldthread.IntakeProgram
	Form              plForm
	Saved             string
	Registered        bool
}

// Enrolled reports whether the participant has an open enrolment in the
// program (the enrol form leaves it out).
func (v participantView) Enrolled(programID int64) bool {
	for _, e := range v.Enrollments {
		if e.ProgramID == programID && e.End.IsZero() {
			return true
		}
	}
	return false
}
