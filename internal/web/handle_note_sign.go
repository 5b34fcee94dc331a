package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
	"github.com/goldthread/goldthread/internal/store"
)

// noteSignView is the signing page: the note to confirm, what would stop
// it from being signed (with fixes in place), the participant's own words,
// the attestation, the password, and the late reason when the deadline
// has passed.
type noteSignView struct {
	noteView
	Late   bool
	Errors map[string]string
	Error  string
	Reason string
	// Problems are the signing refusals known now, before attestation
	// (handle_note_presign.go); the sign form shows once there are none.
	Problems   []goldthread.SignProblem
	Categories []rules.Category // for the type-of-service fix
	StartHM    string           // for the times fix
	EndHM      string
	Words      string // the participant's words as typed, after a refusal
	AckName    string
	// Compliance is the payer rule check shown before signing (handle_rules.go).
	Compliance *complianceView
}

// Base is the note itself, for the shared note-body template.
func (v noteSignView) Base() noteView { return v.noteView }

// Field reports the error beside a field, if any.
func (v noteSignView) Field(name string) string { return v.Errors[name] }

func (s *Server) renderSign(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, v noteView, sv noteSignView, signErr error) {
	sv.noteView, sv.Errors = v, map[string]string{}
	sv.Late = !v.Note.Due.IsZero() && s.db.Now().After(v.Note.Due)
	sv.Compliance = s.noteCompliance(r.Context(), actor, v.Note.ID)
	if err := s.presign(r, actor, &sv); err != nil {
		sv.Error = s.printer(r).Error(err)
	}
	status := http.StatusOK
	if signErr != nil {
		status = statusOf(signErr)
		switch f := goldthread.ErrorField(signErr); f {
		case "password", "attest", "late_entry_reason", "participant_ack_name", "category", "non_billable_reason", "start", "end":
			sv.Errors[f] = s.printer(r).Error(signErr)
		default:
			sv.Error = s.printer(r).Error(signErr)
		}
	}
	pr := s.programPrinter(r, actor, v.Note.ProgramID)
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
	s.renderSign(w, r, actor, v, noteSignView{}, nil)
}

// handleNoteSign signs the draft with the author's password and the
// attestation; the note is then locked. The participant's own words and
// typed name, when given on the same page, are recorded first.
func (s *Server) handleNoteSign(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	v, err := s.loadNoteView(r, actor)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	f := r.PostForm
	in := store.SignNoteInput{Password: reauthSecret(f), LateEntryReason: f.Get("late_entry_reason")}
	in.Version, _ = strconv.Atoi(f.Get("version"))
	if f.Get("attest") != "" {
		in.Attestation = s.printer(r).T("notes.sign.attestation")
	}
	sv := noteSignView{Reason: in.LateEntryReason, Words: f.Get("participant_words"), AckName: f.Get("participant_ack_name")}
	words, name := strings.TrimSpace(sv.Words), strings.TrimSpace(sv.AckName)
	// Words already recorded and acknowledged need no name typed again.
	if name != "" || (words != "" && words != v.Note.ParticipantWords) {
		n, err := s.db.AddParticipantWords(r.Context(), actor, v.Note.ID, in.Version, words, name)
		if err != nil {
			s.signRefused(w, r, actor, sv, err)
			return
		}
		in.Version, sv.AckName = n.Version, ""
	}
	if _, _, err = s.db.SignNote(r.Context(), actor, v.Note.ID, in); err == nil {
		http.Redirect(w, r, fmt.Sprintf("/notes/%d?done=signed", v.Note.ID), http.StatusSeeOther)
		return
	}
	s.signRefused(w, r, actor, sv, err)
}

// signRefused shows the signing page again with why, or the error page
// for what the page cannot fix.
func (s *Server) signRefused(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, sv noteSignView, err error) {
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
	s.renderSign(w, r, actor, v, sv, err)
}
