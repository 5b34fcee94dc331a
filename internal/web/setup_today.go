package web

import (
	"context"

	"github.com/goldthread/goldthread"
)

// The administrators' set-up checklist on Today: each step of making a new
// agency usable, done or with the link that does it, until all are done.
func init() {
	todaySections = append(todaySections, todaySection{Order: 5, Template: "setup-checklist-today", Load: setupChecklistToday})
}

func setupChecklistToday(ctx context.Context, s *Server, actor goldthread.Actor) (any, bool, error) {
	if !actor.Has(goldthread.RoleAdministrator) {
		return nil, false, nil
	}
	p, err := s.db.SetupProgress(ctx, actor)
	if err != nil || p.Done() {
		return nil, false, err
	}
	return p, true, nil
}
