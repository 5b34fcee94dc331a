package web

import (
	"net/http"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/fhir"
)

// FHIRContentType is the media type of FHIR R4 JSON answers.
const FHIRContentType = "application/fhir+json; fhirVersion=4.0"

// apiFHIREverything answers GET /api/fhir/Patient/{id}/$everything: the
// participant's record as a FHIR R4 searchset Bundle (see fhir.MapBundle),
// audited as a read. _since (a FHIR instant, such as
// 2026-03-01T00:00:00Z) keeps what changed since then, for incremental
// pulls. Errors are OperationOutcomes: 400 for a bad _since, 404 when the
// participant is out of reach, 403 for a role that never exports.
func (s *Server) apiFHIREverything(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.fhirError(w, r, err)
		return
	}
	since, ok := fhirSince(w, r)
	if !ok {
		return
	}
	src, err := s.db.FHIRRecord(r.Context(), actor, id)
	if err != nil {
		s.fhirError(w, r, err)
		return
	}
	src.Since = since
	body, err := fhir.MapBundle(src).MarshalIndent()
	if err != nil {
		s.fhirError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", FHIRContentType)
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// fhirSince reads the _since parameter: empty, or an instant with its
// offset (FHIR's instant type). A bad value is answered with 400 and an
// OperationOutcome naming the parameter.
func fhirSince(w http.ResponseWriter, r *http.Request) (time.Time, bool) {
	v := r.URL.Query().Get("_since")
	if v == "" {
		return time.Time{}, true
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		writeFHIR(w, http.StatusBadRequest, fhir.Outcome("error", "invalid", "_since",
			"_since must be an instant with its offset, such as 2026-03-01T00:00:00Z."))
		return time.Time{}, false
	}
	return t, true
}
