package web

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// kindStatus is the one mapping from an error kind to the HTTP status that
// answers it, pages and API alike. The JSON body carries the kind, never
// the status text, so a client switches on one vocabulary
// (goldthread.ErrorKinds, documented in the README under Errors).
var kindStatus = map[string]int{
	goldthread.EBADREQUEST:   http.StatusBadRequest,
	goldthread.EUNAUTHORIZED: http.StatusUnauthorized,
	goldthread.EFORBIDDEN:    http.StatusForbidden,
	goldthread.ENOTFOUND:     http.StatusNotFound,
	goldthread.EMETHOD:       http.StatusMethodNotAllowed,
	goldthread.ECONFLICT:     http.StatusConflict,
	goldthread.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	goldthread.EINVALID:      http.StatusUnprocessableEntity,
	goldthread.ETHROTTLED:    http.StatusTooManyRequests,
	goldthread.EINTERNAL:     http.StatusInternalServerError,
}

// statusOf maps an error's kind to an HTTP status; an error that is not
// an *Error is internal.
func statusOf(err error) int {
	if st, ok := kindStatus[goldthread.ErrorKind(err)]; ok {
		return st
	}
	return http.StatusInternalServerError
}

// errorStatus returns the status that answers err: an internal error is
// logged with the request id, and a refusal for too many attempts says
// when to try again (Retry-After).
func (s *Server) errorStatus(w http.ResponseWriter, r *http.Request, err error) int {
	status := statusOf(err)
	if status == http.StatusInternalServerError {
		s.log.ErrorContext(r.Context(), "internal error", "err", err, "request_id", requestID(r.Context()))
	}
	var tma *store.TooManyAttempts
	if errors.As(err, &tma) {
		s.tooManyAttempts(w, tma.Wait)
	}
	return status
}

// pageError renders err as an HTML page. Internal errors are logged with the
// request id and shown as a generic sentence.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, err error) {
	status := s.errorStatus(w, r, err)
	s.render(w, r, status, "error", view{Actor: actor, Title: s.printer(r).T("error.title"),
		Data: errorView{Message: s.printer(r).Error(err), RequestID: requestID(r.Context())}})
}

type errorView struct {
	Message   string
	RequestID string
}

// renderError answers with a catalog message for an error of kind, as JSON
// under /api/ and as a page elsewhere (used where no actor is known or the
// request could not be read: middleware, 404, 405, 413).
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, kind, key string, actor *goldthread.Actor) {
	p := s.printer(r)
	status := kindStatus[kind]
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSON(w, status, apiErrorBody{Error: apiErrorDetail{Kind: kind, Message: p.T(key)}})
		return
	}
	v := view{P: p, Title: p.T("error.title"), Data: errorView{Message: p.T(key), RequestID: requestID(r.Context())}}
	if actor != nil {
		v.Actor = *actor
	}
	s.render(w, r, status, "error", v)
}

// apiMethods are the methods the route table uses, in the order an Allow
// header lists them.
var apiMethods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// handleNotFound answers what no route took: 405 with Allow when the path
// is a route for other methods (the catch-all "/" would otherwise hide
// ServeMux's own 405), else 404.
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range apiMethods {
		if m == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "" && pattern != "/" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		s.renderError(w, r, goldthread.EMETHOD, "error.method", nil)
		return
	}
	s.renderError(w, r, goldthread.ENOTFOUND, "error.not_found", nil)
}

type apiErrorBody struct {
	Error apiErrorDetail `json:"error"`
}

type apiErrorDetail struct {
	Kind    string `json:"kind"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// apiError writes err as {"error":{"kind","field","message"}}.
func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	if strings.HasPrefix(r.URL.Path, "/api/fhir/") {
		s.fhirError(w, r, err) // FHIR clients read OperationOutcomes, from the guard too
		return
	}
	status := s.errorStatus(w, r, err)
	kind := goldthread.ErrorKind(err)
	writeJSON(w, status, apiErrorBody{Error: apiErrorDetail{Kind: kind, Field: goldthread.ErrorField(err), Message: s.printer(r).Error(err)}})
}

// apiThrottled answers 429 too_many_attempts with Retry-After, for the
// limits kept in the server (sign-in guesses, passkey starts).
func (s *Server) apiThrottled(w http.ResponseWriter, r *http.Request, wait time.Duration) {
	s.tooManyAttempts(w, wait)
	writeJSON(w, http.StatusTooManyRequests, apiErrorBody{Error: apiErrorDetail{Kind: goldthread.ETHROTTLED,
		Message: s.printer(r).T("signin.throttled", int(wait.Seconds()+0.5))}})
}
