package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
)

// Amendments (ONC (d)(4)): the participant asks to amend a signed note or
// plan of their record; a clinician or the author's supervisor accepts
// (a correction addendum, linked to the request) or denies with a reason;
// after a denial the participant may attach a statement of disagreement.
// Requests, decisions and statements are append-only (triggers on both
// engines).

// AmendmentInput and AmendmentDecisionInput are the root types under
// their old names; their rules are goldthread's Validate methods.
type (
	AmendmentInput         = goldthread.AmendmentInput
	AmendmentDecisionInput = goldthread.AmendmentDecisionInput
)

// AmendmentItem is a request with what screens show beside it.
type AmendmentItem struct {
	goldthread.AmendmentRequest
	ParticipantName string
	CanDecide       bool // the reader may decide it now
}

// RequestAmendment records the participant's request to amend one of
// their signed notes or plans. Only the participant's own account asks
// (staff correct with an addendum): EFORBIDDEN otherwise. Returns EINVALID
// naming the field, ENOTFOUND when the note or plan is not theirs,
// ECONFLICT when it is not signed yet.
func (db *DB) RequestAmendment(ctx context.Context, actor goldthread.Actor, in AmendmentInput) (goldthread.AmendmentRequest, error) {
	if !actor.Has(goldthread.RoleParticipant) || actor.ParticipantID == 0 {
		return goldthread.AmendmentRequest{}, goldthread.Errorf(goldthread.EFORBIDDEN, "Only the participant asks to amend their own record; staff correct a note with an addendum.")
	}
	if err := in.Validate(); err != nil {
		return goldthread.AmendmentRequest{}, err
	}
	var out goldthread.AmendmentRequest
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if in.NoteID != 0 {
			n, err := loadNote(ctx, tx, actor, in.NoteID)
			if err != nil {
				return err
			}
			if n.Status != goldthread.NoteSigned || n.ParticipantID != actor.ParticipantID {
				return goldthread.Errorf(goldthread.ECONFLICT, "Only a signed note of your record can be amended.")
			}
		} else {
			p, err := loadPlan(ctx, tx, actor, in.PlanID)
			if err != nil {
				return err
			}
			if p.Status == goldthread.PlanDraft || p.ParticipantID != actor.ParticipantID {
				return goldthread.Errorf(goldthread.ECONFLICT, "This plan is still a draft: tell your peer specialist what to change before it is signed.")
			}
		}
		id, err := tx.insert(ctx, `INSERT INTO amendment_request (agency_id, participant_id, note_id, plan_id, what_is_wrong, should_say,
			requested_by, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, actor.AgencyID, actor.ParticipantID, nullID(in.NoteID),
			nullID(in.PlanID), in.WhatIsWrong, in.ShouldSay, actor.UserID, tx.now)
		if err != nil {
			return fmt.Errorf("store.RequestAmendment: %w", err)
		}
		if err := tx.Audit(ctx, auditFor(actor, goldthread.ActionCreate, "amendment_request", id, actor.ParticipantID)); err != nil {
			return err
		}
		out, err = loadAmendment(ctx, tx, actor, id)
		return err
	})
	return out, err
}

const amendmentColumns = `a.id, a.participant_id, COALESCE(a.note_id, 0), COALESCE(a.plan_id, 0), a.what_is_wrong, a.should_say,
	a.requested_at, d.outcome, d.reason, d.addendum_id, d.by_name, d.by_role, d.decided_at, s.body, s.written_at,
	p.first_name, p.last_name, p.preferred_name`

const amendmentFrom = ` FROM amendment_request a JOIN participant p ON p.id = a.participant_id
	LEFT JOIN amendment_decision d ON d.request_id = a.id LEFT JOIN amendment_statement s ON s.request_id = a.id `

func scanAmendment(r scanner) (AmendmentItem, error) {
	var it AmendmentItem
	a := &it.AmendmentRequest
	var outcome, reason, byName, byRole, body sql.NullString
	var addendum sql.NullInt64
	var decided, written sql.NullTime
	var pt goldthread.Participant
	err := r.Scan(&a.ID, &a.ParticipantID, &a.NoteID, &a.PlanID, &a.WhatIsWrong, &a.ShouldSay, &a.Requested, &outcome, &reason,
		&addendum, &byName, &byRole, &decided, &body, &written, &pt.FirstName, &pt.LastName, &pt.PreferredName)
	a.Requested = a.Requested.UTC()
	if outcome.Valid {
		a.Decision = &goldthread.AmendmentDecision{Outcome: outcome.String, Reason: reason.String, AddendumID: addendum.Int64,
			ByName: byName.String, ByRole: goldthread.Role(byRole.String), Decided: decided.Time.UTC()}
	}
	if body.Valid {
		a.Statement = &goldthread.DisagreementStatement{Body: body.String, Written: written.Time.UTC()}
	}
	it.ParticipantName = pt.DisplayName()
	return it, err
}

func loadAmendment(ctx context.Context, tx *Tx, actor goldthread.Actor, id int64) (goldthread.AmendmentRequest, error) {
	it, err := loadAmendmentItem(ctx, tx, actor, id)
	return it.AmendmentRequest, err
}

// loadAmendmentItem reads one request whose participant is in reach, and
// whether the actor may decide it now.
func loadAmendmentItem(ctx context.Context, tx *Tx, actor goldthread.Actor, id int64) (AmendmentItem, error) {
	scope, args := participantInReach(actor)
	it, err := scanAmendment(tx.QueryRow(ctx, "SELECT "+amendmentColumns+amendmentFrom+"WHERE a.id = ? AND a.agency_id = ? AND "+scope,
		append([]any{id, actor.AgencyID}, args...)...))
	if err != nil {
		return it, notFound(err, "No amendment request %d in your reach.", id)
	}
	if it.Decision == nil {
		it.CanDecide, err = mayDecide(ctx, tx, actor, it.AmendmentRequest)
	}
	return it, err
}

// mayDecide: a clinician, or a supervisor of the note's author (the plan's
// writer), who is not the author themselves.
func mayDecide(ctx context.Context, tx *Tx, actor goldthread.Actor, a goldthread.AmendmentRequest) (bool, error) {
	var author int64
	var err error
	if a.NoteID != 0 {
		err = tx.QueryRow(ctx, "SELECT author_id FROM service_note WHERE id = ?", a.NoteID).Scan(&author)
	} else {
		err = tx.QueryRow(ctx, "SELECT created_by FROM plan WHERE id = ?", a.PlanID).Scan(&author)
	}
	if err != nil {
		return false, fmt.Errorf("store.mayDecide: %w", err)
	}
	if author == actor.UserID {
		return false, nil
	}
	if actor.Has(goldthread.RoleClinician) {
		return true, nil
	}
	if !actor.Has(goldthread.RoleSupervisor) {
		return false, nil
	}
	var n int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM supervision_link WHERE supervisor_id = ? AND peer_id = ? AND agency_id = ?",
		actor.UserID, author, actor.AgencyID).Scan(&n); err != nil {
		return false, fmt.Errorf("store.mayDecide: %w", err)
	}
	return n > 0, nil
}

// Amendment returns one request in the actor's reach, with whether the
// actor may decide it, and audits the read. ENOTFOUND out of reach.
func (db *DB) Amendment(ctx context.Context, actor goldthread.Actor, id int64) (AmendmentItem, error) {
	var it AmendmentItem
	err := db.WriteTx(ctx, func(tx *Tx) error {
		var err error
		if it, err = loadAmendmentItem(ctx, tx, actor, id); err != nil {
			return err
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionRead, "amendment_request", id, it.ParticipantID))
	})
	return it, err
}

// amendmentsTx lists the requests of a participant (or of one note when
// noteID is set), newest first, unscoped: callers check reach.
func amendmentsTx(ctx context.Context, tx *Tx, participantID, noteID int64) ([]goldthread.AmendmentRequest, error) {
	q, args := "SELECT "+amendmentColumns+amendmentFrom+"WHERE a.participant_id = ?", []any{participantID}
	if noteID != 0 {
		q, args = q+" AND a.note_id = ?", append(args, noteID)
	}
	var out []goldthread.AmendmentRequest
	err := scanAll(ctx, tx, q+" ORDER BY a.requested_at DESC, a.id DESC", args, func(r scanner) error {
		it, err := scanAmendment(r)
		out = append(out, it.AmendmentRequest)
		return err
	})
	return out, err
}

// Amendments lists a participant's requests, newest first, and audits the
// list; noteID narrows it to one note (the note page shows a statement of
// disagreement with the note). ENOTFOUND out of reach.
func (db *DB) Amendments(ctx context.Context, actor goldthread.Actor, participantID, noteID int64) ([]goldthread.AmendmentRequest, error) {
	var out []goldthread.AmendmentRequest
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, participantID); err != nil {
			return err
		}
		var err error
		if out, err = amendmentsTx(ctx, tx, participantID, noteID); err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionList, "amendment_request", 0, participantID)
		if noteID != 0 {
			ev.Detail = "note=" + strconv.FormatInt(noteID, 10)
		}
		return tx.Audit(ctx, ev)
	})
	return out, err
}

// AmendmentsAwaiting lists the undecided requests the actor may decide,
// oldest first: a clinician's in their reach, a supervisor's on notes and
// plans their supervisees wrote. Other roles get none. Audited when there
// are any.
func (db *DB) AmendmentsAwaiting(ctx context.Context, actor goldthread.Actor) ([]AmendmentItem, error) {
	if !goldthread.CanDecideAmendments(actor) {
		return nil, nil
	}
	var out []AmendmentItem
	err := db.WriteTx(ctx, func(tx *Tx) error {
		scope, args := participantScope(actor)
		var all []AmendmentItem
		if err := scanAll(ctx, tx, "SELECT "+amendmentColumns+amendmentFrom+"WHERE d.id IS NULL AND a.agency_id = ? AND "+scope+
			" ORDER BY a.requested_at, a.id LIMIT 200", append([]any{actor.AgencyID}, args...), func(r scanner) error {
			it, err := scanAmendment(r)
			all = append(all, it)
			return err
		}); err != nil {
			return err
		}
		for _, it := range all {
			ok, err := mayDecide(ctx, tx, actor, it.AmendmentRequest)
			if err != nil {
				return err
			}
			if ok {
				it.CanDecide = true
				out = append(out, it)
			}
		}
		if len(out) == 0 {
			return nil
		}
		ev := auditFor(actor, goldthread.ActionList, "amendment_request", 0, 0)
		ev.Detail = fmt.Sprintf("awaiting=%d", len(out))
		return tx.Audit(ctx, ev)
	})
	return out, err
}

// DecideAmendment records the decision on request id. The decider is a
// clinician or the author's supervisor, never the author (EFORBIDDEN), and
// signs with their password (EUNAUTHORIZED on a wrong one, audited). An
// acceptance of a note request adds a correction addendum signed by the
// decider, linked from the decision, in the same transaction; a denial
// keeps its reason. Returns ECONFLICT when already decided, EINVALID
// naming the field.
func (db *DB) DecideAmendment(ctx context.Context, actor goldthread.Actor, id int64, in AmendmentDecisionInput) (goldthread.AmendmentRequest, error) {
	if err := in.Validate(); err != nil {
		return goldthread.AmendmentRequest{}, err
	}
	var pre AmendmentItem
	if err := db.ReadTx(ctx, func(tx *Tx) error {
		var err error
		pre, err = loadAmendmentItem(ctx, tx, actor, id)
		return err
	}); err != nil {
		return goldthread.AmendmentRequest{}, err
	}
	if pre.Decision != nil {
		return goldthread.AmendmentRequest{}, goldthread.Errorf(goldthread.ECONFLICT, "This request was already decided.")
	}
	if !pre.CanDecide {
		return goldthread.AmendmentRequest{}, goldthread.Errorf(goldthread.EFORBIDDEN, "A clinician or the author's supervisor decides this request, never the author.")
	}
	if err := db.checkPassword(ctx, actor, in.Password, id, pre.ParticipantID, "amendment_request"); err != nil {
		return goldthread.AmendmentRequest{}, err
	}
	var out goldthread.AmendmentRequest
	err := db.WriteTx(ctx, func(tx *Tx) error {
		it, err := loadAmendmentItem(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if it.Decision != nil {
			return goldthread.Errorf(goldthread.ECONFLICT, "This request was already decided.")
		}
		var name string
		if err := tx.QueryRow(ctx, "SELECT name FROM app_user WHERE id = ?", actor.UserID).Scan(&name); err != nil {
			return fmt.Errorf("store.DecideAmendment: %w", err)
		}
		reason, addendumID := in.Reason, int64(0)
		if in.Outcome == goldthread.AmendmentAccepted {
			reason = in.Correction
			if it.NoteID != 0 {
				if addendumID, err = correctionAddendum(ctx, tx, actor, it.AmendmentRequest, in); err != nil {
					return err
				}
			}
		}
		if _, err := tx.insert(ctx, `INSERT INTO amendment_decision (request_id, outcome, reason, addendum_id, decided_by, by_name, by_role, decided_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, in.Outcome, reason, nullID(addendumID), actor.UserID, name,
			string(actor.PrimaryRole()), tx.now); err != nil {
			return fmt.Errorf("store.DecideAmendment: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionSign, "amendment_request", id, it.ParticipantID)
		ev.Detail = "outcome=" + in.Outcome
		if err := tx.Audit(ctx, ev); err != nil {
			return err
		}
		out, err = loadAmendment(ctx, tx, actor, id)
		return err
	})
	return out, err
}

// correctionAddendum adds the accepted correction under the note, signed by
// the decider, hashed like AddAddendum's (the signing time at microsecond
// precision, which both engines store exactly).
func correctionAddendum(ctx context.Context, tx *Tx, actor goldthread.Actor, a goldthread.AmendmentRequest, in AmendmentDecisionInput) (int64, error) {
	var noteHash string
	if err := tx.QueryRow(ctx, "SELECT content_hash FROM service_note WHERE id = ?", a.NoteID).Scan(&noteHash); err != nil {
		return 0, fmt.Errorf("store.correctionAddendum: %w", err)
	}
	billed, err := noteBilled(ctx, tx, a.NoteID)
	if err != nil {
		return 0, err
	}
	ad := goldthread.Addendum{NoteID: a.NoteID, Kind: goldthread.AddendumCorrection, Body: in.Correction, AuthorID: actor.UserID,
		Attestation: in.Attestation, Signed: tx.now.Truncate(time.Microsecond), ClaimReviewNeeded: billed}
	if err := tx.QueryRow(ctx, "SELECT name, credential FROM app_user WHERE id = ?", actor.UserID).Scan(&ad.Name, &ad.Credential); err != nil {
		return 0, fmt.Errorf("store.correctionAddendum: %w", err)
	}
	sum := sha256.Sum256([]byte(strings.Join([]string{noteHash, ad.Kind, ad.Body, strconv.FormatInt(ad.AuthorID, 10),
		ad.Name, ad.Credential, ad.Attestation, ad.Signed.UTC().String()}, "\x00")))
	ad.ContentHash = hex.EncodeToString(sum[:])
	id, err := tx.insert(ctx, `INSERT INTO note_addendum (note_id, kind, body, author_id, name, credential, attestation, signed_at,
		content_hash, claim_review_needed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ad.NoteID, ad.Kind, ad.Body, ad.AuthorID, ad.Name, ad.Credential, ad.Attestation, ad.Signed, ad.ContentHash, ad.ClaimReviewNeeded)
	if err != nil {
		return 0, fmt.Errorf("store.correctionAddendum: %w", err)
	}
	if err := refreshNoteReview(ctx, tx, a.NoteID); err != nil {
		return 0, err
	}
	ev := auditFor(actor, goldthread.ActionSign, "note_addendum", id, a.ParticipantID)
	ev.Detail = "note=" + strconv.FormatInt(a.NoteID, 10) + " kind=correction amendment=" + strconv.FormatInt(a.ID, 10)
	return id, tx.Audit(ctx, ev)
}

// AddDisagreement attaches the participant's statement of disagreement to
// a denied request, once; from then on it is shown and exported with the
// note or plan. Only the participant's own account (EFORBIDDEN); ECONFLICT
// before a denial or when a statement exists.
func (db *DB) AddDisagreement(ctx context.Context, actor goldthread.Actor, id int64, body string) (goldthread.AmendmentRequest, error) {
	if !actor.Has(goldthread.RoleParticipant) || actor.ParticipantID == 0 {
		return goldthread.AmendmentRequest{}, goldthread.Errorf(goldthread.EFORBIDDEN, "Only the participant writes a statement of disagreement.")
	}
	st := goldthread.DisagreementStatement{Body: body}
	if err := st.Validate(); err != nil {
		return goldthread.AmendmentRequest{}, err
	}
	body = st.Body
	var out goldthread.AmendmentRequest
	err := db.WriteTx(ctx, func(tx *Tx) error {
		a, err := loadAmendment(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		switch {
		case a.Status() != goldthread.AmendmentDenied:
			return goldthread.Errorf(goldthread.ECONFLICT, "A statement of disagreement can be added once a request is denied.")
		case a.Statement != nil:
			return goldthread.Errorf(goldthread.ECONFLICT, "Your statement is already attached; it cannot be changed. Ask for a new amendment if something else is wrong.")
		}
		if _, err := tx.insert(ctx, "INSERT INTO amendment_statement (request_id, body, written_by, written_at) VALUES (?, ?, ?, ?)",
			id, body, actor.UserID, tx.now); err != nil {
			return fmt.Errorf("store.AddDisagreement: %w", err)
		}
		if err := tx.Audit(ctx, auditFor(actor, goldthread.ActionCreate, "amendment_statement", id, a.ParticipantID)); err != nil {
			return err
		}
		out, err = loadAmendment(ctx, tx, actor, id)
		return err
	})
	return out, err
}
