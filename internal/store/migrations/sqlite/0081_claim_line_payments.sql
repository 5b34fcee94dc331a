-- What a payer paid on each line of a claim, when the biller (or an 835)
-- gives it: rows of one paid status row of claim_status, append-only like
-- it. The lines' amounts add up to the status row's amount.
-- Kept in step with the other engine's file (TestSchemasAgree).

CREATE TABLE claim_status_line (
    id              INTEGER PRIMARY KEY,
    claim_status_id BIGINT NOT NULL REFERENCES claim_status(id),
    agency_id       BIGINT NOT NULL REFERENCES agency(id),
    line_no         INTEGER NOT NULL,
    amount_cents    BIGINT NOT NULL,
    UNIQUE (claim_status_id, line_no)
);

CREATE TRIGGER claim_status_line_no_update BEFORE UPDATE ON claim_status_line
BEGIN SELECT RAISE(ABORT, 'claim_status is append-only'); END;
CREATE TRIGGER claim_status_line_no_delete BEFORE DELETE ON claim_status_line
BEGIN SELECT RAISE(ABORT, 'claim_status is append-only'); END;
