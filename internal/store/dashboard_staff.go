package store

import (
	"context"
	"fmt"

	"github.com/goldthread/goldthread"
)

// ReportStaff lists the staff a dashboard's staff filter offers the actor:
// a supervisor (who is not also an administrator) their team, anyone else
// the agency's active peers and supervisors, by name. Names only.
func (db *DB) ReportStaff(ctx context.Context, actor goldthread.Actor) ([]goldthread.StaffRef, error) {
	q := `SELECT DISTINCT u.id, u.name FROM app_user u JOIN user_role r ON r.user_id = u.id
		WHERE u.agency_id = ? AND u.active = ? AND r.role IN (?, ?) ORDER BY u.name, u.id`
	args := []any{actor.AgencyID, true, goldthread.RolePeer, goldthread.RoleSupervisor}
	if actor.Has(goldthread.RoleSupervisor) && !actor.Has(goldthread.RoleAdministrator) {
		q = `SELECT DISTINCT u.id, u.name FROM supervision_link l JOIN app_user u ON u.id = l.peer_id
			WHERE l.supervisor_id = ? AND l.agency_id = ? ORDER BY u.name, u.id`
		args = []any{actor.UserID, actor.AgencyID}
	}
	var out []goldthread.StaffRef
	err := db.ReadTx(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("store.ReportStaff: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var s goldthread.StaffRef
			if err := rows.Scan(&s.ID, &s.Name); err != nil {
				return fmt.Errorf("store.ReportStaff: %w", err)
			}
			out = append(out, s)
		}
		return rows.Err()
	})
	return out, err
}
