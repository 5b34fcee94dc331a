package web

import (
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
)

// apiGroupList lists the sessions the caller facilitates, newest first.
func (s *Server) apiGroupList(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	list, err := s.db.GroupSessions(r.Context(), actor, 200)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"groups": nonNil(list)})
}

// apiGroupCreate starts a session, with its roster when "attendees" is
// given: 201 with the session.
func (s *Server) apiGroupCreate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	var in groupSessionWire
	if err := decodeJSON(r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	g, err := s.db.CreateGroupSession(r.Context(), actor, goldthread.GroupSessionInput(in))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, g)
}

// groupCandidate is who may join a group: an id and a name, nothing more.
type groupCandidate struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// apiGroupCandidates lists who may be on a roster in program {id}.
func (s *Server) apiGroupCandidates(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.apiByID(w, r, func(id int64) (any, error) {
		list, err := s.db.GroupCandidates(r.Context(), actor, id)
		out := make([]groupCandidate, len(list))
		for i, p := range list {
			out[i] = groupCandidate{ID: p.ID, Name: p.DisplayName()}
		}
		return map[string]any{"candidates": out}, err
	})
}

// apiByID answers 200 with what load finds for the route's {id}, or the
// error.
func (s *Server) apiByID(w http.ResponseWriter, r *http.Request, load func(id int64) (any, error)) {
	id, err := pathID(r)
	var out any
	if err == nil {
		out, err = load(id)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiGroupShow(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.apiByID(w, r, func(id int64) (any, error) { return s.db.GroupSession(r.Context(), actor, id) })
}

// apiGroupUpdate saves details and, with "attendees", every line, under
// "version" (409 when stale).
func (s *Server) apiGroupUpdate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	var in groupSessionWire
	if err == nil {
		err = decodeJSON(r, &in)
	}
	var g goldthread.GroupSession
	if err == nil {
		g, err = s.db.UpdateGroupSession(r.Context(), actor, id, goldthread.GroupSessionInput(in))
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, g)
}

// apiGroupPlans answers each member's plan in force, keyed by participant
// id, for the goals of their line.
func (s *Server) apiGroupPlans(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.apiByID(w, r, func(id int64) (any, error) {
		plans, err := s.db.GroupPlans(r.Context(), actor, id)
		return map[string]any{"plans": plans}, err
	})
}

// attendeeInput is one line: {present, response, goals}.
type attendeeInput struct {
	Present  bool                  `json:"present"`
	Response string                `json:"response"`
	Goals    []goldthread.NoteGoal `json:"goals"`
}

// apiGroupAttendee adds or changes the line of participant {pid}.
func (s *Server) apiGroupAttendee(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, pid, err := groupMember(r)
	var in attendeeInput
	if err == nil {
		err = decodeJSON(r, &in)
	}
	var g goldthread.GroupSession
	if err == nil {
		g, err = s.db.SetAttendee(r.Context(), actor, id, goldthread.GroupAttendee{ParticipantID: pid, Present: in.Present, Response: in.Response, Goals: in.Goals})
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, g)
}

// apiGroupAttendeeRemove takes participant {pid} off the roster: 204.
func (s *Server) apiGroupAttendeeRemove(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, pid, err := groupMember(r)
	if err == nil {
		err = s.db.RemoveAttendee(r.Context(), actor, id, pid)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// groupMember reads the route's {id} and {pid}.
func groupMember(r *http.Request) (int64, int64, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, 0, err
	}
	pid, err := strconv.ParseInt(r.PathValue("pid"), 10, 64)
	if err != nil || pid <= 0 {
		return 0, 0, goldthread.Errorf(goldthread.ENOTFOUND, "No such participant on this roster.")
	}
	return id, pid, nil
}

// apiGroupSign signs the session once ({password, attestation,
// late_entry_reason}): 200 {"session", "notes"}.
func (s *Server) apiGroupSign(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	var in signNoteWire
	if err == nil {
		err = decodeJSON(r, &in)
	}
	var notes []goldthread.Note
	if err == nil {
		notes, err = s.db.SignGroupSession(r.Context(), actor, id, goldthread.SignNoteInput(in))
	}
	var g goldthread.GroupSession
	if err == nil {
		g, err = s.db.GroupSession(r.Context(), actor, id)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"session": g, "notes": notes})
}
