package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/goldthread/goldthread"
)

// Role grant statuses (role_grant.status).
const (
	GrantPending      = "pending"       // waits for a second administrator; not in force
	GrantApproved     = "approved"      // a second administrator approved it
	GrantDeclined     = "declined"      // a second administrator declined it; the role was taken off
	GrantWithdrawn    = "withdrawn"     // the role was taken off before anyone decided
	GrantGrantedAlone = "granted_alone" // the agency had no other active administrator to ask
)

// recordReaders are the staff roles that read participants' records. An
// administrator and a participant's own account read none but their own.
var recordReaders = []goldthread.Role{goldthread.RolePeer, goldthread.RoleSupervisor, goldthread.RoleClinician,
	goldthread.RoleBilling, goldthread.RoleAuditor}

// RoleGrant is one role that reads records given to a staff account.
type RoleGrant struct {
	ID            int64
	UserID        int64
	UserName      string
	Role          goldthread.Role
	Status        string
	RequestedBy   int64
	RequestedName string
	RequestedAt   time.Time
	DecidedName   string
}

// grantRolesTx records the roles that read records added to userID's
// account (after, compared with before) inside the transaction that
// changes them, and withdraws pending grants of roles taken off. It
// refuses (EINVALID on roles) an administrator giving such a role to
// themselves. While the agency has another active administrator each
// grant waits for that second administrator (a pending role is not in
// force, see loadActor); otherwise it stands as granted alone. Every grant
// is audited as a privilege change and shown to administrators and
// auditors (RoleGrants): an alert, not a silent change.
func grantRolesTx(ctx context.Context, tx *Tx, actor goldthread.Actor, userID int64, before, after []goldthread.Role) error {
	var added []goldthread.Role
	for _, r := range after {
		if slices.Contains(recordReaders, r) && !slices.Contains(before, r) && !slices.Contains(added, r) {
			added = append(added, r)
		}
	}
	if len(added) > 0 && userID == actor.UserID {
		return goldthread.FieldError("roles", "You cannot give yourself a role that reads participants' records (%s). Another administrator must, and it is shown to every administrator and auditor.", joinRoles(added))
	}
	for _, r := range before {
		if !slices.Contains(after, r) {
			if _, err := tx.Exec(ctx, "UPDATE role_grant SET status = ?, decided_by = ?, decided_at = ? WHERE user_id = ? AND role = ? AND status = ?",
				GrantWithdrawn, actor.UserID, tx.now, userID, string(r), GrantPending); err != nil {
				return fmt.Errorf("store.grantRolesTx: %w", err)
			}
		}
	}
	if len(added) == 0 {
		return nil
	}
	var others int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM app_user u JOIN user_role r ON r.user_id = u.id
		WHERE u.agency_id = ? AND u.active = ? AND r.role = ? AND u.id <> ?`, actor.AgencyID, true, string(goldthread.RoleAdministrator), actor.UserID).
		Scan(&others); err != nil {
		return fmt.Errorf("store.grantRolesTx: %w", err)
	}
	status := GrantPending
	if others == 0 {
		status = GrantGrantedAlone
	}
	for _, r := range added {
		id, err := tx.insert(ctx, `INSERT INTO role_grant (agency_id, user_id, role, status, requested_by, requested_at) VALUES (?, ?, ?, ?, ?, ?)`,
			actor.AgencyID, userID, string(r), status, actor.UserID, tx.now)
		if err != nil {
			return fmt.Errorf("store.grantRolesTx: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionPrivilegeChange, "user", userID, 0)
		ev.Detail = fmt.Sprintf("grant=%d role=%s status=%s", id, r, status)
		if err := tx.Audit(ctx, ev); err != nil {
			return err
		}
	}
	return nil
}

// DecideRoleGrant approves or declines a pending grant as the second
// administrator: not the one who asked, and never for their own account.
// Approved, the role is in force from the account's next request; declined,
// it is taken off. Audited as a privilege change. Returns EFORBIDDEN for
// anyone else, ENOTFOUND for a grant outside the agency, ECONFLICT once
// decided.
func (db *DB) DecideRoleGrant(ctx context.Context, actor goldthread.Actor, grantID int64, approve bool) error {
	if err := requireAdmin(actor); err != nil {
		return err
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		var userID, requestedBy int64
		var role, status string
		err := tx.QueryRow(ctx, "SELECT user_id, role, status, requested_by FROM role_grant WHERE id = ? AND agency_id = ?", grantID, actor.AgencyID).
			Scan(&userID, &role, &status, &requestedBy)
		if err != nil {
			return notFound(err, "No role grant %d in your agency.", grantID)
		}
		switch {
		case status != GrantPending:
			return goldthread.Errorf(goldthread.ECONFLICT, "This grant was %s already.", status)
		case requestedBy == actor.UserID:
			return goldthread.Errorf(goldthread.EFORBIDDEN, "You asked for this grant; another administrator decides it.")
		case userID == actor.UserID:
			return goldthread.Errorf(goldthread.EFORBIDDEN, "This grant is for your own account; another administrator decides it.")
		}
		decision := GrantApproved
		if !approve {
			decision = GrantDeclined
			if _, err := tx.Exec(ctx, "DELETE FROM user_role WHERE user_id = ? AND agency_id = ? AND role = ?", userID, actor.AgencyID, role); err != nil {
				return fmt.Errorf("store.DecideRoleGrant: %w", err)
			}
		}
		if _, err := tx.Exec(ctx, "UPDATE role_grant SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?", decision, actor.UserID, tx.now, grantID); err != nil {
			return fmt.Errorf("store.DecideRoleGrant: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionPrivilegeChange, "user", userID, 0)
		ev.Detail = fmt.Sprintf("grant=%d role=%s status=%s", grantID, role, decision)
		return tx.Audit(ctx, ev)
	})
}

// RoleGrants lists the grants of roles that read records made since since
// and every grant still pending, newest first, for administrators and
// auditors (the alert that no such change goes unseen).
func (db *DB) RoleGrants(ctx context.Context, actor goldthread.Actor, since time.Time) ([]RoleGrant, error) {
	if !actor.Has(goldthread.RoleAdministrator) && !actor.Has(goldthread.RoleAuditor) {
		return nil, goldthread.Errorf(goldthread.EFORBIDDEN, "Role grants are for administrators and auditors.")
	}
	var out []RoleGrant
	err := db.ReadTx(ctx, func(tx *Tx) error {
		return scanAll(ctx, tx, `SELECT g.id, g.user_id, u.name, g.role, g.status, g.requested_by, q.name, g.requested_at, COALESCE(d.name, '')
			FROM role_grant g JOIN app_user u ON u.id = g.user_id JOIN app_user q ON q.id = g.requested_by LEFT JOIN app_user d ON d.id = g.decided_by
			WHERE g.agency_id = ? AND (g.requested_at >= ? OR g.status = ?) ORDER BY g.requested_at DESC, g.id DESC`,
			[]any{actor.AgencyID, since.UTC(), GrantPending}, func(r scanner) error {
				var g RoleGrant
				var role string
				err := r.Scan(&g.ID, &g.UserID, &g.UserName, &role, &g.Status, &g.RequestedBy, &g.RequestedName, &g.RequestedAt, &g.DecidedName)
				g.Role, g.RequestedAt = goldthread.Role(role), g.RequestedAt.UTC()
				out = append(out, g)
				return err
			})
	})
	return out, err
}

// heldRoles returns every role on userID's account, pending grants too
// (the staff form shows what the administrator gave).
func heldRoles(ctx context.Context, tx *Tx, userID int64) ([]goldthread.Role, error) {
	var out []goldthread.Role
	err := scanAll(ctx, tx, "SELECT role FROM user_role WHERE user_id = ? ORDER BY role", []any{userID}, func(r scanner) error {
		var role string
		err := r.Scan(&role)
		out = append(out, goldthread.Role(role))
		return err
	})
	return out, err
}
