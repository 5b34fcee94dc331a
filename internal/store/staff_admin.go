package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/password"
	"github.com/goldthread/goldthread/internal/x12"
)

// requireAdmin refuses anyone who is not an administrator.
func requireAdmin(actor goldthread.Actor) error {
	if !goldthread.CanAdminister(actor) {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "Only an administrator manages staff accounts.")
	}
	return nil
}

// AddStaff creates a staff account in the administrator's agency with a
// first password the administrator hands over. The password must pass the
// password policy. Returns EFORBIDDEN for non-administrators, EINVALID
// naming the field, ECONFLICT when the email is taken.
func (db *DB) AddStaff(ctx context.Context, actor goldthread.Actor, s *goldthread.Staff, pw string, cost password.Params) error {
	if err := requireAdmin(actor); err != nil {
		return err
	}
	if slices.Contains(s.Roles, goldthread.RoleParticipant) {
		return goldthread.FieldError("roles", "A participant's own account is made from their record, not as staff.")
	}
	agency, err := db.agencyName(ctx, actor.AgencyID)
	if err != nil {
		return err
	}
	if err := password.CheckPolicy("password", pw, s.Email, s.Name, agency); err != nil {
		return err
	}
	s.Active = true
	if err := s.ValidateRenderingNames(); err != nil {
		return err
	}
	hash, err := password.Hash(pw, cost)
	if err != nil {
		return err
	}
	s.AgencyID = actor.AgencyID
	if err := s.ValidateNew(x12.TaxonomyProblem); err != nil {
		return err
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		if err := createStaffTx(ctx, tx, s, hash, 0); err != nil {
			return err
		}
		if err := grantRolesTx(ctx, tx, actor, s.ID, nil, s.Roles); err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionPrivilegeChange, "user", s.ID, 0)
		ev.Detail = "created roles=" + joinRoles(s.Roles)
		return tx.Audit(ctx, ev)
	})
}

// StaffChange is what an administrator may change on an account.
type StaffChange struct {
	Name         string
	FirstName    string // the parts of Name a claim carries (837P NM1*82)
	LastName     string
	Credential   string
	NPI          string
	Taxonomy     string // provider taxonomy code, optional
	Roles        []goldthread.Role
	Active       bool
	SupervisorID int64 // 0: no supervisor
}

// UpdateStaff applies c to the account userID of the administrator's
// agency: name, first and last names, credential, NPI, taxonomy, roles,
// active, and the supervisor link. An active peer or supervisor needs
// first and last names (EINVALID on "first_name" or "last_name"). Role
// changes are audited as privilege changes; deactivating ends every session
// at once. An administrator cannot remove their own administrator role or
// deactivate themselves, so an agency never locks itself out.
func (db *DB) UpdateStaff(ctx context.Context, actor goldthread.Actor, userID int64, c StaffChange) error {
	if err := requireAdmin(actor); err != nil {
		return err
	}
	st := goldthread.Staff{Name: c.Name, FirstName: c.FirstName, LastName: c.LastName, NPI: c.NPI, Taxonomy: c.Taxonomy, Roles: c.Roles, Active: c.Active}
	if userID == actor.UserID && (!slices.Contains(c.Roles, goldthread.RoleAdministrator) || !c.Active) {
		return goldthread.FieldError("roles", "You cannot remove your own administrator role or deactivate yourself; ask another administrator.")
	}
	if err := st.ValidateChange(x12.ValidNPI, x12.TaxonomyProblem); err != nil {
		return err
	}
	c.Name, c.FirstName, c.LastName, c.Taxonomy = st.Name, st.FirstName, st.LastName, st.Taxonomy
	return db.WriteTx(ctx, func(tx *Tx) error {
		var before []goldthread.Role
		rows, err := tx.Query(ctx, `SELECT r.role FROM user_role r JOIN app_user u ON u.id = r.user_id
			WHERE u.id = ? AND u.agency_id = ? AND u.participant_id IS NULL ORDER BY r.role`, userID, actor.AgencyID)
		if err != nil {
			return fmt.Errorf("store.UpdateStaff: %w", err)
		}
		for rows.Next() {
			var r string
			rows.Scan(&r)
			before = append(before, goldthread.Role(r))
		}
		rows.Close()
		res, err := tx.Exec(ctx, `UPDATE app_user SET name = ?, first_name = ?, last_name = ?, credential = ?, npi = ?, taxonomy = ?,
			active = ?, updated_at = ? WHERE id = ? AND agency_id = ? AND participant_id IS NULL`, c.Name, c.FirstName, c.LastName,
			c.Credential, c.NPI, c.Taxonomy, c.Active, tx.now, userID, actor.AgencyID)
		if err != nil {
			return fmt.Errorf("store.UpdateStaff: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return goldthread.Errorf(goldthread.ENOTFOUND, "No staff member %d in your agency.", userID)
		}
		roles := slices.Clone(c.Roles)
		slices.Sort(roles)
		roles = slices.Compact(roles)
		if !slices.Equal(before, roles) {
			if err := grantRolesTx(ctx, tx, actor, userID, before, roles); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, "DELETE FROM user_role WHERE user_id = ?", userID); err != nil {
				return fmt.Errorf("store.UpdateStaff: %w", err)
			}
			for _, r := range roles {
				if _, err := tx.Exec(ctx, "INSERT INTO user_role (user_id, agency_id, role) VALUES (?, ?, ?)", userID, actor.AgencyID, string(r)); err != nil {
					return fmt.Errorf("store.UpdateStaff: %w", err)
				}
			}
			ev := auditFor(actor, goldthread.ActionPrivilegeChange, "user", userID, 0)
			ev.Detail = "roles " + joinRoles(before) + " -> " + joinRoles(roles)
			if err := tx.Audit(ctx, ev); err != nil {
				return err
			}
		}
		if err := setSupervisor(ctx, tx, actor, userID, c.SupervisorID); err != nil {
			return err
		}
		if !c.Active {
			if _, err := tx.Exec(ctx, "UPDATE user_session SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", tx.now, userID); err != nil {
				return fmt.Errorf("store.UpdateStaff: %w", err)
			}
		}
		ev := auditFor(actor, goldthread.ActionUpdate, "user", userID, 0)
		ev.Detail = fmt.Sprintf("active=%v supervisor=%d", c.Active, c.SupervisorID)
		return tx.Audit(ctx, ev)
	})
}

// setSupervisor makes supervisorID the one (non-alternate) supervisor of
// peerID, or removes it when 0. The supervisor must hold the supervisor
// role in the same agency.
func setSupervisor(ctx context.Context, tx *Tx, actor goldthread.Actor, peerID, supervisorID int64) error {
	if supervisorID == peerID && supervisorID != 0 {
		return goldthread.FieldError("supervisor_id", "A person cannot supervise themselves.")
	}
	if supervisorID != 0 {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM user_role WHERE user_id = ? AND agency_id = ? AND role = ?`,
			supervisorID, actor.AgencyID, string(goldthread.RoleSupervisor)).Scan(&n); err != nil {
			return fmt.Errorf("store.setSupervisor: %w", err)
		}
		if n == 0 {
			return goldthread.FieldError("supervisor_id", "Choose a staff member who holds the supervisor role.")
		}
	}
	if _, err := tx.Exec(ctx, "DELETE FROM supervision_link WHERE peer_id = ? AND agency_id = ? AND alternate = ? AND supervisor_id <> ?",
		peerID, actor.AgencyID, false, supervisorID); err != nil {
		return fmt.Errorf("store.setSupervisor: %w", err)
	}
	if supervisorID == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, `INSERT INTO supervision_link (supervisor_id, peer_id, agency_id, alternate) VALUES (?, ?, ?, ?)
		ON CONFLICT (supervisor_id, peer_id) DO NOTHING`, supervisorID, peerID, actor.AgencyID, false)
	if err != nil {
		return fmt.Errorf("store.setSupervisor: %w", err)
	}
	return nil
}

// StaffMember returns one account of the administrator's agency with its
// roles and supervisors.
func (db *DB) StaffMember(ctx context.Context, actor goldthread.Actor, userID int64) (goldthread.Staff, error) {
	if err := requireAdmin(actor); err != nil {
		return goldthread.Staff{}, err
	}
	var s goldthread.Staff
	err := db.ReadTx(ctx, func(tx *Tx) error {
		err := tx.QueryRow(ctx, `SELECT id, agency_id, email, name, first_name, last_name, credential, npi, taxonomy, active FROM app_user
			WHERE id = ? AND agency_id = ? AND participant_id IS NULL`, userID, actor.AgencyID).
			Scan(&s.ID, &s.AgencyID, &s.Email, &s.Name, &s.FirstName, &s.LastName, &s.Credential, &s.NPI, &s.Taxonomy, &s.Active)
		if err != nil {
			return notFound(err, "No staff member %d in your agency.", userID)
		}
		if s.Roles, err = heldRoles(ctx, tx, userID); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `SELECT u.totp_enabled, (SELECT COUNT(*) FROM passkey p WHERE p.user_id = u.id AND p.removed_at IS NULL)
			FROM app_user u WHERE u.id = ?`, userID).Scan(&s.TOTP, &s.Passkeys); err != nil {
			return fmt.Errorf("store.StaffMember: %w", err)
		}
		// Not MIN(): SQLite gives an aggregate back as text, not a time.
		err = tx.QueryRow(ctx, "SELECT created_at FROM sso_identity WHERE user_id = ? ORDER BY created_at LIMIT 1", userID).Scan(&s.SSOSince)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store.StaffMember: %w", err)
		}
		s.SSOSince = s.SSOSince.UTC()
		rows, err := tx.Query(ctx, "SELECT supervisor_id FROM supervision_link WHERE peer_id = ? AND alternate = ? ORDER BY supervisor_id", userID, false)
		if err != nil {
			return fmt.Errorf("store.StaffMember: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			s.Supervisors = append(s.Supervisors, id)
		}
		return rows.Err()
	})
	return s, err
}

// SetPassword sets a new password for userID: an administrator resetting a
// colleague's (the person should change it at next sign-in), or a person
// changing their own, who must give the current one. Every session of the
// account ends, so a stolen session dies with the old password.
func (db *DB) SetPassword(ctx context.Context, actor goldthread.Actor, userID int64, current, next string, cost password.Params) error {
	self := userID == actor.UserID
	if !self {
		if err := requireAdmin(actor); err != nil {
			return err
		}
	}
	var email, name, hash, agency string
	err := db.readRow(ctx, "SELECT u.email, u.name, u.password_hash, a.name FROM app_user u JOIN agency a ON a.id = u.agency_id WHERE u.id = ? AND u.agency_id = ?",
		[]any{userID, actor.AgencyID}, &email, &name, &hash, &agency)
	if err != nil {
		return notFound(err, "No account %d in your agency.", userID)
	}
	if self {
		ev := auditFor(actor, goldthread.ActionUpdate, "password", userID, 0)
		if err := db.reauthenticate(ctx, actor, current, hash, ev, "wrong_current_password",
			goldthread.FieldError("current_password", "Your current password is not right.")); err != nil {
			return err
		}
	}
	if err := password.CheckPolicy("new_password", next, email, name, agency); err != nil {
		return err
	}
	newHash, err := password.Hash(next, cost)
	if err != nil {
		return err
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, "UPDATE app_user SET password_hash = ?, updated_at = ? WHERE id = ?", newHash, tx.now, userID); err != nil {
			return fmt.Errorf("store.SetPassword: %w", err)
		}
		if _, err := tx.Exec(ctx, "UPDATE user_session SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND id <> ?",
			tx.now, userID, actor.SessionID); err != nil {
			return fmt.Errorf("store.SetPassword: %w", err)
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionUpdate, "password", userID, 0))
	})
}

// agencyName returns the name of agencyID, a word no password of its
// people may be built from.
func (db *DB) agencyName(ctx context.Context, agencyID int64) (string, error) {
	var name string
	if err := db.readRow(ctx, "SELECT name FROM agency WHERE id = ?", []any{agencyID}, &name); err != nil {
		return "", fmt.Errorf("store.agencyName: %w", err)
	}
	return name, nil
}
