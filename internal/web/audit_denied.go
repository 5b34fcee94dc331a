package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// deniedKinds names the participant resource behind each route prefix
// with an {id}: a refused request on one of them is an attempt on a
// participant's record and is audited (ONC (d)(2)), whatever handler
// answered it.
var deniedKinds = []struct{ prefix, kind string }{
	{"/participants/{id}", store.DeniedParticipant},
	{"/api/v1/participants/{id}", store.DeniedParticipant},
	{"/api/fhir/Patient/{id}", store.DeniedParticipant},
	{"/notes/{id}", store.DeniedNote},
	{"/api/v1/notes/{id}", store.DeniedNote},
	{"/plans/{id}", store.DeniedPlan},
	{"/api/v1/plans/{id}", store.DeniedPlan},
	{"/consents/{id}", store.DeniedConsent},
	{"/api/v1/consents/{id}", store.DeniedConsent},
	{"/amendments/{id}", store.DeniedAmendment},
	{"/api/v1/amendments/{id}", store.DeniedAmendment},
	{"/claims/{id}", store.DeniedClaim},
	{"/api/v1/claims/{id}", store.DeniedClaim},
	{"/groups/{id}", store.DeniedGroup},
}

// deniedKind returns the kind of participant resource a route pattern
// names, or "".
func deniedKind(pattern string) string {
	for _, d := range deniedKinds {
		if pattern == d.prefix || strings.HasPrefix(pattern, d.prefix+"/") {
			return d.kind
		}
	}
	return ""
}

// statusRecorder keeps the status a handler answered with.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// auditRefusal writes the audit event of a signed-in actor's request on
// a participant resource that was answered 403 or 404. The answer is gone
// by then; a failure to audit is logged.
func (s *Server) auditRefusal(r *http.Request, rt route, actor goldthread.Actor, status int) {
	if actor.Anonymous() || (status != http.StatusNotFound && status != http.StatusForbidden) {
		return
	}
	kind := deniedKind(rt.Pattern)
	if kind == "" {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	action := goldthread.ActionRead
	if rt.Method != http.MethodGet {
		action = goldthread.ActionUpdate
	}
	detail := "status=" + strconv.Itoa(status) + " route=" + rt.Method + " " + rt.Pattern
	if err := s.db.AuditDenied(r.Context(), actor, kind, id, action, detail); err != nil {
		s.log.ErrorContext(r.Context(), "audit of a refused request failed", "err", err, "request_id", requestID(r.Context()))
	}
}
