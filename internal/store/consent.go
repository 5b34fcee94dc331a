package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/goldthread/goldthread"
)

// canWriteRecord is the rule for consents, care teams, reviews and
// discharges: the people who work with the participant (peer, supervisor,
// clinician) write them; billing, auditors and participants only read.
func canWriteRecord(actor goldthread.Actor, what string) error {
	if !actor.Has(goldthread.RolePeer) && !actor.Has(goldthread.RoleSupervisor) && !actor.Has(goldthread.RoleClinician) {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "Only peer specialists, supervisors and clinicians record %s.", what)
	}
	return nil
}

func validateConsent(c *goldthread.Consent) error {
	c.Recipient, c.Purpose, c.Information = strings.TrimSpace(c.Recipient), strings.TrimSpace(c.Purpose), strings.TrimSpace(c.Information)
	switch {
	case c.Kind != goldthread.ConsentROI && c.Kind != goldthread.ConsentPart2:
		return goldthread.FieldError("kind", "Choose a release of information or a 42 CFR Part 2 consent.")
	case c.Recipient == "":
		return goldthread.FieldError("recipient", "Enter who may receive the information (a person's role or an organisation).")
	case c.Purpose == "":
		return goldthread.FieldError("purpose", "Enter why the information is shared.")
	case c.Information == "":
		return goldthread.FieldError("information", "Enter what may be shared.")
	case c.Signed.IsZero():
		return goldthread.FieldError("signed_on", "Enter the date the participant signed, as YYYY-MM-DD.")
	case c.Expires.IsZero():
		return goldthread.FieldError("expires_on", "Enter the date the consent expires, as YYYY-MM-DD; a consent must end.")
	case !c.Expires.After(c.Signed.Time):
		return goldthread.FieldError("expires_on", "The expiry date must come after the date signed.")
	}
	return nil
}

// AddConsent records a release-of-information or 42 CFR Part 2 consent.
// Returns EINVALID naming the field, EFORBIDDEN for roles that only read,
// ENOTFOUND out of reach.
func (db *DB) AddConsent(ctx context.Context, actor goldthread.Actor, c *goldthread.Consent) error {
	if err := canWriteRecord(actor, "consents"); err != nil {
		return err
	}
	if err := validateConsent(c); err != nil {
		return err
	}
	c.Revoked, c.RevocationNote = goldthread.Date{}, ""
	return db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, c.ParticipantID); err != nil {
			return err
		}
		today, err := agencyToday(ctx, tx, actor.AgencyID)
		if err != nil {
			return err
		}
		if c.Signed.After(today.Time) {
			return goldthread.FieldError("signed_on", "The date signed is in the future; check it.")
		}
		c.Created = tx.now
		c.ID, err = tx.insert(ctx, `INSERT INTO consent (agency_id, participant_id, kind, recipient, purpose, information, signed_on, expires_on,
			created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			actor.AgencyID, c.ParticipantID, c.Kind, c.Recipient, c.Purpose, c.Information, c.Signed, c.Expires, actor.UserID, tx.now, tx.now)
		if err != nil {
			return fmt.Errorf("store.AddConsent: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionCreate, "consent", c.ID, c.ParticipantID)
		ev.Detail = "kind=" + c.Kind
		return tx.Audit(ctx, ev)
	})
}

// RevokeConsent records that the participant revoked consent consentID on
// date on; from that date it no longer covers any sharing. Returns
// EINVALID on revoked_on (missing, before the signature, or in the future),
// ECONFLICT when it was revoked already, ENOTFOUND out of reach.
func (db *DB) RevokeConsent(ctx context.Context, actor goldthread.Actor, consentID int64, on goldthread.Date, note string) (goldthread.Consent, error) {
	var c goldthread.Consent
	if err := canWriteRecord(actor, "consents"); err != nil {
		return c, err
	}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		var err error
		if c, err = loadConsent(ctx, tx, actor, consentID); err != nil {
			return err
		}
		today, err := agencyToday(ctx, tx, actor.AgencyID)
		if err != nil {
			return err
		}
		switch {
		case !c.Revoked.IsZero():
			return goldthread.Errorf(goldthread.ECONFLICT, "This consent was revoked on %s already.", c.Revoked)
		case on.IsZero():
			return goldthread.FieldError("revoked_on", "Enter the date the participant revoked the consent, as YYYY-MM-DD.")
		case on.Before(c.Signed.Time):
			return goldthread.FieldError("revoked_on", "The revocation date comes before the date the consent was signed.")
		case on.After(today.Time):
			return goldthread.FieldError("revoked_on", "The revocation date is in the future; record it on the day it happens.")
		}
		c.Revoked, c.RevocationNote = on, strings.TrimSpace(note)
		if _, err := tx.Exec(ctx, "UPDATE consent SET revoked_on = ?, revocation_note = ?, updated_at = ? WHERE id = ? AND agency_id = ?",
			c.Revoked, c.RevocationNote, tx.now, c.ID, actor.AgencyID); err != nil {
			return fmt.Errorf("store.RevokeConsent: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionUpdate, "consent", c.ID, c.ParticipantID)
		ev.Detail = "revoked"
		return tx.Audit(ctx, ev)
	})
	return c, err
}

const consentColumns = `c.id, c.participant_id, c.kind, c.recipient, c.purpose, c.information, c.signed_on, c.expires_on,
	c.revoked_on, c.revocation_note, c.created_at`

func scanConsent(r scanner) (goldthread.Consent, error) {
	var c goldthread.Consent
	err := r.Scan(&c.ID, &c.ParticipantID, &c.Kind, &c.Recipient, &c.Purpose, &c.Information, &c.Signed, &c.Expires,
		&c.Revoked, &c.RevocationNote, &c.Created)
	return c, err
}

func loadConsent(ctx context.Context, tx *Tx, actor goldthread.Actor, id int64) (goldthread.Consent, error) {
	scope, args := participantScope(actor)
	c, err := scanConsent(tx.QueryRow(ctx, "SELECT "+consentColumns+` FROM consent c JOIN participant p ON p.id = c.participant_id
		WHERE c.id = ? AND c.agency_id = ? AND `+scope, append([]any{id, actor.AgencyID}, args...)...))
	if err != nil {
		return c, notFound(err, "No consent %d in your reach.", id)
	}
	return c, nil
}

// Consents lists a participant's consents, newest first, and audits the
// read. Returns ENOTFOUND out of reach.
func (db *DB) Consents(ctx context.Context, actor goldthread.Actor, participantID int64) ([]goldthread.Consent, error) {
	var out []goldthread.Consent
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, participantID); err != nil {
			return err
		}
		if err := scanAll(ctx, tx, "SELECT "+consentColumns+` FROM consent c WHERE c.participant_id = ? AND c.agency_id = ?
			ORDER BY c.signed_on DESC, c.id DESC`, []any{participantID, actor.AgencyID}, func(r scanner) error {
			c, err := scanConsent(r)
			out = append(out, c)
			return err
		}); err != nil {
			return err
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionList, "consent", 0, participantID))
	})
	return out, err
}

// ConsentInEffect finds a consent of the participant that allows sharing
// with recipient (compared without regard to case or surrounding spaces) on
// date on: signed, not expired and not revoked. It returns the consent and
// true, or false when none is in effect; the disclosure features call it
// before sending anything. The check is audited. Returns ENOTFOUND when the
// participant is out of reach.
func (db *DB) ConsentInEffect(ctx context.Context, actor goldthread.Actor, participantID int64, recipient string, on goldthread.Date) (goldthread.Consent, bool, error) {
	var found goldthread.Consent
	var ok bool
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, participantID); err != nil {
			return err
		}
		if err := scanAll(ctx, tx, "SELECT "+consentColumns+` FROM consent c WHERE c.participant_id = ? AND c.agency_id = ?
			AND LOWER(c.recipient) = ? ORDER BY c.signed_on DESC, c.id DESC`,
			[]any{participantID, actor.AgencyID, strings.ToLower(strings.TrimSpace(recipient))}, func(r scanner) error {
				c, err := scanConsent(r)
				if err == nil && !ok && c.InEffectOn(on) {
					found, ok = c, true
				}
				return err
			}); err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionRead, "consent", found.ID, participantID)
		ev.Detail = fmt.Sprintf("in_effect_check=%v", ok)
		return tx.Audit(ctx, ev)
	})
	return found, ok, err
}
