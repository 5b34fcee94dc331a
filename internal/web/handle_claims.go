package web

import (
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
)

// claimsView is the Claims page: recent batches with their files, the
// claims (optionally of one batch or status), and the outcomes import.
type claimsView struct {
	Batches  []goldthread.ClaimBatch
	Claims   []goldthread.Claim
	BatchID  int64
	Status   string
	Statuses []string
	Created  bool
	Imported int
	// Accepted and Skipped report marking a batch accepted.
	Accepted, Skipped int
	Marked            bool
	CanAct            bool
	CSV               string
	Errors            map[string]string
	// Problems are the refused lines of an outcomes file, every one.
	Problems []goldthread.ImportError
	// Ack is what an imported 999 or 277CA did; AckErrors its refusal.
	Ack       *goldthread.AcknowledgmentImport
	AckErrors map[string]string
}

func (s *Server) handleClaims(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	q := r.URL.Query()
	v := claimsView{Status: q.Get("status"), Created: q.Has("created")}
	v.BatchID, _ = strconv.ParseInt(q.Get("batch"), 10, 64)
	v.Imported, _ = strconv.Atoi(q.Get("imported"))
	v.Marked = q.Has("accepted")
	v.Accepted, _ = strconv.Atoi(q.Get("accepted"))
	v.Skipped, _ = strconv.Atoi(q.Get("skipped"))
	s.renderClaims(w, r, actor, http.StatusOK, v)
}

func (s *Server) renderClaims(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, v claimsView) {
	var err error
	if v.Batches, err = s.db.ClaimBatches(r.Context(), actor, 20); err == nil {
		v.Claims, err = s.db.ListClaims(r.Context(), actor, goldthread.ClaimFilter{BatchID: v.BatchID, Status: v.Status})
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.Statuses = []string{goldthread.ClaimReady, goldthread.ClaimExported, goldthread.ClaimAccepted, goldthread.ClaimDenied,
		goldthread.ClaimPaid, goldthread.ClaimReplaced, goldthread.ClaimVoided}
	v.CanAct = actor.Has(goldthread.RoleBilling)
	p := s.printer(r)
	s.render(w, r, status, "claims", view{P: p, Actor: actor, Title: p.T("claims.title"), Nav: "billing", Data: v})
}

// handleOutcomesImport reads an outcomes CSV from an uploaded file or the
// text box, and records every line or none (every refused line is named
// with its column).
func (s *Server) handleOutcomesImport(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	var body string
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if f, _, ferr := r.FormFile("file"); ferr == nil {
		b, rerr := io.ReadAll(io.LimitReader(f, 1<<20))
		f.Close()
		if rerr != nil {
			s.pageError(w, r, actor, rerr)
			return
		}
		body = string(b)
	}
	if strings.TrimSpace(body) == "" {
		body = r.PostForm.Get("csv")
	}
	n, problems, err := s.db.ImportClaimOutcomes(r.Context(), actor, strings.NewReader(body))
	if len(problems) > 0 {
		s.renderClaims(w, r, actor, http.StatusUnprocessableEntity, claimsView{CSV: body, Problems: problems})
		return
	}
	if err != nil {
		if fe, ok := formError(s.printer(r), err); ok {
			if _, has := fe["file"]; !has {
				fe = map[string]string{"file": s.printer(r).Error(err)}
			}
			s.renderClaims(w, r, actor, http.StatusUnprocessableEntity, claimsView{CSV: body, Errors: fe})
			return
		}
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/claims?imported="+strconv.Itoa(n), http.StatusSeeOther)
}

// claimView is one claim: lines, status history and the forms to record
// the payer's answer or send a correction.
type claimView struct {
	Claim    goldthread.Claim
	CanAct   bool
	Outcome  bool // the payer's answer may be entered (exported or accepted)
	Correct  bool // a void or replacement may be sent (sent and not a void)
	Saved    string
	Form     map[string]string
	Errors   map[string]string
	Outcomes []string
}

func (s *Server) handleClaim(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	saved := map[string]string{"outcome": "claim.saved.outcome", "correction": "claim.saved.correction"}[r.URL.Query().Get("saved")]
	s.renderClaim(w, r, actor, http.StatusOK, id, claimView{Saved: saved})
}

func (s *Server) renderClaim(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, id int64, v claimView) {
	c, err := s.db.Claim(r.Context(), actor, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.Claim, v.CanAct, v.Outcomes = c, actor.Has(goldthread.RoleBilling), goldthread.ClaimOutcomes
	switch c.Status {
	case goldthread.ClaimExported, goldthread.ClaimAccepted:
		v.Outcome, v.Correct = true, c.Frequency != goldthread.FrequencyVoid
	case goldthread.ClaimDenied, goldthread.ClaimPaid:
		v.Correct = c.Frequency != goldthread.FrequencyVoid
	}
	p := s.printer(r)
	s.render(w, r, status, "claim", view{P: p, Actor: actor, Title: p.T("claim.title", c.Number), Nav: "billing", Data: v})
}

func (s *Server) handleClaimOutcome(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	var err error
	f := r.PostForm
	o := goldthread.ClaimOutcome{Status: f.Get("status"), Reason: f.Get("reason"), PayerClaimNumber: f.Get("payer_claim_number")}
	if a := strings.TrimSpace(f.Get("amount")); a != "" {
		if o.AmountCents, err = s.printer(r).ParseMoney(a); err != nil {
			err = goldthread.FieldError("amount", "%s", err.Error())
		}
	} else if o.Status == goldthread.ClaimPaid {
		err = goldthread.FieldError("amount", "Enter the amount paid in dollars, for example 47.88.")
	}
	for n := 1; err == nil && n <= 999; n++ {
		raw, given := f["line_amount_"+strconv.Itoa(n)]
		if !given {
			break
		}
		if a := strings.TrimSpace(raw[0]); a != "" {
			cents, perr := s.printer(r).ParseMoney(a)
			if perr != nil {
				err = goldthread.FieldError("lines", "Line %d: %s", n, perr.Error())
			}
			o.Lines = append(o.Lines, goldthread.LineAmount{LineNo: n, AmountCents: cents})
		}
	}
	if err == nil {
		err = s.db.RecordClaimOutcome(r.Context(), actor, id, o)
	}
	if err != nil {
		if fe, ok := formError(s.printer(r), err); ok {
			s.renderClaim(w, r, actor, http.StatusUnprocessableEntity, id, claimView{Errors: fe, Form: formValues(r)})
			return
		}
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/claims/"+strconv.FormatInt(id, 10)+"?saved=outcome", http.StatusSeeOther)
}

func (s *Server) handleClaimCorrection(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	f := r.PostForm
	newID, err := s.db.CorrectClaim(r.Context(), actor, id, f.Get("frequency"), f.Get("correction_payer_claim_number"), f.Get("correction_reason"))
	if err != nil {
		if fe, ok := formError(s.printer(r), err); ok {
			for k, msg := range fe {
				if k == "payer_claim_number" || k == "reason" {
					delete(fe, k)
					fe["correction_"+k] = msg
				}
			}
			s.renderClaim(w, r, actor, http.StatusUnprocessableEntity, id, claimView{Errors: fe, Form: formValues(r)})
			return
		}
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/claims/"+strconv.FormatInt(newID, 10)+"?saved=correction", http.StatusSeeOther)
}

// formValues keeps a form's values as typed, for showing it again.
func formValues(r *http.Request) map[string]string {
	out := map[string]string{}
	for k := range r.PostForm {
		out[k] = r.PostForm.Get(k)
	}
	return out
}
