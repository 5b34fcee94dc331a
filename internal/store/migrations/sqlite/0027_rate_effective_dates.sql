-- Rates with effective dates (issue 14): a program keeps every rate of a
-- procedure code and kind (individual or group) with the day it takes
-- effect; each is ended by the next. A service is priced with the rate in
-- effect on its service date, so a new rate never re-prices services
-- already delivered. effective_from NULL means "from the beginning": the
-- rates stored before this migration, the only rate each code had.
--
-- SQLite cannot drop the old one-rate-per-code constraint, so the table is
-- copied into a new one. One row per code, kind and effective day
-- (COALESCE folds the NULL "beginning" into one day). Kept in step with
-- the other engine's file of the same number (TestSchemasAgree).

CREATE TABLE billing_rate_dated (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    program_id     BIGINT NOT NULL REFERENCES program(id),
    procedure_code TEXT NOT NULL,
    is_group       BOOLEAN NOT NULL DEFAULT FALSE,
    cents_per_unit BIGINT NOT NULL CHECK (cents_per_unit >= 0),
    placeholder    BOOLEAN NOT NULL DEFAULT TRUE,
    source         TEXT NOT NULL DEFAULT '',
    updated_at     TIMESTAMP NOT NULL,
    effective_from DATE,
    updated_by     BIGINT REFERENCES app_user(id)
);
INSERT INTO billing_rate_dated (id, agency_id, program_id, procedure_code, is_group, cents_per_unit, placeholder, source, updated_at)
    SELECT id, agency_id, program_id, procedure_code, is_group, cents_per_unit, placeholder, source, updated_at FROM billing_rate;
DROP TABLE billing_rate;
ALTER TABLE billing_rate_dated RENAME TO billing_rate;
CREATE UNIQUE INDEX billing_rate_effective ON billing_rate (program_id, procedure_code, is_group, COALESCE(effective_from, '0001-01-01'));
