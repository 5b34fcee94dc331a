-- Single sign-on (OpenID Connect, optional): an agency with an identity
-- provider lets its staff sign in there. A person is linked to the
-- provider's (issuer, subject) on their first sign-in, matched by a
-- verified email to an active staff account; from then on the subject
-- alone finds them, even when their email at the provider changes.
-- Accounts are never created here.

CREATE TABLE sso_identity (
    id           INTEGER PRIMARY KEY,
    agency_id    BIGINT NOT NULL REFERENCES agency(id),
    user_id      BIGINT NOT NULL REFERENCES app_user(id),
    issuer       TEXT NOT NULL,
    subject      TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP NOT NULL,
    UNIQUE (issuer, subject),
    -- one subject per person per provider: a second one is refused, not
    -- silently linked (a recycled address at the provider is not the same person)
    UNIQUE (issuer, user_id)
);

-- A sign-in in flight: the server's half of one round trip to the
-- provider, kept ten minutes and usable once. It is found by the hash of
-- the state the provider echoes back. The nonce and the PKCE verifier
-- are read from here, never from the browser (the verifier goes only to
-- the provider's token endpoint, server to server).
CREATE TABLE sso_state (
    id         INTEGER PRIMARY KEY,
    state_hash TEXT NOT NULL UNIQUE,
    nonce      TEXT NOT NULL,
    verifier   TEXT NOT NULL,
    ip         TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);
CREATE INDEX sso_state_expires ON sso_state (expires_at);
