-- Payer answers: an 835 remittance is stored as the payer told it, once.
-- remittance is one payment (check, EFT or notice), identified by the
-- payer's trace id and the check or EFT number, so importing the same file
-- again finds it instead of paying twice. remittance_claim and
-- remittance_line are its claims and service lines, with the claim and
-- note they matched (NULL and a problem when unmatched: never guessed);
-- remittance_adjustment is money taken or added outside any claim (PLB).
-- Adjustments (group, CARC, amount) and remark codes (RARC) are kept as
-- JSON arrays. All four are append-only: a payer corrects a payment with a
-- later remittance, never by editing this one.
-- Kept in step with the other engine's file (TestSchemasAgree).

CREATE TABLE remittance (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    trace_number   TEXT NOT NULL,
    payer_trace_id TEXT NOT NULL,
    method         TEXT NOT NULL,
    payment_date   DATE,
    amount_cents   BIGINT NOT NULL,
    payer_name     TEXT NOT NULL,
    payee_npi      TEXT NOT NULL,
    file_name      TEXT NOT NULL,
    unbalanced     TEXT NOT NULL DEFAULT '',
    imported_by    BIGINT REFERENCES app_user(id),
    imported_at    TIMESTAMP NOT NULL,
    UNIQUE (agency_id, payer_trace_id, trace_number)
);

CREATE TABLE remittance_claim (
    id                 INTEGER PRIMARY KEY,
    remittance_id      BIGINT NOT NULL REFERENCES remittance(id),
    agency_id          BIGINT NOT NULL REFERENCES agency(id),
    seq                INTEGER NOT NULL,
    control_number     TEXT NOT NULL,
    claim_id           BIGINT REFERENCES claim(id),
    status_code        TEXT NOT NULL,
    charge_cents       BIGINT NOT NULL,
    paid_cents         BIGINT NOT NULL,
    patient_cents      BIGINT NOT NULL,
    payer_claim_number TEXT NOT NULL,
    adjustments        TEXT NOT NULL,
    remarks            TEXT NOT NULL,
    prior_status       TEXT NOT NULL,
    outcome            TEXT NOT NULL,
    problem            TEXT NOT NULL
);
CREATE INDEX remittance_claim_remittance ON remittance_claim (remittance_id, seq);
CREATE INDEX remittance_claim_claim ON remittance_claim (claim_id);

CREATE TABLE remittance_line (
    id                  INTEGER PRIMARY KEY,
    remittance_claim_id BIGINT NOT NULL REFERENCES remittance_claim(id),
    agency_id           BIGINT NOT NULL REFERENCES agency(id),
    seq                 INTEGER NOT NULL,
    control_number      TEXT NOT NULL,
    note_id             BIGINT REFERENCES service_note(id),
    procedure_code      TEXT NOT NULL,
    modifiers           TEXT NOT NULL,
    service_date        DATE,
    charge_cents        BIGINT NOT NULL,
    paid_cents          BIGINT NOT NULL,
    units_milli         BIGINT NOT NULL,
    adjustments         TEXT NOT NULL,
    remarks             TEXT NOT NULL,
    problem             TEXT NOT NULL
);
CREATE INDEX remittance_line_claim ON remittance_line (remittance_claim_id, seq);

CREATE TABLE remittance_adjustment (
    id            INTEGER PRIMARY KEY,
    remittance_id BIGINT NOT NULL REFERENCES remittance(id),
    agency_id     BIGINT NOT NULL REFERENCES agency(id),
    seq           INTEGER NOT NULL,
    provider_id   TEXT NOT NULL,
    reason        TEXT NOT NULL,
    reference     TEXT NOT NULL,
    amount_cents  BIGINT NOT NULL
);
CREATE INDEX remittance_adjustment_remittance ON remittance_adjustment (remittance_id, seq);

CREATE TRIGGER remittance_no_update BEFORE UPDATE ON remittance
BEGIN SELECT RAISE(ABORT, 'a remittance never changes'); END;
CREATE TRIGGER remittance_no_delete BEFORE DELETE ON remittance
BEGIN SELECT RAISE(ABORT, 'a remittance never changes'); END;
CREATE TRIGGER remittance_claim_no_update BEFORE UPDATE ON remittance_claim
BEGIN SELECT RAISE(ABORT, 'a remittance never changes'); END;
CREATE TRIGGER remittance_claim_no_delete BEFORE DELETE ON remittance_claim
BEGIN SELECT RAISE(ABORT, 'a remittance never changes'); END;
CREATE TRIGGER remittance_line_no_update BEFORE UPDATE ON remittance_line
BEGIN SELECT RAISE(ABORT, 'a remittance never changes'); END;
CREATE TRIGGER remittance_line_no_delete BEFORE DELETE ON remittance_line
BEGIN SELECT RAISE(ABORT, 'a remittance never changes'); END;
CREATE TRIGGER remittance_adjustment_no_update BEFORE UPDATE ON remittance_adjustment
BEGIN SELECT RAISE(ABORT, 'a remittance never changes'); END;
CREATE TRIGGER remittance_adjustment_no_delete BEFORE DELETE ON remittance_adjustment
BEGIN SELECT RAISE(ABORT, 'a remittance never changes'); END;
