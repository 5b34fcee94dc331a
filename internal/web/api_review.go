package web

import (
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// apiReviewQueue returns a page of the supervisor's review queue:
// "items", the notes awaiting review oldest first (?limit=, 25 unless
// given, at most 100), "total" awaiting on all pages, and "next_cursor"
// to pass as ?cursor= for the page after (absent on the last), with the
// returned notes and held drafts, few by nature, whole. A bad limit or
// cursor is 400 bad_request naming the parameter.
func (s *Server) apiReviewQueue(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	page := store.ReviewPage{Cursor: r.URL.Query().Get("cursor")}
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			s.apiError(w, r, goldthread.ErrorAbout(goldthread.EBADREQUEST, "limit", "A page holds from 1 to %d %{note|notes}.", store.ReviewPageMax))
			return
		}
		page.Limit = n
	}
	q, err := s.db.ReviewQueuePage(r.Context(), actor, page)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	answer := map[string]any{"items": nonNil(q.Awaiting), "total": q.Total, "returned": nonNil(q.Returned), "held_drafts": nonNil(q.Held)}
	if q.Next != "" {
		answer["next_cursor"] = q.Next
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
