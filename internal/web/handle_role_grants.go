package web

import (
	"context"
	"net/http"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// Grants of roles that read participants' records: shown on the Today of
// every administrator and auditor (the alert), decided by a second
// administrator.
func init() {
	todaySections = append(todaySections, todaySection{Order: 5, Template: "role-grants-today", Load: loadRoleGrants})
}

// roleGrantAlertDays is how long a grant stays on Today after it is made.
const roleGrantAlertDays = 14

// roleGrantsView lists recent and pending grants; Decides is set for an
// administrator, who may decide the ones they did not ask for and that
// are not for themselves.
type roleGrantsView struct {
	Grants []store.RoleGrant
	Me     int64
	Admin  bool
}

// CanDecide reports whether the viewer may decide g.
func (v roleGrantsView) CanDecide(g store.RoleGrant) bool {
	return v.Admin && g.Status == store.GrantPending && g.RequestedBy != v.Me && g.UserID != v.Me
}

func loadRoleGrants(ctx context.Context, s *Server, actor goldthread.Actor) (any, bool, error) {
	if !actor.Has(goldthread.RoleAdministrator) && !actor.Has(goldthread.RoleAuditor) {
		return nil, false, nil
	}
	list, err := s.db.RoleGrants(ctx, actor, s.db.Now().Add(-roleGrantAlertDays*24*time.Hour))
	if err != nil || len(list) == 0 {
		return nil, false, err
	}
	return roleGrantsView{Grants: list, Me: actor.UserID, Admin: actor.Has(goldthread.RoleAdministrator)}, true, nil
}

func (s *Server) handleRoleGrantApprove(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.decideRoleGrant(w, r, actor, true)
}

func (s *Server) handleRoleGrantDecline(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.decideRoleGrant(w, r, actor, false)
}

func (s *Server) decideRoleGrant(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, approve bool) {
	id, err := pathID(r)
	if err == nil {
		err = s.db.DecideRoleGrant(r.Context(), actor, id, approve)
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/today", http.StatusSeeOther)
}
