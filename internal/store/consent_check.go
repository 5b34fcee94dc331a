package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/goldthread/goldthread"
)

// SettingPart2ConsentCheck names the agency setting that says how a 42 CFR
// Part 2 consent is checked before it is relied on (goldthread.Part2Check*).
const SettingPart2ConsentCheck = "part2.consent_check"

// part2Check returns the agency's Part 2 consent check; either one when
// the agency has not chosen.
func part2Check(ctx context.Context, tx *Tx, agencyID int64) (string, error) {
	var v string
	err := tx.QueryRow(ctx, "SELECT value FROM agency_setting WHERE agency_id = ? AND name = ?", agencyID, SettingPart2ConsentCheck).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return goldthread.Part2CheckEither, nil
	}
	if err != nil {
		return "", fmt.Errorf("store.part2Check: %w", err)
	}
	return v, nil
}

// Part2ConsentCheck returns how the actor's agency checks Part 2 consents.
func (db *DB) Part2ConsentCheck(ctx context.Context, actor goldthread.Actor) (string, error) {
	var check string
	err := db.ReadTx(ctx, func(tx *Tx) error {
		var err error
		check, err = part2Check(ctx, tx, actor.AgencyID)
		return err
	})
	return check, err
}

// SetPart2ConsentCheck sets the agency's policy for Part 2 consents: the
// signed document attached, a second person's verification, or either.
// Administrators only; audited as a setting change.
func (db *DB) SetPart2ConsentCheck(ctx context.Context, actor goldthread.Actor, policy string) error {
	if err := requireAdmin(actor); err != nil {
		return err
	}
	if policy != goldthread.Part2CheckDocument && policy != goldthread.Part2CheckSecondPerson && policy != goldthread.Part2CheckEither {
		return goldthread.FieldError("part2_check", "Choose the signed document, a second person's verification, or either.")
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO agency_setting (agency_id, name, value, reason, set_by, set_at) VALUES (?, ?, ?, '', ?, ?)
			ON CONFLICT (agency_id, name) DO UPDATE SET value = excluded.value, set_by = excluded.set_by, set_at = excluded.set_at`,
			actor.AgencyID, SettingPart2ConsentCheck, policy, nullID(actor.UserID), tx.now); err != nil {
			return fmt.Errorf("store.SetPart2ConsentCheck: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionSettingChange, "agency_setting", 0, 0)
		ev.Detail = SettingPart2ConsentCheck + "=" + policy
		return tx.Audit(ctx, ev)
	})
}

// AttachConsentDocument keeps the signed consent (a PDF, PNG or JPEG scan
// of at most 2 MB, judged by its content) with a consent in reach, once:
// what the participant signed stays beside what was recorded. Returns
// EINVALID on document, ECONFLICT when one is attached already, EFORBIDDEN
// for roles that only read, ENOTFOUND out of reach.
func (db *DB) AttachConsentDocument(ctx context.Context, actor goldthread.Actor, consentID int64, data []byte) error {
	if err := canWriteRecord(actor, "consents"); err != nil {
		return err
	}
	if len(data) == 0 {
		return goldthread.FieldError("document", "Choose the scan or PDF of the signed consent.")
	}
	if len(data) > goldthread.ConsentDocumentMaxBytes {
		return goldthread.FieldError("document", "The file is larger than 2 MB. Scan it at a lower resolution or as a PDF.")
	}
	kind, ok := goldthread.SniffWRAP(data)
	if !ok {
		return goldthread.FieldError("document", "Attach the signed consent as a PDF, PNG or JPEG file.")
	}
	sum := sha256.Sum256(data)
	return db.WriteTx(ctx, func(tx *Tx) error {
		c, err := loadConsent(ctx, tx, actor, consentID)
		if err != nil {
			return err
		}
		if c.Document != nil {
			return goldthread.Errorf(goldthread.ECONFLICT, "The signed consent is attached already; it never changes.")
		}
		if _, err := tx.insert(ctx, `INSERT INTO consent_document (consent_id, agency_id, content_type, content, sha256, uploaded_by, uploaded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, c.ID, actor.AgencyID, kind, data, hex.EncodeToString(sum[:]), actor.UserID, tx.now); err != nil {
			return fmt.Errorf("store.AttachConsentDocument: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionCreate, "consent_document", c.ID, c.ParticipantID)
		ev.Detail = "type=" + kind
		return tx.Audit(ctx, ev)
	})
}

// ConsentDocumentFile returns the signed consent attached to a consent in
// reach, and audits the read. ENOTFOUND out of reach or without one.
func (db *DB) ConsentDocumentFile(ctx context.Context, actor goldthread.Actor, consentID int64) ([]byte, string, error) {
	var data []byte
	var kind string
	err := db.WriteTx(ctx, func(tx *Tx) error {
		c, err := loadConsent(ctx, tx, actor, consentID)
		if err != nil {
			return err
		}
		err = tx.QueryRow(ctx, "SELECT content, content_type FROM consent_document WHERE consent_id = ?", c.ID).Scan(&data, &kind)
		if err != nil {
			return notFound(err, "No signed consent is attached to consent %d.", consentID)
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionRead, "consent_document", c.ID, c.ParticipantID))
	})
	return data, kind, err
}

// VerifyConsent records that a second person, a supervisor or clinician
// who did not record the consent, checked it against the signed paper:
// for an agency that accepts it, this is what lets a Part 2 consent be
// relied on. Returns EFORBIDDEN for anyone else (the one who recorded it
// included), ECONFLICT once verified, ENOTFOUND out of reach.
func (db *DB) VerifyConsent(ctx context.Context, actor goldthread.Actor, consentID int64) error {
	if !goldthread.CanVerifyConsents(actor) {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "A supervisor or a clinician verifies a consent against the signed form.")
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		c, err := loadConsent(ctx, tx, actor, consentID)
		if err != nil {
			return err
		}
		switch {
		case c.CreatedBy == actor.UserID:
			return goldthread.Errorf(goldthread.EFORBIDDEN, "You recorded this consent; a second person verifies it.")
		case c.VerifiedBy != "":
			return goldthread.Errorf(goldthread.ECONFLICT, "%s verified this consent already.", c.VerifiedBy)
		}
		if _, err := tx.insert(ctx, "INSERT INTO consent_verification (consent_id, agency_id, verified_by, verified_at) VALUES (?, ?, ?, ?)",
			c.ID, actor.AgencyID, actor.UserID, tx.now); err != nil {
			return fmt.Errorf("store.VerifyConsent: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionUpdate, "consent", c.ID, c.ParticipantID)
		ev.Detail = "verified"
		return tx.Audit(ctx, ev)
	})
}

// sectionNames describes sections for the accounting of disclosures.
func sectionNames(sections []string) string {
	names := map[string]string{goldthread.SectionDemographics: "Demographics", goldthread.SectionPlans: "Signed plans",
		goldthread.SectionCrisisPlans: "Crisis plans", goldthread.SectionNotes: "Signed notes with addenda",
		goldthread.SectionAmendments: "Amendment requests"}
	out := make([]string, 0, len(sections))
	for _, s := range sections {
		out = append(out, names[s])
	}
	return strings.Join(out, "; ")
}

// ConsentParticipant returns whose consent consentID is, in reach.
func (db *DB) ConsentParticipant(ctx context.Context, actor goldthread.Actor, consentID int64) (int64, error) {
	var pid int64
	err := db.ReadTx(ctx, func(tx *Tx) error {
		c, err := loadConsent(ctx, tx, actor, consentID)
		pid = c.ParticipantID
		return err
	})
	return pid, err
}
