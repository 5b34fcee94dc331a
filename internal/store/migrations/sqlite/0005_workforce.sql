-- The peer workforce: credentials (certifications and licences) with
-- verification and revocation, continuing-education hours with evidence,
-- the supervision log (one row per session, one attendee row per peer), and
-- agency settings that override a rule pack's workforce values (caseload
-- ratio, supervision frequency). Kept column for column in step with the
-- PostgreSQL file of the same number (TestSchemasAgree).

CREATE TABLE credential (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    staff_id       BIGINT NOT NULL REFERENCES app_user(id),
    type           TEXT NOT NULL,
    number         TEXT NOT NULL DEFAULT '',
    issuer         TEXT NOT NULL DEFAULT '',
    issued_on      DATE NOT NULL,
    expires_on     DATE,
    evidence       TEXT NOT NULL DEFAULT '',
    verified_by    BIGINT REFERENCES app_user(id),
    verified_at    TIMESTAMP,
    revoked        BOOLEAN NOT NULL DEFAULT FALSE,
    revoked_reason TEXT NOT NULL DEFAULT '',
    created_by     BIGINT REFERENCES app_user(id),
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX credential_staff ON credential (staff_id, type, expires_on);
CREATE INDEX credential_agency_expiry ON credential (agency_id, expires_on);

CREATE TABLE ce_hours (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    staff_id       BIGINT NOT NULL REFERENCES app_user(id),
    taken_on       DATE NOT NULL,
    minutes        INTEGER NOT NULL,
    ethics_minutes INTEGER NOT NULL DEFAULT 0,
    topic          TEXT NOT NULL,
    provider       TEXT NOT NULL DEFAULT '',
    evidence       TEXT NOT NULL,
    created_by     BIGINT REFERENCES app_user(id),
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX ce_hours_staff ON ce_hours (staff_id, taken_on);

CREATE TABLE supervision_session (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    supervisor_id  BIGINT NOT NULL REFERENCES app_user(id),
    kind           TEXT NOT NULL,
    held_on        DATE NOT NULL,
    minutes        INTEGER NOT NULL,
    topics         TEXT NOT NULL,
    notes_reviewed TEXT NOT NULL DEFAULT '',
    follow_ups     TEXT NOT NULL DEFAULT '',
    created_by     BIGINT REFERENCES app_user(id),
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX supervision_session_supervisor ON supervision_session (supervisor_id, held_on);

CREATE TABLE supervision_attendee (
    session_id BIGINT NOT NULL REFERENCES supervision_session(id),
    peer_id    BIGINT NOT NULL REFERENCES app_user(id),
    agency_id  BIGINT NOT NULL REFERENCES agency(id),
    PRIMARY KEY (session_id, peer_id)
);
CREATE INDEX supervision_attendee_peer ON supervision_attendee (peer_id);

CREATE TABLE agency_setting (
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    name      TEXT NOT NULL,
    value     TEXT NOT NULL,
    reason    TEXT NOT NULL DEFAULT '',
    set_by    BIGINT REFERENCES app_user(id),
    set_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, name)
);
