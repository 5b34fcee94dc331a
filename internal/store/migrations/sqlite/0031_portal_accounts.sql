-- Portal accounts: staff who serve a participant invite them to sign in on
-- their own. An invitation is a link and a short code, both usable once and
-- kept only as SHA-256 hashes; it expires, and a newer one replaces it.
-- Wrong codes are counted here, across addresses and restarts (the sign-in
-- throttle in memory counts per address). A participant has at most one
-- account. Kept in step with the other engine's file (TestSchemasAgree).

CREATE TABLE portal_invitation (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    participant_id BIGINT NOT NULL REFERENCES participant(id),
    token_hash     TEXT NOT NULL UNIQUE,
    code_hash      TEXT NOT NULL UNIQUE,
    invited_by     BIGINT NOT NULL REFERENCES app_user(id),
    created_at     TIMESTAMP NOT NULL,
    expires_at     TIMESTAMP NOT NULL,
    used_at        TIMESTAMP,
    revoked_at     TIMESTAMP,
    user_id        BIGINT REFERENCES app_user(id)
);
CREATE INDEX portal_invitation_participant ON portal_invitation (participant_id, created_at);

CREATE TABLE portal_join_failure (
    id        INTEGER PRIMARY KEY,
    failed_at TIMESTAMP NOT NULL,
    ip        TEXT NOT NULL
);
CREATE INDEX portal_join_failure_at ON portal_join_failure (failed_at);

CREATE UNIQUE INDEX app_user_one_per_participant ON app_user (participant_id) WHERE participant_id IS NOT NULL;
