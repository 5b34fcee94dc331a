package web

import (
	"net/http"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// apiRecord: GET /api/v1/participants/{id}/record → the record with the
// integrity check of every signed item (an audited read, not a copy: a
// copy that leaves is POST …/disclosures).
func (s *Server) apiRecord(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	rec, checks, err := s.db.ParticipantRecord(r.Context(), actor, id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"record": rec, "integrity": nonNil(checks)})
}

func (s *Server) apiDisclosures(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	list, err := s.db.Disclosures(r.Context(), actor, id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"disclosures": nonNil(list)})
}

// apiDisclose: POST /api/v1/participants/{id}/disclosures {recipient,
// purpose, information, own_request} → 201 {"disclosure", "pdf"} with the
// PDF base64-encoded; 422 on recipient without a consent in effect.
func (s *Server) apiDisclose(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var in disclosureRequestWire
	if err := decodeJSON(r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	req := store.DisclosureRequest(in)
	req.Format = goldthread.FormatPDF
	pr := s.printer(r)
	var file []byte
	d, err := s.db.ExportRecord(r.Context(), actor, id, req, func(rec goldthread.Record) (string, error) {
		var hash string
		file, hash = recordPDF(pr, rec, req)
		return hash, nil
	})
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"disclosure": d, "pdf": file})
}

func (s *Server) apiAccessLog(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	list, err := s.db.AccessLog(r.Context(), actor, id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"accesses": nonNil(list)})
}

func (s *Server) apiAmendments(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	list, err := s.db.Amendments(r.Context(), actor, id, 0)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"amendments": nonNil(list)})
}

// amendmentJSON is a request with its status spelled out.
type amendmentJSON struct {
	goldthread.AmendmentRequest
	Status string `json:"status"`
}

func amendmentOut(a goldthread.AmendmentRequest) amendmentJSON { return amendmentJSON{a, a.Status()} }

func (s *Server) apiAmendmentCreate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	var in amendmentWire
	if err := decodeJSON(r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	a, err := s.db.RequestAmendment(r.Context(), actor, goldthread.AmendmentInput(in))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, amendmentOut(a))
}

func (s *Server) apiAmendmentShow(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	it, err := s.db.Amendment(r.Context(), actor, id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"amendment": amendmentOut(it.AmendmentRequest), "can_decide": it.CanDecide})
}

func (s *Server) apiAmendmentDecision(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var in amendmentDecisionWire
	if err := decodeJSON(r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	a, err := s.db.DecideAmendment(r.Context(), actor, id, goldthread.AmendmentDecisionInput(in))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, amendmentOut(a))
}

func (s *Server) apiAmendmentStatement(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var in struct {
		Statement string `json:"statement"`
	}
	if err := decodeJSON(r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	a, err := s.db.AddDisagreement(r.Context(), actor, id, in.Statement)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, amendmentOut(a))
}
