package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/fhir"
	"github.com/goldthread/goldthread/internal/rules"
)

// mayExportFHIR: the roles that read the clinical record (plans in the
// participant's words, the goals of each service) — the participant
// themselves, peers, supervisors, clinicians and auditors. Billing works
// from claims and never needs the record as a whole (minimum necessary);
// an administrator reads no record at all.
func mayExportFHIR(actor goldthread.Actor) bool {
	for _, r := range []goldthread.Role{goldthread.RoleParticipant, goldthread.RolePeer, goldthread.RoleSupervisor,
		goldthread.RoleClinician, goldthread.RoleAuditor} {
		if actor.Has(r) {
			return true
		}
	}
	return false
}

// FHIRRecord reads what the FHIR R4 export of participantID needs (the
// participant, signed plans with goals, signed notes — never drafts — their
// consents, the programs, each note's HCPCS code under the program's rule
// pack with the agency's overrides, and the agency's clock) and audits the
// read as a read of the participant (record type "fhir_bundle"), all in one
// transaction. Scope is recordTx's: a peer their caseload, a supervisor
// their team's, clinicians and auditors the agency, a participant
// themselves. Returns EFORBIDDEN for an actor holding none of those roles
// (billing, administrator), ENOTFOUND when the participant is out of reach.
func (db *DB) FHIRRecord(ctx context.Context, actor goldthread.Actor, participantID int64) (fhir.Source, error) {
	var src fhir.Source
	if !mayExportFHIR(actor) {
		return src, goldthread.Errorf(goldthread.EFORBIDDEN, "The FHIR export is for the participant and the staff who read their record.")
	}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		var err error
		if src, err = fhirSourceTx(ctx, tx, actor, participantID); err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionRead, "fhir_bundle", participantID, participantID)
		ev.Detail = fhirAuditDetail(src)
		return tx.Audit(ctx, ev)
	})
	return src, err
}

func fhirAuditDetail(src fhir.Source) string {
	return fmt.Sprintf("plans=%d notes=%d consents=%d documents=%t", len(src.Record.Plans), len(src.Record.Notes), len(src.Consents), src.Documents)
}

// fhirSourceTx reads, in tx and in the actor's reach, everything the FHIR
// mapper needs about participantID.
func fhirSourceTx(ctx context.Context, tx *Tx, actor goldthread.Actor, participantID int64) (fhir.Source, error) {
	var src fhir.Source
	rec, _, err := recordTx(ctx, tx, actor, participantID)
	if err != nil {
		return src, err
	}
	src.Record = rec
	if err := scanAll(ctx, tx, "SELECT "+consentColumns+" FROM "+consentFrom+` WHERE c.participant_id = ? AND c.agency_id = ?
		ORDER BY c.signed_on DESC, c.id DESC`, []any{participantID, rec.Participant.AgencyID}, func(r scanner) error {
		c, err := scanConsent(r)
		src.Consents = append(src.Consents, c)
		return err
	}); err != nil {
		return src, err
	}
	src.Programs = map[int64]goldthread.Program{}
	if err := scanAll(ctx, tx, "SELECT "+programColumns+" FROM program WHERE agency_id = ?", []any{rec.Participant.AgencyID},
		func(r scanner) error {
			p, err := scanProgram(r)
			src.Programs[p.ID] = p
			return err
		}); err != nil {
		return src, err
	}
	if src.Zone, err = agencyZone(ctx, tx, rec.Participant.AgencyID); err != nil {
		return src, err
	}
	src.Today = goldthread.DateIn(tx.now, src.Zone)
	if src.ServiceCodes, err = serviceCodes(ctx, tx, rec, src.Programs); err != nil {
		return src, err
	}
	if err := fhirPeople(ctx, tx, &src); err != nil {
		return src, err
	}
	src.Documents = seesNarrative(actor)
	return src, nil
}

// DiscloseFHIR gives a participant their own record as a FHIR R4 Bundle
// (their right of access, 21st Century Cures Act): it reads what
// FHIRRecord reads, hands it to render (which writes the Bundle and
// returns the SHA-256 of its bytes), and writes the disclosure row
// (recipient: the participant's own request, format "fhir") and its audit
// event, all in one transaction, so no copy leaves without its line in the
// accounting of disclosures. Only the participant's own account:
// ENOTFOUND for anyone else (staff export through FHIRRecord, a read).
func (db *DB) DiscloseFHIR(ctx context.Context, actor goldthread.Actor, participantID int64, render func(fhir.Source) (string, error)) (goldthread.Disclosure, error) {
	var out goldthread.Disclosure
	if !actor.Has(goldthread.RoleParticipant) || actor.ParticipantID != participantID {
		return out, goldthread.Errorf(goldthread.ENOTFOUND, "No such record.")
	}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		src, err := fhirSourceTx(ctx, tx, actor, participantID)
		if err != nil {
			return err
		}
		hash, err := render(src)
		if err != nil {
			return err
		}
		out = goldthread.Disclosure{ParticipantID: participantID, Recipient: goldthread.OwnRequestRecipient,
			Purpose: "The participant's own copy (right of access)", Information: sectionNames(goldthread.RecordSections), Sections: goldthread.RecordSections, OwnRequest: true,
			Format: goldthread.FormatFHIR, ContentHash: hash, Part2: src.Record.Part2}
		return insertDisclosure(ctx, tx, actor, &out)
	})
	return out, err
}

// fhirPeople reads the agency (name, billing identity) and everyone who
// signed or approved something in the record, with their credentials, and
// the supervisors' approvals of each note.
func fhirPeople(ctx context.Context, tx *Tx, src *fhir.Source) error {
	agencyID := src.Record.Participant.AgencyID
	a, err := scanAgency(tx.QueryRow(ctx, "SELECT "+agencyColumns+" FROM agency WHERE id = ?", agencyID))
	if err != nil {
		return fmt.Errorf("store.fhirPeople: %w", err)
	}
	src.Agency = a
	src.Approvals = map[int64][]goldthread.NoteApproval{}
	ids := map[int64]bool{}
	for _, n := range src.Record.Notes {
		ids[n.AuthorID] = true
		for _, ad := range n.Addenda {
			ids[ad.AuthorID] = true
		}
		aps, err := noteApprovals(ctx, tx, n.ID)
		if err != nil {
			return err
		}
		for _, ap := range aps {
			ids[ap.SupervisorID] = true
		}
		src.Approvals[n.ID] = aps
	}
	for _, pl := range src.Record.Plans {
		for _, s := range pl.Signatures {
			ids[s.UserID] = true
		}
	}
	src.Staff, src.Credentials = map[int64]goldthread.Staff{}, map[int64][]goldthread.Credential{}
	for id := range ids {
		if id == 0 {
			continue
		}
		var s goldthread.Staff
		err := tx.QueryRow(ctx, `SELECT id, agency_id, name, first_name, last_name, credential, npi, taxonomy, active FROM app_user
			WHERE id = ? AND agency_id = ? AND participant_id IS NULL`, id, agencyID).
			Scan(&s.ID, &s.AgencyID, &s.Name, &s.FirstName, &s.LastName, &s.Credential, &s.NPI, &s.Taxonomy, &s.Active)
		if errors.Is(err, sql.ErrNoRows) {
			continue // a participant's own account signed: they are the Patient
		} else if err != nil {
			return fmt.Errorf("store.fhirPeople: %w", err)
		}
		if err := scanAll(ctx, tx, "SELECT role FROM user_role WHERE user_id = ? ORDER BY role", []any{id}, func(r scanner) error {
			var role string
			err := r.Scan(&role)
			s.Roles = append(s.Roles, goldthread.Role(role))
			return err
		}); err != nil {
			return err
		}
		src.Staff[id] = s
		if src.Credentials[id], err = credentialsWhere(ctx, tx, "c.staff_id = ? AND c.agency_id = ?", id, agencyID); err != nil {
			return err
		}
	}
	return nil
}

// serviceCodes finds, per note, the service its program's rule pack (with
// the agency's overrides) bills the note's category under; a note the pack
// bills under no code is left out.
func serviceCodes(ctx context.Context, tx *Tx, rec goldthread.Record, programs map[int64]goldthread.Program) (map[int64]fhir.ServiceCode, error) {
	out := map[int64]fhir.ServiceCode{}
	packs := map[string]*rules.Pack{}
	for _, n := range rec.Notes {
		prog, ok := programs[n.ProgramID]
		if !ok || prog.RulePack == "" {
			continue
		}
		pack, ok := packs[prog.RulePack]
		if !ok {
			var err error
			if pack, err = AgencyPack(ctx, tx, rec.Participant.AgencyID, prog.RulePack); err != nil {
				return nil, err
			}
			packs[prog.RulePack] = pack
		}
		if svc, ok := rules.ServiceFor(pack, n.Category, n.Kind == goldthread.NoteGroup); ok {
			out[n.ID] = fhir.ServiceCode{Code: svc.Code, Display: svc.Description}
		}
	}
	return out, nil
}

// ActorByEmail is the actor of the active staff account signing in with
// email, for commands run on the server on someone's behalf (`goldthread
// fhir export --as`): what they may read is what they could read signed in.
// Participants' own accounts are refused (EFORBIDDEN): the command line is
// for staff. ENOTFOUND when no active account has that email.
func (db *DB) ActorByEmail(ctx context.Context, email string) (goldthread.Actor, error) {
	var actor goldthread.Actor
	err := db.ReadTx(ctx, func(tx *Tx) error {
		var id int64
		if err := tx.QueryRow(ctx, "SELECT id FROM app_user WHERE email = ? AND active = ?",
			NormalizeEmail(email), true).Scan(&id); err != nil {
			return notFound(err, "No active account signs in with %s.", email)
		}
		var err error
		actor, err = loadActor(ctx, tx, id)
		return err
	})
	if err == nil && actor.ParticipantID != 0 {
		return goldthread.Actor{}, goldthread.Errorf(goldthread.EFORBIDDEN, "%s is a participant's account; run the export as a staff member.", email)
	}
	return actor, err
}
