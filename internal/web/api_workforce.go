package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
)

// apiTeam returns the team overview: {"team":[…]}.
func (s *Server) apiTeam(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	team, err := s.db.TeamOverview(r.Context(), actor)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"team": nonNil(team)})
}

// apiCredentialAlerts returns the credential alerts the caller should see.
func (s *Server) apiCredentialAlerts(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	alerts, err := s.db.ExpiringCredentials(r.Context(), actor)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"alerts": nonNil(alerts)})
}

// apiCredentials returns a staff member's credentials, CE hours and totals.
func (s *Server) apiCredentials(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	ctx := r.Context()
	list, err := s.db.Credentials(ctx, actor, id)
	var ce []goldthread.CEEntry
	var totals []goldthread.CETotal
	if err == nil {
		ce, err = s.db.CEHours(ctx, actor, id)
	}
	if err == nil {
		totals, err = s.db.CETotals(ctx, actor, id)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"credentials": nonNil(list), "ce_hours": nonNil(ce), "ce_totals": nonNil(totals)})
}

// apiCredentialAdd adds a credential: 201 with it.
func (s *Server) apiCredentialAdd(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var in credentialWire
	if err := decodeJSON(r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	c, err := s.db.AddCredential(r.Context(), actor, id, goldthread.CredentialInput(in))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, c)
}

// apiCredentialCheck answers ?date=YYYY-MM-DD (today by default) and
// ?type=CPSS,CMPSS (any type by default): valid, or the reason.
func (s *Server) apiCredentialCheck(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	on := s.todayOf(actor)
	if v := r.URL.Query().Get("date"); v != "" {
		if on, err = goldthread.ParseDate(v); err != nil {
			s.apiError(w, r, goldthread.FieldError("date", "date must be written as YYYY-MM-DD."))
			return
		}
	}
	var accept []string
	if v := r.URL.Query().Get("type"); v != "" {
		accept = strings.Split(v, ",")
	}
	chk, err := s.db.CredentialOnDate(r.Context(), actor, id, on, accept...)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, chk)
}

// apiSupervisionLog lists sessions in reach, or one peer's (?peer_id=).
func (s *Server) apiSupervisionLog(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	var peer int64
	if v := r.URL.Query().Get("peer_id"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			s.apiError(w, r, goldthread.FieldError("peer_id", "peer_id must be a staff id."))
			return
		}
		peer = n
	}
	list, err := s.db.SupervisionLog(r.Context(), actor, peer, 100)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"sessions": nonNil(list)})
}

// apiSupervisionCreate logs a session: 201 with it.
func (s *Server) apiSupervisionCreate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	var in supervisionWire
	if err := decodeJSON(r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	sess, err := s.db.LogSupervision(r.Context(), actor, goldthread.SupervisionInput(in))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, sess)
}

type caseloadRequest struct {
	ParticipantID int64           `json:"participant_id"`
	PeerID        int64           `json:"peer_id"`
	Start         goldthread.Date `json:"start_date"`
}

// apiCaseloadAssign assigns or reassigns a participant: 204.
func (s *Server) apiCaseloadAssign(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	var in caseloadRequest
	if err := decodeJSON(r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	if err := s.db.ReassignCaseload(r.Context(), actor, in.ParticipantID, in.PeerID, in.Start); err != nil {
		s.apiError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
