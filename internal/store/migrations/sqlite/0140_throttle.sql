-- The counters that slow anonymous callers, shared by every server on the
-- database (issue 20): failed sign-ins per (account, address) and per
-- address, and passkey and single sign-on starts per address. They were
-- kept in each server's memory, so with two servers an attacker had two
-- allowances. A row is one key's current run: hits counted since began_at,
-- the newest at last_at. key_hash is a keyed hash (HMAC-SHA-256 under a key
-- derived from the secret key) of the kind, the email as typed and the
-- address, so the table names no one and no address.
--
-- On PostgreSQL deliberately outside the agency wall (no row-level
-- security policy), like auth_failure: the counts are taken before
-- anyone's agency is known, and per address across all agencies on
-- purpose. No participant's record.
-- Rows quiet for an hour are deleted as failures and starts are counted.
-- Kept in step with the other engine's file (TestSchemasAgree).

CREATE TABLE throttle (
    key_hash TEXT PRIMARY KEY,
    hits     INTEGER NOT NULL,
    began_at TIMESTAMP NOT NULL,
    last_at  TIMESTAMP NOT NULL
);
CREATE INDEX throttle_last ON throttle (last_at);
