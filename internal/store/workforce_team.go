package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/goldthread/goldthread"
)

// TeamOverview returns the peers a supervisor supervises (directly or as
// designated alternate) — every active peer of the agency for an
// administrator — each with their caseload size against the ratio limit
// that binds them (with its source and any agency override), their
// credential status today for the credential types their programs accept,
// and their last supervision session against the required frequency.
// Counts only: no participant record is read.
func (db *DB) TeamOverview(ctx context.Context, actor goldthread.Actor) ([]goldthread.TeamMember, error) {
	admin := actor.Has(goldthread.RoleAdministrator)
	if !goldthread.CanManageTeam(actor) {
		return nil, goldthread.Errorf(goldthread.EFORBIDDEN, "Only supervisors and administrators see a team overview.")
	}
	var out []goldthread.TeamMember
	err := db.ReadTx(ctx, func(tx *Tx) error {
		today, err := agencyToday(ctx, tx, actor.AgencyID)
		if err != nil {
			return err
		}
		q := `SELECT u.id, u.agency_id, u.email, u.name, u.credential, u.active FROM app_user u
			JOIN user_role r ON r.user_id = u.id AND r.role = ?
			WHERE u.agency_id = ? AND u.active = ? AND u.participant_id IS NULL`
		args := []any{string(goldthread.RolePeer), actor.AgencyID, true}
		if !admin {
			q += " AND u.id IN (SELECT l.peer_id FROM supervision_link l WHERE l.supervisor_id = ? AND l.agency_id = ?)"
			args = append(args, actor.UserID, actor.AgencyID)
		}
		rows, err := tx.Query(ctx, q+" ORDER BY u.name, u.id", args...)
		if err != nil {
			return fmt.Errorf("store.TeamOverview: %w", err)
		}
		for rows.Next() {
			var m goldthread.TeamMember
			if err := rows.Scan(&m.Staff.ID, &m.Staff.AgencyID, &m.Staff.Email, &m.Staff.Name, &m.Staff.Credential, &m.Staff.Active); err != nil {
				rows.Close()
				return fmt.Errorf("store.TeamOverview: %w", err)
			}
			m.Staff.Roles = []goldthread.Role{goldthread.RolePeer}
			out = append(out, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil || len(out) == 0 {
			return err
		}
		// A supervisor's overview reads the rows of their team's peers
		// only, so it costs the same in an agency of 800 peers and 20,000
		// participants as in one of 80; an administrator's, every peer's.
		var team []int64
		if !admin {
			team = make([]int64, len(out))
			for i, m := range out {
				team[i] = m.Staff.ID
			}
		}
		supervisors, err := supervisorsByPeer(ctx, tx, actor.AgencyID, team)
		if err != nil {
			return err
		}
		sizes, err := caseloadSizes(ctx, tx, actor.AgencyID, team)
		if err != nil {
			return err
		}
		packs, agencyPacks, err := peerPacks(ctx, tx, actor.AgencyID, team)
		if err != nil {
			return err
		}
		settings, err := agencySettings(ctx, tx, actor.AgencyID)
		if err != nil {
			return err
		}
		last, err := lastSupervised(ctx, tx, actor.AgencyID, team)
		if err != nil {
			return err
		}
		only, onlyArgs := staffIn("c.staff_id", team)
		creds, err := credentialsWhere(ctx, tx, "c.agency_id = ?"+only, append([]any{actor.AgencyID}, onlyArgs...)...)
		if err != nil {
			return err
		}
		packOf := packReader(ctx, tx, actor.AgencyID)
		for i := range out {
			m := &out[i]
			id := m.Staff.ID
			ps := packs[id]
			if len(ps) == 0 {
				ps = agencyPacks
			}
			m.Supervisors = supervisors[id]
			m.Caseload = sizes[id]
			if m.Limit, err = caseloadLimit(packOf, ps, settings); err != nil {
				return err
			}
			m.OverLimit = m.Limit.Value > 0 && m.Caseload > m.Limit.Value
			m.Credential = CheckCredentials(creds, id, today, acceptedTypes(ps)...)
			if c := m.Credential.Credential; c != nil {
				m.DaysToExpiry, m.Expires = c.DaysToExpiry(today)
			}
			m.Frequency = supervisionFrequency(packOf, ps, settings)
			m.LastSupervised = last[id]
			if !m.LastSupervised.IsZero() {
				m.SupervisionDue = goldthread.DateOf(m.LastSupervised.AddDate(0, 0, m.Frequency.Value))
			}
		}
		return nil
	})
	return out, err
}

// acceptedTypes lists the credential codes the packs accept.
func acceptedTypes(packs []string) []string {
	cat, err := rulePacks()
	if err != nil {
		return nil
	}
	var out []string
	for _, id := range packs {
		p, err := cat.Pack(id)
		if err != nil {
			continue
		}
		for _, c := range p.Credentials {
			if !slices.Contains(out, c.Code) {
				out = append(out, c.Code)
			}
		}
	}
	return out
}

// supervisorsByPeer lists each peer's supervisors (alternates included),
// of peers only unless nil (staffIn).
func supervisorsByPeer(ctx context.Context, tx *Tx, agencyID int64, peers []int64) (map[int64][]goldthread.StaffRef, error) {
	only, onlyArgs := staffIn("l.peer_id", peers)
	rows, err := tx.Query(ctx, `SELECT l.peer_id, u.id, u.name FROM supervision_link l JOIN app_user u ON u.id = l.supervisor_id
		WHERE l.agency_id = ?`+only+` ORDER BY l.alternate, u.name`, append([]any{agencyID}, onlyArgs...)...)
	if err != nil {
		return nil, fmt.Errorf("store.supervisorsByPeer: %w", err)
	}
	defer rows.Close()
	out := map[int64][]goldthread.StaffRef{}
	for rows.Next() {
		var peer int64
		var s goldthread.StaffRef
		if err := rows.Scan(&peer, &s.ID, &s.Name); err != nil {
			return nil, fmt.Errorf("store.supervisorsByPeer: %w", err)
		}
		out[peer] = append(out[peer], s)
	}
	return out, rows.Err()
}

// SupervisionOverdue returns the members of the actor's team overview whose
// next supervision session was due before today (or who have none logged).
func (db *DB) SupervisionOverdue(ctx context.Context, actor goldthread.Actor) ([]goldthread.TeamMember, error) {
	team, err := db.TeamOverview(ctx, actor)
	if err != nil {
		return nil, err
	}
	today, err := db.agencyToday(ctx, actor.AgencyID)
	if err != nil {
		return nil, err
	}
	var out []goldthread.TeamMember
	for _, m := range team {
		if m.SupervisionOverdue(today) {
			out = append(out, m)
		}
	}
	return out, nil
}
