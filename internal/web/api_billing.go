package web

import (
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/locale"
	"github.com/goldthread/goldthread/internal/store"
)

// apiBillingServices answers the worklist of ?program=&from=&to= (the
// current month of the first program by default): ready and blocked
// services with codes, units and amounts, blocked ones with their reasons.
// With limit (1 to 500), each list holds its first services only, the
// counts and totals still covering the period.
func (s *Server) apiBillingServices(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	v, err := s.billingFilter(r.Context(), r, actor)
	page := store.WorklistPage{}
	if raw := r.URL.Query().Get("limit"); err == nil && raw != "" {
		if page.Limit, err = strconv.Atoi(raw); err != nil || page.Limit < 1 || page.Limit > 500 {
			err = goldthread.FieldError("limit", "Give limit as a number from 1 to 500.")
		}
	}
	if err == nil {
		v.List, err = s.billingComplete(r.Context(), actor, v.ProgramID, v.From, v.To, page)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, readerWorklist(s.printer(r), v.List))
}

// apiBillingFinding is a block as the API shows it: message and fix in
// English for every reader (clients match on them), and reader_message and
// reader_fix in the reader's language, as the findings API gives a rule
// finding's.
type apiBillingFinding struct {
	goldthread.BillingFinding
	ReaderMessage string `json:"reader_message"`
	ReaderFix     string `json:"reader_fix"`
}

// apiBillableService is a service with its blocks as apiBillingFinding
// (the outer blocks field hides the embedded one in the JSON).
type apiBillableService struct {
	goldthread.BillableService
	Blocks []apiBillingFinding `json:"blocks"`
}

// apiBlockedGroup adds reader_example and reader_fix to a blocked group.
type apiBlockedGroup struct {
	goldthread.BlockedGroup
	ReaderExample string `json:"reader_example"`
	ReaderFix     string `json:"reader_fix"`
}

// apiWorklist is the worklist with each block and group also in the
// reader's language, and reader_placeholders beside placeholders.
type apiWorklist struct {
	goldthread.BillingWorklist
	Ready              []apiBillableService `json:"ready"`
	Blocked            []apiBillableService `json:"blocked"`
	Groups             []apiBlockedGroup    `json:"blocked_groups"`
	ReaderPlaceholders []string             `json:"reader_placeholders"`
}

func readerWorklist(p *locale.Printer, wl goldthread.BillingWorklist) apiWorklist {
	services := func(list []goldthread.BillableService) []apiBillableService {
		out := make([]apiBillableService, len(list))
		for i, sv := range list {
			out[i] = apiBillableService{BillableService: sv, Blocks: make([]apiBillingFinding, len(sv.Blocks))}
			for k, b := range sv.Blocks {
				out[i].Blocks[k] = apiBillingFinding{b, p.TextOr(b.MessageText, b.Message), p.TextOr(b.FixText, b.Fix)}
			}
		}
		return out
	}
	out := apiWorklist{BillingWorklist: wl, Ready: services(wl.Ready), Blocked: services(wl.Blocked),
		Groups: make([]apiBlockedGroup, len(wl.Groups)), ReaderPlaceholders: make([]string, len(wl.PlaceholderTexts))}
	for i, g := range wl.Groups {
		out.Groups[i] = apiBlockedGroup{g, p.TextOr(g.ExampleText, g.Example), p.TextOr(g.FixText, g.Fix)}
	}
	for i, t := range wl.PlaceholderTexts {
		out.ReaderPlaceholders[i] = p.Text(t)
	}
	return out
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
	p := s.printer(r)
	out := make([]apiClaim, len(list))
	for i, c := range list {
		out[i] = readerClaim(p, c)
	}
	writeJSON(w, http.StatusOK, out)
}

// apiClaimStatus is a status row as the API shows it: reason in English
// for every reader (what staff typed, or what Goldthread said), and
// reader_reason in the reader's language (what staff typed stays as
// typed).
type apiClaimStatus struct {
	goldthread.ClaimStatusEntry
	ReaderReason string `json:"reader_reason,omitempty"`
}

// apiClaim is a claim with reader_denial_reason beside denial_reason and
// each history row as apiClaimStatus (the outer history field hides the
// embedded one in the JSON).
type apiClaim struct {
	goldthread.Claim
	ReaderDenialReason string           `json:"reader_denial_reason,omitempty"`
	History            []apiClaimStatus `json:"history,omitempty"`
}

func readerClaim(p *locale.Printer, c goldthread.Claim) apiClaim {
	out := apiClaim{Claim: c, ReaderDenialReason: p.TextOr(c.DenialReasonText, c.DenialReason)}
	for _, e := range c.History {
		out.History = append(out.History, apiClaimStatus{e, p.TextOr(e.ReasonText, e.Reason)})
	}
	return out
}

func (s *Server) apiClaim(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err == nil {
		var c goldthread.Claim
		if c, err = s.db.Claim(r.Context(), actor, id); err == nil {
			writeJSON(w, http.StatusOK, readerClaim(s.printer(r), c))
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
	writeJSON(w, http.StatusOK, readerClaim(s.printer(r), c))
}
