-- Signing with a passkey instead of the password: a passkey checked for a
-- signed-in person yields a proof that stands in for their password once,
-- within two minutes, for the signature, approval or decision it was asked
-- for. Only the proof's hash is kept.

CREATE TABLE reauth_proof (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id    BIGINT NOT NULL REFERENCES app_user(id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);
