package store

import (
	"context"
	"fmt"

	"github.com/goldthread/goldthread"
)

// AddCareTeamMember adds m to the participant's care team. A staff member
// must belong to the agency (their name and credential are taken from
// their account). Returns EINVALID naming the field, EFORBIDDEN for roles
// that only read, ENOTFOUND out of reach.
func (db *DB) AddCareTeamMember(ctx context.Context, actor goldthread.Actor, m *goldthread.CareTeamMember) error {
	if err := canWriteRecord(actor, "care teams"); err != nil {
		return err
	}
	if err := m.Validate(); err != nil {
		return err
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, m.ParticipantID); err != nil {
			return err
		}
		if m.Kind == goldthread.CareStaff {
			var credential string
			err := tx.QueryRow(ctx, "SELECT name, credential FROM app_user WHERE id = ? AND agency_id = ? AND participant_id IS NULL",
				m.StaffID, actor.AgencyID).Scan(&m.Name, &credential)
			if err != nil {
				if e := notFound(err, ""); goldthread.ErrorKind(e) == goldthread.ENOTFOUND {
					return goldthread.FieldError("staff_id", "Choose a staff member of this agency.")
				}
				return fmt.Errorf("store.AddCareTeamMember: %w", err)
			}
			if m.Role == "" {
				m.Role = credential
			}
		}
		m.Created = tx.now
		var err error
		m.ID, err = tx.insert(ctx, `INSERT INTO care_team_member (agency_id, participant_id, kind, staff_id, name, role, organisation,
			relationship, phone, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			actor.AgencyID, m.ParticipantID, m.Kind, nullID(m.StaffID), m.Name, m.Role, m.Organisation, m.Relationship, m.Phone, actor.UserID, tx.now)
		if err != nil {
			return fmt.Errorf("store.AddCareTeamMember: %w", err)
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionCreate, "care_team_member", m.ID, m.ParticipantID))
	})
}

// CareTeam lists the participant's care team: staff, then outside
// providers, then natural supports. The read is audited. Returns ENOTFOUND
// out of reach.
func (db *DB) CareTeam(ctx context.Context, actor goldthread.Actor, participantID int64) ([]goldthread.CareTeamMember, error) {
	var out []goldthread.CareTeamMember
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, participantID); err != nil {
			return err
		}
		if err := scanAll(ctx, tx, `SELECT id, kind, COALESCE(staff_id, 0), name, role, organisation, relationship, phone, created_at
			FROM care_team_member WHERE participant_id = ? AND agency_id = ?
			ORDER BY CASE kind WHEN 'staff' THEN 1 WHEN 'provider' THEN 2 ELSE 3 END, id`, []any{participantID, actor.AgencyID},
			func(r scanner) error {
				m := goldthread.CareTeamMember{ParticipantID: participantID}
				err := r.Scan(&m.ID, &m.Kind, &m.StaffID, &m.Name, &m.Role, &m.Organisation, &m.Relationship, &m.Phone, &m.Created)
				out = append(out, m)
				return err
			}); err != nil {
			return err
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionList, "care_team_member", 0, participantID))
	})
	return out, err
}
