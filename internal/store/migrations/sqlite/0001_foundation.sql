-- Foundation: agencies, programs, staff, participants, caseloads, sessions
-- and the audit trail. Every table below the agency carries agency_id so
-- every query can be scoped by it.

CREATE TABLE agency (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    npi         TEXT NOT NULL DEFAULT '',
    tax_id      TEXT NOT NULL DEFAULT '',
    taxonomy    TEXT NOT NULL DEFAULT '',
    addr_line1  TEXT NOT NULL DEFAULT '',
    addr_city   TEXT NOT NULL DEFAULT '',
    addr_state  TEXT NOT NULL DEFAULT '',
    addr_postal TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE program (
    id         INTEGER PRIMARY KEY,
    agency_id  BIGINT NOT NULL REFERENCES agency(id),
    name       TEXT NOT NULL,
    rule_pack  TEXT NOT NULL,
    payer      TEXT NOT NULL DEFAULT '',
    state      TEXT NOT NULL DEFAULT '',
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (agency_id, name)
);

CREATE TABLE participant (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    first_name     TEXT NOT NULL,
    last_name      TEXT NOT NULL,
    preferred_name TEXT NOT NULL DEFAULT '',
    pronouns       TEXT NOT NULL DEFAULT '',
    birth_date     DATE NOT NULL,
    gender         TEXT NOT NULL DEFAULT 'U',
    medicaid_id    TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    addr_line1     TEXT NOT NULL DEFAULT '',
    addr_city      TEXT NOT NULL DEFAULT '',
    addr_state     TEXT NOT NULL DEFAULT '',
    addr_postal    TEXT NOT NULL DEFAULT '',
    language       TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'active',
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX participant_agency_name ON participant (agency_id, last_name, first_name);

CREATE TABLE app_user (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    email          TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    credential     TEXT NOT NULL DEFAULT '',
    npi            TEXT NOT NULL DEFAULT '',
    password_hash  TEXT NOT NULL,
    active         BOOLEAN NOT NULL DEFAULT TRUE,
    participant_id BIGINT REFERENCES participant(id),
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);

CREATE TABLE user_role (
    user_id   BIGINT NOT NULL REFERENCES app_user(id),
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    role      TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE supervision_link (
    supervisor_id BIGINT NOT NULL REFERENCES app_user(id),
    peer_id       BIGINT NOT NULL REFERENCES app_user(id),
    agency_id     BIGINT NOT NULL REFERENCES agency(id),
    alternate     BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (supervisor_id, peer_id)
);

CREATE TABLE enrollment (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    participant_id BIGINT NOT NULL REFERENCES participant(id),
    program_id     BIGINT NOT NULL REFERENCES program(id),
    start_date     DATE NOT NULL,
    end_date       DATE
);
CREATE INDEX enrollment_participant ON enrollment (participant_id);

CREATE TABLE caseload (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    participant_id BIGINT NOT NULL REFERENCES participant(id),
    peer_id        BIGINT NOT NULL REFERENCES app_user(id),
    start_date     DATE NOT NULL,
    end_date       DATE
);
CREATE INDEX caseload_peer ON caseload (peer_id, participant_id);
CREATE INDEX caseload_participant ON caseload (participant_id);

CREATE TABLE user_session (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    user_id      BIGINT NOT NULL REFERENCES app_user(id),
    agency_id    BIGINT NOT NULL REFERENCES agency(id),
    kind         TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    revoked_at   TIMESTAMP,
    ip           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX user_session_user ON user_session (user_id);

CREATE TABLE audit_event (
    seq            BIGINT PRIMARY KEY,
    at             TIMESTAMP NOT NULL,
    agency_id      BIGINT,
    actor_id       BIGINT,
    actor_role     TEXT NOT NULL DEFAULT '',
    action         TEXT NOT NULL,
    record_type    TEXT NOT NULL DEFAULT '',
    record_id      BIGINT,
    participant_id BIGINT,
    ip             TEXT NOT NULL DEFAULT '',
    outcome        TEXT NOT NULL,
    detail         TEXT NOT NULL DEFAULT '',
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL
);
CREATE INDEX audit_event_participant ON audit_event (participant_id, seq);
CREATE INDEX audit_event_actor ON audit_event (actor_id, seq);

-- The head of the hash chain: one row, locked by every audit write so that
-- concurrent writers append in a single order.
CREATE TABLE audit_head (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq  BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '');

CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
