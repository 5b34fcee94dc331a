package web

import (
	"html/template"
	"net/http"
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
	s.render(w, r, http.StatusOK, "participant", view{P: pr, Actor: actor, Title: pt.DisplayName(), Nav: "participants",
		Data: participantView{Participant: pt, Sections: sections}})
}

// participantView is the participant page: the header facts, then each
// registered section.
type participantView struct {
	goldthread.Participant
	Sections []template.HTML
}
