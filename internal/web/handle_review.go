package web

import (
	"fmt"
	"github.com/goldthread/goldthread/internal/locale"
	"net/http"
	"slices"
	"strconv"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// reviewQueueView is one page of the supervisor's queue with the
// batch-approve form; Cursor is where the page starts (empty: the oldest).
type reviewQueueView struct {
	Queue    store.ReviewQueue
	Cursor   string
	Selected []int64
	Errors   map[string]string
	Error    string
}

// Checked reports whether note id is ticked for approval.
func (v reviewQueueView) Checked(id int64) bool { return slices.Contains(v.Selected, id) }

// Field reports the error beside a field, if any.
func (v reviewQueueView) Field(name string) string { return v.Errors[name] }

func (s *Server) renderReviewQueue(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, v reviewQueueView, notice string) {
	q, err := s.db.ReviewQueuePage(r.Context(), actor, store.ReviewPage{Cursor: v.Cursor})
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.Queue = q
	pr := s.printer(r)
	s.render(w, r, status, "review", view{P: pr, Actor: actor, Title: pr.T("nreview.title"), Nav: "review", Notice: notice, Data: v})
}

// handleReviewQueue shows a page of the notes awaiting the supervisor's
// review, oldest first (?cursor= continues after an earlier page), with
// the returned notes and held drafts below.
func (s *Server) handleReviewQueue(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	pr := s.printer(r)
	notice := ""
	q := r.URL.Query()
	if n, err := strconv.Atoi(q.Get("approved")); err == nil && n > 0 {
		notice = pr.T("nreview.approved_notice", n)
	} else if q.Has("returned") {
		notice = pr.T("nreview.returned_notice")
	}
	s.renderReviewQueue(w, r, actor, http.StatusOK, reviewQueueView{Cursor: q.Get("cursor")}, notice)
}

// formIDs reads the ticked note ids of a form.
func formIDs(vals []string) []int64 {
	var out []int64
	for _, v := range vals {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
			out = append(out, id)
		}
	}
	return out
}

// handleReviewApprove approves the ticked notes with one password.
func (s *Server) handleReviewApprove(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	ids := formIDs(r.PostForm["note_ids"])
	done, err := s.db.ApproveNotes(r.Context(), actor, ids, reauthSecret(r.PostForm))
	if err == nil {
		http.Redirect(w, r, fmt.Sprintf("/review?approved=%d", len(done)), http.StatusSeeOther)
		return
	}
	v := reviewQueueView{Selected: ids, Errors: map[string]string{}, Cursor: r.PostForm.Get("cursor")}
	if !reviewFormError(s.printer(r), err, v.Errors, &v.Error) {
		s.pageError(w, r, actor, err)
		return
	}
	s.renderReviewQueue(w, r, actor, statusOf(err), v, "")
}

// reviewFormError places a refusal the form can show (invalid, wrong password,
// conflict, forbidden) beside its field or at the top, and reports false
// for anything else (not found, internal), which gets the error page.
func reviewFormError(p *locale.Printer, err error, errs map[string]string, top *string) bool {
	switch goldthread.ErrorKind(err) {
	case goldthread.EINVALID, goldthread.EUNAUTHORIZED, goldthread.ECONFLICT, goldthread.EFORBIDDEN:
	default:
		return false
	}
	if f := goldthread.ErrorField(err); f != "" {
		errs[f] = p.Error(err)
	} else {
		*top = p.Error(err)
	}
	return true
}

// reviewNoteView is one note under review: the note, its findings and
// thread, and the forms the actor may use.
type reviewNoteView struct {
	noteView
	Item      goldthread.ReviewItem
	CanReview bool
	IsAuthor  bool
	Errors    map[string]string
	Error     string
	// Form names the form that was refused (approve, return, comment,
	// override), OverrideRule the finding, so errors sit beside it.
	Form, OverrideRule string
	Comment, Body      string
}

// Base is the note itself, for the shared note-body template.
func (v reviewNoteView) Base() noteView { return v.noteView }

// Field reports the error beside a field of the refused form.
func (v reviewNoteView) Field(form, name string) string {
	if v.Form != form {
		return ""
	}
	return v.Errors[name]
}

// ErrorsFor returns the field errors when form was the refused one.
func (v reviewNoteView) ErrorsFor(form string) map[string]string {
	if v.Form != form {
		return nil
	}
	return v.Errors
}

// Blocking lists the block-level findings a supervisor may still override.
func (v reviewNoteView) Blocking() []goldthread.ReviewFinding {
	var out []goldthread.ReviewFinding
	for _, f := range v.Item.Findings {
		if f.Blocks() && !f.Overridden && !f.Dismissed {
			out = append(out, f)
		}
	}
	return out
}

func (s *Server) renderReviewNote(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, v reviewNoteView, notice string) {
	base, err := s.loadNoteView(r, actor)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	item, err := s.db.ReviewNote(r.Context(), actor, base.Note.ID)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.noteView, v.Item = base, item
	v.IsAuthor = item.Note.AuthorID == actor.UserID
	v.CanReview = item.Note.Status == goldthread.NoteSigned && s.db.MayReview(r.Context(), actor, item.Note)
	if v.Errors == nil {
		v.Errors = map[string]string{}
	}
	pr := s.printer(r)
	nav := "participants"
	if v.CanReview {
		nav = "review"
	}
	s.render(w, r, status, "review_note", view{P: pr, Actor: actor, Title: pr.T("nreview.note.title", base.Participant.DisplayName()),
		Nav: nav, Notice: notice, Data: v})
}

// handleReviewNote shows one note with its review: findings, golden-thread
// links, the comment thread, approvals, and the approve, return, comment
// and override forms for whoever may use them.
func (s *Server) handleReviewNote(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	pr := s.printer(r)
	notice := ""
	switch r.URL.Query().Get("done") {
	case "comment":
		notice = pr.T("nreview.comment_notice")
	case "override":
		notice = pr.T("nreview.override_notice")
	}
	s.renderReviewNote(w, r, actor, http.StatusOK, reviewNoteView{}, notice)
}

// reviewAction runs one form on the review page: on success it redirects to
// next; a refusal the form can show re-renders the page with the error
// beside the form's field.
func (s *Server) reviewAction(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, form string,
	act func(id int64) (string, error)) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	next, err := act(id)
	if err == nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	v := reviewNoteView{Form: form, Errors: map[string]string{}, Comment: r.PostForm.Get("comment"), Body: r.PostForm.Get("body"),
		OverrideRule: r.PostForm.Get("rule_id")}
	if !reviewFormError(s.printer(r), err, v.Errors, &v.Error) {
		s.pageError(w, r, actor, err)
		return
	}
	s.renderReviewNote(w, r, actor, statusOf(err), v, "")
}

// handleNoteApprove approves one note (password again) and returns to the
// queue for the next.
func (s *Server) handleNoteApprove(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.reviewAction(w, r, actor, "approve", func(id int64) (string, error) {
		_, err := s.db.ApproveNotes(r.Context(), actor, []int64{id}, reauthSecret(r.PostForm))
		return "/review?approved=1", err
	})
}

// handleNoteReturn returns a note to its author with a comment.
func (s *Server) handleNoteReturn(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.reviewAction(w, r, actor, "return", func(id int64) (string, error) {
		_, err := s.db.ReturnNote(r.Context(), actor, id, r.PostForm.Get("comment"))
		return "/review?returned=1", err
	})
}

// handleNoteComment adds a comment (supervisor) or reply (author).
func (s *Server) handleNoteComment(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.reviewAction(w, r, actor, "comment", func(id int64) (string, error) {
		_, err := s.db.CommentOnNote(r.Context(), actor, id, r.PostForm.Get("body"))
		return fmt.Sprintf("/notes/%d/review?done=comment#thread-title", id), err
	})
}

// handleNoteOverride overrides a block-level finding with a reason.
func (s *Server) handleNoteOverride(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.reviewAction(w, r, actor, "override", func(id int64) (string, error) {
		_, err := s.db.OverrideFinding(r.Context(), actor, id, r.PostForm.Get("rule_id"), r.PostForm.Get("reason"))
		return fmt.Sprintf("/notes/%d/review?done=override", id), err
	})
}
