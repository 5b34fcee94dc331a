package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
)

// EmergencyAccessDuration is how long a break-the-glass grant lasts.
const EmergencyAccessDuration = 4 * time.Hour

// EmergencyGrant is one use of emergency access, as a supervisor or an
// auditor reviews it.
type EmergencyGrant struct {
	ID            int64
	UserID        int64
	UserName      string
	ParticipantID int64
	Reason        string
	Granted       time.Time
	Expires       time.Time
}

// BreakGlass opens a participant outside the actor's reach for
// EmergencyAccessDuration (ONC (d)(6)): the person is found by exact
// Medicaid ID and last name (no browsing of other caseloads), a reason of
// some substance is required, the grant is audited and shown to the
// actor's supervisor. Peers, supervisors and clinicians may use it; billing,
// administrators, auditors and participants may not. Returns the
// participant's id; ENOTFOUND when no one matches (without saying which
// part did not), EINVALID naming the field.
func (db *DB) BreakGlass(ctx context.Context, actor goldthread.Actor, medicaidID, lastName, reason string) (int64, error) {
	if !goldthread.CanBreakGlass(actor) {
		return 0, goldthread.Errorf(goldthread.EFORBIDDEN, "Emergency access is for peer specialists, supervisors and clinicians.")
	}
	medicaidID, lastName, reason = strings.TrimSpace(medicaidID), strings.TrimSpace(lastName), strings.TrimSpace(reason)
	switch {
	case medicaidID == "":
		return 0, goldthread.FieldError("medicaid_id", "Enter the participant's Medicaid ID exactly.")
	case lastName == "":
		return 0, goldthread.FieldError("last_name", "Enter the participant's last name.")
	case len(reason) < 15:
		return 0, goldthread.FieldError("reason", "Say why you need this record now, in a sentence (at least 15 characters). Your supervisor will see it.")
	}
	var pid int64
	err := db.WriteTx(ctx, func(tx *Tx) error {
		err := tx.QueryRow(ctx, `SELECT id FROM participant WHERE agency_id = ? AND UPPER(medicaid_id) = UPPER(?) AND LOWER(last_name) = LOWER(?)`,
			actor.AgencyID, medicaidID, lastName).Scan(&pid)
		if err != nil {
			return notFound(err, "No participant of this agency has that Medicaid ID and last name.")
		}
		_, err = tx.insert(ctx, `INSERT INTO emergency_access (agency_id, user_id, participant_id, reason, granted_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?)`, actor.AgencyID, actor.UserID, pid, reason, tx.now, tx.now.Add(EmergencyAccessDuration))
		if err != nil {
			return fmt.Errorf("store.BreakGlass: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionEmergencyAccess, "participant", pid, pid)
		ev.Detail = "hours=4"
		return tx.Audit(ctx, ev)
	})
	if goldthread.ErrorKind(err) == goldthread.ENOTFOUND {
		db.WriteTx(ctx, func(tx *Tx) error {
			ev := auditFor(actor, goldthread.ActionEmergencyAccess, "participant", 0, 0)
			ev.Outcome, ev.Detail = goldthread.OutcomeDenied, "no_match"
			return tx.Audit(ctx, ev)
		})
	}
	return pid, err
}

// liveEmergencyGrants lists the participants a user holds a live grant for.
func liveEmergencyGrants(ctx context.Context, tx *Tx, userID int64) ([]int64, error) {
	rows, err := tx.Query(ctx, "SELECT DISTINCT participant_id FROM emergency_access WHERE user_id = ? AND expires_at > ? ORDER BY participant_id",
		userID, tx.now)
	if err != nil {
		return nil, fmt.Errorf("store.liveEmergencyGrants: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// EmergencyGrants lists grants since since: a supervisor sees their team's
// (and their own), an auditor or administrator the agency's. Others get
// EFORBIDDEN.
func (db *DB) EmergencyGrants(ctx context.Context, actor goldthread.Actor, since time.Time) ([]EmergencyGrant, error) {
	q := `SELECT e.id, e.user_id, u.name, e.participant_id, e.reason, e.granted_at, e.expires_at
		FROM emergency_access e JOIN app_user u ON u.id = e.user_id WHERE e.agency_id = ? AND e.granted_at >= ?`
	args := []any{actor.AgencyID, since.UTC()}
	switch {
	case actor.Has(goldthread.RoleAuditor), actor.Has(goldthread.RoleAdministrator):
	case actor.Has(goldthread.RoleSupervisor):
		q += " AND (e.user_id = ? OR e.user_id IN (SELECT peer_id FROM supervision_link WHERE supervisor_id = ?))"
		args = append(args, actor.UserID, actor.UserID)
	default:
		return nil, goldthread.Errorf(goldthread.EFORBIDDEN, "Only supervisors, auditors and administrators review emergency access.")
	}
	var out []EmergencyGrant
	err := db.ReadTx(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, q+" ORDER BY e.granted_at DESC", args...)
		if err != nil {
			return fmt.Errorf("store.EmergencyGrants: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var g EmergencyGrant
			if err := rows.Scan(&g.ID, &g.UserID, &g.UserName, &g.ParticipantID, &g.Reason, &g.Granted, &g.Expires); err != nil {
				return fmt.Errorf("store.EmergencyGrants: %w", err)
			}
			out = append(out, g)
		}
		return rows.Err()
	})
	return out, err
}

// MyEmergencyGrants lists the actor's own live grants (for the banner on a
// record opened through one).
func (db *DB) MyEmergencyGrants(ctx context.Context, actor goldthread.Actor) ([]EmergencyGrant, error) {
	var out []EmergencyGrant
	err := db.ReadTx(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, `SELECT id, user_id, participant_id, reason, granted_at, expires_at FROM emergency_access
			WHERE user_id = ? AND agency_id = ? AND expires_at > ? ORDER BY granted_at`, actor.UserID, actor.AgencyID, tx.now)
		if err != nil {
			return fmt.Errorf("store.MyEmergencyGrants: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var g EmergencyGrant
			if err := rows.Scan(&g.ID, &g.UserID, &g.ParticipantID, &g.Reason, &g.Granted, &g.Expires); err != nil {
				return err
			}
			g.UserName = actor.Name
			out = append(out, g)
		}
		return rows.Err()
	})
	return out, err
}
