-- Security: TOTP second factor, the agency's MFA policy per role, sign-in
-- challenges between password and code, and emergency ("break the glass")
-- access to a record outside one's reach.

ALTER TABLE app_user ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE app_user ADD COLUMN totp_enabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE app_user ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

CREATE TABLE mfa_policy (
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    role      TEXT NOT NULL,
    set_by    BIGINT REFERENCES app_user(id),
    set_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, role)
);

CREATE TABLE mfa_challenge (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id    BIGINT NOT NULL REFERENCES app_user(id),
    kind       TEXT NOT NULL,
    ip         TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    used_at    TIMESTAMP
);

CREATE TABLE emergency_access (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    user_id        BIGINT NOT NULL REFERENCES app_user(id),
    participant_id BIGINT NOT NULL REFERENCES participant(id),
    reason         TEXT NOT NULL,
    granted_at     TIMESTAMP NOT NULL,
    expires_at     TIMESTAMP NOT NULL
);
CREATE INDEX emergency_access_user ON emergency_access (user_id, expires_at);
CREATE INDEX emergency_access_agency ON emergency_access (agency_id, granted_at);

-- An emergency grant is evidence: it is never edited or removed.
CREATE TRIGGER emergency_access_no_update BEFORE UPDATE ON emergency_access
BEGIN SELECT RAISE(ABORT, 'emergency_access is append-only'); END;
CREATE TRIGGER emergency_access_no_delete BEFORE DELETE ON emergency_access
BEGIN SELECT RAISE(ABORT, 'emergency_access is append-only'); END;
