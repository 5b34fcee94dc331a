package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// decodeJSON reads a JSON body into v, refusing unknown fields and trailing
// data, with a message that says what is wrong.
func decodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if isTooLarge(err) {
			return goldthread.Errorf(goldthread.ETOOLARGE, "The request body is too large.")
		}
		// A body that cannot be read as this call's JSON is the client's
		// mistake in the request itself (400), not a refused value (422).
		if errors.Is(err, io.EOF) {
			return goldthread.Errorf(goldthread.EBADREQUEST, "Send a JSON object in the request body.")
		}
		return goldthread.Errorf(goldthread.EBADREQUEST, "The request body is not valid JSON for this call: %v.", err)
	}
	if dec.More() {
		return goldthread.Errorf(goldthread.EBADREQUEST, "Send exactly one JSON object.")
	}
	return nil
}

type tokenRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	Code     string `json:"code,omitempty"` // the TOTP code, for accounts with two-step sign-in
}

// apiCreateToken exchanges an email and password for a bearer token.
// POST /api/v1/tokens {"email","password"} → 201 {"token","user"}.
func (s *Server) apiCreateToken(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	var req tokenRequest
	if err := decodeJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	if req.Email == "" {
		s.apiError(w, r, goldthread.FieldError("email", "Enter the email you sign in with."))
		return
	}
	if req.Password == "" {
		s.apiError(w, r, goldthread.FieldError("password", "Enter your password."))
		return
	}
	check, err := s.throttleCheck(r, req.Email, actor.IP)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if check.Wait > 0 {
		s.apiThrottled(w, r, check.Wait)
		return
	}
	step, err := s.db.SignIn(r.Context(), req.Email, req.Password, actor.IP, store.SessionAPI, s.cfg.Sessions)
	token, a := step.Token, step.Actor
	if err == nil && step.NeedsSecondStep() {
		if req.Code == "" {
			s.apiError(w, r, goldthread.FieldError("code", "This account uses two-step sign-in: send the 6-digit code with the email and password."))
			return
		}
		token, a, err = s.db.CompleteSignIn(r.Context(), step.Challenge, req.Code, actor.IP, s.cfg.Sessions)
	}
	if err != nil {
		if k := goldthread.ErrorKind(err); k == goldthread.EUNAUTHORIZED || (k == goldthread.EINVALID && req.Code != "") {
			// A wrong password or a wrong code: both count toward the
			// address's limit (the account's own limit on codes is kept
			// by the store, across challenges).
			s.throttleFail(r, req.Email, actor.IP)
		}
		s.apiError(w, r, err)
		return
	}
	s.throttleForget(r, check)
	writeJSON(w, http.StatusCreated, map[string]any{"token": token, "user": meOf(a)})
}

// apiDeleteToken revokes the token used for the call.
func (s *Server) apiDeleteToken(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.db.SignOut(r.Context(), actor); err != nil {
		s.apiError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

type me struct {
	ID            int64             `json:"id"`
	Name          string            `json:"name"`
	AgencyID      int64             `json:"agency_id"`
	Roles         []goldthread.Role `json:"roles"`
	ParticipantID int64             `json:"participant_id,omitempty"`
	// TimeZone is the agency's IANA zone: instants in the API are RFC 3339
	// with their offset, and a note's service_date is its start's date there.
	TimeZone string `json:"time_zone"`
	// Language is the language error messages are written in: the
	// account's choice, else the request's Accept-Language ("en", "es").
	Language string `json:"language,omitempty"`
}

func meOf(a goldthread.Actor) me {
	return me{ID: a.UserID, Name: a.Name, AgencyID: a.AgencyID, Roles: a.Roles, ParticipantID: a.ParticipantID, TimeZone: a.Location().String()}
}

// apiMe returns the signed-in user.
func (s *Server) apiMe(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	m := meOf(actor)
	m.Language = languageOf(r.Context(), actor)
	writeJSON(w, http.StatusOK, m)
}

// apiMyLanguage sets the language of the signed-in person's own account
// ({"language": "es"}, "" to follow Accept-Language) and answers as apiMe.
func (s *Server) apiMyLanguage(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	var in struct {
		Language string `json:"language"`
	}
	if err := decodeJSON(r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	if err := s.db.SetAccountLanguage(r.Context(), actor, in.Language); err != nil {
		s.apiError(w, r, err)
		return
	}
	actor.Language = in.Language
	m := meOf(actor)
	m.Language = languageOf(r.Context(), actor)
	writeJSON(w, http.StatusOK, m)
}

// apiPrograms lists the agency's programs.
func (s *Server) apiPrograms(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	list, err := s.db.Programs(r.Context(), actor.AgencyID)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"programs": nonNil(list)})
}

// apiParticipantList lists participants in reach: ?q= search, ?limit=,
// ?offset=.
func (s *Server) apiParticipantList(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	q := r.URL.Query()
	f := goldthread.ParticipantFilter{Query: q.Get("q"), Status: q.Get("status")}
	for name, dst := range map[string]*int{"limit": &f.Limit, "offset": &f.Offset} {
		if v := q.Get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				s.apiError(w, r, goldthread.FieldError(name, "%s must be a whole number of 0 or more.", name))
				return
			}
			*dst = n
		}
	}
	list, err := s.db.ListParticipants(r.Context(), actor, f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"participants": nonNil(list)})
}

// apiParticipantShow returns one participant in reach, or 404.
func (s *Server) apiParticipantShow(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	p, err := s.db.Participant(r.Context(), actor, id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}
