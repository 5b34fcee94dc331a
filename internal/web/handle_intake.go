package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/goldthread/goldthread"
)

// Intake: registering a participant (record, enrolment and peer in one
// form), then keeping their details and enrolments up to date from their
// page. The store decides who may do what; the routes say the same.

// intakeView is the intake form: the programs and peers to choose from,
// what was typed, and after a refused try, the errors and any records the
// new one may repeat.
type intakeView struct {
	Programs   []goldthread.IntakeProgram
	Peers      []goldthread.PeerChoice
	Form       plForm
	Duplicates []goldthread.DuplicateCandidate
	Today      goldthread.Date
	Registered int64  // the participant just registered (administrators, who cannot open the record)
	Notice     string // where a prefilled form came from
}

// Selected says whether an option value was chosen.
func (v intakeView) Selected(name string, id int64) bool {
	return v.Form.Get(name) == strconv.FormatInt(id, 10)
}

func (s *Server) handleIntakeForm(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	v := intakeView{Form: plForm{Values: url.Values{}}}
	v.Registered, _ = strconv.ParseInt(r.URL.Query().Get("registered"), 10, 64)
	s.renderIntake(w, r, actor, http.StatusOK, v)
}

func (s *Server) renderIntake(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, v intakeView) {
	ctx := r.Context()
	var err error
	if v.Programs, err = s.db.IntakePrograms(ctx, actor); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if v.Form.Get("program_id") == "" && len(v.Programs) == 1 {
		v.Form.Values.Set("program_id", strconv.FormatInt(v.Programs[0].ID, 10))
	}
	if v.Peers, err = s.db.AssignablePeers(ctx, actor, plID(v.Form.Values, "program_id")); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.Today = s.todayOf(actor)
	p := s.printer(r)
	s.render(w, r, status, "intake", view{P: p, Actor: actor, Title: p.T("intake.title"), Nav: "participants", Data: v})
}

// intakeParticipant reads the demographics fields shared by the intake and
// edit forms.
func intakeParticipant(v url.Values) (goldthread.Participant, error) {
	p := goldthread.Participant{FirstName: v.Get("first_name"), LastName: v.Get("last_name"), PreferredName: v.Get("preferred_name"),
		Pronouns: v.Get("pronouns"), Gender: v.Get("gender"), MedicaidID: v.Get("medicaid_id"), Phone: v.Get("phone"),
		Email: v.Get("email"), Language: v.Get("language"),
		Address: goldthread.Address{Line1: v.Get("line1"), City: v.Get("city"), State: v.Get("state"), PostalCode: v.Get("postal_code")}}
	var err error
	p.BirthDate, err = plDate(v, "birth_date")
	return p, err
}

// handleIntake registers a participant. A refusal shows the form again
// with what was typed; a possible duplicate lists the records found and
// asks the registrar to confirm it is somebody else.
func (s *Server) handleIntake(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v := r.PostForm
	in := goldthread.Intake{ProgramID: plID(v, "program_id"), PeerID: plID(v, "peer_id"), NotDuplicate: v.Get("not_duplicate") == "on"}
	var err error
	if in.Participant, err = intakeParticipant(v); err == nil {
		if in.Start, err = plDate(v, "start_date"); err == nil {
			err = s.db.RegisterParticipant(r.Context(), actor, &in)
		}
	}
	if err != nil {
		if statusOf(err) == http.StatusInternalServerError || statusOf(err) == http.StatusForbidden {
			s.pageError(w, r, actor, err)
			return
		}
		view := intakeView{Form: plFormOf(s.printer(r), err, v)}
		if goldthread.ErrorKind(err) == goldthread.ECONFLICT {
			found, ferr := s.db.FindDuplicates(r.Context(), actor, in.Participant)
			if ferr != nil {
				s.pageError(w, r, actor, ferr)
				return
			}
			view.Duplicates = found
		}
		s.renderIntake(w, r, actor, statusOfForm(err), view)
		return
	}
	if !goldthread.CanReadParticipants(actor) {
		http.Redirect(w, r, "/participants/new?registered="+strconv.FormatInt(in.Participant.ID, 10), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/participants/"+strconv.FormatInt(in.Participant.ID, 10)+"?registered=1", http.StatusSeeOther)
}

// statusOfForm is the status of a form shown again after a refusal.
func statusOfForm(err error) int {
	if goldthread.ErrorKind(err) == goldthread.ECONFLICT {
		return http.StatusConflict
	}
	return http.StatusUnprocessableEntity
}

// participantEditView is the details form of one participant.
type participantEditView struct {
	Participant goldthread.Participant
	Form        plForm
}

func (s *Server) handleParticipantEditForm(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	s.renderParticipantEdit(w, r, actor, id, http.StatusOK, plForm{})
}

func (s *Server) renderParticipantEdit(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, id int64, status int, form plForm) {
	pt, err := s.db.Participant(r.Context(), actor, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if form.Values == nil {
		form.Values = participantValues(pt)
	}
	p := s.printer(r)
	s.render(w, r, status, "participant_edit", view{P: p, Actor: actor, Title: p.T("intake.edit.title", pt.DisplayName()), Nav: "participants",
		Data: participantEditView{Participant: pt, Form: form}})
}

// participantValues are a participant's details as the form shows them.
func participantValues(p goldthread.Participant) url.Values {
	return url.Values{"first_name": {p.FirstName}, "last_name": {p.LastName}, "preferred_name": {p.PreferredName},
		"pronouns": {p.Pronouns}, "birth_date": {p.BirthDate.String()}, "gender": {p.Gender}, "medicaid_id": {p.MedicaidID},
		"phone": {p.Phone}, "email": {p.Email}, "language": {p.Language}, "line1": {p.Address.Line1}, "city": {p.Address.City},
		"state": {p.Address.State}, "postal_code": {p.Address.PostalCode}}
}

func (s *Server) handleParticipantEdit(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	p, err := intakeParticipant(r.PostForm)
	if err == nil {
		_, err = s.db.UpdateParticipant(r.Context(), actor, id, p)
	}
	if err != nil {
		if goldthread.ErrorField(err) == "" {
			s.pageError(w, r, actor, err)
			return
		}
		s.renderParticipantEdit(w, r, actor, id, statusOfForm(err), plFormOf(s.printer(r), err, r.PostForm))
		return
	}
	http.Redirect(w, r, "/participants/"+strconv.FormatInt(id, 10)+"?saved=details", http.StatusSeeOther)
}

// handleEnrol enrols the participant in another program.
func (s *Server) handleEnrol(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	start, err := plDate(r.PostForm, "enrol_start")
	if err == nil {
		err = s.db.EnrollParticipant(r.Context(), actor, id, plID(r.PostForm, "enrol_program"), start)
	}
	s.afterEnrolment(w, r, actor, id, err, "enrolled")
}

// handleEndEnrolment ends the participant's enrolment in {program}.
func (s *Server) handleEndEnrolment(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	program, err := strconv.ParseInt(r.PathValue("program"), 10, 64)
	if err != nil {
		s.pageError(w, r, actor, goldthread.Errorf(goldthread.ENOTFOUND, "No such enrolment."))
		return
	}
	end, err := plDate(r.PostForm, "end_date")
	if err == nil {
		err = s.db.EndEnrollment(r.Context(), actor, id, program, end, r.PostForm.Get("end_reason"))
	}
	s.afterEnrolment(w, r, actor, id, err, "ended")
}

// afterEnrolment returns to the participant's page: with the notice of
// what was saved, or with the refusal beside the enrolment forms.
func (s *Server) afterEnrolment(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, id int64, err error, saved string) {
	if err == nil {
		http.Redirect(w, r, "/participants/"+strconv.FormatInt(id, 10)+"?saved="+saved+"#programs-title", http.StatusSeeOther)
		return
	}
	if goldthread.ErrorField(err) == "" && goldthread.ErrorKind(err) != goldthread.ECONFLICT {
		s.pageError(w, r, actor, err)
		return
	}
	s.showParticipant(w, r, actor, id, statusOfForm(err), plFormOf(s.printer(r), err, r.PostForm))
}
