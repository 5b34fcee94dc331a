-- Supervisor review of signed service notes: approvals (co-signatures),
-- the comment thread between supervisor and peer (returns, comments,
-- replies) and overrides of block-level findings. All three are
-- append-only: an approval is a signature and never changes; a later
-- addendum changes the note's review hash, so the old approval no longer
-- counts and the note is approved again (one approval per note content:
-- UNIQUE (note_id, note_hash)). Kept column for column in step with the
-- PostgreSQL file of the same number (TestSchemasAgree).

CREATE TABLE note_approval (
    id            INTEGER PRIMARY KEY,
    note_id       BIGINT NOT NULL REFERENCES service_note(id),
    agency_id     BIGINT NOT NULL REFERENCES agency(id),
    supervisor_id BIGINT NOT NULL REFERENCES app_user(id),
    name          TEXT NOT NULL,
    credential    TEXT NOT NULL DEFAULT '',
    approved_at   TIMESTAMP NOT NULL,
    note_hash     TEXT NOT NULL,
    UNIQUE (note_id, note_hash)
);
CREATE INDEX note_approval_supervisor ON note_approval (supervisor_id, approved_at);

CREATE TABLE note_review_comment (
    id         INTEGER PRIMARY KEY,
    note_id    BIGINT NOT NULL REFERENCES service_note(id),
    agency_id  BIGINT NOT NULL REFERENCES agency(id),
    author_id  BIGINT NOT NULL REFERENCES app_user(id),
    kind       TEXT NOT NULL CHECK (kind IN ('return', 'comment', 'reply')),
    body       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX note_review_comment_note ON note_review_comment (note_id, id);

CREATE TABLE finding_override (
    id            INTEGER PRIMARY KEY,
    note_id       BIGINT NOT NULL REFERENCES service_note(id),
    agency_id     BIGINT NOT NULL REFERENCES agency(id),
    rule_id       TEXT NOT NULL,
    supervisor_id BIGINT NOT NULL REFERENCES app_user(id),
    reason        TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX finding_override_note ON finding_override (note_id, rule_id);

CREATE TRIGGER note_approval_signed_only BEFORE INSERT ON note_approval
WHEN (SELECT status FROM service_note WHERE id = NEW.note_id) <> 'signed'
BEGIN SELECT RAISE(ABORT, 'only a signed note is approved'); END;
CREATE TRIGGER note_approval_no_update BEFORE UPDATE ON note_approval
BEGIN SELECT RAISE(ABORT, 'an approval never changes'); END;
CREATE TRIGGER note_approval_no_delete BEFORE DELETE ON note_approval
BEGIN SELECT RAISE(ABORT, 'an approval never changes'); END;

CREATE TRIGGER note_review_comment_no_update BEFORE UPDATE ON note_review_comment
BEGIN SELECT RAISE(ABORT, 'a review comment never changes'); END;
CREATE TRIGGER note_review_comment_no_delete BEFORE DELETE ON note_review_comment
BEGIN SELECT RAISE(ABORT, 'a review comment never changes'); END;

CREATE TRIGGER finding_override_no_update BEFORE UPDATE ON finding_override
BEGIN SELECT RAISE(ABORT, 'a finding override never changes'); END;
CREATE TRIGGER finding_override_no_delete BEFORE DELETE ON finding_override
BEGIN SELECT RAISE(ABORT, 'a finding override never changes'); END;
