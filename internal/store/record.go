package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
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
	Recipient   string
	Purpose     string
	Information string // ignored: the accounting names the sections sent
	// Sections are the parts of the record to send
	// (goldthread.RecordSections); a release to a recipient holds only
	// sections its consent covers. The participant's own copy holds every
	// section unless fewer are chosen.
	Sections   []string
	OwnRequest bool
	Format     string
}

// recordTx reads the record of participantID in the actor's reach:
// demographics, signed plans (superseded versions too) with crisis plans,
// signed notes with addenda (never drafts), amendment requests, the Part 2
// flag, and the integrity check of every signed item (Checks).
func recordTx(ctx context.Context, tx *Tx, actor goldthread.Actor, participantID int64) (goldthread.Record, []goldthread.Integrity, error) {
	var rec goldthread.Record
	scope, args := participantInReach(actor)
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
// limits it to the sections requested, hands it to render (which writes
// the copy, a PDF or JSON, and returns the SHA-256 of its content), and
// writes the disclosure row (with the sections sent) and its audit event,
// all in one transaction, so no copy leaves without its line in the
// accounting of disclosures.
//
// The participant's own account always receives their own copy. Staff who
// reach the participant (peer, supervisor, clinician) either give the
// participant their own copy (req.OwnRequest) or release it to
// req.Recipient, which needs a consent naming that recipient in effect
// today that covers every section sent. For a record of a Part 2 program
// only a 42 CFR Part 2 consent will do, checked as the agency requires
// (its signed form attached, or verified by a second person), and a peer
// specialist does not release it alone: a supervisor or clinician does.
// Refusals are EINVALID naming recipient or sections, or EFORBIDDEN, and
// are audited. EFORBIDDEN for other roles; ENOTFOUND out of reach.
func (db *DB) ExportRecord(ctx context.Context, actor goldthread.Actor, participantID int64, req DisclosureRequest,
	render func(goldthread.Record) (string, error)) (goldthread.Disclosure, error) {
	if !goldthread.CanDisclose(actor) {
		return goldthread.Disclosure{}, goldthread.Errorf(goldthread.EFORBIDDEN, "Only the participant and the staff who work with them send a copy of the record.")
	}
	self := actor.Has(goldthread.RoleParticipant) && actor.ParticipantID == participantID
	req.Recipient, req.Purpose = strings.TrimSpace(req.Recipient), strings.TrimSpace(req.Purpose)
	if self || req.OwnRequest {
		req.OwnRequest, req.Recipient = true, goldthread.OwnRequestRecipient
		if req.Purpose == "" {
			req.Purpose = "The participant's own copy (right of access)"
		}
		if len(req.Sections) == 0 {
			req.Sections = goldthread.RecordSections
		}
	} else {
		switch {
		case req.Recipient == "":
			return goldthread.Disclosure{}, goldthread.FieldError("recipient", "Enter who receives the record, exactly as the consent names them.")
		case req.Purpose == "":
			return goldthread.Disclosure{}, goldthread.FieldError("purpose", "Enter why the record is shared.")
		case len(req.Sections) == 0:
			return goldthread.Disclosure{}, goldthread.FieldError("sections", "Choose the parts of the record to send: only those the consent covers.")
		}
	}
	sections, err := orderedSections(req.Sections)
	if err != nil {
		return goldthread.Disclosure{}, err
	}
	if req.Format == "" {
		req.Format = goldthread.FormatPDF
	}
	var out goldthread.Disclosure
	var refused error
	err = db.WriteTx(ctx, func(tx *Tx) error {
		rec, _, err := recordTx(ctx, tx, actor, participantID)
		if err != nil {
			return err
		}
		var consent goldthread.Consent
		if !req.OwnRequest {
			if consent, err = releaseConsent(ctx, tx, actor, participantID, req.Recipient, rec.Part2, sections); err != nil {
				refused = err
				return err
			}
		}
		rec = rec.Limit(sections)
		hash, err := render(rec)
		if err != nil {
			return err
		}
		out = goldthread.Disclosure{ParticipantID: participantID, Recipient: req.Recipient, Purpose: req.Purpose, Information: sectionNames(sections),
			Sections: sections, ConsentID: consent.ID, ConsentKind: consent.Kind, OwnRequest: req.OwnRequest, Format: req.Format, ContentHash: hash,
			Part2: rec.Part2}
		return insertDisclosure(ctx, tx, actor, &out)
	})
	if refused != nil {
		db.WriteTx(ctx, func(tx *Tx) error {
			ev := auditFor(actor, goldthread.ActionExport, "record", 0, participantID)
			ev.Outcome, ev.Detail = goldthread.OutcomeDenied, refusalReason(refused)
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
	d.ID, err = tx.insert(ctx, `INSERT INTO disclosure (agency_id, participant_id, recipient, purpose, information, sections, consent_id,
		own_request, format, content_hash, part2, disclosed_by, by_role, disclosed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		actor.AgencyID, d.ParticipantID, d.Recipient, d.Purpose, d.Information, strings.Join(d.Sections, " "), nullID(d.ConsentID),
		d.OwnRequest, d.Format, d.ContentHash, d.Part2, d.ByID, string(d.ByRole), d.At)
	if err != nil {
		return fmt.Errorf("store.insertDisclosure: %w", err)
	}
	ev := auditFor(actor, goldthread.ActionExport, "record", d.ID, d.ParticipantID)
	ev.Detail = "format=" + d.Format + " own_request=" + strconv.FormatBool(d.OwnRequest) + " consent=" + strconv.FormatInt(d.ConsentID, 10) +
		" sections=" + strings.Join(d.Sections, ",")
	return tx.Audit(ctx, ev)
}

// orderedSections checks requested sections and returns them in record
// order, each once; EINVALID on sections for an unknown one.
func orderedSections(want []string) ([]string, error) {
	var out []string
	for _, s := range goldthread.RecordSections {
		if slices.Contains(want, s) {
			out = append(out, s)
		}
	}
	for _, s := range want {
		if !slices.Contains(goldthread.RecordSections, s) {
			return nil, goldthread.FieldError("sections", "%q is not a part of the record; choose from the list.", s)
		}
	}
	return out, nil
}

// releaseRefusal is a refused release with its reason for the audit.
type releaseRefusal struct {
	reason string
	err    *goldthread.Error
}

func (r *releaseRefusal) Error() string { return r.err.Error() }
func (r *releaseRefusal) Unwrap() error { return r.err }

func refusalReason(err error) string {
	var r *releaseRefusal
	if errors.As(err, &r) {
		return r.reason
	}
	return "refused"
}

// releaseConsent finds the consent that lets the record go to recipient
// today (compared without regard to case or surrounding spaces) and
// covers every section: for a Part 2 record only a Part 2 consent checked
// as the agency requires will do (42 CFR 2.31), and a peer specialist does
// not release one alone. The refusal says which rule stopped the release.
func releaseConsent(ctx context.Context, tx *Tx, actor goldthread.Actor, participantID int64, recipient string, part2 bool, sections []string) (goldthread.Consent, error) {
	if part2 && !actor.Has(goldthread.RoleSupervisor) && !actor.Has(goldthread.RoleClinician) {
		return goldthread.Consent{}, &releaseRefusal{"part2_peer_alone", goldthread.Errorf(goldthread.EFORBIDDEN,
			"This record is from a 42 CFR Part 2 program: a peer specialist does not release it alone. Ask your supervisor or a clinician to send it.")}
	}
	day, err := agencyToday(ctx, tx, actor.AgencyID)
	if err != nil {
		return goldthread.Consent{}, err
	}
	policy, err := part2Check(ctx, tx, actor.AgencyID)
	if err != nil {
		return goldthread.Consent{}, err
	}
	var found, narrower goldthread.Consent
	ok, general, unchecked := false, false, false
	err = scanAll(ctx, tx, "SELECT "+consentColumns+" FROM "+consentFrom+` WHERE c.participant_id = ? AND c.agency_id = ? AND LOWER(c.recipient) = ?
		ORDER BY c.signed_on DESC, c.id DESC`, []any{participantID, actor.AgencyID, strings.ToLower(recipient)}, func(r scanner) error {
		c, err := scanConsent(r)
		if err != nil || ok || !c.InEffectOn(day) {
			return err
		}
		switch {
		case part2 && c.Kind != goldthread.ConsentPart2:
			general = true
		case !c.CheckedFor(policy):
			unchecked = true
		case !c.Covers(sections):
			if narrower.ID == 0 {
				narrower = c
			}
		default:
			found, ok = c, true
		}
		return nil
	})
	switch {
	case err != nil:
		return found, err
	case ok:
		return found, nil
	case narrower.ID != 0 && len(narrower.Sections) == 0:
		return found, &releaseRefusal{"sections_not_covered", goldthread.FieldError("sections",
			"The consent for %s was recorded without the parts of the record it covers. Record it again with the sections the signed form names.", recipient)}
	case narrower.ID != 0:
		return found, &releaseRefusal{"sections_not_covered", goldthread.FieldError("sections",
			"The consent for %s covers only: %s. Send only those parts, or record a consent that covers more.", recipient, sectionNames(narrower.Sections))}
	case unchecked:
		return found, &releaseRefusal{"part2_consent_not_checked", goldthread.FieldError("recipient",
			"The Part 2 consent for %s is not checked yet: %s.", recipient, part2CheckAdvice(policy))}
	case general:
		return found, &releaseRefusal{"part2_needs_part2_consent", goldthread.FieldError("recipient",
			"This record is from a 42 CFR Part 2 program: sharing it with %s needs a Part 2 consent naming them, in effect today. A general release is not enough.", recipient)}
	}
	return found, &releaseRefusal{"no_consent_in_effect", goldthread.FieldError("recipient",
		"No consent in effect today lets us share this record with %s. Record the participant's signed consent first, and check the recipient is named exactly as on it.", recipient)}
}

// part2CheckAdvice says what the agency's policy asks before a Part 2
// consent is relied on.
func part2CheckAdvice(policy string) string {
	switch policy {
	case goldthread.Part2CheckDocument:
		return "your agency requires the signed form attached to it"
	case goldthread.Part2CheckSecondPerson:
		return "your agency requires a supervisor or clinician who did not record it to verify it against the signed form"
	}
	return "attach the signed form, or have a supervisor or clinician who did not record it verify it"
}

// Disclosures lists the accounting of disclosures of a participant, newest
// first, for the participant themselves and the staff who reach them
// (billing-only and administrator accounts are refused), and audits the
// read. ENOTFOUND out of reach.
func (db *DB) Disclosures(ctx context.Context, actor goldthread.Actor, participantID int64) ([]goldthread.Disclosure, error) {
	if !goldthread.CanDisclose(actor) && !actor.Has(goldthread.RoleAuditor) {
		return nil, goldthread.Errorf(goldthread.EFORBIDDEN, "The accounting of disclosures is for the participant, their care team, clinicians and auditors.")
	}
	var out []goldthread.Disclosure
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, participantID); err != nil {
			return err
		}
		if err := scanAll(ctx, tx, `SELECT d.id, d.participant_id, d.recipient, d.purpose, d.information, d.sections, COALESCE(d.consent_id, 0),
			COALESCE(c.kind, ''), d.own_request, d.format, d.content_hash, d.part2, d.disclosed_by, u.name, d.by_role, d.disclosed_at
			FROM disclosure d JOIN app_user u ON u.id = d.disclosed_by LEFT JOIN consent c ON c.id = d.consent_id
			WHERE d.participant_id = ? AND d.agency_id = ? ORDER BY d.disclosed_at DESC, d.id DESC`,
			[]any{participantID, actor.AgencyID}, func(r scanner) error {
				var d goldthread.Disclosure
				var role, sections string
				err := r.Scan(&d.ID, &d.ParticipantID, &d.Recipient, &d.Purpose, &d.Information, &sections, &d.ConsentID, &d.ConsentKind, &d.OwnRequest,
					&d.Format, &d.ContentHash, &d.Part2, &d.ByID, &d.ByName, &role, &d.At)
				d.ByRole, d.At, d.Sections = goldthread.Role(role), d.At.UTC(), strings.Fields(sections)
				out = append(out, d)
				return err
			}); err != nil {
			return err
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionList, "disclosure", 0, participantID))
	})
	return out, err
}
