-- Consents say which sections of the record they cover, and a release
-- holds only those (disclosure.sections records what was sent). A 42 CFR
-- Part 2 consent carries the elements of 2.31(a): who may disclose, how
-- much and what kind, who signed, the right to revoke. It is relied on
-- only once checked as the agency requires: its signed document attached
-- (consent_document) or a second person's verification
-- (consent_verification).
--
-- Consents, assessments and diagnoses never change and are never deleted:
-- a revocation is a row of its own (consent_revocation), a correction a
-- new row. An authorization keeps everything the payer issued; only its
-- running count of units used moves, as claims use and return units.
-- Kept in step with the other engine's file (TestSchemasAgree).

ALTER TABLE consent ADD COLUMN sections TEXT NOT NULL DEFAULT '';
ALTER TABLE consent ADD COLUMN discloser TEXT NOT NULL DEFAULT '';
ALTER TABLE consent ADD COLUMN signed_by TEXT NOT NULL DEFAULT 'participant';
ALTER TABLE consent ADD COLUMN representative TEXT NOT NULL DEFAULT '';
ALTER TABLE consent ADD COLUMN revocation_notice BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE consent_revocation (
    id         INTEGER PRIMARY KEY,
    consent_id BIGINT NOT NULL UNIQUE REFERENCES consent(id),
    agency_id  BIGINT NOT NULL REFERENCES agency(id),
    revoked_on DATE NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_by BIGINT NOT NULL REFERENCES app_user(id),
    created_at TIMESTAMP NOT NULL
);
INSERT INTO consent_revocation (consent_id, agency_id, revoked_on, note, created_by, created_at)
    SELECT id, agency_id, revoked_on, revocation_note, created_by, updated_at FROM consent WHERE revoked_on IS NOT NULL;
ALTER TABLE consent DROP COLUMN revoked_on;
ALTER TABLE consent DROP COLUMN revocation_note;
ALTER TABLE consent DROP COLUMN updated_at;

CREATE TABLE consent_document (
    id           INTEGER PRIMARY KEY,
    consent_id   BIGINT NOT NULL UNIQUE REFERENCES consent(id),
    agency_id    BIGINT NOT NULL REFERENCES agency(id),
    content_type TEXT NOT NULL,
    content      BLOB NOT NULL,
    sha256       TEXT NOT NULL,
    uploaded_by  BIGINT NOT NULL REFERENCES app_user(id),
    uploaded_at  TIMESTAMP NOT NULL
);

CREATE TABLE consent_verification (
    id          INTEGER PRIMARY KEY,
    consent_id  BIGINT NOT NULL UNIQUE REFERENCES consent(id),
    agency_id   BIGINT NOT NULL REFERENCES agency(id),
    verified_by BIGINT NOT NULL REFERENCES app_user(id),
    verified_at TIMESTAMP NOT NULL
);

ALTER TABLE disclosure ADD COLUMN sections TEXT NOT NULL DEFAULT '';

CREATE TRIGGER consent_no_update BEFORE UPDATE ON consent
BEGIN SELECT RAISE(ABORT, 'consent is append-only'); END;
CREATE TRIGGER consent_no_delete BEFORE DELETE ON consent
BEGIN SELECT RAISE(ABORT, 'consent is append-only'); END;
CREATE TRIGGER consent_revocation_no_update BEFORE UPDATE ON consent_revocation
BEGIN SELECT RAISE(ABORT, 'consent_revocation is append-only'); END;
CREATE TRIGGER consent_revocation_no_delete BEFORE DELETE ON consent_revocation
BEGIN SELECT RAISE(ABORT, 'consent_revocation is append-only'); END;
CREATE TRIGGER consent_document_no_update BEFORE UPDATE ON consent_document
BEGIN SELECT RAISE(ABORT, 'consent_document is append-only'); END;
CREATE TRIGGER consent_document_no_delete BEFORE DELETE ON consent_document
BEGIN SELECT RAISE(ABORT, 'consent_document is append-only'); END;
CREATE TRIGGER consent_verification_no_update BEFORE UPDATE ON consent_verification
BEGIN SELECT RAISE(ABORT, 'consent_verification is append-only'); END;
CREATE TRIGGER consent_verification_no_delete BEFORE DELETE ON consent_verification
BEGIN SELECT RAISE(ABORT, 'consent_verification is append-only'); END;
CREATE TRIGGER assessment_no_update BEFORE UPDATE ON assessment
BEGIN SELECT RAISE(ABORT, 'assessment is append-only'); END;
CREATE TRIGGER assessment_no_delete BEFORE DELETE ON assessment
BEGIN SELECT RAISE(ABORT, 'assessment is append-only'); END;
CREATE TRIGGER diagnosis_no_update BEFORE UPDATE ON diagnosis
BEGIN SELECT RAISE(ABORT, 'diagnosis is append-only'); END;
CREATE TRIGGER diagnosis_no_delete BEFORE DELETE ON diagnosis
BEGIN SELECT RAISE(ABORT, 'diagnosis is append-only'); END;
CREATE TRIGGER service_authorization_issued_never_changes BEFORE UPDATE OF id, agency_id, participant_id, program_id, payer, number,
    start_date, end_date, units_authorized, created_by, created_at ON service_authorization
BEGIN SELECT RAISE(ABORT, 'an authorization never changes; record a new one'); END;
CREATE TRIGGER service_authorization_no_delete BEFORE DELETE ON service_authorization
BEGIN SELECT RAISE(ABORT, 'service_authorization is never deleted'); END;
