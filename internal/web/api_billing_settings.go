package web

import (
	"net/http"
	"strings"

	"github.com/goldthread/goldthread"
)

// The payer settings and rates of a program through the JSON API, for an
// agency that configures many programs by script. Same roles and store
// calls as the page (handle_billing_settings.go); rates are in cents.

// programBillingJSON is a program's settings and rates; Settings is null
// until they are saved (claims are blocked until then).
type programBillingJSON struct {
	ProgramID  int64                      `json:"program_id"`
	Configured bool                       `json:"configured"`
	Settings   *goldthread.ProgramBilling `json:"settings"`
	Rates      []goldthread.BillingRate   `json:"rates"`
}

// writeProgramBilling answers the program's settings and rates as they are
// now, or the error.
func (s *Server) writeProgramBilling(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, id int64) {
	b, rates, ok, err := s.db.ProgramBillingSettings(r.Context(), actor, id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := programBillingJSON{ProgramID: id, Configured: ok, Rates: rates}
	if ok {
		out.Settings = &b
	}
	if out.Rates == nil {
		out.Rates = []goldthread.BillingRate{}
	}
	writeJSON(w, http.StatusOK, out)
}

// apiProgramBilling answers {"program_id","configured","settings","rates"}.
func (s *Server) apiProgramBilling(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeProgramBilling(w, r, actor, id)
}

// apiProgramBillingPut replaces the settings with the body (a
// ProgramBilling; the program is the path's) and answers as GET does; 422
// names the field the store refuses.
func (s *Server) apiProgramBillingPut(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	var b goldthread.ProgramBilling
	if err == nil {
		err = decodeJSON(r, &b)
	}
	if err == nil {
		b = trimProgramBilling(b)
		b.ProgramID = id
		err = s.db.SetProgramBilling(r.Context(), actor, b)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeProgramBilling(w, r, actor, id)
}

// apiBillingRatePut saves one rate {"procedure","group","cents_per_unit",
// "placeholder","source"} (replacing the code and kind's rate) and answers
// as GET does.
func (s *Server) apiBillingRatePut(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	var rate goldthread.BillingRate
	if err == nil {
		err = decodeJSON(r, &rate)
	}
	if err == nil {
		rate.ProgramID, rate.Source = id, strings.TrimSpace(rate.Source)
		err = s.db.SetBillingRate(r.Context(), actor, rate)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeProgramBilling(w, r, actor, id)
}

// trimProgramBilling trims every text of b, as the form does: the claim
// file's envelope refuses ids that start or end with a space.
func trimProgramBilling(b goldthread.ProgramBilling) goldthread.ProgramBilling {
	for _, p := range []*string{&b.PayerName, &b.PayerID, &b.ReceiverName, &b.ReceiverID, &b.SenderQualifier, &b.SenderID,
		&b.ReceiverQualifier, &b.InterchangeReceiverID, &b.SubmitterID, &b.ContactName, &b.ContactPhone, &b.Usage} {
		*p = strings.TrimSpace(*p)
	}
	return b
}
