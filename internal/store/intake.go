package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// registers reports whether the actor may register participants: the
// people who run intake (supervisors, clinicians, administrators) and a
// command's operator (the demo, the seed, test fixtures). An actor with
// none of these roles is refused, whatever else it carries.
func registers(actor goldthread.Actor) bool {
	return actor.IsOperator() || goldthread.CanRegisterParticipants(actor)
}

// RegisterParticipant runs an intake in one transaction: the participant
// record, their enrolment in in.ProgramID from in.Start (today on the
// program's clock when zero) and their place on in.PeerID's caseload.
// Nothing is saved unless all three are.
//
// Refusals, each naming the field:
//   - EFORBIDDEN: the actor does not run intake;
//   - EINVALID: a field of the record (Participant.Validate), a Medicaid ID
//     not of the program's payer's shape (medicaid_id), an unknown or
//     inactive program (program_id), a start more than 90 days ahead
//     (start_date), a peer who is not an active peer specialist of the
//     agency, not on a supervisor's team, or whose caseload is at the limit
//     of the agency's effective rule pack (peer_id);
//   - ECONFLICT on medicaid_id: a participant of the agency already has
//     that Medicaid ID (the same person: open their record instead);
//   - ECONFLICT on not_duplicate: a participant with the same name and
//     date of birth exists and the registrar has not said it is somebody
//     else (FindDuplicates lists them).
//
// Audited: the participant, the enrolment and the caseload place.
func (db *DB) RegisterParticipant(ctx context.Context, actor goldthread.Actor, in *goldthread.Intake) error {
	if !registers(actor) {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "Only supervisors, clinicians and administrators register participants.")
	}
	return db.WriteTx(ctx, func(tx *Tx) error { return registerTx(ctx, tx, actor, in) })
}

// registerTx is RegisterParticipant inside tx (imports run it per row).
func registerTx(ctx context.Context, tx *Tx, actor goldthread.Actor, in *goldthread.Intake) error {
	switch {
	case in.ProgramID <= 0:
		return goldthread.FieldError("program_id", "Choose the program the participant joins.")
	case in.PeerID <= 0:
		return goldthread.FieldError("peer_id", "Choose the peer specialist who will serve the participant.")
	}
	p := &in.Participant
	prog, pack, today, err := enrolmentProgram(ctx, tx, actor.AgencyID, in.ProgramID)
	if err != nil {
		return err
	}
	if err := p.Validate(today); err != nil {
		return err
	}
	if !pack.MemberIDFits(p.MedicaidID) {
		return memberIDError(prog, pack)
	}
	if in.Start.IsZero() {
		in.Start = today
	}
	if err := (goldthread.Enrollment{Start: in.Start}).ValidateStart(today, p.BirthDate); err != nil {
		return err
	}
	if err := refuseDuplicates(ctx, tx, actor, *p, 0, in.NotDuplicate); err != nil {
		return err
	}
	if err := checkAssignablePeer(ctx, tx, actor, in.PeerID); err != nil {
		return err
	}
	if err := checkCaseloadRoom(ctx, tx, actor.AgencyID, in.PeerID, 0, prog.RulePack); err != nil {
		return err
	}
	if err := insertParticipant(ctx, tx, actor, p); err != nil {
		return err
	}
	if err := insertEnrolment(ctx, tx, actor, p.ID, prog.ID, in.Start); err != nil {
		return err
	}
	return insertCaseload(ctx, tx, actor, p.ID, in.PeerID, in.Start)
}

// insertParticipant writes p into the actor's agency and audits it. p
// must be valid; refused when another participant of the agency has its
// Medicaid ID.
func insertParticipant(ctx context.Context, tx *Tx, actor goldthread.Actor, p *goldthread.Participant) error {
	if err := refuseSameMedicaidID(ctx, tx, actor, p.MedicaidID, 0); err != nil {
		return err
	}
	p.AgencyID, p.Created = actor.AgencyID, tx.now
	id, err := tx.insert(ctx, `INSERT INTO participant (agency_id, first_name, last_name, preferred_name, pronouns, birth_date, gender,
		medicaid_id, phone, email, addr_line1, addr_city, addr_state, addr_postal, language, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.AgencyID, p.FirstName, p.LastName, p.PreferredName, p.Pronouns, p.BirthDate, p.Gender, p.MedicaidID, p.Phone, p.Email,
		p.Address.Line1, p.Address.City, p.Address.State, p.Address.PostalCode, p.Language, p.Status, tx.now, tx.now)
	if err != nil {
		return fmt.Errorf("store.insertParticipant: %w", err)
	}
	p.ID = id
	return tx.Audit(ctx, auditFor(actor, goldthread.ActionCreate, "participant", id, id))
}

// enrolmentProgram returns an active program of the agency with its
// effective rule pack and today on the program's clock; EINVALID on
// program_id otherwise.
func enrolmentProgram(ctx context.Context, tx *Tx, agencyID, programID int64) (goldthread.Program, *rules.Pack, goldthread.Date, error) {
	prog, err := scanProgram(tx.QueryRow(ctx, "SELECT "+programColumns+" FROM program WHERE id = ? AND agency_id = ?", programID, agencyID))
	if err != nil || !prog.Active {
		return prog, nil, goldthread.Date{}, goldthread.FieldError("program_id", "Choose one of the agency's active programs.")
	}
	pack, err := AgencyPack(ctx, tx, agencyID, prog.RulePack)
	if err != nil {
		return prog, nil, goldthread.Date{}, err
	}
	zone, err := programZone(ctx, tx, agencyID, programID)
	if err != nil {
		return prog, nil, goldthread.Date{}, err
	}
	return prog, pack, goldthread.DateIn(tx.now, zone), nil
}

// memberIDError says what the program's payer's IDs look like.
func memberIDError(prog goldthread.Program, pack *rules.Pack) error {
	return goldthread.FieldError("medicaid_id", "This does not look like a member ID of %s: they look like %s (%s). Check the card, or leave it empty until the participant has one.",
		pack.Payer, pack.Member.IDExample.Value, prog.Name)
}

// refuseSameMedicaidID refuses a Medicaid ID another participant of the
// agency (not except) already has: it names one person.
func refuseSameMedicaidID(ctx context.Context, tx *Tx, actor goldthread.Actor, medicaidID string, except int64) error {
	if medicaidID == "" {
		return nil
	}
	var other int64
	err := tx.QueryRow(ctx, "SELECT id FROM participant WHERE agency_id = ? AND medicaid_id = ? AND id <> ? ORDER BY id LIMIT 1",
		actor.AgencyID, medicaidID, except).Scan(&other)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store.refuseSameMedicaidID: %w", err)
	}
	return goldthread.FieldConflict("medicaid_id", "Participant %d already has this Medicaid ID: it is the same person. Open their record instead, or check the number on the card.", other)
}

// refuseDuplicates refuses an intake that repeats a participant of the
// agency: the same Medicaid ID always, the same name and date of birth
// unless the registrar confirmed it is someone else.
func refuseDuplicates(ctx context.Context, tx *Tx, actor goldthread.Actor, p goldthread.Participant, except int64, notDuplicate bool) error {
	if err := refuseSameMedicaidID(ctx, tx, actor, p.MedicaidID, except); err != nil {
		return err
	}
	if notDuplicate {
		return nil
	}
	found, err := duplicates(ctx, tx, actor, p, except)
	if err != nil {
		return err
	}
	if len(found) > 0 {
		return goldthread.FieldConflict("not_duplicate", "%d %{participant|participants} with the same name and date of birth %{is|are} registered already. Check them; if this is somebody else, say so and register again.", len(found))
	}
	return nil
}

// FindDuplicates lists participants of the actor's agency that p may
// describe again: the same Medicaid ID, or the same first and last name
// (folded: case and accents ignored, preferred names count) and date of
// birth. A candidate outside the actor's reach comes without a name. The
// search is audited (how many were found, not who). EFORBIDDEN for actors
// who do not run intake.
func (db *DB) FindDuplicates(ctx context.Context, actor goldthread.Actor, p goldthread.Participant) ([]goldthread.DuplicateCandidate, error) {
	if !registers(actor) {
		return nil, goldthread.Errorf(goldthread.EFORBIDDEN, "Only supervisors, clinicians and administrators register participants.")
	}
	p.MedicaidID = goldthread.NormalizeMedicaidID(p.MedicaidID)
	var out []goldthread.DuplicateCandidate
	err := db.WriteTx(ctx, func(tx *Tx) error {
		var err error
		if out, err = duplicates(ctx, tx, actor, p, 0); err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionList, "participant", 0, 0)
		ev.Detail = fmt.Sprintf("duplicate_check results=%d", len(out))
		return tx.Audit(ctx, ev)
	})
	return out, err
}

// duplicates finds the candidates for p (FindDuplicates), the Medicaid ID
// matches first. The SQL narrows by date of birth or Medicaid ID; names
// are compared folded in Go, which no engine does alike.
func duplicates(ctx context.Context, tx *Tx, actor goldthread.Actor, p goldthread.Participant, except int64) ([]goldthread.DuplicateCandidate, error) {
	if p.BirthDate.IsZero() && p.MedicaidID == "" {
		return nil, nil
	}
	scope, scopeArgs := participantScope(actor)
	q := `SELECT p.id, p.first_name, p.last_name, p.preferred_name, p.birth_date, p.medicaid_id, ` + scopeCase(scope) + `
		FROM participant p WHERE p.agency_id = ? AND p.id <> ? AND (p.birth_date = ? OR (p.medicaid_id <> '' AND p.medicaid_id = ?))
		ORDER BY p.id`
	args := append(append([]any{}, scopeArgs...), actor.AgencyID, except, p.BirthDate, p.MedicaidID)
	first, last := goldthread.FoldName(p.FirstName), goldthread.FoldName(p.LastName)
	preferred := goldthread.FoldName(p.PreferredName)
	var byID, byName []goldthread.DuplicateCandidate
	err := scanAll(ctx, tx, q, args, func(r scanner) error {
		var c goldthread.DuplicateCandidate
		var f, l, pref, mid string
		var reach int
		if err := r.Scan(&c.ID, &f, &l, &pref, &c.BirthDate, &mid, &reach); err != nil {
			return err
		}
		c.InReach = reach == 1
		if c.InReach {
			c.Name = strings.TrimSpace(f + " " + l)
		}
		switch {
		case p.MedicaidID != "" && mid == p.MedicaidID:
			c.Reason = goldthread.DuplicateMedicaidID
			byID = append(byID, c)
		case c.BirthDate.Equal(p.BirthDate.Time) && goldthread.FoldName(l) == last &&
			(goldthread.FoldName(f) == first || goldthread.FoldName(pref) == first || (preferred != "" && goldthread.FoldName(f) == preferred)):
			c.Reason = goldthread.DuplicateNameBirthDate
			byName = append(byName, c)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store.duplicates: %w", err)
	}
	return append(byID, byName...), nil
}

// scopeCase turns a scope condition into a column that says whether the
// row is in reach.
func scopeCase(scope string) string {
	return "CASE WHEN " + scope + " THEN 1 ELSE 0 END"
}

// AssignablePeers lists the peer specialists the actor may assign at an
// intake into programID (all active peers for administrators and
// clinicians; a supervisor's team and themselves when they are a peer),
// by name, each with their active caseload and the limit that would bind
// them with that program added. No participant is named, so the list is
// not audited. EFORBIDDEN for actors who do not run intake; EINVALID on
// program_id for a program not of the agency.
func (db *DB) AssignablePeers(ctx context.Context, actor goldthread.Actor, programID int64) ([]goldthread.PeerChoice, error) {
	if !registers(actor) {
		return nil, goldthread.Errorf(goldthread.EFORBIDDEN, "Only supervisors, clinicians and administrators register participants.")
	}
	var out []goldthread.PeerChoice
	err := db.ReadTx(ctx, func(tx *Tx) error {
		var newPack string
		if programID != 0 {
			prog, err := scanProgram(tx.QueryRow(ctx, "SELECT "+programColumns+" FROM program WHERE id = ? AND agency_id = ?", programID, actor.AgencyID))
			if err != nil {
				return goldthread.FieldError("program_id", "Choose one of the agency's programs.")
			}
			newPack = prog.RulePack
		}
		q := `SELECT u.id, u.name FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = ?
			WHERE u.agency_id = ? AND u.active = ?`
		args := []any{string(goldthread.RolePeer), actor.AgencyID, true}
		if !actor.IsOperator() && !actor.Has(goldthread.RoleAdministrator) && !actor.Has(goldthread.RoleClinician) {
			q += " AND (u.id = ? OR u.id IN (SELECT l.peer_id FROM supervision_link l WHERE l.supervisor_id = ? AND l.agency_id = ?))"
			args = append(args, actor.UserID, actor.UserID, actor.AgencyID)
		}
		err := scanAll(ctx, tx, q+" ORDER BY u.name, u.id", args, func(r scanner) error {
			var c goldthread.PeerChoice
			out = append(out, c)
			return r.Scan(&out[len(out)-1].ID, &out[len(out)-1].Name)
		})
		if err != nil {
			return err
		}
		sizes, err := caseloadSizes(ctx, tx, actor.AgencyID, nil)
		if err != nil {
			return err
		}
		byPeer, _, err := peerPacks(ctx, tx, actor.AgencyID, nil)
		if err != nil {
			return err
		}
		settings, err := agencySettings(ctx, tx, actor.AgencyID)
		if err != nil {
			return err
		}
		packOf := packReader(ctx, tx, actor.AgencyID)
		for i := range out {
			packs := byPeer[out[i].ID]
			if newPack != "" && !slices.Contains(packs, newPack) {
				packs = append(slices.Clone(packs), newPack)
			}
			limit, err := caseloadLimit(packOf, packs, settings)
			if err != nil {
				return err
			}
			out[i].Caseload, out[i].Limit = sizes[out[i].ID], limit.Value
		}
		return nil
	})
	return out, err
}

// IntakePrograms lists the agency's active programs an intake may enrol
// into, each with an example of its payer's member IDs. EFORBIDDEN for
// actors who do not run intake.
func (db *DB) IntakePrograms(ctx context.Context, actor goldthread.Actor) ([]goldthread.IntakeProgram, error) {
	if !registers(actor) {
		return nil, goldthread.Errorf(goldthread.EFORBIDDEN, "Only supervisors, clinicians and administrators register participants.")
	}
	var out []goldthread.IntakeProgram
	err := db.ReadTx(ctx, func(tx *Tx) error {
		err := scanAll(ctx, tx, "SELECT "+programColumns+" FROM program WHERE agency_id = ? AND active = ? ORDER BY name, id",
			[]any{actor.AgencyID, true}, func(r scanner) error {
				p, err := scanProgram(r)
				out = append(out, goldthread.IntakeProgram{Program: p})
				return err
			})
		if err != nil {
			return err
		}
		for i := range out {
			pack, err := AgencyPack(ctx, tx, actor.AgencyID, out[i].RulePack)
			if err != nil {
				return err
			}
			out[i].MemberIDExample = pack.Member.IDExample.Value
		}
		return nil
	})
	return out, err
}
