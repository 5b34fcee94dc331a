-- Billing (issue 8): per-program payer and envelope settings, rates per
-- unit, claim batches, claims with their lines, the one claim that bills
-- each service, and the status history of every claim.
--
-- A claim never changes once written: its row and lines refuse UPDATE and
-- DELETE whatever the application does, and no line is added once the
-- claim left the ready state. Status moves (ready, exported, accepted,
-- denied, paid, replaced, voided) are new rows in claim_status, itself
-- append-only. A correction is a new claim: a replacement (frequency 7) or
-- a void (frequency 8) that references the original. claimed_service
-- holds, per service note, the claim that currently bills it; its primary
-- key makes billing a service twice impossible, and only a replacement or
-- void claim may take a service over. Kept column for column in step with
-- the other engine's file of the same number (TestSchemasAgree).

CREATE TABLE program_billing (
    program_id              BIGINT PRIMARY KEY REFERENCES program(id),
    agency_id               BIGINT NOT NULL REFERENCES agency(id),
    payer_name              TEXT NOT NULL,
    payer_id                TEXT NOT NULL,
    receiver_name           TEXT NOT NULL,
    receiver_id             TEXT NOT NULL,
    sender_qualifier        TEXT NOT NULL DEFAULT 'ZZ',
    sender_id               TEXT NOT NULL,
    receiver_qualifier      TEXT NOT NULL DEFAULT 'ZZ',
    interchange_receiver_id TEXT NOT NULL,
    submitter_id            TEXT NOT NULL,
    contact_name            TEXT NOT NULL DEFAULT '',
    contact_phone           TEXT NOT NULL DEFAULT '',
    usage_indicator         TEXT NOT NULL DEFAULT 'T',
    placeholder             BOOLEAN NOT NULL DEFAULT TRUE,
    updated_by              BIGINT REFERENCES app_user(id),
    updated_at              TIMESTAMP NOT NULL
);

CREATE TABLE billing_rate (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    program_id     BIGINT NOT NULL REFERENCES program(id),
    procedure_code TEXT NOT NULL,
    is_group       BOOLEAN NOT NULL DEFAULT FALSE,
    cents_per_unit BIGINT NOT NULL CHECK (cents_per_unit >= 0),
    placeholder    BOOLEAN NOT NULL DEFAULT TRUE,
    source         TEXT NOT NULL DEFAULT '',
    updated_at     TIMESTAMP NOT NULL,
    UNIQUE (program_id, procedure_code, is_group)
);

CREATE TABLE claim_batch (
    id          INTEGER PRIMARY KEY,
    agency_id   BIGINT NOT NULL REFERENCES agency(id),
    program_id  BIGINT NOT NULL REFERENCES program(id),
    period_from DATE NOT NULL,
    period_to   DATE NOT NULL,
    header      TEXT NOT NULL,
    created_by  BIGINT REFERENCES app_user(id),
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX claim_batch_program ON claim_batch (agency_id, program_id, period_from);

CREATE TABLE claim (
    id                  INTEGER PRIMARY KEY,
    agency_id           BIGINT NOT NULL REFERENCES agency(id),
    batch_id            BIGINT NOT NULL REFERENCES claim_batch(id),
    program_id          BIGINT NOT NULL REFERENCES program(id),
    participant_id      BIGINT NOT NULL REFERENCES participant(id),
    frequency           TEXT NOT NULL DEFAULT '1' CHECK (frequency IN ('1', '7', '8')),
    original_claim_id   BIGINT REFERENCES claim(id),
    payer_claim_number  TEXT NOT NULL DEFAULT '',
    reason              TEXT NOT NULL DEFAULT '',
    place_of_service    TEXT NOT NULL,
    diagnoses           TEXT NOT NULL,
    member_id           TEXT NOT NULL,
    parties             TEXT NOT NULL,
    rendering_id        BIGINT REFERENCES app_user(id),
    rendering_name      TEXT NOT NULL DEFAULT '',
    rendering_npi       TEXT NOT NULL DEFAULT '',
    authorization_id    BIGINT REFERENCES service_authorization(id),
    prior_authorization TEXT NOT NULL DEFAULT '',
    total_cents         BIGINT NOT NULL,
    units               INTEGER NOT NULL,
    created_by          BIGINT REFERENCES app_user(id),
    created_at          TIMESTAMP NOT NULL
);
CREATE INDEX claim_batch_claims ON claim (batch_id, id);
CREATE INDEX claim_participant ON claim (participant_id);

CREATE TABLE claim_line (
    id               INTEGER PRIMARY KEY,
    claim_id         BIGINT NOT NULL REFERENCES claim(id),
    agency_id        BIGINT NOT NULL REFERENCES agency(id),
    line_no          INTEGER NOT NULL,
    note_id          BIGINT NOT NULL REFERENCES service_note(id),
    service_date     DATE NOT NULL,
    procedure_code   TEXT NOT NULL,
    modifiers        TEXT NOT NULL DEFAULT '',
    minutes          INTEGER NOT NULL,
    units            INTEGER NOT NULL CHECK (units > 0),
    charge_cents     BIGINT NOT NULL,
    place_of_service TEXT NOT NULL,
    UNIQUE (claim_id, line_no)
);
CREATE INDEX claim_line_note ON claim_line (note_id);

CREATE TABLE claimed_service (
    note_id    BIGINT PRIMARY KEY REFERENCES service_note(id),
    claim_id   BIGINT NOT NULL REFERENCES claim(id),
    agency_id  BIGINT NOT NULL REFERENCES agency(id),
    units      INTEGER NOT NULL,
    claimed_at TIMESTAMP NOT NULL
);
CREATE INDEX claimed_service_claim ON claimed_service (claim_id);

CREATE TABLE claim_status (
    id                 INTEGER PRIMARY KEY,
    claim_id           BIGINT NOT NULL REFERENCES claim(id),
    agency_id          BIGINT NOT NULL REFERENCES agency(id),
    status             TEXT NOT NULL CHECK (status IN ('ready', 'exported', 'accepted', 'denied', 'paid', 'replaced', 'voided')),
    amount_cents       BIGINT,
    reason             TEXT NOT NULL DEFAULT '',
    payer_claim_number TEXT NOT NULL DEFAULT '',
    actor_id           BIGINT REFERENCES app_user(id),
    at                 TIMESTAMP NOT NULL
);
CREATE INDEX claim_status_claim ON claim_status (claim_id, id);

CREATE TRIGGER claim_batch_no_update BEFORE UPDATE ON claim_batch
BEGIN SELECT RAISE(ABORT, 'a claim batch never changes'); END;
CREATE TRIGGER claim_batch_no_delete BEFORE DELETE ON claim_batch
BEGIN SELECT RAISE(ABORT, 'a claim batch never changes'); END;
CREATE TRIGGER claim_no_update BEFORE UPDATE ON claim
BEGIN SELECT RAISE(ABORT, 'a claim never changes; send a replacement (7) or void (8) claim'); END;
CREATE TRIGGER claim_no_delete BEFORE DELETE ON claim
BEGIN SELECT RAISE(ABORT, 'a claim never changes; send a replacement (7) or void (8) claim'); END;
CREATE TRIGGER claim_line_no_update BEFORE UPDATE ON claim_line
BEGIN SELECT RAISE(ABORT, 'a claim never changes; send a replacement (7) or void (8) claim'); END;
CREATE TRIGGER claim_line_no_delete BEFORE DELETE ON claim_line
BEGIN SELECT RAISE(ABORT, 'a claim never changes; send a replacement (7) or void (8) claim'); END;
CREATE TRIGGER claim_line_sealed BEFORE INSERT ON claim_line
WHEN EXISTS (SELECT 1 FROM claim_status s WHERE s.claim_id = NEW.claim_id AND s.status <> 'ready')
BEGIN SELECT RAISE(ABORT, 'a claim never changes once exported'); END;
CREATE TRIGGER claim_status_no_update BEFORE UPDATE ON claim_status
BEGIN SELECT RAISE(ABORT, 'claim_status is append-only'); END;
CREATE TRIGGER claim_status_no_delete BEFORE DELETE ON claim_status
BEGIN SELECT RAISE(ABORT, 'claim_status is append-only'); END;
CREATE TRIGGER claimed_service_no_delete BEFORE DELETE ON claimed_service
BEGIN SELECT RAISE(ABORT, 'a claimed service stays claimed; a replacement claim takes it over'); END;
CREATE TRIGGER claimed_service_update_only_claim BEFORE UPDATE ON claimed_service
WHEN NEW.note_id <> OLD.note_id OR NEW.agency_id <> OLD.agency_id
  OR NOT EXISTS (SELECT 1 FROM claim c WHERE c.id = NEW.claim_id AND c.original_claim_id IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'only a replacement or void claim takes over a claimed service'); END;
