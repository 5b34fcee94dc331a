-- A role that reads participants' records (peer, supervisor, clinician,
-- billing, auditor) given by an administrator is a grant: kept here, and,
-- while the agency has another active administrator, not in force until
-- that second administrator approves it (a pending role is left out of the
-- account's roles at sign-in). An administrator never grants such a role
-- to themselves. A decided grant never changes again.
-- Kept in step with the other engine's file (TestSchemasAgree).

CREATE TABLE role_grant (
    id           INTEGER PRIMARY KEY,
    agency_id    BIGINT NOT NULL REFERENCES agency(id),
    user_id      BIGINT NOT NULL REFERENCES app_user(id),
    role         TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'declined', 'withdrawn', 'granted_alone')),
    requested_by BIGINT NOT NULL REFERENCES app_user(id),
    requested_at TIMESTAMP NOT NULL,
    decided_by   BIGINT REFERENCES app_user(id),
    decided_at   TIMESTAMP
);
CREATE INDEX role_grant_user ON role_grant (user_id, status);
CREATE INDEX role_grant_agency ON role_grant (agency_id, requested_at);

CREATE TRIGGER role_grant_decided_never_changes BEFORE UPDATE ON role_grant
WHEN OLD.status <> 'pending'
BEGIN
    SELECT RAISE(ABORT, 'a decided role grant never changes');
END;

CREATE TRIGGER role_grant_no_delete BEFORE DELETE ON role_grant
BEGIN
    SELECT RAISE(ABORT, 'role grants are never deleted');
END;
