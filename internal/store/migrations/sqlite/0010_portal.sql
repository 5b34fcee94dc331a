-- The participant's side (ONC (d)(4), (d)(10)/(11), 42 CFR Part 2): the
-- accounting of disclosures and amendment requests with their decisions and
-- statements of disagreement. Every row is evidence: append-only, enforced
-- here whatever the application does.

CREATE TABLE disclosure (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    participant_id BIGINT NOT NULL REFERENCES participant(id),
    recipient      TEXT NOT NULL,
    purpose        TEXT NOT NULL,
    information    TEXT NOT NULL,
    consent_id     BIGINT REFERENCES consent(id),
    own_request    BOOLEAN NOT NULL DEFAULT FALSE,
    format         TEXT NOT NULL,
    content_hash   TEXT NOT NULL,
    part2          BOOLEAN NOT NULL DEFAULT FALSE,
    disclosed_by   BIGINT NOT NULL REFERENCES app_user(id),
    by_role        TEXT NOT NULL,
    disclosed_at   TIMESTAMP NOT NULL,
    CHECK (own_request OR consent_id IS NOT NULL)
);
CREATE INDEX disclosure_participant ON disclosure (participant_id, disclosed_at);

CREATE TABLE amendment_request (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    participant_id BIGINT NOT NULL REFERENCES participant(id),
    note_id        BIGINT REFERENCES service_note(id),
    plan_id        BIGINT REFERENCES plan(id),
    what_is_wrong  TEXT NOT NULL,
    should_say     TEXT NOT NULL,
    requested_by   BIGINT NOT NULL REFERENCES app_user(id),
    requested_at   TIMESTAMP NOT NULL,
    CHECK ((note_id IS NULL) <> (plan_id IS NULL))
);
CREATE INDEX amendment_request_participant ON amendment_request (participant_id, requested_at);

CREATE TABLE amendment_decision (
    id          INTEGER PRIMARY KEY,
    request_id  BIGINT NOT NULL UNIQUE REFERENCES amendment_request(id),
    outcome     TEXT NOT NULL CHECK (outcome IN ('accepted', 'denied')),
    reason      TEXT NOT NULL DEFAULT '',
    addendum_id BIGINT REFERENCES note_addendum(id),
    decided_by  BIGINT NOT NULL REFERENCES app_user(id),
    by_name     TEXT NOT NULL,
    by_role     TEXT NOT NULL,
    decided_at  TIMESTAMP NOT NULL
);

CREATE TABLE amendment_statement (
    id         INTEGER PRIMARY KEY,
    request_id BIGINT NOT NULL UNIQUE REFERENCES amendment_request(id),
    body       TEXT NOT NULL,
    written_by BIGINT NOT NULL REFERENCES app_user(id),
    written_at TIMESTAMP NOT NULL
);

CREATE TRIGGER disclosure_no_update BEFORE UPDATE ON disclosure
BEGIN SELECT RAISE(ABORT, 'disclosure is append-only'); END;
CREATE TRIGGER disclosure_no_delete BEFORE DELETE ON disclosure
BEGIN SELECT RAISE(ABORT, 'disclosure is append-only'); END;
CREATE TRIGGER amendment_request_no_update BEFORE UPDATE ON amendment_request
BEGIN SELECT RAISE(ABORT, 'amendment_request is append-only'); END;
CREATE TRIGGER amendment_request_no_delete BEFORE DELETE ON amendment_request
BEGIN SELECT RAISE(ABORT, 'amendment_request is append-only'); END;
CREATE TRIGGER amendment_decision_no_update BEFORE UPDATE ON amendment_decision
BEGIN SELECT RAISE(ABORT, 'amendment_decision is append-only'); END;
CREATE TRIGGER amendment_decision_no_delete BEFORE DELETE ON amendment_decision
BEGIN SELECT RAISE(ABORT, 'amendment_decision is append-only'); END;
CREATE TRIGGER amendment_statement_no_update BEFORE UPDATE ON amendment_statement
BEGIN SELECT RAISE(ABORT, 'amendment_statement is append-only'); END;
CREATE TRIGGER amendment_statement_no_delete BEFORE DELETE ON amendment_statement
BEGIN SELECT RAISE(ABORT, 'amendment_statement is append-only'); END;
CREATE TRIGGER amendment_statement_after_denial BEFORE INSERT ON amendment_statement
WHEN (SELECT outcome FROM amendment_decision WHERE request_id = NEW.request_id) IS NOT 'denied'
BEGIN SELECT RAISE(ABORT, 'a statement of disagreement follows a denial only'); END;
