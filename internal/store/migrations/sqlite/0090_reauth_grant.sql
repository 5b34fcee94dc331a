-- A re-authentication grant: one password (or passkey) check that covers
-- the signatures of the next few minutes in the same session, so signing
-- a run of notes costs one argon2id hash, not one per note. Only the
-- grant's hash is kept; it is bound to its person and session and ends
-- with the session.

CREATE TABLE reauth_grant (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id    BIGINT NOT NULL REFERENCES app_user(id),
    session_id BIGINT NOT NULL REFERENCES user_session(id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
