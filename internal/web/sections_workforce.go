package web

import (
	"context"

	"github.com/goldthread/goldthread"
)

func init() {
	todaySections = append(todaySections,
		todaySection{Order: 15, Template: "wf-my-certification", Load: loadMyCertification},
		todaySection{Order: 25, Template: "wf-team-credentials", Load: loadTeamCredentials},
		todaySection{Order: 26, Template: "wf-supervision-overdue", Load: loadSupervisionOverdue},
	)
}

// myCertificationView is a peer's own warning: credentials expiring within
// 90 days or expired, or no credential on file at all.
type myCertificationView struct {
	Alerts  []goldthread.CredentialAlert
	Missing bool
	StaffID int64
}

func loadMyCertification(ctx context.Context, s *Server, actor goldthread.Actor) (any, bool, error) {
	if !actor.Has(goldthread.RolePeer) {
		return nil, false, nil
	}
	alerts, err := s.db.ExpiringCredentials(ctx, actor)
	if err != nil {
		return nil, false, err
	}
	v := myCertificationView{StaffID: actor.UserID}
	for _, a := range alerts {
		if a.Own {
			v.Alerts = append(v.Alerts, a)
		}
	}
	chk, err := s.db.CredentialOnDate(ctx, actor, actor.UserID, s.todayOf(actor))
	if err != nil {
		return nil, false, err
	}
	v.Missing = chk.Reason == goldthread.CredentialMissing
	return v, len(v.Alerts) > 0 || v.Missing, nil
}

func loadTeamCredentials(ctx context.Context, s *Server, actor goldthread.Actor) (any, bool, error) {
	if !actor.Has(goldthread.RoleSupervisor) {
		return nil, false, nil
	}
	alerts, err := s.db.ExpiringCredentials(ctx, actor)
	if err != nil {
		return nil, false, err
	}
	var team []goldthread.CredentialAlert
	for _, a := range alerts {
		if !a.Own {
			team = append(team, a)
		}
	}
	return team, len(team) > 0, nil
}

func loadSupervisionOverdue(ctx context.Context, s *Server, actor goldthread.Actor) (any, bool, error) {
	if !actor.Has(goldthread.RoleSupervisor) {
		return nil, false, nil
	}
	over, err := s.db.SupervisionOverdue(ctx, actor)
	if err != nil {
		return nil, false, err
	}
	return over, len(over) > 0, nil
}
