package web

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/fhir"
)

// A participant downloads their own record as a FHIR R4 Bundle, for an app
// of their choosing (the right of access of the 21st Century Cures Act).
// It is a POST because it writes a line of the accounting of disclosures.

// handleRecordFHIR answers the participant's own Bundle as a download
// (application/fhir+json) with the SHA-256 of its bytes in X-Content-SHA256,
// the same hash the accounting of disclosures keeps; anyone else's id is
// not found.
func (s *Server) handleRecordFHIR(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err == nil && !ownAccount(actor, id) {
		err = goldthread.Errorf(goldthread.ENOTFOUND, "No such record.")
	}
	var body []byte
	var d goldthread.Disclosure
	if err == nil {
		d, err = s.db.DiscloseFHIR(r.Context(), actor, id, func(src fhir.Source) (string, error) {
			var err error
			body, err = fhir.MapBundle(src).MarshalIndent()
			sum := sha256.Sum256(body)
			return hex.EncodeToString(sum[:]), err
		})
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	w.Header().Set("Content-Type", FHIRContentType)
	w.Header().Set("Content-Disposition", `attachment; filename="record-`+strconv.FormatInt(id, 10)+`.fhir.json"`)
	w.Header().Set("X-Content-SHA256", d.ContentHash)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}
