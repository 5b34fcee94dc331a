package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// programZone is the clock of a record that belongs to program programID:
// the program's own time zone when it has one, else its agency's.
func programZone(ctx context.Context, tx *Tx, agencyID, programID int64) (*time.Location, error) {
	var loc *time.Location
	err := tx.QueryRow(ctx, `SELECT CASE WHEN g.time_zone <> '' THEN g.time_zone ELSE a.time_zone END
		FROM program g JOIN agency a ON a.id = g.agency_id WHERE g.id = ? AND g.agency_id = ?`, programID, agencyID).Scan(zoneColumn{&loc})
	if errors.Is(err, sql.ErrNoRows) {
		return agencyZone(ctx, tx, agencyID)
	}
	if err != nil {
		return nil, fmt.Errorf("store.programZone: %w", err)
	}
	return loc, nil
}

// insertEnrolment opens an enrolment of the participant in the program
// from start and audits it; ECONFLICT when one is open already.
func insertEnrolment(ctx context.Context, tx *Tx, actor goldthread.Actor, participantID, programID int64, start goldthread.Date) error {
	var open int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM enrollment WHERE participant_id = ? AND program_id = ? AND end_date IS NULL",
		participantID, programID).Scan(&open); err != nil {
		return fmt.Errorf("store.insertEnrolment: %w", err)
	}
	if open > 0 {
		return goldthread.FieldConflict("program_id", "The participant is enrolled in this program already.")
	}
	id, err := tx.insert(ctx, "INSERT INTO enrollment (agency_id, participant_id, program_id, start_date) VALUES (?, ?, ?, ?)",
		actor.AgencyID, participantID, programID, start)
	if err != nil {
		return fmt.Errorf("store.insertEnrolment: %w", err)
	}
	ev := auditFor(actor, goldthread.ActionCreate, "enrollment", id, participantID)
	ev.Detail = fmt.Sprintf("program=%d start=%s", programID, start)
	return tx.Audit(ctx, ev)
}

// insertCaseload puts the participant on the peer's caseload from start,
// ending any open assignment to another peer, and audits it. Doing nothing
// when they are there already.
func insertCaseload(ctx context.Context, tx *Tx, actor goldthread.Actor, participantID, peerID int64, start goldthread.Date) error {
	if _, err := tx.Exec(ctx, "UPDATE caseload SET end_date = ? WHERE participant_id = ? AND agency_id = ? AND end_date IS NULL AND peer_id <> ?",
		start, participantID, actor.AgencyID, peerID); err != nil {
		return fmt.Errorf("store.insertCaseload: %w", err)
	}
	var open int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM caseload WHERE participant_id = ? AND peer_id = ? AND end_date IS NULL",
		participantID, peerID).Scan(&open); err != nil {
		return fmt.Errorf("store.insertCaseload: %w", err)
	}
	if open > 0 {
		return nil
	}
	id, err := tx.insert(ctx, "INSERT INTO caseload (agency_id, participant_id, peer_id, start_date) VALUES (?, ?, ?, ?)",
		actor.AgencyID, participantID, peerID, start)
	if err != nil {
		return fmt.Errorf("store.insertCaseload: %w", err)
	}
	ev := auditFor(actor, goldthread.ActionCreate, "caseload", id, participantID)
	ev.Detail = fmt.Sprintf("peer=%d start=%s", peerID, start)
	return tx.Audit(ctx, ev)
}

// checkAssignablePeer refuses (EINVALID on peer_id) anyone but an active
// peer specialist of the actor's agency, and for an actor who is only a
// supervisor, a peer outside their team (they may serve themselves when
// they are a peer too). Administrators, clinicians and an operator may
// assign any active peer.
func checkAssignablePeer(ctx context.Context, tx *Tx, actor goldthread.Actor, peerID int64) error {
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM user_role r JOIN app_user u ON u.id = r.user_id
		WHERE r.user_id = ? AND r.role = ? AND u.agency_id = ? AND u.active = ?`,
		peerID, string(goldthread.RolePeer), actor.AgencyID, true).Scan(&n); err != nil {
		return fmt.Errorf("store.checkAssignablePeer: %w", err)
	}
	if n == 0 {
		return goldthread.FieldError("peer_id", "Choose an active peer specialist of this agency.")
	}
	if actor.IsOperator() || actor.Has(goldthread.RoleAdministrator) || actor.Has(goldthread.RoleClinician) || peerID == actor.UserID {
		return nil
	}
	ok, err := supervises(ctx, tx, actor.AgencyID, actor.UserID, peerID)
	if err != nil {
		return err
	}
	if !ok {
		return goldthread.FieldError("peer_id", "Choose a peer specialist of your team; an administrator can assign anyone.")
	}
	return nil
}

// checkCaseloadRoom refuses (EINVALID on peer_id) a new participant for a
// peer whose active caseload (not counting participant except) is at the
// limit that binds them: the strictest of the agency's effective rule
// packs of the programs they serve, plus newPack, the program the
// participant joins. The message names the limit and its source.
func checkCaseloadRoom(ctx context.Context, tx *Tx, agencyID, peerID, except int64, newPack string) error {
	var size int
	if err := tx.QueryRow(ctx, `SELECT COUNT(DISTINCT c.participant_id) FROM caseload c JOIN participant p ON p.id = c.participant_id
		WHERE c.agency_id = ? AND c.peer_id = ? AND c.end_date IS NULL AND p.status = ? AND c.participant_id <> ?`,
		agencyID, peerID, goldthread.ParticipantActive, except).Scan(&size); err != nil {
		return fmt.Errorf("store.checkCaseloadRoom: %w", err)
	}
	byPeer, _, err := peerPacks(ctx, tx, agencyID, []int64{peerID}) // this peer's packs only
	if err != nil {
		return err
	}
	packs := byPeer[peerID]
	if newPack != "" && !slices.Contains(packs, newPack) {
		packs = append(packs, newPack)
	}
	settings, err := agencySettings(ctx, tx, agencyID)
	if err != nil {
		return err
	}
	limit, err := caseloadLimit(packReader(ctx, tx, agencyID), packs, settings)
	if err != nil {
		return err
	}
	if limit.Value <= 0 || size < limit.Value {
		return nil
	}
	var name string
	if err := tx.QueryRow(ctx, "SELECT name FROM app_user WHERE id = ?", peerID).Scan(&name); err != nil {
		return fmt.Errorf("store.checkCaseloadRoom: %w", err)
	}
	return goldthread.FieldError("peer_id", "%s already serves %d %{participant|participants}, the most one peer may serve (%d, %s). Choose another peer, or move someone first.",
		name, size, limit.Value, limitSource(limit))
}

// limitSource names where a caseload limit comes from, for messages.
func limitSource(r goldthread.WorkforceRule) string {
	switch {
	case r.Override != nil:
		return "the agency's rule override: " + r.Override.Reason
	case r.Status == string(rules.StatusAgencyOverride):
		return r.Note
	}
	if pack, err := RulePack(r.Pack); err == nil {
		return pack.Title + ", source " + r.Source
	}
	return r.Source
}

// checkMemberIDForPrograms refuses a Medicaid ID that does not fit the
// payer of one of the participant's open enrolments.
func checkMemberIDForPrograms(ctx context.Context, tx *Tx, agencyID, participantID int64, medicaidID string) error {
	var progs []goldthread.Program
	err := scanAll(ctx, tx, `SELECT `+programColumns+` FROM program WHERE agency_id = ? AND id IN
		(SELECT program_id FROM enrollment WHERE participant_id = ? AND end_date IS NULL) ORDER BY id`,
		[]any{agencyID, participantID}, func(r scanner) error {
			prog, err := scanProgram(r)
			progs = append(progs, prog)
			return err
		})
	if err != nil {
		return fmt.Errorf("store.checkMemberIDForPrograms: %w", err)
	}
	// The packs are read once the rows are closed: one transaction holds
	// one connection, and PostgreSQL's will not run a query while another
	// one's rows are open.
	for _, prog := range progs {
		pack, err := AgencyPack(ctx, tx, agencyID, prog.RulePack)
		if err != nil {
			return err
		}
		if !pack.MemberIDFits(medicaidID) {
			return memberIDError(prog, pack)
		}
	}
	return nil
}

// enrolmentCovers returns nil when the participant was enrolled in the
// program on date (started on or before it, not ended before it), and
// EINVALID on service_date otherwise, naming the enrolment's dates: a
// service outside the enrolment is not the program's to document or bill.
func enrolmentCovers(ctx context.Context, tx *Tx, participantID, programID int64, date goldthread.Date) error {
	var spans []goldthread.Enrollment
	err := scanAll(ctx, tx, "SELECT start_date, end_date FROM enrollment WHERE participant_id = ? AND program_id = ? ORDER BY start_date",
		[]any{participantID, programID}, func(r scanner) error {
			var e goldthread.Enrollment
			spans = append(spans, e)
			return r.Scan(&spans[len(spans)-1].Start, &spans[len(spans)-1].End)
		})
	if err != nil {
		return fmt.Errorf("store.enrolmentCovers: %w", err)
	}
	for _, e := range spans {
		if e.Current(date) {
			return nil
		}
	}
	for _, e := range spans {
		if e.Start.After(date.Time) {
			return goldthread.FieldError("service_date", "The participant's enrolment in this program starts on %s; a service on %s comes before it. Check the service date, or ask a supervisor to correct the enrolment.", e.Start, date)
		}
	}
	if n := len(spans); n > 0 {
		return goldthread.FieldError("service_date", "The participant's enrolment in this program ended on %s; a service on %s comes after it. Check the service date, or enrol them again first.", spans[n-1].End, date)
	}
	return goldthread.FieldError("service_date", "The participant is not enrolled in this program.")
}

// programToday is "today" for a record of program programID: the date now
// on the program's clock.
func programToday(ctx context.Context, tx *Tx, agencyID, programID int64) (goldthread.Date, error) {
	zone, err := programZone(ctx, tx, agencyID, programID)
	if err != nil {
		return goldthread.Date{}, err
	}
	return goldthread.DateIn(tx.now, zone), nil
}
