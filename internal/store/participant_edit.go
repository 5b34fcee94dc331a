package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/goldthread/goldthread"
)

// UpdateParticipant replaces the demographics of participant id (names,
// date of birth, pronouns, gender, Medicaid ID, language, phone, email,
// address) with those of p; status, enrolments and caseload are changed
// elsewhere. The Medicaid ID must fit the payer of every program the
// participant is enrolled in now and belong to nobody else in the agency.
// Audited with the names of the fields that changed (never their values).
// Returns ENOTFOUND out of reach, EFORBIDDEN for roles that do not keep
// records, EINVALID naming the field, ECONFLICT on medicaid_id.
func (db *DB) UpdateParticipant(ctx context.Context, actor goldthread.Actor, id int64, p goldthread.Participant) (goldthread.Participant, error) {
	if !goldthread.CanEditParticipants(actor) {
		return goldthread.Participant{}, goldthread.Errorf(goldthread.EFORBIDDEN, "Only the participant's peer, their supervisor or a clinician updates their details.")
	}
	var out goldthread.Participant
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, id); err != nil {
			return err
		}
		scope, args := participantInReach(actor)
		old, err := scanParticipant(tx.QueryRow(ctx, "SELECT "+participantColumns+" FROM participant p WHERE p.id = ? AND "+scope,
			append([]any{id}, args...)...))
		if err != nil {
			return notFound(err, "No participant %d in your reach.", id)
		}
		today, err := agencyToday(ctx, tx, actor.AgencyID)
		if err != nil {
			return err
		}
		p.Status = old.Status
		if err := p.Validate(today); err != nil {
			return err
		}
		if err := checkMemberIDForPrograms(ctx, tx, actor.AgencyID, id, p.MedicaidID); err != nil {
			return err
		}
		if err := refuseSameMedicaidID(ctx, tx, actor, p.MedicaidID, id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE participant SET first_name = ?, last_name = ?, preferred_name = ?, pronouns = ?, birth_date = ?,
			gender = ?, medicaid_id = ?, phone = ?, email = ?, addr_line1 = ?, addr_city = ?, addr_state = ?, addr_postal = ?, language = ?,
			updated_at = ? WHERE id = ? AND agency_id = ?`,
			p.FirstName, p.LastName, p.PreferredName, p.Pronouns, p.BirthDate, p.Gender, p.MedicaidID, p.Phone, p.Email,
			p.Address.Line1, p.Address.City, p.Address.State, p.Address.PostalCode, p.Language, tx.now, id, actor.AgencyID); err != nil {
			return fmt.Errorf("store.UpdateParticipant: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionUpdate, "participant", id, id)
		ev.Detail = "changed=" + strings.Join(changedFields(old, p), ",")
		if err := tx.Audit(ctx, ev); err != nil {
			return err
		}
		out, err = scanParticipant(tx.QueryRow(ctx, "SELECT "+participantColumns+" FROM participant p WHERE p.id = ?", id))
		if err != nil {
			return fmt.Errorf("store.UpdateParticipant: %w", err)
		}
		if out.Enrollments, err = enrollments(ctx, tx, id); err != nil {
			return err
		}
		out.AssignedPeers, err = assignedPeers(ctx, tx, id)
		return err
	})
	return out, err
}

// changedFields names the demographics that differ between a and b, for
// the audit trail (names of fields, never values: the trail holds no PHI).
func changedFields(a, b goldthread.Participant) []string {
	var out []string
	for _, f := range []struct {
		name string
		a, b string
	}{
		{"first_name", a.FirstName, b.FirstName}, {"last_name", a.LastName, b.LastName},
		{"preferred_name", a.PreferredName, b.PreferredName}, {"pronouns", a.Pronouns, b.Pronouns},
		{"birth_date", a.BirthDate.String(), b.BirthDate.String()}, {"gender", a.Gender, b.Gender},
		{"medicaid_id", a.MedicaidID, b.MedicaidID}, {"phone", a.Phone, b.Phone}, {"email", a.Email, b.Email},
		{"address", a.Address.Line1 + a.Address.City + a.Address.State + a.Address.PostalCode,
			b.Address.Line1 + b.Address.City + b.Address.State + b.Address.PostalCode},
		{"language", a.Language, b.Language},
	} {
		if f.a != f.b {
			out = append(out, f.name)
		}
	}
	if len(out) == 0 {
		return []string{"none"}
	}
	return out
}

// EnrollParticipant opens an enrolment of a participant in the actor's
// reach in another program of the agency, from start (today on the
// program's clock when zero). Their Medicaid ID must fit the program's
// payer. A discharged participant who enrols again is active again.
// Supervisors and clinicians; audited. Returns ENOTFOUND out of reach,
// EINVALID on program_id, start_date or medicaid_id, ECONFLICT when they
// are enrolled there already.
func (db *DB) EnrollParticipant(ctx context.Context, actor goldthread.Actor, participantID, programID int64, start goldthread.Date) error {
	if !goldthread.CanEnrol(actor) {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "Only a supervisor or a clinician enrols a participant in a program.")
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, participantID); err != nil {
			return err
		}
		prog, pack, today, err := enrolmentProgram(ctx, tx, actor.AgencyID, programID)
		if err != nil {
			return err
		}
		var medicaidID string
		var birth goldthread.Date
		if err := tx.QueryRow(ctx, "SELECT medicaid_id, birth_date FROM participant WHERE id = ?", participantID).Scan(&medicaidID, &birth); err != nil {
			return fmt.Errorf("store.EnrollParticipant: %w", err)
		}
		if !pack.MemberIDFits(medicaidID) {
			return memberIDError(prog, pack)
		}
		if start.IsZero() {
			start = today
		}
		if err := (goldthread.Enrollment{Start: start}).ValidateStart(today, birth); err != nil {
			return err
		}
		if err := insertEnrolment(ctx, tx, actor, participantID, programID, start); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE participant SET status = ?, updated_at = ? WHERE id = ? AND agency_id = ?",
			goldthread.ParticipantActive, tx.now, participantID, actor.AgencyID); err != nil {
			return err
		}
		return refreshGoalsInForce(ctx, tx, participantID) // an active participant's goals are in force again
	})
}

// EndEnrollment ends a participant's open enrolment in a program on end
// (the last day served) for a reason: a transfer, an enrolment made in
// error. Leaving services behind is a discharge (RecordDischarge), which
// ends the enrolment itself. The end may not precede the start, lie more
// than 90 days ahead, or fall before a service already documented in the
// program (the note is named). Supervisors and clinicians; audited.
// Returns ENOTFOUND out of reach or with no open enrolment there, EINVALID
// on end_date or end_reason.
func (db *DB) EndEnrollment(ctx context.Context, actor goldthread.Actor, participantID, programID int64, end goldthread.Date, reason string) error {
	if !goldthread.CanEnrol(actor) {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "Only a supervisor or a clinician ends an enrolment.")
	}
	reason = strings.TrimSpace(reason)
	switch {
	case end.IsZero():
		return goldthread.FieldError("end_date", "Enter the last day the participant was served in the program, as YYYY-MM-DD.")
	case reason == "":
		return goldthread.FieldError("end_reason", "Say why the enrolment ends (for example: moved to the Medi-Cal program, enrolled in error).")
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, participantID); err != nil {
			return err
		}
		var id int64
		var start goldthread.Date
		err := tx.QueryRow(ctx, "SELECT id, start_date FROM enrollment WHERE participant_id = ? AND program_id = ? AND agency_id = ? AND end_date IS NULL",
			participantID, programID, actor.AgencyID).Scan(&id, &start)
		if err != nil {
			return notFound(err, "The participant has no open enrolment in program %d.", programID)
		}
		zone, err := programZone(ctx, tx, actor.AgencyID, programID)
		if err != nil {
			return err
		}
		today := goldthread.DateIn(tx.now, zone)
		switch {
		case end.Before(start.Time):
			return goldthread.FieldError("end_date", "The enrolment started on %s; the end cannot come before it.", start)
		case end.After(today.AddDate(0, 0, 90)):
			return goldthread.FieldError("end_date", "The end is more than 90 days from today; check the date.")
		}
		var noteID int64
		var last goldthread.Date
		err = tx.QueryRow(ctx, `SELECT id, service_date FROM service_note WHERE participant_id = ? AND program_id = ? AND service_date > ?
			ORDER BY service_date DESC, id DESC LIMIT 1`, participantID, programID, end).Scan(&noteID, &last)
		switch {
		case err == nil:
			return goldthread.FieldError("end_date", "Note %d documents a service on %s, after this end date. End the enrolment on or after %s, or correct that note first.", noteID, last, last)
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("store.EndEnrollment: %w", err)
		}
		if _, err := tx.Exec(ctx, "UPDATE enrollment SET end_date = ?, end_reason = ? WHERE id = ?", end, reason, id); err != nil {
			return fmt.Errorf("store.EndEnrollment: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionUpdate, "enrollment", id, participantID)
		ev.Detail = fmt.Sprintf("program=%d end=%s", programID, end)
		return tx.Audit(ctx, ev)
	})
}
