package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/x12"
)

// NormalizeEmail is goldthread.NormalizeEmail, kept under the store's name
// for its callers.
func NormalizeEmail(s string) string { return goldthread.NormalizeEmail(s) }

// CreateStaff inserts a staff account with its roles and an already hashed
// password (or a participant's own account when participantID is set),
// filling s.ID. First and last names and taxonomy are stored as given
// (checked for what a claim can carry; requiring them of people who render
// services is AddStaff's and UpdateStaff's rule). Returns EINVALID naming
// the field, or ECONFLICT when the email is taken.
func (db *DB) CreateStaff(ctx context.Context, s *goldthread.Staff, passwordHash string, participantID int64) error {
	if err := s.ValidateNew(x12.TaxonomyProblem); err != nil {
		return err
	}
	return db.WriteTx(ctx, func(tx *Tx) error { return createStaffTx(ctx, tx, s, passwordHash, participantID) })
}

// createStaffTx writes a checked account and its roles inside tx.
func createStaffTx(ctx context.Context, tx *Tx, s *goldthread.Staff, passwordHash string, participantID int64) error {
	id, err := tx.insert(ctx, `INSERT INTO app_user (agency_id, email, name, first_name, last_name, credential, npi, taxonomy,
		password_hash, active, participant_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.AgencyID, s.Email, s.Name, s.FirstName, s.LastName, s.Credential, s.NPI, s.Taxonomy, passwordHash, true,
		nullID(participantID), tx.now, tx.now)
	if isUniqueViolation(err) {
		return goldthread.Errorf(goldthread.ECONFLICT, "Someone already signs in with %s.", s.Email)
	}
	if err != nil {
		return fmt.Errorf("store.CreateStaff: %w", err)
	}
	s.ID, s.Active = id, true
	for _, r := range s.Roles {
		if _, err := tx.Exec(ctx, "INSERT INTO user_role (user_id, agency_id, role) VALUES (?, ?, ?)", id, s.AgencyID, string(r)); err != nil {
			return fmt.Errorf("store.CreateStaff: %w", err)
		}
	}
	return tx.Audit(ctx, goldthread.AuditEvent{AgencyID: s.AgencyID, ActorRole: "system", Action: goldthread.ActionCreate,
		RecordType: "user", RecordID: id, Outcome: goldthread.OutcomeSuccess, Detail: "roles=" + joinRoles(s.Roles)})
}

func joinRoles(rs []goldthread.Role) string {
	ss := make([]string, len(rs))
	for i, r := range rs {
		ss[i] = string(r)
	}
	return strings.Join(ss, ",")
}

// LinkSupervisor makes supervisorID the supervisor (or, with alternate, the
// designated alternate) of peerID. Both must belong to agencyID. Linking
// twice changes nothing.
func (db *DB) LinkSupervisor(ctx context.Context, agencyID, supervisorID, peerID int64, alternate bool) error {
	return db.WriteTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM app_user WHERE agency_id = ? AND id IN (?, ?)", agencyID, supervisorID, peerID).Scan(&n); err != nil {
			return fmt.Errorf("store.LinkSupervisor: %w", err)
		}
		if n != 2 {
			return goldthread.Errorf(goldthread.ENOTFOUND, "Both the supervisor and the peer must be staff of this agency.")
		}
		_, err := tx.Exec(ctx, `INSERT INTO supervision_link (supervisor_id, peer_id, agency_id, alternate) VALUES (?, ?, ?, ?)
			ON CONFLICT (supervisor_id, peer_id) DO NOTHING`, supervisorID, peerID, agencyID, alternate)
		if err != nil {
			return fmt.Errorf("store.LinkSupervisor: %w", err)
		}
		return tx.Audit(ctx, goldthread.AuditEvent{AgencyID: agencyID, ActorRole: "system", Action: goldthread.ActionUpdate,
			RecordType: "supervision_link", RecordID: peerID, Outcome: goldthread.OutcomeSuccess})
	})
}

// StaffList lists the staff of the actor's agency with their roles. Any
// signed-in staff member may see colleagues' names and roles (to know whom
// to ask); a participant may not.
func (db *DB) StaffList(ctx context.Context, actor goldthread.Actor) ([]goldthread.Staff, error) {
	if actor.Anonymous() || (len(actor.Roles) == 1 && actor.Has(goldthread.RoleParticipant)) {
		return nil, goldthread.Errorf(goldthread.EFORBIDDEN, "Only staff can see the staff list.")
	}
	var out []goldthread.Staff
	err := db.readRows(ctx, `SELECT u.id, u.agency_id, u.email, u.name, u.first_name, u.last_name, u.credential,
		u.npi, u.taxonomy, u.active, COALESCE(r.role, '') FROM app_user u LEFT JOIN user_role r ON r.user_id = u.id
		WHERE u.agency_id = ? AND u.participant_id IS NULL ORDER BY u.name, u.id, r.role`, []any{actor.AgencyID}, func(r scanner) error {
		var s goldthread.Staff
		var role string
		if err := r.Scan(&s.ID, &s.AgencyID, &s.Email, &s.Name, &s.FirstName, &s.LastName, &s.Credential, &s.NPI, &s.Taxonomy,
			&s.Active, &role); err != nil {
			return err
		}
		if n := len(out); n > 0 && out[n-1].ID == s.ID {
			out[n-1].Roles = append(out[n-1].Roles, goldthread.Role(role))
			return nil
		}
		if role != "" {
			s.Roles = []goldthread.Role{goldthread.Role(role)}
		}
		out = append(out, s)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store.StaffList: %w", err)
	}
	return out, nil
}

// Team returns the peers the actor supervises (directly or as alternate).
func (db *DB) Team(ctx context.Context, actor goldthread.Actor) ([]goldthread.Staff, error) {
	var out []goldthread.Staff
	err := db.readRows(ctx, `SELECT u.id, u.agency_id, u.email, u.name, u.credential, u.active
		FROM supervision_link l JOIN app_user u ON u.id = l.peer_id
		WHERE l.supervisor_id = ? AND l.agency_id = ? ORDER BY u.name`, []any{actor.UserID, actor.AgencyID}, func(r scanner) error {
		s := goldthread.Staff{Roles: []goldthread.Role{goldthread.RolePeer}}
		err := r.Scan(&s.ID, &s.AgencyID, &s.Email, &s.Name, &s.Credential, &s.Active)
		out = append(out, s)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store.Team: %w", err)
	}
	return out, nil
}
