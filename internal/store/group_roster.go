package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// A group is open to the program, not to one caseload: at a wellness
// center Dana's "Coping skills" group takes Jordan's participants too. So
// a facilitator may put on a group's roster any active participant of
// their agency enrolled in the group's program now, and reaches the
// members of their own draft session (their names, their plan's goals,
// the notes signing writes) while working on it, through Actor.Serving.
// Nobody reaches a member's record through a group outside these calls.

// groupMemberPack returns the pack of the group's program when
// participantID may be served in it (ENOTFOUND otherwise, naming why).
func groupMemberPack(ctx context.Context, tx *Tx, actor goldthread.Actor, participantID, programID int64) (*rules.Pack, error) {
	var packID string
	err := tx.QueryRow(ctx, `SELECT g.rule_pack FROM participant p JOIN enrollment e ON e.participant_id = p.id AND e.end_date IS NULL
		JOIN program g ON g.id = e.program_id AND g.agency_id = p.agency_id
		WHERE p.id = ? AND g.id = ? AND p.agency_id = ? AND p.status = ? LIMIT 1`,
		participantID, programID, actor.AgencyID, goldthread.ParticipantActive).Scan(&packID)
	if err != nil {
		return nil, notFound(err, "Participant %d is not enrolled in this group's program now; only its participants can join the group.", participantID)
	}
	return AgencyPack(ctx, tx, actor.AgencyID, packID)
}

// serving is the actor reaching the members of session g as well.
func serving(actor goldthread.Actor, g goldthread.GroupSession) goldthread.Actor {
	actor.Serving = slices.Clone(actor.Serving)
	for _, a := range g.Attendees {
		actor.Serving = append(actor.Serving, a.ParticipantID)
	}
	return actor
}

// GroupCandidates lists who a facilitator (peer specialist or supervisor)
// may put on a roster in program programID: every active participant of
// the agency enrolled in it now, by name only, sorted by last name. The
// list is audited as one read.
func (db *DB) GroupCandidates(ctx context.Context, actor goldthread.Actor, programID int64) ([]goldthread.Participant, error) {
	if !goldthread.CanFacilitateGroups(actor) {
		return nil, goldthread.Errorf(goldthread.EFORBIDDEN, "Only peer specialists and supervisors facilitate groups.")
	}
	var out []goldthread.Participant
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if _, err := groupProgram(ctx, tx, actor, programID); err != nil {
			return goldthread.FieldError("program_id", "%s", goldthread.Reason(err))
		}
		rows, err := tx.Query(ctx, `SELECT DISTINCT p.id, p.first_name, p.last_name, p.preferred_name FROM participant p
			JOIN enrollment e ON e.participant_id = p.id AND e.end_date IS NULL AND e.program_id = ?
			WHERE p.agency_id = ? AND p.status = ? ORDER BY p.last_name, p.first_name, p.id`,
			programID, actor.AgencyID, goldthread.ParticipantActive)
		if err != nil {
			return fmt.Errorf("store.GroupCandidates: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var p goldthread.Participant
			if err := rows.Scan(&p.ID, &p.FirstName, &p.LastName, &p.PreferredName); err != nil {
				return fmt.Errorf("store.GroupCandidates: %w", err)
			}
			out = append(out, p)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionRead, "group_roster", programID, 0)
		ev.Detail = "candidates=" + strconv.Itoa(len(out))
		return tx.Audit(ctx, ev)
	})
	return out, err
}

// GroupPlans returns, for the facilitator's own draft session id, the
// plan in force on the session's date of each member who has one (by
// participant), so each member's line offers their own goals. Each read is
// audited. ECONFLICT once signed, EFORBIDDEN for anyone else.
func (db *DB) GroupPlans(ctx context.Context, actor goldthread.Actor, id int64) (map[int64]goldthread.Plan, error) {
	out := map[int64]goldthread.Plan{}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		g, err := loadGroup(ctx, tx, actor, id, true)
		if err != nil {
			return err
		}
		member := serving(actor, g)
		for _, a := range g.Attendees {
			plan, err := PlanInForceTx(ctx, tx, member, a.ParticipantID, g.ProgramID, g.ServiceDate)
			switch goldthread.ErrorKind(err) {
			case "":
				out[a.ParticipantID] = plan
			case goldthread.ENOTFOUND:
				continue
			default:
				return err
			}
			ev := auditFor(actor, goldthread.ActionRead, "plan", plan.ID, a.ParticipantID)
			ev.Detail = "group_session=" + strconv.FormatInt(id, 10)
			if err := tx.Audit(ctx, ev); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// saveRoster makes the roster of draft session g exactly list: members
// added, changed or taken off, each checked like SetAttendee, the group's
// size limit counted on the whole list. Every member is audited.
func saveRoster(ctx context.Context, tx *Tx, actor goldthread.Actor, g goldthread.GroupSession, list []goldthread.GroupAttendee) error {
	pack, err := groupProgram(ctx, tx, actor, g.ProgramID)
	if err != nil {
		return err
	}
	present, seen := 0, map[int64]bool{}
	for _, a := range list {
		if seen[a.ParticipantID] {
			return goldthread.FieldError("attendees", "Participant %d is on the roster twice.", a.ParticipantID)
		}
		seen[a.ParticipantID] = true
		if a.Present {
			present++
		}
	}
	if max := pack.Group.MaxSize; max.Value > 0 && present > max.Value {
		return goldthread.FieldError("present", "%d %{participant is|participants are} marked present; %s allows at most %d per group (source: %s; %s).",
			present, pack.Label(), max.Value, max.Source, max.Status)
	}
	for _, a := range g.Attendees {
		if !seen[a.ParticipantID] {
			if _, err := tx.Exec(ctx, "DELETE FROM group_attendee WHERE session_id = ? AND participant_id = ?", g.ID, a.ParticipantID); err != nil {
				return fmt.Errorf("store.saveRoster: %w", err)
			}
			if err := tx.Audit(ctx, auditFor(actor, goldthread.ActionUpdate, "group_session", g.ID, a.ParticipantID)); err != nil {
				return err
			}
		}
	}
	for _, a := range list {
		if err := putAttendee(ctx, tx, actor, g, a); err != nil {
			return err
		}
	}
	return nil
}

// putAttendee writes one member's line of draft session g, once they are
// known to be servable in its program.
func putAttendee(ctx context.Context, tx *Tx, actor goldthread.Actor, g goldthread.GroupSession, a goldthread.GroupAttendee) error {
	if _, err := groupMemberPack(ctx, tx, actor, a.ParticipantID, g.ProgramID); err != nil {
		return goldthread.FieldError("participant_id", "%s", goldthread.Reason(err))
	}
	if err := goalsOfParticipant(ctx, tx, a.ParticipantID, a.Goals); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `INSERT INTO group_attendee (session_id, participant_id, present, response, goal_links) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (session_id, participant_id) DO UPDATE SET present = excluded.present, response = excluded.response,
		goal_links = excluded.goal_links`, g.ID, a.ParticipantID, a.Present, strings.TrimSpace(a.Response), encodeGoalLinks(a.Goals))
	if err != nil {
		return fmt.Errorf("store.putAttendee: %w", err)
	}
	return tx.Audit(ctx, auditFor(actor, goldthread.ActionUpdate, "group_session", g.ID, a.ParticipantID))
}

// bumpGroup moves draft session id to its next version, refusing with
// ECONFLICT when version is not the current one (a save from a stale page
// or device). version 0 skips the check (one line changed through the
// API's attendee call, which cannot lose another line).
func bumpGroup(ctx context.Context, tx *Tx, id int64, version int) error {
	q, args := "UPDATE group_session SET version = version + 1, updated_at = ? WHERE id = ? AND status = ?", []any{tx.now, id, goldthread.NoteDraft}
	if version != 0 {
		q += " AND version = ?"
		args = append(args, version)
	}
	res, err := tx.Exec(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("store.bumpGroup: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return goldthread.Errorf(goldthread.ECONFLICT, "This group session was saved elsewhere since you opened it. Reload it and make your change again.")
	}
	return nil
}
