package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
)

// SupervisionInput is the root type under its old name; its rules are
// goldthread.SupervisionInput.Validate.
type SupervisionInput = goldthread.SupervisionInput

// LogSupervision records a supervision session. Only a peer's own
// supervisor (or designated alternate) logs supervision for them: every
// peer of the session must be on the supervisor's team. An administrator
// may log it on behalf of the supervisor named in SupervisorID, under the
// same team check. Audited in the same transaction.
func (db *DB) LogSupervision(ctx context.Context, actor goldthread.Actor, in SupervisionInput) (goldthread.SupervisionSession, error) {
	today, err := db.agencyToday(ctx, actor.AgencyID)
	if err != nil {
		return goldthread.SupervisionSession{}, err
	}
	if err := in.Validate(today); err != nil {
		return goldthread.SupervisionSession{}, err
	}
	admin := actor.Has(goldthread.RoleAdministrator)
	switch {
	case in.SupervisorID == 0 || in.SupervisorID == actor.UserID:
		if !actor.Has(goldthread.RoleSupervisor) {
			return goldthread.SupervisionSession{}, goldthread.Errorf(goldthread.EFORBIDDEN, "Only supervisors log supervision sessions.")
		}
		in.SupervisorID = actor.UserID
	case !admin:
		return goldthread.SupervisionSession{}, goldthread.Errorf(goldthread.EFORBIDDEN, "You log only the sessions you held yourself.")
	}
	var s goldthread.SupervisionSession
	err = db.WriteTx(ctx, func(tx *Tx) error {
		for _, peer := range in.PeerIDs {
			ok, err := supervises(ctx, tx, actor.AgencyID, in.SupervisorID, peer)
			if err != nil {
				return err
			}
			if !ok {
				return goldthread.Errorf(goldthread.EFORBIDDEN, "Staff member %d is not on this supervisor's team; only their own supervisor logs their supervision.", peer)
			}
		}
		id, err := tx.insert(ctx, `INSERT INTO supervision_session (agency_id, supervisor_id, kind, held_on, minutes, topics, notes_reviewed, follow_ups, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			actor.AgencyID, in.SupervisorID, in.Kind, in.Held, in.Minutes, in.Topics, in.NotesReviewed, in.FollowUps, nullID(actor.UserID), tx.now)
		if err != nil {
			return fmt.Errorf("store.LogSupervision: %w", err)
		}
		ids := make([]string, len(in.PeerIDs))
		for i, peer := range in.PeerIDs {
			if _, err := tx.Exec(ctx, "INSERT INTO supervision_attendee (session_id, peer_id, agency_id) VALUES (?, ?, ?)", id, peer, actor.AgencyID); err != nil {
				return fmt.Errorf("store.LogSupervision: %w", err)
			}
			ids[i] = strconv.FormatInt(peer, 10)
		}
		ev := auditFor(actor, goldthread.ActionCreate, "supervision_session", id, 0)
		ev.Detail = fmt.Sprintf("supervisor=%d peers=%s kind=%s minutes=%d", in.SupervisorID, strings.Join(ids, ","), in.Kind, in.Minutes)
		if err := tx.Audit(ctx, ev); err != nil {
			return err
		}
		list, err := sessionsWhere(ctx, tx, "s.id = ? AND s.agency_id = ?", id, actor.AgencyID)
		if err != nil || len(list) == 0 {
			return fmt.Errorf("store.LogSupervision: read back: %w", err)
		}
		s = list[0]
		return nil
	})
	return s, err
}

// SupervisionLog lists supervision sessions newest first. With peerID, the
// sessions of that peer, for the peer, their supervisors, administrators
// and auditors (ENOTFOUND for others). Without, every session in the
// actor's reach: a supervisor's own and their team's, a peer's own, all of
// the agency for administrators and auditors.
func (db *DB) SupervisionLog(ctx context.Context, actor goldthread.Actor, peerID int64, limit int) ([]goldthread.SupervisionSession, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	var out []goldthread.SupervisionSession
	err := db.ReadTx(ctx, func(tx *Tx) error {
		cond, args := "s.agency_id = ?", []any{actor.AgencyID}
		switch {
		case peerID != 0:
			if _, err := accessToStaff(ctx, tx, actor, peerID); err != nil {
				return err
			}
			cond += " AND s.id IN (SELECT a.session_id FROM supervision_attendee a WHERE a.peer_id = ?)"
			args = append(args, peerID)
		case actor.Has(goldthread.RoleAdministrator), actor.Has(goldthread.RoleAuditor):
		case actor.Has(goldthread.RoleSupervisor):
			cond += ` AND (s.supervisor_id = ? OR s.id IN (SELECT a.session_id FROM supervision_attendee a
				JOIN supervision_link l ON l.peer_id = a.peer_id WHERE l.supervisor_id = ?))`
			args = append(args, actor.UserID, actor.UserID)
		case actor.Has(goldthread.RolePeer):
			cond += " AND s.id IN (SELECT a.session_id FROM supervision_attendee a WHERE a.peer_id = ?)"
			args = append(args, actor.UserID)
		default:
			return goldthread.Errorf(goldthread.EFORBIDDEN, "Your role does not include the supervision log.")
		}
		var err error
		out, err = sessionsWhere(ctx, tx, cond+" ORDER BY s.held_on DESC, s.id DESC LIMIT "+strconv.Itoa(limit), args...)
		return err
	})
	return out, err
}

// sessionsWhere reads sessions matching cond (on alias s, with any ORDER BY
// and LIMIT) and their peers.
func sessionsWhere(ctx context.Context, tx *Tx, cond string, args ...any) ([]goldthread.SupervisionSession, error) {
	rows, err := tx.Query(ctx, `SELECT s.id, s.supervisor_id, u.name, s.kind, s.held_on, s.minutes, s.topics, s.notes_reviewed, s.follow_ups, s.created_at
		FROM supervision_session s JOIN app_user u ON u.id = s.supervisor_id WHERE `+cond, args...)
	if err != nil {
		return nil, fmt.Errorf("store.sessions: %w", err)
	}
	var out []goldthread.SupervisionSession
	index := map[int64]int{}
	for rows.Next() {
		var s goldthread.SupervisionSession
		if err := rows.Scan(&s.ID, &s.SupervisorID, &s.SupervisorName, &s.Kind, &s.Held, &s.Minutes, &s.Topics, &s.NotesReviewed, &s.FollowUps, &s.Created); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store.sessions: %w", err)
		}
		index[s.ID] = len(out)
		out = append(out, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	ids := make([]string, 0, len(out))
	for _, s := range out {
		ids = append(ids, strconv.FormatInt(s.ID, 10))
	}
	// The ids are integers read from the database, so joining them is safe.
	rows, err = tx.Query(ctx, `SELECT a.session_id, a.peer_id, u.name FROM supervision_attendee a JOIN app_user u ON u.id = a.peer_id
		WHERE a.session_id IN (`+strings.Join(ids, ",")+`) ORDER BY u.name, a.peer_id`)
	if err != nil {
		return nil, fmt.Errorf("store.sessions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var sid int64
		var p goldthread.StaffRef
		if err := rows.Scan(&sid, &p.ID, &p.Name); err != nil {
			return nil, fmt.Errorf("store.sessions: %w", err)
		}
		out[index[sid]].Peers = append(out[index[sid]].Peers, p)
	}
	return out, rows.Err()
}

// lastSupervised returns each peer's latest session date in the agency (of
// peers only, unless nil: staffIn).
func lastSupervised(ctx context.Context, tx *Tx, agencyID int64, peers []int64) (map[int64]goldthread.Date, error) {
	only, onlyArgs := staffIn("a.peer_id", peers)
	rows, err := tx.Query(ctx, `SELECT a.peer_id, MAX(s.held_on) FROM supervision_attendee a JOIN supervision_session s ON s.id = a.session_id
		WHERE s.agency_id = ?`+only+` GROUP BY a.peer_id`, append([]any{agencyID}, onlyArgs...)...)
	if err != nil {
		return nil, fmt.Errorf("store.lastSupervised: %w", err)
	}
	defer rows.Close()
	out := map[int64]goldthread.Date{}
	for rows.Next() {
		var id int64
		var d goldthread.Date
		if err := rows.Scan(&id, &d); err != nil {
			return nil, fmt.Errorf("store.lastSupervised: %w", err)
		}
		out[id] = d
	}
	return out, rows.Err()
}
