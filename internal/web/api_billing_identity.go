package web

import (
	"net/http"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// The agency's billing identity through the JSON API: same roles and store
// calls as the page (handle_billing_identity.go).

// billingIdentityJSON is the identity with whether claims can carry it:
// Complete is false while the 837P writer would refuse it, and Problem
// then says what to fix (the field and its message, as a 422 would).
type billingIdentityJSON struct {
	goldthread.BillingIdentity
	Complete bool            `json:"complete"`
	Problem  *apiErrorDetail `json:"problem"`
}

// writeBillingIdentity answers the identity as it is now, or the error.
func (s *Server) writeBillingIdentity(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	b, err := s.db.AgencyBillingIdentity(r.Context(), actor)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := billingIdentityJSON{BillingIdentity: b, Complete: true}
	if err := store.CheckBillingIdentity(b); err != nil {
		out.Complete = false
		out.Problem = &apiErrorDetail{Kind: goldthread.ErrorKind(err), Field: goldthread.ErrorField(err), Message: s.printer(r).Error(err)}
	}
	writeJSON(w, http.StatusOK, out)
}

// apiBillingIdentity answers the identity (administrators, billing staff,
// auditors).
func (s *Server) apiBillingIdentity(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.writeBillingIdentity(w, r, actor)
}

// apiBillingIdentityPut replaces the identity with the body (a
// BillingIdentity; pay_to null when payments go to the billing address;
// what GET answered may be sent back, its read-only parts are ignored) and
// answers as GET does; 422 names the field the 837P rules refuse.
func (s *Server) apiBillingIdentityPut(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	var body billingIdentityJSON
	err := decodeJSON(r, &body)
	if err == nil {
		err = s.db.SetAgencyBillingIdentity(r.Context(), actor, body.BillingIdentity)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeBillingIdentity(w, r, actor)
}
