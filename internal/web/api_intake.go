package web

import (
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
)

// The intake API: register a participant, update their details, open and
// end enrolments, and list the peers an intake may assign.

// participantFields are the details a client sends: the record's own
// fields only (never its id, agency, status or enrolments, which other
// calls change).
type participantFields struct {
	FirstName     string             `json:"first_name"`
	LastName      string             `json:"last_name"`
	PreferredName string             `json:"preferred_name"`
	Pronouns      string             `json:"pronouns"`
	BirthDate     goldthread.Date    `json:"birth_date"`
	Gender        string             `json:"gender"`
	MedicaidID    string             `json:"medicaid_id"`
	Phone         string             `json:"phone"`
	Email         string             `json:"email"`
	Language      string             `json:"language"`
	Address       goldthread.Address `json:"address"`
}

func (f participantFields) participant() goldthread.Participant {
	return goldthread.Participant{FirstName: f.FirstName, LastName: f.LastName, PreferredName: f.PreferredName, Pronouns: f.Pronouns,
		BirthDate: f.BirthDate, Gender: f.Gender, MedicaidID: f.MedicaidID, Phone: f.Phone, Email: f.Email, Language: f.Language,
		Address: f.Address}
}

type intakeRequest struct {
	participantFields
	ProgramID    int64           `json:"program_id"`
	Start        goldthread.Date `json:"start_date"`
	PeerID       int64           `json:"peer_id"`
	NotDuplicate bool            `json:"not_duplicate"`
}

// apiRegisterParticipant: POST /api/v1/participants → 201 the participant
// with enrolment and peer; 409 on medicaid_id or not_duplicate with the
// records found in "duplicates".
func (s *Server) apiRegisterParticipant(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	var req intakeRequest
	if err := decodeJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	in := goldthread.Intake{Participant: req.participant(), ProgramID: req.ProgramID, Start: req.Start, PeerID: req.PeerID, NotDuplicate: req.NotDuplicate}
	err := s.db.RegisterParticipant(r.Context(), actor, &in)
	if goldthread.ErrorKind(err) == goldthread.ECONFLICT {
		found, ferr := s.db.FindDuplicates(r.Context(), actor, in.Participant)
		if ferr != nil {
			s.apiError(w, r, ferr)
			return
		}
		writeJSON(w, http.StatusConflict, map[string]any{"error": apiErrorDetail{Kind: goldthread.ECONFLICT, Field: goldthread.ErrorField(err),
			Message: s.printer(r).Error(err)}, "duplicates": found})
		return
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.apiParticipantAfter(w, r, actor, in.Participant.ID, http.StatusCreated)
}

// apiParticipantAfter answers a write with the participant as the actor
// now reads them; an administrator, who reads no record, gets the id.
func (s *Server) apiParticipantAfter(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, id int64, status int) {
	if !goldthread.CanReadParticipants(actor) {
		writeJSON(w, status, map[string]any{"id": id})
		return
	}
	p, err := s.db.Participant(r.Context(), actor, id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, status, p)
}

// apiUpdateParticipant: PUT /api/v1/participants/{id} → 200 the participant.
func (s *Server) apiUpdateParticipant(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var req participantFields
	if err := decodeJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	p, err := s.db.UpdateParticipant(r.Context(), actor, id, req.participant())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

// apiEnrol: POST /api/v1/participants/{id}/enrolments {program_id,
// start_date} → 201 the participant.
func (s *Server) apiEnrol(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var req struct {
		ProgramID int64           `json:"program_id"`
		Start     goldthread.Date `json:"start_date"`
	}
	if err := decodeJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	if err := s.db.EnrollParticipant(r.Context(), actor, id, req.ProgramID, req.Start); err != nil {
		s.apiError(w, r, err)
		return
	}
	s.apiParticipantAfter(w, r, actor, id, http.StatusCreated)
}

// apiEndEnrolment: POST /api/v1/participants/{id}/enrolments/{program}/end
// {end_date, end_reason} → 200 the participant.
func (s *Server) apiEndEnrolment(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	program, err := strconv.ParseInt(r.PathValue("program"), 10, 64)
	if err != nil {
		s.apiError(w, r, goldthread.Errorf(goldthread.ENOTFOUND, "No such enrolment."))
		return
	}
	var req struct {
		End    goldthread.Date `json:"end_date"`
		Reason string          `json:"end_reason"`
	}
	if err := decodeJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	if err := s.db.EndEnrollment(r.Context(), actor, id, program, req.End, req.Reason); err != nil {
		s.apiError(w, r, err)
		return
	}
	s.apiParticipantAfter(w, r, actor, id, http.StatusOK)
}

// apiAssignablePeers: GET /api/v1/peers?program_id= → the peers an intake
// by the caller may assign, with caseload and limit.
func (s *Server) apiAssignablePeers(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	program, _ := strconv.ParseInt(r.URL.Query().Get("program_id"), 10, 64)
	peers, err := s.db.AssignablePeers(r.Context(), actor, program)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"peers": peers})
}
