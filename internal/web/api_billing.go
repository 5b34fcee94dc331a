package web

import (
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
)

// apiBillingServices answers the worklist of ?program=&from=&to= (the
// current month of the first program by default): ready and blocked
// services with codes, units and amounts, blocked ones with their reasons.
func (s *Server) apiBillingServices(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	v, err := s.billingFilter(r.Context(), r, actor)
	if err == nil {
		v.List, err = s.db.BillableServices(r.Context(), actor, v.ProgramID, v.From, v.To)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v.List)
}

// apiClaims answers claims, newest first, filtered by ?batch_id= and ?status=.
func (s *Server) apiClaims(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	q := r.URL.Query()
	f := goldthread.ClaimFilter{Status: q.Get("status")}
	f.BatchID, _ = strconv.ParseInt(q.Get("batch_id"), 10, 64)
	f.ProgramID, _ = strconv.ParseInt(q.Get("program_id"), 10, 64)
	list, err := s.db.ListClaims(r.Context(), actor, f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if list == nil {
		list = []goldthread.Claim{}
	}
	writeJSON(w, http.StatusOK, list)
}

func (s *Server) apiClaim(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err == nil {
		var c goldthread.Claim
		if c, err = s.db.Claim(r.Context(), actor, id); err == nil {
			writeJSON(w, http.StatusOK, c)
			return
		}
	}
	s.apiError(w, r, err)
}

// apiClaimOutcome records {"status","amount_cents","reason","payer_claim_number"}.
func (s *Server) apiClaimOutcome(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	var o goldthread.ClaimOutcome
	if err == nil {
		err = decodeJSON(r, &o)
	}
	if err == nil {
		err = s.db.RecordClaimOutcome(r.Context(), actor, id, o)
	}
	var c goldthread.Claim
	if err == nil {
		c, err = s.db.Claim(r.Context(), actor, id)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}
