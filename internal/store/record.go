package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
)

// The participant's record as it is read in full and as it leaves the
// agency (ONC (d)(10)/(11), 42 CFR Part 2).

// DisclosureRequest says who receives a copy of the record and why. A
// participant's own account always discloses to themselves (OwnRequest);
// staff either hand the participant their own copy at their request
// (OwnRequest) or release it to Recipient under a consent in effect.
type DisclosureRequest struct {
	Recipient   string `json:"recipient"`
	Purpose     string `json:"purpose"`
	Information string `json:"information"`
	OwnRequest  bool   `json:"own_request"`
	Format      string `json:"format"`
}

// recordInformation describes what a full export holds.
const recordInformation = "Complete record: demographics, signed plans with crisis plans, signed notes with addenda, amendment requests"

// mayDisclose: the participant themselves, and the staff who work with
// them. Billing, auditors and administrators read (or not) but never send a
// record out.
func mayDisclose(actor goldthread.Actor) bool {
	return actor.Has(goldthread.RoleParticipant) || actor.Has(goldthread.RolePeer) ||
		actor.Has(goldthread.RoleSupervisor) || actor.Has(goldthread.RoleClinician)
}

// recordTx reads the record of participantID in the actor's reach:
// demographics, signed plans (superseded versions too) with crisis plans,
// signed notes with addenda (never drafts), amendment requests, the Part 2
// flag, and the integrity check of every signed item (Checks).
func recordTx(ctx context.Context, tx *Tx, actor goldthread.Actor, participantID int64) (goldthread.Record, []goldthread.Integrity, error) {
	var rec goldthread.Record
	scope, args := participantScope(actor)
	p, err := scanParticipant(tx.QueryRow(ctx, "SELECT "+participantColumns+" FROM participant p WHERE p.id = ? AND "+scope,
		append([]any{participantID}, args...)...))
	if err != nil {
		return rec, nil, notFound(err, "No participant %d in your reach.", participantID)
	}
	if p.Enrollments, err = enrollments(ctx, tx, participantID); err != nil {
		return rec, nil, err
	}
	if p.AssignedPeers, err = assignedPeers(ctx, tx, participantID); err != nil {
		return rec, nil, err
	}
	rec.Participant, rec.Generated = p, tx.now
	if err := tx.QueryRow(ctx, "SELECT name FROM agency WHERE id = ?", p.AgencyID).Scan(&rec.AgencyName); err != nil {
		return rec, nil, fmt.Errorf("store.recordTx: %w", err)
	}
	var checks []goldthread.Integrity
	ids := func(q string) ([]int64, error) {
		var out []int64
		err := scanAll(ctx, tx, q, []any{participantID, p.AgencyID, goldthread.NoteSigned}, func(r scanner) error {
			var id int64
			err := r.Scan(&id)
			out = append(out, id)
			return err
		})
		return out, err
	}
	planIDs, err := ids("SELECT id FROM plan WHERE participant_id = ? AND agency_id = ? AND status = ? ORDER BY program_id, version DESC")
	if err != nil {
		return rec, nil, err
	}
	for _, id := range planIDs {
		pl, err := loadPlan(ctx, tx, actor, id)
		if err != nil {
			return rec, nil, err
		}
		rec.Plans = append(rec.Plans, pl)
		c, err := planIntegrityTx(ctx, tx, id)
		if err != nil {
			return rec, nil, err
		}
		checks = append(checks, c)
	}
	noteIDs, err := ids("SELECT id FROM service_note WHERE participant_id = ? AND agency_id = ? AND status = ? ORDER BY service_date DESC, id DESC")
	if err != nil {
		return rec, nil, err
	}
	for _, id := range noteIDs {
		n, err := loadNote(ctx, tx, actor, id)
		if err != nil {
			return rec, nil, err
		}
		n.Dismissals = nil // the coach's working notes are not part of the record
		rec.Notes = append(rec.Notes, n)
		c, err := noteIntegrityTx(ctx, tx, id)
		if err != nil {
			return rec, nil, err
		}
		checks = append(checks, c)
	}
	if rec.Amendments, err = amendmentsTx(ctx, tx, participantID, 0); err != nil {
		return rec, nil, err
	}
	rec.Part2 = p.Part2
	return rec, checks, nil
}

// part2Column is the rule that makes a record a 42 CFR Part 2 record, as
// a column of participant p: the participant has, or had, an enrolment in
// a program of their agency marked Part 2. Part 2 follows the records a
// program makes, not the consent that lets them be shared, so an ended
// enrolment still counts; and the whole record is treated as Part 2,
// because its notes and plans are not kept apart by program when it leaves
// the agency. Every participant read (lists, pages, the record export)
// carries it.
const part2Column = `EXISTS (SELECT 1 FROM enrollment e JOIN program g ON g.id = e.program_id
	WHERE e.participant_id = p.id AND g.agency_id = p.agency_id AND g.part2 = TRUE)`

// ParticipantRecord reads the whole record for the screen (the
// participant's "my record" page) with the integrity check of each signed
// item, and audits the read. ENOTFOUND out of reach.
func (db *DB) ParticipantRecord(ctx context.Context, actor goldthread.Actor, participantID int64) (goldthread.Record, []goldthread.Integrity, error) {
	var rec goldthread.Record
	var checks []goldthread.Integrity
	err := db.WriteTx(ctx, func(tx *Tx) error {
		var err error
		if rec, checks, err = recordTx(ctx, tx, actor, participantID); err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionRead, "record", participantID, participantID)
		ev.Detail = fmt.Sprintf("plans=%d notes=%d", len(rec.Plans), len(rec.Notes))
		return tx.Audit(ctx, ev)
	})
	return rec, checks, err
}

// ExportRecord discloses the record of participantID: it reads the record,
// hands it to render (which writes the copy, a PDF or JSON, and returns the
// SHA-256 of its content), and writes the disclosure row and its audit
// event, all in one transaction, so no copy leaves without its line in the
// accounting of disclosures.
//
// The participant's own account always receives their own copy. Staff who
// reach the participant (peer, supervisor, clinician) either give the
// participant their own copy (req.OwnRequest) or release it to
// req.Recipient, which needs a consent naming that recipient in effect
// today, and for a record of a Part 2 program a 42 CFR Part 2 consent
// specifically: refused with EINVALID on recipient otherwise (the refusal is
// audited). EFORBIDDEN for other roles; ENOTFOUND out of reach.
func (db *DB) ExportRecord(ctx context.Context, actor goldthread.Actor, participantID int64, req DisclosureRequest,
	render func(goldthread.Record) (string, error)) (goldthread.Disclosure, error) {
	if !mayDisclose(actor) {
		return goldthread.Disclosure{}, goldthread.Errorf(goldthread.EFORBIDDEN, "Only the participant and the staff who work with them send a copy of the record.")
	}
	self := actor.Has(goldthread.RoleParticipant) && actor.ParticipantID == participantID
	req.Recipient, req.Purpose, req.Information = strings.TrimSpace(req.Recipient), strings.TrimSpace(req.Purpose), strings.TrimSpace(req.Information)
	if self || req.OwnRequest {
		req.OwnRequest, req.Recipient = true, goldthread.OwnRequestRecipient
		if req.Purpose == "" {
			req.Purpose = "The participant's own copy (right of access)"
		}
	} else {
		switch {
		case req.Recipient == "":
			return goldthread.Disclosure{}, goldthread.FieldError("recipient", "Enter who receives the record, exactly as the consent names them.")
		case req.Purpose == "":
			return goldthread.Disclosure{}, goldthread.FieldError("purpose", "Enter why the record is shared.")
		}
	}
	if req.Information == "" {
		req.Information = recordInformation
	}
	if req.Format == "" {
		req.Format = goldthread.FormatPDF
	}
	var out goldthread.Disclosure
	var refused error
	err := db.WriteTx(ctx, func(tx *Tx) error {
		rec, _, err := recordTx(ctx, tx, actor, participantID)
		if err != nil {
			return err
		}
		var consent goldthread.Consent
		if !req.OwnRequest {
			today, err := agencyToday(ctx, tx, actor.AgencyID)
			if err != nil {
				return err
			}
			if consent, err = consentFor(ctx, tx, participantID, req.Recipient, rec.Part2, today); err != nil {
				refused = err
				return err
			}
		}
		hash, err := render(rec)
		if err != nil {
			return err
		}
		out = goldthread.Disclosure{ParticipantID: participantID, Recipient: req.Recipient, Purpose: req.Purpose, Information: req.Information,
			ConsentID: consent.ID, ConsentKind: consent.Kind, OwnRequest: req.OwnRequest, Format: req.Format, ContentHash: hash,
			Part2: rec.Part2}
		return insertDisclosure(ctx, tx, actor, &out)
	})
	if refused != nil {
		db.WriteTx(ctx, func(tx *Tx) error {
			ev := auditFor(actor, goldthread.ActionExport, "record", 0, participantID)
			ev.Outcome, ev.Detail = goldthread.OutcomeDenied, "no_consent_in_effect"
			return tx.Audit(ctx, ev)
		})
	}
	return out, err
}

// insertDisclosure writes d as a line of the accounting of disclosures,
// made by actor now, and its audit event (an export of the record), filling
// d's id, who and when.
func insertDisclosure(ctx context.Context, tx *Tx, actor goldthread.Actor, d *goldthread.Disclosure) error {
	d.ByID, d.ByRole, d.At = actor.UserID, actor.PrimaryRole(), tx.now
	if err := tx.QueryRow(ctx, "SELECT name FROM app_user WHERE id = ?", actor.UserID).Scan(&d.ByName); err != nil {
		return fmt.Errorf("store.insertDisclosure: %w", err)
	}
	var err error
	d.ID, err = tx.insert(ctx, `INSERT INTO disclosure (agency_id, participant_id, recipient, purpose, information, consent_id,
		own_request, format, content_hash, part2, disclosed_by, by_role, disclosed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		actor.AgencyID, d.ParticipantID, d.Recipient, d.Purpose, d.Information, nullID(d.ConsentID), d.OwnRequest, d.Format,
		d.ContentHash, d.Part2, d.ByID, string(d.ByRole), d.At)
	if err != nil {
		return fmt.Errorf("store.insertDisclosure: %w", err)
	}
	ev := auditFor(actor, goldthread.ActionExport, "record", d.ID, d.ParticipantID)
	ev.Detail = "format=" + d.Format + " own_request=" + strconv.FormatBool(d.OwnRequest) + " consent=" + strconv.FormatInt(d.ConsentID, 10)
	return tx.Audit(ctx, ev)
}

// consentFor finds the consent in effect on day that lets the record go to
// recipient (compared without regard to case or surrounding spaces): for a
// Part 2 record only a Part 2 consent will do (42 CFR 2.31), and a general
// release naming the same recipient is refused with a message saying so.
func consentFor(ctx context.Context, tx *Tx, participantID int64, recipient string, part2 bool, day goldthread.Date) (goldthread.Consent, error) {
	var found goldthread.Consent
	ok, general := false, false
	err := scanAll(ctx, tx, "SELECT "+consentColumns+` FROM consent c WHERE c.participant_id = ? AND LOWER(c.recipient) = ?
		ORDER BY c.signed_on DESC, c.id DESC`, []any{participantID, strings.ToLower(recipient)}, func(r scanner) error {
		c, err := scanConsent(r)
		if err != nil || ok || !c.InEffectOn(day) {
			return err
		}
		if part2 && c.Kind != goldthread.ConsentPart2 {
			general = true
			return nil
		}
		found, ok = c, true
		return nil
	})
	switch {
	case err != nil:
		return found, err
	case ok:
		return found, nil
	case general:
		return found, goldthread.FieldError("recipient", "This record is from a 42 CFR Part 2 program: sharing it with %s needs a Part 2 consent naming them, in effect today. A general release is not enough.", recipient)
	}
	return found, goldthread.FieldError("recipient", "No consent in effect today lets us share this record with %s. Record the participant's signed consent first, and check the recipient is named exactly as on it.", recipient)
}

// Disclosures lists the accounting of disclosures of a participant, newest
// first, for the participant themselves and the staff who reach them
// (billing-only and administrator accounts are refused), and audits the
// read. ENOTFOUND out of reach.
func (db *DB) Disclosures(ctx context.Context, actor goldthread.Actor, participantID int64) ([]goldthread.Disclosure, error) {
	if !mayDisclose(actor) && !actor.Has(goldthread.RoleAuditor) {
		return nil, goldthread.Errorf(goldthread.EFORBIDDEN, "The accounting of disclosures is for the participant, their care team, clinicians and auditors.")
	}
	var out []goldthread.Disclosure
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, participantID); err != nil {
			return err
		}
		if err := scanAll(ctx, tx, `SELECT d.id, d.participant_id, d.recipient, d.purpose, d.information, COALESCE(d.consent_id, 0),
			COALESCE(c.kind, ''), d.own_request, d.format, d.content_hash, d.part2, d.disclosed_by, u.name, d.by_role, d.disclosed_at
			FROM disclosure d JOIN app_user u ON u.id = d.disclosed_by LEFT JOIN consent c ON c.id = d.consent_id
			WHERE d.participant_id = ? AND d.agency_id = ? ORDER BY d.disclosed_at DESC, d.id DESC`,
			[]any{participantID, actor.AgencyID}, func(r scanner) error {
				var d goldthread.Disclosure
				var role string
				err := r.Scan(&d.ID, &d.ParticipantID, &d.Recipient, &d.Purpose, &d.Information, &d.ConsentID, &d.ConsentKind, &d.OwnRequest,
					&d.Format, &d.ContentHash, &d.Part2, &d.ByID, &d.ByName, &role, &d.At)
				d.ByRole, d.At = goldthread.Role(role), d.At.UTC()
				out = append(out, d)
				return err
			}); err != nil {
			return err
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionList, "disclosure", 0, participantID))
	})
	return out, err
}
