package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/goldthread/goldthread"
)

// canWriteRecord is the rule for consents, care teams, reviews and
// discharges: the people who work with the participant (peer, supervisor,
// clinician) write them; billing, auditors and participants only read.
func canWriteRecord(actor goldthread.Actor, what string) error {
	if !goldthread.CanWritePlans(actor) {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "Only peer specialists, supervisors and clinicians record %s.", what)
	}
	return nil
}

// AddConsent records a release-of-information or 42 CFR Part 2 consent:
// its sections (the scope a release may hold), and for Part 2 the
// elements of 42 CFR 2.31(a). A Part 2 consent is relied on only once
// checked as the agency requires (AttachConsentDocument,
// VerifyConsent). Returns EINVALID naming the field, EFORBIDDEN for
// roles that only read, ENOTFOUND out of reach.
func (db *DB) AddConsent(ctx context.Context, actor goldthread.Actor, c *goldthread.Consent) error {
	if err := canWriteRecord(actor, "consents"); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	c.Revoked, c.RevocationNote, c.Document, c.VerifiedBy, c.VerifiedAt = goldthread.Date{}, "", nil, "", nil
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
		c.Created, c.CreatedBy = tx.now, actor.UserID
		c.ID, err = tx.insert(ctx, `INSERT INTO consent (agency_id, participant_id, kind, recipient, purpose, information, sections, discloser,
			signed_by, representative, revocation_notice, signed_on, expires_on, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			actor.AgencyID, c.ParticipantID, c.Kind, c.Recipient, c.Purpose, c.Information, strings.Join(c.Sections, " "), c.Discloser,
			c.SignedBy, c.Representative, c.RevocationNotice, c.Signed, c.Expires, actor.UserID, tx.now)
		if err != nil {
			return fmt.Errorf("store.AddConsent: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionCreate, "consent", c.ID, c.ParticipantID)
		ev.Detail = "kind=" + c.Kind + " sections=" + strings.Join(c.Sections, ",")
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
		if _, err := tx.insert(ctx, `INSERT INTO consent_revocation (consent_id, agency_id, revoked_on, note, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, c.ID, actor.AgencyID, c.Revoked, c.RevocationNote, actor.UserID, tx.now); err != nil {
			return fmt.Errorf("store.RevokeConsent: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionUpdate, "consent", c.ID, c.ParticipantID)
		ev.Detail = "revoked"
		return tx.Audit(ctx, ev)
	})
	return c, err
}

// consentColumns and consentFrom read a consent with its revocation, its
// attached document (not its bytes) and its second person's verification.
const consentColumns = `c.id, c.participant_id, c.kind, c.recipient, c.purpose, c.information, c.sections, c.discloser, c.signed_by,
	c.representative, c.revocation_notice, c.signed_on, c.expires_on, r.revoked_on, COALESCE(r.note, ''), c.created_by, c.created_at,
	COALESCE(d.content_type, ''), COALESCE(d.sha256, ''), d.uploaded_at, COALESCE(vu.name, ''), v.verified_at`

const consentFrom = `consent c LEFT JOIN consent_revocation r ON r.consent_id = c.id LEFT JOIN consent_document d ON d.consent_id = c.id
	LEFT JOIN consent_verification v ON v.consent_id = c.id LEFT JOIN app_user vu ON vu.id = v.verified_by`

func scanConsent(r scanner) (goldthread.Consent, error) {
	var c goldthread.Consent
	var sections, docType, docHash string
	var uploaded, verified sql.NullTime
	err := r.Scan(&c.ID, &c.ParticipantID, &c.Kind, &c.Recipient, &c.Purpose, &c.Information, &sections, &c.Discloser, &c.SignedBy,
		&c.Representative, &c.RevocationNotice, &c.Signed, &c.Expires, &c.Revoked, &c.RevocationNote, &c.CreatedBy, &c.Created,
		&docType, &docHash, &uploaded, &c.VerifiedBy, &verified)
	c.Sections = strings.Fields(sections)
	if docType != "" {
		c.Document = &goldthread.ConsentDocument{ContentType: docType, SHA256: docHash, Uploaded: uploaded.Time.UTC()}
	}
	if verified.Valid {
		at := verified.Time.UTC()
		c.VerifiedAt = &at
	}
	return c, err
}

func loadConsent(ctx context.Context, tx *Tx, actor goldthread.Actor, id int64) (goldthread.Consent, error) {
	scope, args := participantInReach(actor)
	c, err := scanConsent(tx.QueryRow(ctx, "SELECT "+consentColumns+" FROM "+consentFrom+` JOIN participant p ON p.id = c.participant_id
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
		if err := scanAll(ctx, tx, "SELECT "+consentColumns+" FROM "+consentFrom+` WHERE c.participant_id = ? AND c.agency_id = ?
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
		if err := scanAll(ctx, tx, "SELECT "+consentColumns+" FROM "+consentFrom+` WHERE c.participant_id = ? AND c.agency_id = ?
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
