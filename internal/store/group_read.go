package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/goldthread/goldthread"
)

// loadGroup reads a session the actor may see: its facilitator, the
// facilitator's supervisor, or a clinician or auditor of the agency. With
// edit it must be the facilitator's own draft (EFORBIDDEN for others,
// ECONFLICT once signed). Attendees are listed by name; each attendee's
// record read is audited by the caller's transaction.
func loadGroup(ctx context.Context, tx *Tx, actor goldthread.Actor, id int64, edit bool) (goldthread.GroupSession, error) {
	var g goldthread.GroupSession
	var signed sql.NullTime
	err := tx.QueryRow(ctx, `SELECT s.id, s.agency_id, s.program_id, s.facilitator_id, u.name, s.co_facilitators, s.topic, s.service_date,
		s.start_at, s.end_at, s.location, s.modality, s.category, s.shared_description, s.next_steps, s.status, s.signed_at, s.version
		FROM group_session s JOIN app_user u ON u.id = s.facilitator_id WHERE s.id = ? AND s.agency_id = ?`, id, actor.AgencyID).
		Scan(&g.ID, &g.AgencyID, &g.ProgramID, &g.FacilitatorID, &g.FacilitatorName, &g.CoFacilitators, &g.Topic, &g.ServiceDate,
			&g.Start, &g.End, &g.Location, &g.Modality, &g.Category, &g.SharedDescription, &g.NextSteps, &g.Status, &signed, &g.Version)
	if err != nil {
		return g, notFound(err, "No group session %d.", id)
	}
	g.Signed = signed.Time
	own := g.FacilitatorID == actor.UserID
	if !own {
		var supervises int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM supervision_link WHERE supervisor_id = ? AND peer_id = ?", actor.UserID, g.FacilitatorID).
			Scan(&supervises); err != nil {
			return g, fmt.Errorf("store.loadGroup: %w", err)
		}
		if supervises == 0 && !actor.Has(goldthread.RoleClinician) && !actor.Has(goldthread.RoleAuditor) {
			return goldthread.GroupSession{}, goldthread.Errorf(goldthread.ENOTFOUND, "No group session %d.", id)
		}
	}
	if edit {
		if !own {
			return g, goldthread.Errorf(goldthread.EFORBIDDEN, "Only the group's facilitator changes or signs it.")
		}
		if g.Status != goldthread.NoteDraft {
			return g, goldthread.Errorf(goldthread.ECONFLICT, "This group session is signed; its notes change only by addenda.")
		}
	}
	if pack, err := groupProgram(ctx, tx, actor, g.ProgramID); err == nil {
		g.MaxSize, g.MaxSizeSource = pack.Group.MaxSize.Value, pack.Group.MaxSize.Source
	}
	rows, err := tx.Query(ctx, `SELECT a.participant_id, p.first_name, p.last_name, p.preferred_name, a.present, a.response, a.goal_links,
		COALESCE(a.note_id, 0) FROM group_attendee a JOIN participant p ON p.id = a.participant_id
		WHERE a.session_id = ? ORDER BY p.last_name, p.first_name, p.id`, id)
	if err != nil {
		return g, fmt.Errorf("store.loadGroup: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a goldthread.GroupAttendee
		var p goldthread.Participant
		var links string
		if err := rows.Scan(&a.ParticipantID, &p.FirstName, &p.LastName, &p.PreferredName, &a.Present, &a.Response, &links, &a.NoteID); err != nil {
			return g, fmt.Errorf("store.loadGroup: %w", err)
		}
		a.Name, a.Goals = p.DisplayName(), decodeGoalLinks(links)
		g.Attendees = append(g.Attendees, a)
	}
	return g, rows.Err()
}

// GroupSession returns a session with its roster and audits the read of
// each attendee's record.
func (db *DB) GroupSession(ctx context.Context, actor goldthread.Actor, id int64) (goldthread.GroupSession, error) {
	var g goldthread.GroupSession
	err := db.WriteTx(ctx, func(tx *Tx) error {
		var err error
		if g, err = loadGroup(ctx, tx, actor, id, false); err != nil {
			return err
		}
		if len(g.Attendees) == 0 {
			return tx.Audit(ctx, auditFor(actor, goldthread.ActionRead, "group_session", id, 0))
		}
		for _, a := range g.Attendees {
			if err := tx.Audit(ctx, auditFor(actor, goldthread.ActionRead, "group_session", id, a.ParticipantID)); err != nil {
				return err
			}
		}
		return nil
	})
	return g, err
}

// GroupSessions lists the sessions the actor facilitates, newest first,
// without rosters.
func (db *DB) GroupSessions(ctx context.Context, actor goldthread.Actor, limit int) ([]goldthread.GroupSession, error) {
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	var out []goldthread.GroupSession
	err := db.readRows(ctx, `SELECT s.id, s.program_id, s.topic, s.service_date, s.start_at, s.end_at, s.status,
		(SELECT COUNT(*) FROM group_attendee a WHERE a.session_id = s.id AND a.present = ?)
		FROM group_session s WHERE s.agency_id = ? AND s.facilitator_id = ? ORDER BY s.service_date DESC, s.id DESC LIMIT ?`,
		[]any{true, actor.AgencyID, actor.UserID, limit}, func(r scanner) error {
			var g goldthread.GroupSession
			var present int
			if err := r.Scan(&g.ID, &g.ProgramID, &g.Topic, &g.ServiceDate, &g.Start, &g.End, &g.Status, &present); err != nil {
				return err
			}
			g.Attendees = make([]goldthread.GroupAttendee, present)
			for i := range g.Attendees {
				g.Attendees[i].Present = true
			}
			out = append(out, g)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("store.GroupSessions: %w", err)
	}
	return out, nil
}
