package store

import (
	"context"
	"fmt"

	"github.com/goldthread/goldthread"
)

// SetupProgress counts what an agency has set up, for the administrators'
// checklist on Today: counts only, so it reads no record. EFORBIDDEN for
// anyone but an administrator.
func (db *DB) SetupProgress(ctx context.Context, actor goldthread.Actor) (goldthread.SetupProgress, error) {
	var p goldthread.SetupProgress
	if !goldthread.CanAdminister(actor) {
		return p, goldthread.Errorf(goldthread.EFORBIDDEN, "Only an administrator sees the set-up checklist.")
	}
	err := db.ReadTx(ctx, func(tx *Tx) error {
		today, err := agencyToday(ctx, tx, actor.AgencyID)
		if err != nil {
			return err
		}
		var zone string
		var identity int
		roleCount := `SELECT COUNT(*) FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = ? WHERE u.agency_id = ? AND u.active = ?`
		for _, q := range []struct {
			dst  any
			sql  string
			args []any
		}{
			{&zone, "SELECT time_zone FROM agency WHERE id = ?", []any{actor.AgencyID}},
			{&identity, "SELECT COUNT(*) FROM agency WHERE id = ? AND npi <> '' AND billing_placeholder = ?", []any{actor.AgencyID, false}},
			{&p.Programs, "SELECT COUNT(*) FROM program WHERE agency_id = ? AND active = ?", []any{actor.AgencyID, true}},
			{&p.ProgramsUnbilled, `SELECT COUNT(*) FROM program g WHERE g.agency_id = ? AND g.active = ?
				AND NOT EXISTS (SELECT 1 FROM program_billing b WHERE b.program_id = g.id)`, []any{actor.AgencyID, true}},
			{&p.Peers, roleCount, []any{string(goldthread.RolePeer), actor.AgencyID, true}},
			{&p.Supervisors, roleCount, []any{string(goldthread.RoleSupervisor), actor.AgencyID, true}},
			{&p.SupervisedPeers, roleCount + " AND u.id IN (SELECT peer_id FROM supervision_link WHERE agency_id = ?)",
				[]any{string(goldthread.RolePeer), actor.AgencyID, true, actor.AgencyID}},
			{&p.CertifiedPeers, roleCount + ` AND u.id IN (SELECT staff_id FROM credential WHERE agency_id = ? AND revoked = ?
				AND verified_by IS NOT NULL AND issued_on <= ? AND (expires_on IS NULL OR expires_on >= ?))`,
				[]any{string(goldthread.RolePeer), actor.AgencyID, true, actor.AgencyID, false, today, today}},
			{&p.Participants, "SELECT COUNT(*) FROM participant WHERE agency_id = ?", []any{actor.AgencyID}},
		} {
			if err := tx.QueryRow(ctx, q.sql, q.args...).Scan(q.dst); err != nil {
				return fmt.Errorf("store.SetupProgress: %w", err)
			}
		}
		p.TimeZoneSet, p.BillingIdentity = zone != goldthread.DefaultTimeZone, identity > 0
		return nil
	})
	return p, err
}
