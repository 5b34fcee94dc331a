package web

import (
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
)

// apiReviewQueue returns the supervisor's review queue: awaiting (oldest
// first), returned, held_drafts.
//
// The awaiting notes come a page at a time, oldest first: ?limit= (50
// unless given, at most 200) and ?offset=; "total_awaiting" counts them all
// and "next_offset" is where the next page starts (absent on the last).
// Returned notes and held drafts, few by nature, come whole.
func (s *Server) apiReviewQueue(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	limit, offset := 50, 0
	for name, dst := range map[string]*int{"limit": &limit, "offset": &offset} {
		if v := r.URL.Query().Get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || (name == "limit" && (n < 1 || n > 200)) {
				s.apiError(w, r, goldthread.FieldError(name, "%s must be a whole number (limit from 1 to 200, offset 0 or more).", name))
				return
			}
			*dst = n
		}
	}
	q, err := s.db.ReviewQueue(r.Context(), actor)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	total := len(q.Awaiting)
	page := q.Awaiting[min(offset, total):min(offset+limit, total)]
	answer := map[string]any{"awaiting": nonNil(page), "returned": nonNil(q.Returned), "held_drafts": nonNil(q.Held),
		"total_awaiting": total}
	if offset+limit < total {
		answer["next_offset"] = offset + limit
	}
	writeJSON(w, http.StatusOK, answer)
}

// apiReviewNote returns one note's review (findings, links, thread,
// overrides, approvals).
func (s *Server) apiReviewNote(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	it, err := s.db.ReviewNote(r.Context(), actor, id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, it)
}

// apiApproveNotes approves a batch with one password: 200 {"approved"}.
func (s *Server) apiApproveNotes(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	var in struct {
		NoteIDs  []int64 `json:"note_ids"`
		Password string  `json:"password"`
	}
	if err := decodeJSON(r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	ids, err := s.db.ApproveNotes(r.Context(), actor, in.NoteIDs, in.Password)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"approved": ids})
}

// apiReturnNote returns a note to its author: 201 the comment.
func (s *Server) apiReturnNote(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	var in struct {
		Comment string `json:"comment"`
	}
	s.apiReviewWrite(w, r, &in, func(id int64) (any, error) { return s.db.ReturnNote(r.Context(), actor, id, in.Comment) })
}

// apiCommentNote adds a comment or, for the author, a reply: 201.
func (s *Server) apiCommentNote(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	var in struct {
		Body string `json:"body"`
	}
	s.apiReviewWrite(w, r, &in, func(id int64) (any, error) { return s.db.CommentOnNote(r.Context(), actor, id, in.Body) })
}

// apiOverrideFinding overrides a block-level finding: 201 the override.
func (s *Server) apiOverrideFinding(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	var in struct {
		RuleID string `json:"rule_id"`
		Reason string `json:"reason"`
	}
	s.apiReviewWrite(w, r, &in, func(id int64) (any, error) {
		return s.db.OverrideFinding(r.Context(), actor, id, in.RuleID, in.Reason)
	})
}

func (s *Server) apiReviewWrite(w http.ResponseWriter, r *http.Request, in any, act func(id int64) (any, error)) {
	id, err := pathID(r)
	if err == nil {
		err = decodeJSON(r, in)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out, err := act(id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, out)
}
