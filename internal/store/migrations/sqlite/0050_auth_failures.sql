-- Failed checks of an account that is past its password: wrong second-step
-- codes (across challenges, so a fresh challenge does not buy fresh tries)
-- and wrong passwords given again to sign, approve or change a setting.
-- Counted here, so a restart does not hand an attacker a new allowance.
-- Kept in step with the other engine's file (TestSchemasAgree).

CREATE TABLE auth_failure (
    id        INTEGER PRIMARY KEY,
    user_id   BIGINT NOT NULL REFERENCES app_user(id),
    kind      TEXT NOT NULL CHECK (kind IN ('second_factor', 'reauth')),
    ip        TEXT NOT NULL,
    failed_at TIMESTAMP NOT NULL
);
CREATE INDEX auth_failure_user ON auth_failure (user_id, kind, failed_at);

-- Passkey ceremonies begun by anonymous visitors are swept once expired;
-- the index keeps the sweep cheap.
CREATE INDEX passkey_ceremony_expires ON passkey_ceremony (expires_at);
