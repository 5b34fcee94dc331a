package web

import (
	"net/http"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// apiFilter reads the dashboard filter, answering 422 naming the field
// itself when a value is wrong.
func (s *Server) apiFilter(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) (goldthread.ReportFilter, bool) {
	f, fv, err := s.reportFilter(r.Context(), r, actor, "")
	if err == nil && fv.Errors != nil {
		for field, msg := range fv.Errors {
			err = goldthread.FieldError(field, "%s", msg)
		}
	}
	if err != nil {
		s.apiError(w, r, err)
		return f, false
	}
	return f, true
}

func (s *Server) apiSupervisorDashboard(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	f, ok := s.apiFilter(w, r, actor)
	if !ok {
		return
	}
	rep, err := s.db.SupervisorReport(r.Context(), actor, f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	rep.Weeks, rep.Peers, rep.Team = nonNil(rep.Weeks), nonNil(rep.Peers), nonNil(rep.Team)
	rep.Coaching.Team, rep.Coaching.Peers = nonNil(rep.Coaching.Team), nonNil(rep.Coaching.Peers)
	writeJSON(w, http.StatusOK, rep)
}

func (s *Server) apiBillingDashboard(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	f, ok := s.apiFilter(w, r, actor)
	if !ok {
		return
	}
	rep, err := s.billingReportComplete(r.Context(), actor, f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	rep.Weeks, rep.Reasons, rep.Amounts = nonNil(rep.Weeks), nonNil(rep.Reasons), nonNil(rep.Amounts)
	p := s.printer(r)
	out := apiBillingReport{BillingReport: rep, Denials: make([]apiDenialCount, len(rep.Denials))}
	for i, d := range rep.Denials {
		out.Denials[i] = apiDenialCount{d, p.TextOr(d.ReasonText, d.Reason)}
	}
	writeJSON(w, http.StatusOK, out)
}

// apiDenialCount adds reader_reason, the denial reason in the reader's
// language, beside the English reason.
type apiDenialCount struct {
	goldthread.DenialCount
	ReaderReason string `json:"reader_reason"`
}

// apiBillingReport is the billing dashboard with its denials as
// apiDenialCount (the outer denials field hides the embedded one).
type apiBillingReport struct {
	goldthread.BillingReport
	Denials []apiDenialCount `json:"denials"`
}

func (s *Server) apiDirectorDashboard(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	f, ok := s.apiFilter(w, r, actor)
	if !ok {
		return
	}
	rep, err := s.db.DirectorReport(r.Context(), actor, f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	rep.Services = nonNil(rep.Services)
	writeJSON(w, http.StatusOK, rep)
}

func (s *Server) apiPeerToday(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	day, err := s.db.PeerToday(r.Context(), actor, store.DefaultNoContactDays)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	day.Services, day.Visits, day.NoContact = nonNil(day.Services), nonNil(day.Visits), nonNil(day.NoContact)
	writeJSON(w, http.StatusOK, day)
}

func (s *Server) apiPlanVisit(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	var in visitWire
	if err := decodeJSON(r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	v, err := s.db.PlanVisit(r.Context(), actor, goldthread.VisitInput(in))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, v)
}

func (s *Server) apiRecordBARC(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var in recoveryCapitalWire
	if err := decodeJSON(r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	in.ParticipantID = id
	rc, err := s.db.RecordRecoveryCapital(r.Context(), actor, goldthread.RecoveryCapitalInput(in))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, rc)
}
