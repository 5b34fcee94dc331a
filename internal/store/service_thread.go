package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/goldthread/goldthread"
)

// ServiceThread follows one note's golden thread (see
// goldthread.ServiceThread) for whoever may read the note (ENOTFOUND
// otherwise). Goal and intervention texts are given only to readers of
// narratives; billing sees the plan version. Audited as a read of the
// note's thread.
func (db *DB) ServiceThread(ctx context.Context, actor goldthread.Actor, noteID int64) (goldthread.ServiceThread, error) {
	var th goldthread.ServiceThread
	err := db.WriteTx(ctx, func(tx *Tx) error {
		n, err := loadNote(ctx, tx, actor, noteID)
		if err != nil {
			return err
		}
		th = goldthread.ServiceThread{NoteID: n.ID, ParticipantID: n.ParticipantID, ServiceDate: n.ServiceDate, AuthorID: n.AuthorID}
		if err := tx.QueryRow(ctx, "SELECT name FROM app_user WHERE id = ?", n.AuthorID).Scan(&th.AuthorName); err != nil {
			return fmt.Errorf("store.ServiceThread: %w", err)
		}
		var a goldthread.ThreadApproval
		err = tx.QueryRow(ctx, "SELECT name, credential, approved_at FROM note_approval WHERE note_id = ? ORDER BY id DESC LIMIT 1",
			noteID).Scan(&a.Name, &a.Credential, &a.At)
		switch {
		case err == nil:
			a.At = a.At.UTC()
			th.Approval = &a
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("store.ServiceThread: %w", err)
		}
		creds, err := credentialsWhere(ctx, tx, "c.staff_id = ? AND c.agency_id = ?", n.AuthorID, actor.AgencyID)
		if err != nil {
			return err
		}
		th.Credential = CheckCredentials(creds, n.AuthorID, n.ServiceDate)
		if th.Plan, err = threadPlan(ctx, tx, actor, n); err != nil {
			return err
		}
		var o goldthread.ServiceOrder
		err = tx.QueryRow(ctx, `SELECT id, professional, credential, npi, signed_on FROM service_order
			WHERE participant_id = ? AND program_id = ? AND agency_id = ? AND signed_on <= ? ORDER BY signed_on DESC, id DESC LIMIT 1`,
			n.ParticipantID, n.ProgramID, actor.AgencyID, n.ServiceDate).Scan(&o.ID, &o.Professional, &o.Credential, &o.NPI, &o.Signed)
		switch {
		case err == nil:
			o.ParticipantID, o.ProgramID = n.ParticipantID, n.ProgramID
			th.Order = &o
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("store.ServiceThread: %w", err)
		}
		if err := scanAll(ctx, tx, `SELECT DISTINCT c.id FROM claim_line l JOIN claim c ON c.id = l.claim_id
			WHERE l.note_id = ? AND c.agency_id = ? ORDER BY c.id`, []any{noteID, actor.AgencyID}, func(r scanner) error {
			var c goldthread.ThreadClaim
			err := r.Scan(&c.ID)
			c.Number = goldthread.ClaimNumber(c.ID)
			th.Claims = append(th.Claims, c)
			return err
		}); err != nil {
			return err
		}
		// The authorization the claim used; before billing, the one that
		// covers the service date.
		var au goldthread.ThreadAuthorization
		q := `SELECT a.id, a.number, a.start_date, a.end_date FROM service_authorization a
			JOIN claim c ON c.authorization_id = a.id JOIN claim_line l ON l.claim_id = c.id
			WHERE l.note_id = ? AND a.agency_id = ? ORDER BY c.id DESC LIMIT 1`
		args := []any{noteID, actor.AgencyID}
		if len(th.Claims) == 0 {
			q = `SELECT id, number, start_date, end_date FROM service_authorization WHERE participant_id = ? AND program_id = ?
				AND agency_id = ? AND start_date <= ? AND end_date >= ? ORDER BY start_date DESC, id DESC LIMIT 1`
			args = []any{n.ParticipantID, n.ProgramID, actor.AgencyID, n.ServiceDate, n.ServiceDate}
		}
		err = tx.QueryRow(ctx, q, args...).Scan(&au.ID, &au.Number, &au.Start, &au.End)
		switch {
		case err == nil:
			th.Authorization = &au
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("store.ServiceThread: %w", err)
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionRead, "note_thread", noteID, n.ParticipantID))
	})
	return th, err
}

// threadPlan is the plan version in force on the note's service date and
// the goals and interventions of it the note served.
func threadPlan(ctx context.Context, tx *Tx, actor goldthread.Actor, n goldthread.Note) (*goldthread.ThreadPlanVersion, error) {
	var p goldthread.ThreadPlanVersion
	err := tx.QueryRow(ctx, `SELECT id, version, in_force_from FROM plan WHERE participant_id = ? AND program_id = ? AND agency_id = ?
		AND status = ? AND in_force_from <= ? ORDER BY in_force_from DESC, version DESC LIMIT 1`,
		n.ParticipantID, n.ProgramID, actor.AgencyID, goldthread.PlanSigned, n.ServiceDate).Scan(&p.PlanID, &p.Version, &p.InForce)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store.threadPlan: %w", err)
	}
	if !seesNarrative(actor) {
		return &p, nil
	}
	err = scanAll(ctx, tx, `SELECT g.summary, COALESCE(i.description, '') FROM note_goal ng JOIN plan_goal g ON g.id = ng.goal_id
		LEFT JOIN plan_intervention i ON i.id = ng.intervention_id WHERE ng.note_id = ? AND g.plan_id = ? ORDER BY ng.position`,
		[]any{n.ID, p.PlanID}, func(r scanner) error {
			var goal, intervention string
			err := r.Scan(&goal, &intervention)
			if intervention != "" {
				goal += " — " + intervention
			}
			p.Served = append(p.Served, goal)
			return err
		})
	return &p, err
}
