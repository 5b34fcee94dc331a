package store

import (
	"context"
	"fmt"

	"github.com/goldthread/goldthread"
)

// ResetSecondFactors is the administrator's answer to a lost or stolen
// phone: it removes every passkey of userID (the rows stay, marked
// removed), turns their authenticator app off and ends all their sessions,
// in one audited transaction. If the agency requires a second factor for
// their role, they are sent to set one up at their next sign-in. Only an
// administrator of the same agency may; ENOTFOUND for anyone else's staff.
func (db *DB) ResetSecondFactors(ctx context.Context, actor goldthread.Actor, userID int64) error {
	if err := requireAdmin(actor); err != nil {
		return err
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM app_user WHERE id = ? AND agency_id = ? AND participant_id IS NULL",
			userID, actor.AgencyID).Scan(&n); err != nil {
			return fmt.Errorf("store.ResetSecondFactors: %w", err)
		}
		if n == 0 {
			return goldthread.Errorf(goldthread.ENOTFOUND, "No staff member %d in your agency.", userID)
		}
		res, err := tx.Exec(ctx, "UPDATE passkey SET removed_at = ?, removed_by = ? WHERE user_id = ? AND removed_at IS NULL", tx.now, actor.UserID, userID)
		if err != nil {
			return fmt.Errorf("store.ResetSecondFactors: %w", err)
		}
		removed, _ := res.RowsAffected()
		if _, err := tx.Exec(ctx, "UPDATE app_user SET totp_enabled = ?, totp_secret = '', updated_at = ? WHERE id = ?", false, tx.now, userID); err != nil {
			return fmt.Errorf("store.ResetSecondFactors: %w", err)
		}
		if _, err := tx.Exec(ctx, "UPDATE user_session SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", tx.now, userID); err != nil {
			return fmt.Errorf("store.ResetSecondFactors: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionSettingChange, "mfa", userID, 0)
		ev.Detail = fmt.Sprintf("mfa_reset passkeys_removed=%d totp=off sessions=ended", removed)
		return tx.Audit(ctx, ev)
	})
}

// UnlinkSSO forgets the link between userID and the agency's identity
// provider, so their next single sign-on is matched by verified email
// again (a person whose subject changed at the provider, or a link made to
// the wrong account). Administrators only; audited.
func (db *DB) UnlinkSSO(ctx context.Context, actor goldthread.Actor, userID int64) error {
	if err := requireAdmin(actor); err != nil {
		return err
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "DELETE FROM sso_identity WHERE user_id = ? AND agency_id = ?", userID, actor.AgencyID)
		if err != nil {
			return fmt.Errorf("store.UnlinkSSO: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return goldthread.Errorf(goldthread.ENOTFOUND, "Staff member %d has no single sign-on link in your agency.", userID)
		}
		ev := auditFor(actor, goldthread.ActionSettingChange, "sso_identity", userID, 0)
		ev.Detail = "sso_unlinked"
		return tx.Audit(ctx, ev)
	})
}
