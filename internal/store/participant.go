package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
)

// CreateParticipant inserts p into the actor's agency, filling its ID,
// without an enrolment: a command's operator (the demo, the seed, fixtures)
// enrols and assigns separately; people register through
// RegisterParticipant, which does all three at once. Supervisors,
// clinicians, administrators and an operator may create.
// Returns EINVALID naming the field, EFORBIDDEN for others, ECONFLICT on
// medicaid_id when another participant of the agency has that ID.
func (db *DB) CreateParticipant(ctx context.Context, actor goldthread.Actor, p *goldthread.Participant) error {
	if !registers(actor) {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "Only supervisors, clinicians and administrators can register participants.")
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		today, err := agencyToday(ctx, tx, actor.AgencyID)
		if err != nil {
			return err
		}
		if err := p.Validate(today); err != nil {
			return err
		}
		return insertParticipant(ctx, tx, actor, p)
	})
}

// auditFor builds the audit event of an actor's action on a record.
func auditFor(actor goldthread.Actor, action, recordType string, recordID, participantID int64) goldthread.AuditEvent {
	return goldthread.AuditEvent{AgencyID: actor.AgencyID, ActorID: actor.UserID, ActorRole: actor.AuditRole(), Action: action,
		RecordType: recordType, RecordID: recordID, ParticipantID: participantID, IP: actor.IP, Outcome: goldthread.OutcomeSuccess}
}

// Enroll places a participant in a program of the same agency from start,
// for a command's operator and the people who run intake (later enrolments
// by staff go through EnrollParticipant, which checks reach and the
// Medicaid ID). EFORBIDDEN for anyone else, ENOTFOUND when either is not of
// the actor's agency, ECONFLICT when the participant is enrolled there
// already.
func (db *DB) Enroll(ctx context.Context, actor goldthread.Actor, participantID, programID int64, start goldthread.Date) error {
	if !registers(actor) {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "Only supervisors, clinicians and administrators enrol participants.")
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		var n int
		err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM participant p JOIN program g ON g.agency_id = p.agency_id
			WHERE p.id = ? AND g.id = ? AND p.agency_id = ?`, participantID, programID, actor.AgencyID).Scan(&n)
		if err != nil {
			return fmt.Errorf("store.Enroll: %w", err)
		}
		if n == 0 {
			return goldthread.Errorf(goldthread.ENOTFOUND, "No such participant or program in this agency.")
		}
		return insertEnrolment(ctx, tx, actor, participantID, programID, start)
	})
}

// AssignCaseload puts a participant on a peer's caseload from start, ending
// any current assignment of that participant to another peer (a
// reassignment), for a command's operator or an administrator; staff move
// participants with ReassignCaseload. The peer must be an active peer
// specialist of the same agency. EFORBIDDEN for anyone else.
func (db *DB) AssignCaseload(ctx context.Context, actor goldthread.Actor, participantID, peerID int64, start goldthread.Date) error {
	if !actor.IsOperator() && !goldthread.CanAdminister(actor) {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "Only a supervisor of the peers or an administrator assigns caseloads.")
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM participant WHERE id = ? AND agency_id = ?", participantID, actor.AgencyID).Scan(&n); err != nil {
			return fmt.Errorf("store.AssignCaseload: %w", err)
		}
		if n == 0 {
			return goldthread.Errorf(goldthread.ENOTFOUND, "No such participant, or that person is not a peer specialist of this agency.")
		}
		if err := checkAssignablePeer(ctx, tx, actor, peerID); err != nil {
			return goldthread.Errorf(goldthread.ENOTFOUND, "No such participant, or that person is not a peer specialist of this agency.")
		}
		return insertCaseload(ctx, tx, actor, participantID, peerID, start)
	})
}

const participantColumns = `p.id, p.agency_id, p.first_name, p.last_name, p.preferred_name, p.pronouns, p.birth_date, p.gender,
	p.medicaid_id, p.phone, p.email, p.addr_line1, p.addr_city, p.addr_state, p.addr_postal, p.language, p.status, p.created_at, ` + part2Column

func scanParticipant(r scanner) (goldthread.Participant, error) {
	var p goldthread.Participant
	err := r.Scan(&p.ID, &p.AgencyID, &p.FirstName, &p.LastName, &p.PreferredName, &p.Pronouns, &p.BirthDate, &p.Gender,
		&p.MedicaidID, &p.Phone, &p.Email, &p.Address.Line1, &p.Address.City, &p.Address.State, &p.Address.PostalCode, &p.Language,
		&p.Status, &p.Created, &p.Part2)
	return p, err
}

// ListParticipants returns the participants the actor may reach that match
// f, by last and first name. The listing itself is audited (which filter,
// how many), not each row. Returns EFORBIDDEN for an actor whose roles read
// no records (an administrator alone).
func (db *DB) ListParticipants(ctx context.Context, actor goldthread.Actor, f goldthread.ParticipantFilter) ([]goldthread.Participant, error) {
	if !goldthread.CanReadParticipants(actor) {
		return nil, goldthread.Errorf(goldthread.EFORBIDDEN, "Your role does not include reading participant records.")
	}
	scope, args := participantScope(actor)
	q := "SELECT " + participantColumns + " FROM participant p WHERE " + scope
	if s := strings.TrimSpace(f.Query); s != "" {
		like := "%" + strings.ToLower(s) + "%"
		q += " AND (LOWER(p.first_name) LIKE ? OR LOWER(p.last_name) LIKE ? OR LOWER(p.preferred_name) LIKE ? OR LOWER(p.medicaid_id) LIKE ?)"
		args = append(args, like, like, like, like)
	}
	if f.ProgramID != 0 {
		q += " AND p.id IN (SELECT e.participant_id FROM enrollment e WHERE e.program_id = ? AND e.end_date IS NULL)"
		args = append(args, f.ProgramID)
	}
	if f.Status != "" {
		q += " AND p.status = ?"
		args = append(args, f.Status)
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	q += " ORDER BY p.last_name, p.first_name, p.id LIMIT " + strconv.Itoa(limit) + " OFFSET " + strconv.Itoa(max(f.Offset, 0))
	var out []goldthread.Participant
	err := db.WriteTx(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("store.ListParticipants: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanParticipant(rows)
			if err != nil {
				return fmt.Errorf("store.ListParticipants: %w", err)
			}
			out = append(out, p)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionList, "participant", 0, 0)
		ev.Detail = fmt.Sprintf("results=%d", len(out))
		return tx.Audit(ctx, ev)
	})
	return out, err
}

// Participant returns one participant with enrollments and assigned peers
// when the actor may reach them, and audits the read. A participant out of
// reach is ENOTFOUND (not EFORBIDDEN: the answer must not reveal that the
// record exists), and the denied attempt is audited too.
func (db *DB) Participant(ctx context.Context, actor goldthread.Actor, id int64) (goldthread.Participant, error) {
	scope, args := participantInReach(actor)
	var p goldthread.Participant
	var denied bool
	err := db.WriteTx(ctx, func(tx *Tx) error {
		var err error
		p, err = scanParticipant(tx.QueryRow(ctx, "SELECT "+participantColumns+" FROM participant p WHERE p.id = ? AND "+scope,
			append([]any{id}, args...)...))
		if err != nil {
			err = notFound(err, "No participant %d on your caseload. Ask your supervisor if you need access.", id)
			if goldthread.ErrorKind(err) == goldthread.ENOTFOUND {
				denied = true
			}
			return err
		}
		if p.Enrollments, err = enrollments(ctx, tx, id); err != nil {
			return err
		}
		if p.AssignedPeers, err = assignedPeers(ctx, tx, id); err != nil {
			return err
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionRead, "participant", id, id))
	})
	if denied {
		db.WriteTx(ctx, func(tx *Tx) error {
			ev := auditFor(actor, goldthread.ActionRead, "participant", id, 0)
			ev.Outcome, ev.Detail = goldthread.OutcomeDenied, "out_of_scope_or_missing"
			return tx.Audit(ctx, ev)
		})
	}
	return p, err
}

func enrollments(ctx context.Context, tx *Tx, participantID int64) ([]goldthread.Enrollment, error) {
	rows, err := tx.Query(ctx, `SELECT e.id, e.program_id, g.name, g.rule_pack, e.start_date, e.end_date, e.end_reason FROM enrollment e
		JOIN program g ON g.id = e.program_id WHERE e.participant_id = ? ORDER BY e.start_date, e.id`, participantID)
	if err != nil {
		return nil, fmt.Errorf("store.enrollments: %w", err)
	}
	defer rows.Close()
	var out []goldthread.Enrollment
	for rows.Next() {
		var e goldthread.Enrollment
		if err := rows.Scan(&e.ID, &e.ProgramID, &e.ProgramName, &e.RulePack, &e.Start, &e.End, &e.EndReason); err != nil {
			return nil, fmt.Errorf("store.enrollments: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func assignedPeers(ctx context.Context, tx *Tx, participantID int64) ([]goldthread.CaseloadAssignment, error) {
	rows, err := tx.Query(ctx, `SELECT c.peer_id, u.name, c.start_date, c.end_date FROM caseload c
		JOIN app_user u ON u.id = c.peer_id WHERE c.participant_id = ? AND c.end_date IS NULL ORDER BY c.start_date, c.id`, participantID)
	if err != nil {
		return nil, fmt.Errorf("store.assignedPeers: %w", err)
	}
	defer rows.Close()
	var out []goldthread.CaseloadAssignment
	for rows.Next() {
		var c goldthread.CaseloadAssignment
		if err := rows.Scan(&c.PeerID, &c.PeerName, &c.Start, &c.End); err != nil {
			return nil, fmt.Errorf("store.assignedPeers: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
