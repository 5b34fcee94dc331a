package web

import (
	"fmt"
	"net/http"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// addendumView is the addendum form under a signed note.
type addendumView struct {
	noteView
	Kinds  []string
	Kind   string
	Body   string
	Errors map[string]string
	Error  string
}

// Base is the note itself, for the shared note-body template.
func (v addendumView) Base() noteView { return v.noteView }

// Field reports the error beside a field, if any.
func (v addendumView) Field(name string) string { return v.Errors[name] }

func (s *Server) renderAddendum(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, v noteView, kind, body string, aErr error) {
	av := addendumView{noteView: v, Kinds: goldthread.AddendumKinds, Kind: kind, Body: body, Errors: map[string]string{}}
	status := http.StatusOK
	if aErr != nil {
		status = statusOf(aErr)
		if f := goldthread.ErrorField(aErr); f != "" {
			av.Errors[f] = s.printer(r).Error(aErr)
		} else {
			av.Error = s.printer(r).Error(aErr)
		}
	}
	pr := s.printer(r)
	s.render(w, r, status, "note_addendum", view{P: pr, Actor: actor, Title: pr.T("addendum.title"), Nav: "participants", Data: av})
}

// handleAddendumForm shows the addendum form for a signed note.
func (s *Server) handleAddendumForm(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	v, err := s.loadNoteView(r, actor)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if !v.CanAddendum {
		http.Redirect(w, r, fmt.Sprintf("/notes/%d", v.Note.ID), http.StatusSeeOther)
		return
	}
	s.renderAddendum(w, r, actor, v, goldthread.AddendumClarification, "", nil)
}

// handleAddendumCreate signs and adds an addendum under the note.
func (s *Server) handleAddendumCreate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	f := r.PostForm
	in := store.AddendumInput{Kind: f.Get("kind"), Body: f.Get("body"), Password: reauthSecret(f)}
	if f.Get("attest") != "" {
		in.Attestation = s.printer(r).T("addendum.attestation")
	}
	if _, err = s.db.AddAddendum(r.Context(), actor, id, in); err == nil {
		http.Redirect(w, r, fmt.Sprintf("/notes/%d?done=addendum", id), http.StatusSeeOther)
		return
	}
	switch goldthread.ErrorKind(err) {
	case goldthread.EINVALID, goldthread.EUNAUTHORIZED:
	default:
		s.pageError(w, r, actor, err)
		return
	}
	v, verr := s.loadNoteView(r, actor)
	if verr != nil {
		s.pageError(w, r, actor, verr)
		return
	}
	s.renderAddendum(w, r, actor, v, in.Kind, in.Body, err)
}
