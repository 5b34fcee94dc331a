package web

import (
	"net/http"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/fhir"
)

// FHIRContentType is the media type of FHIR R4 JSON answers.
const FHIRContentType = "application/fhir+json; fhirVersion=4.0"

func init() { routeGroups = append(routeGroups, (*Server).fhirRoutes) }

// The FHIR base is /api/fhir: on the JSON API side (bearer tokens only,
// never cookies), like /api/v1.
func (s *Server) fhirRoutes() []route {
	return []route{
		// planReaders: billing is refused (it never needs the record as a
		// whole) and so is an administrator (reads no record).
		{"GET", "/api/fhir/Patient/{id}/$everything", apiFor(planReaders...), s.apiFHIREverything},
	}
}

// apiFHIREverything answers GET /api/fhir/Patient/{id}/$everything: the
// participant's record as a FHIR R4 searchset Bundle (see fhir.MapBundle),
// audited as a read. 404 when the participant is out of reach.
func (s *Server) apiFHIREverything(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	src, err := s.db.FHIRRecord(r.Context(), actor, id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	body, err := fhir.MapBundle(src).MarshalIndent()
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", FHIRContentType)
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}
