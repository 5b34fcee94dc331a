package store

import (
	"context"
	"fmt"
	"time"

	"github.com/goldthread/goldthread"
)

// VisitInput is the root type under its old name; its rules are
// goldthread.VisitInput.Validate.
type VisitInput = goldthread.VisitInput

// PlanVisit schedules a visit of the actor (a peer or a supervisor, who
// give services) with a participant in their reach, and returns it. A
// note named as its source must be the actor's own, about the same
// participant. EINVALID names the field; ENOTFOUND when the participant
// or note is out of reach; EFORBIDDEN for other roles. Audited with the
// participant; the purpose is never written to the trail.
func (db *DB) PlanVisit(ctx context.Context, actor goldthread.Actor, in VisitInput) (goldthread.PlannedVisit, error) {
	if !goldthread.CanPlanVisits(actor) {
		return goldthread.PlannedVisit{}, goldthread.Errorf(goldthread.EFORBIDDEN, "Only peer specialists and supervisors plan visits.")
	}
	if err := in.Validate(db.now()); err != nil {
		return goldthread.PlannedVisit{}, err
	}
	var v goldthread.PlannedVisit
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, in.ParticipantID); err != nil {
			return err
		}
		if in.FromNoteID != 0 {
			var n int
			if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM service_note WHERE id = ? AND agency_id = ? AND author_id = ? AND participant_id = ?",
				in.FromNoteID, actor.AgencyID, actor.UserID, in.ParticipantID).Scan(&n); err != nil {
				return fmt.Errorf("store.PlanVisit: %w", err)
			}
			if n == 0 {
				return goldthread.Errorf(goldthread.ENOTFOUND, "No note %d of yours about this participant.", in.FromNoteID)
			}
		}
		id, err := tx.insert(ctx, `INSERT INTO planned_visit (agency_id, participant_id, peer_id, starts_at, minutes, purpose, from_note_id, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, actor.AgencyID, in.ParticipantID, actor.UserID, in.Start.UTC(), in.Minutes, in.Purpose,
			nullID(in.FromNoteID), actor.UserID, tx.now)
		if err != nil {
			return fmt.Errorf("store.PlanVisit: %w", err)
		}
		if err := tx.Audit(ctx, auditFor(actor, goldthread.ActionCreate, "planned_visit", id, in.ParticipantID)); err != nil {
			return err
		}
		v = goldthread.PlannedVisit{ID: id, ParticipantID: in.ParticipantID, PeerID: actor.UserID, Start: in.Start.UTC(),
			Minutes: in.Minutes, Purpose: in.Purpose, FromNoteID: in.FromNoteID, Created: tx.now}
		return nil
	})
	return v, err
}

// CancelVisit cancels one of the actor's own planned visits (kept, with
// who and when). ENOTFOUND when it is not theirs or already cancelled.
func (db *DB) CancelVisit(ctx context.Context, actor goldthread.Actor, visitID int64) error {
	return db.WriteTx(ctx, func(tx *Tx) error {
		var participant int64
		err := tx.QueryRow(ctx, "SELECT participant_id FROM planned_visit WHERE id = ? AND agency_id = ? AND peer_id = ? AND cancelled_at IS NULL",
			visitID, actor.AgencyID, actor.UserID).Scan(&participant)
		if err != nil {
			return notFound(err, "No planned visit %d of yours to cancel.", visitID)
		}
		if _, err := tx.Exec(ctx, "UPDATE planned_visit SET cancelled_at = ?, cancelled_by = ? WHERE id = ?", tx.now, actor.UserID, visitID); err != nil {
			return fmt.Errorf("store.CancelVisit: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionUpdate, "planned_visit", visitID, participant)
		ev.Detail = "cancelled"
		return tx.Audit(ctx, ev)
	})
}

// participantVisitsTx lists the visits planned from now on with one
// participant (any peer), for the participant page; the caller has
// checked reach and audits the page read.
func participantVisitsTx(ctx context.Context, tx *Tx, agencyID, participantID int64) ([]goldthread.PlannedVisit, error) {
	return visitsWhere(ctx, tx, "v.agency_id = ? AND v.participant_id = ? AND v.cancelled_at IS NULL AND v.starts_at >= ?",
		agencyID, participantID, tx.now.Add(-time.Hour))
}

// ParticipantVisits lists the visits planned with a participant in the
// actor's reach, soonest first. ENOTFOUND out of reach; audited.
func (db *DB) ParticipantVisits(ctx context.Context, actor goldthread.Actor, participantID int64) ([]goldthread.PlannedVisit, error) {
	var out []goldthread.PlannedVisit
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, participantID); err != nil {
			return err
		}
		var err error
		if out, err = participantVisitsTx(ctx, tx, actor.AgencyID, participantID); err != nil {
			return err
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionList, "planned_visit", 0, participantID))
	})
	return out, err
}

// visitsWhere reads planned visits matching cond (on alias v), soonest
// first, with the participant's display name; at most 50.
func visitsWhere(ctx context.Context, tx *Tx, cond string, args ...any) ([]goldthread.PlannedVisit, error) {
	rows, err := tx.Query(ctx, `SELECT v.id, v.participant_id, p.first_name, p.preferred_name, p.last_name, v.peer_id, v.starts_at, v.minutes,
		v.purpose, COALESCE(v.from_note_id, 0), v.created_at FROM planned_visit v JOIN participant p ON p.id = v.participant_id AND p.agency_id = v.agency_id
		WHERE `+cond+" ORDER BY v.starts_at, v.id LIMIT 50", args...)
	if err != nil {
		return nil, fmt.Errorf("store.visits: %w", err)
	}
	defer rows.Close()
	var out []goldthread.PlannedVisit
	for rows.Next() {
		var v goldthread.PlannedVisit
		var first, preferred, last string
		if err := rows.Scan(&v.ID, &v.ParticipantID, &first, &preferred, &last, &v.PeerID, &v.Start, &v.Minutes, &v.Purpose, &v.FromNoteID, &v.Created); err != nil {
			return nil, fmt.Errorf("store.visits: %w", err)
		}
		v.Start, v.Created = v.Start.UTC(), v.Created.UTC()
		v.ParticipantName = goldthread.Participant{FirstName: first, PreferredName: preferred, LastName: last}.DisplayName()
		out = append(out, v)
	}
	return out, rows.Err()
}
