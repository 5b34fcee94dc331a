package web

import (
	"net/http"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// invitationAnswer is a new invitation as the API gives it, the one time
// its code and link exist.
type invitationAnswer struct {
	goldthread.PortalInvitation
	Link string `json:"link"`
}

// apiPortalInvite: POST /api/v1/participants/{id}/portal-invitation →
// 201 {"invitation"} with its code and link, shown this once.
func (s *Server) apiPortalInvite(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	var inv goldthread.PortalInvitation
	if err == nil {
		inv, err = s.db.InvitePortal(r.Context(), actor, id)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"invitation": invitationAnswer{inv, s.invitationLink(r, inv.Token)}})
}

// apiPortalAccount: GET /api/v1/participants/{id}/portal-account.
func (s *Server) apiPortalAccount(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.apiRead(w, r, func(id int64) (any, error) { return s.db.PortalAccount(r.Context(), actor, id) })
}

// accessInput is why an account is turned off (one of
// goldthread.PortalOffReasons); turning it on needs no reason.
type accessInput struct {
	Reason string `json:"reason"`
}

// apiPortalAccess: POST …/portal-account/disable {"reason"} or /enable {}
// → 200 the account.
func (s *Server) apiPortalAccess(on bool) func(http.ResponseWriter, *http.Request, goldthread.Actor) {
	return func(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
		apiWrite(s, w, r, http.StatusOK, func(id int64, in *accessInput) (any, error) {
			return s.db.SetPortalAccess(r.Context(), actor, id, on, in.Reason)
		})
	}
}

// apiJoin: POST /api/v1/portal/join {"code","sign_in_name","password"} →
// 201 {"token","user"}; 401 on code, 422 naming the field, 429 when
// throttled or paused.
func (s *Server) apiJoin(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	var in portalJoinWire
	if err := decodeJSON(r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	step, _, err := s.join(w, r, actor, store.PortalJoin(in), "", store.SessionAPI)
	switch {
	case err == nil && step.NeedsSecondStep():
		s.apiError(w, r, goldthread.Errorf(goldthread.EUNAUTHORIZED, "Your new password is set. This account uses two-step sign-in: get a token from POST /api/v1/tokens with your 6-digit code."))
	case err != nil:
		s.apiError(w, r, err)
	default:
		writeJSON(w, http.StatusCreated, map[string]any{"token": step.Token, "user": meOf(step.Actor)})
	}
}
