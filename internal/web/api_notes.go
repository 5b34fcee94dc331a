package web

import (
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
)

// apiNoteList lists notes in reach: ?participant_id=&author_id=&status=&limit=.
func (s *Server) apiNoteList(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	q := r.URL.Query()
	var f goldthread.NoteFilter
	f.Status = q.Get("status")
	for name, dst := range map[string]*int64{"participant_id": &f.ParticipantID, "author_id": &f.AuthorID} {
		if v := q.Get(name); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n <= 0 {
				s.apiError(w, r, goldthread.FieldError(name, "%s must be a record id.", name))
				return
			}
			*dst = n
		}
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			s.apiError(w, r, goldthread.FieldError("limit", "limit must be a whole number of 0 or more."))
			return
		}
		f.Limit = n
	}
	list, err := s.db.ListNotes(r.Context(), actor, f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"notes": nonNil(list)})
}

// apiNoteCreate saves a new draft: 201 with the note.
func (s *Server) apiNoteCreate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	var in noteWire
	if err := decodeJSON(r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	n, err := s.db.CreateDraftNote(r.Context(), actor, goldthread.NoteInput(in))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, n)
}

// apiNoteShow returns one note in reach (billing: without the narrative).
func (s *Server) apiNoteShow(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	n, err := s.db.Note(r.Context(), actor, id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, n)
}

// apiNoteUpdate replaces a draft's content; "version" must be the current
// version (409 otherwise).
func (s *Server) apiNoteUpdate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var in noteWire
	if err := decodeJSON(r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	n, err := s.db.UpdateDraftNote(r.Context(), actor, id, goldthread.NoteInput(in))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, n)
}

// apiNoteSign signs a draft: {"password","attestation","version","late_entry_reason"}
// → 200 {"note","findings"}.
func (s *Server) apiNoteSign(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var in signNoteWire
	if err := decodeJSON(r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	n, findings, err := s.db.SignNote(r.Context(), actor, id, goldthread.SignNoteInput(in))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"note": n, "findings": apiFindings(s.printer(r), findings)})
}

// apiReauthGrant re-authenticates once for the signatures of the next
// minutes in this session: {"password"} → 201 {"grant","expires_at"}; the
// grant goes in a signature's "grant" in place of the password.
func (s *Server) apiReauthGrant(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	var in struct {
		Password string `json:"password"`
	}
	if err := decodeJSON(r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	grant, expires, err := s.db.GrantReauth(r.Context(), actor, in.Password)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"grant": grant, "expires_at": expires})
}

// apiNoteAddendum adds a signed addendum: {"kind","body","password","attestation"} → 201.
func (s *Server) apiNoteAddendum(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var in addendumWire
	if err := decodeJSON(r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	a, err := s.db.AddAddendum(r.Context(), actor, id, goldthread.AddendumInput(in))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, a)
}
