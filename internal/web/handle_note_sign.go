package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// noteSignView is the signing page: the note to confirm, the attestation,
// the password, and the late reason when the deadline has passed.
type noteSignView struct {
	noteView
	Late   bool
	Errors map[string]string
	Error  string
	Reason string
	// Compliance is the payer rule check shown before signing (handle_rules.go).
	Compliance *complianceView
}

// Base is the note itself, for the shared note-body template.
func (v noteSignView) Base() noteView { return v.noteView }

// Field reports the error beside a field, if any.
func (v noteSignView) Field(name string) string { return v.Errors[name] }

func (s *Server) renderSign(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, v noteView, reason string, signErr error) {
	sv := noteSignView{noteView: v, Errors: map[string]string{}, Reason: reason,
		Late: !v.Note.Due.IsZero() && s.db.Now().After(v.Note.Due), Compliance: s.noteCompliance(r.Context(), actor, v.Note.ID)}
	status := http.StatusOK
	if signErr != nil {
		status = statusOf(signErr)
		switch f := goldthread.ErrorField(signErr); f {
		case "password", "attest", "late_entry_reason":
			sv.Errors[f] = goldthread.ErrorMessage(signErr)
		default:
			sv.Error = goldthread.ErrorMessage(signErr)
		}
	}
	pr := s.printer(r)
	s.render(w, r, status, "note_sign", view{P: pr, Actor: actor, Title: pr.T("notes.sign.title", v.Participant.DisplayName()),
		Nav: "participants", Data: sv})
}

// handleNoteSignForm shows the signing page to the author of a draft.
func (s *Server) handleNoteSignForm(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	v, err := s.loadNoteView(r, actor)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if !v.CanSign {
		http.Redirect(w, r, fmt.Sprintf("/notes/%d", v.Note.ID), http.StatusSeeOther)
		return
	}
	s.renderSign(w, r, actor, v, "", nil)
}

// handleNoteSign signs the draft with the author's password and the
// attestation; the note is then locked.
func (s *Server) handleNoteSign(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	r.ParseForm()
	f := r.PostForm
	in := store.SignNoteInput{Password: reauthSecret(f), LateEntryReason: f.Get("late_entry_reason")}
	in.Version, _ = strconv.Atoi(f.Get("version"))
	if f.Get("attest") != "" {
		in.Attestation = s.printer(r).T("notes.sign.attestation")
	}
	if _, _, err = s.db.SignNote(r.Context(), actor, id, in); err == nil {
		http.Redirect(w, r, fmt.Sprintf("/notes/%d?done=signed", id), http.StatusSeeOther)
		return
	}
	switch goldthread.ErrorKind(err) {
	case goldthread.EINVALID, goldthread.EUNAUTHORIZED, goldthread.ECONFLICT:
	default:
		s.pageError(w, r, actor, err)
		return
	}
	v, verr := s.loadNoteView(r, actor)
	if verr != nil {
		s.pageError(w, r, actor, verr)
		return
	}
	s.renderSign(w, r, actor, v, in.LateEntryReason, err)
}
