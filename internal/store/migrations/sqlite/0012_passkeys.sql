-- Passkeys (WebAuthn, ONC (d)(13)): a person may register passkeys and use
-- one as the second step after their password, or alone to sign in (a
-- passkey with user verification is itself two factors: the device and
-- the fingerprint, face or PIN that unlocks it). A removed passkey keeps
-- its row (removed_at) so the audit trail can still name it.

-- webauthn_handle is the random user handle given to authenticators; it
-- never carries the email or the database id.
ALTER TABLE app_user ADD COLUMN webauthn_handle TEXT NOT NULL DEFAULT '';

CREATE TABLE passkey (
    id            INTEGER PRIMARY KEY,
    agency_id     BIGINT NOT NULL REFERENCES agency(id),
    user_id       BIGINT NOT NULL REFERENCES app_user(id),
    credential_id TEXT NOT NULL UNIQUE,
    credential    TEXT NOT NULL,
    name          TEXT NOT NULL,
    sign_count    BIGINT NOT NULL DEFAULT 0,
    created_at    TIMESTAMP NOT NULL,
    last_used_at  TIMESTAMP,
    removed_at    TIMESTAMP,
    removed_by    BIGINT REFERENCES app_user(id)
);
CREATE INDEX passkey_user ON passkey (user_id);

-- A ceremony is one registration or sign-in in flight: the server's half
-- (the challenge and what it allows) kept for five minutes and usable once.
-- It is found by the hash of its challenge, which the browser echoes back.
CREATE TABLE passkey_ceremony (
    id               INTEGER PRIMARY KEY,
    challenge_hash   TEXT NOT NULL UNIQUE,
    purpose          TEXT NOT NULL CHECK (purpose IN ('register', 'second_step', 'sign_in', 'reauth')),
    user_id          BIGINT REFERENCES app_user(id),
    mfa_challenge_id BIGINT REFERENCES mfa_challenge(id),
    session          TEXT NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    expires_at       TIMESTAMP NOT NULL,
    used_at          TIMESTAMP
);
