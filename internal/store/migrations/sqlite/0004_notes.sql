-- Service notes: drafts, signatures, addenda, coach dismissals. A signed
-- note, its goal links, its signature and the participant's own words never
-- change; addenda and signatures are append-only; no note is ever deleted
-- (a draft stays a draft: there is no discard). The triggers below refuse
-- it whatever the application does.

CREATE TABLE service_note (
    id                   INTEGER PRIMARY KEY,
    agency_id            BIGINT NOT NULL REFERENCES agency(id),
    participant_id       BIGINT NOT NULL REFERENCES participant(id),
    program_id           BIGINT NOT NULL REFERENCES program(id),
    author_id            BIGINT NOT NULL REFERENCES app_user(id),
    kind                 TEXT NOT NULL DEFAULT 'individual',
    status               TEXT NOT NULL DEFAULT 'draft',
    service_date         DATE NOT NULL,
    start_at             TIMESTAMP,
    end_at               TIMESTAMP,
    location             TEXT NOT NULL DEFAULT '',
    modality             TEXT NOT NULL DEFAULT '',
    category             TEXT NOT NULL DEFAULT '',
    single_event_reason  TEXT NOT NULL DEFAULT '',
    peer_action          TEXT NOT NULL DEFAULT '',
    participant_response TEXT NOT NULL DEFAULT '',
    next_steps           TEXT NOT NULL DEFAULT '',
    others_present       TEXT NOT NULL DEFAULT '',
    billable             BOOLEAN NOT NULL DEFAULT TRUE,
    non_billable_reason  TEXT NOT NULL DEFAULT '',
    crisis               BOOLEAN NOT NULL DEFAULT FALSE,
    participant_words    TEXT NOT NULL DEFAULT '',
    participant_ack_name TEXT NOT NULL DEFAULT '',
    participant_ack_at   TIMESTAMP,
    late_entry_reason    TEXT NOT NULL DEFAULT '',
    due_at               TIMESTAMP,
    version              INTEGER NOT NULL DEFAULT 1,
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL,
    signed_at            TIMESTAMP,
    content_hash         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX service_note_participant ON service_note (participant_id, service_date);
CREATE INDEX service_note_author ON service_note (author_id, status, start_at);

CREATE TABLE note_goal (
    id              INTEGER PRIMARY KEY,
    note_id         BIGINT NOT NULL REFERENCES service_note(id),
    position        INTEGER NOT NULL,
    goal_id         BIGINT NOT NULL REFERENCES plan_goal(id),
    intervention_id BIGINT REFERENCES plan_intervention(id)
);
CREATE INDEX note_goal_note ON note_goal (note_id, position);
CREATE INDEX note_goal_goal ON note_goal (goal_id);

CREATE TABLE note_signature (
    id           INTEGER PRIMARY KEY,
    note_id      BIGINT NOT NULL UNIQUE REFERENCES service_note(id),
    user_id      BIGINT NOT NULL REFERENCES app_user(id),
    name         TEXT NOT NULL,
    credential   TEXT NOT NULL DEFAULT '',
    attestation  TEXT NOT NULL,
    signed_at    TIMESTAMP NOT NULL,
    content_hash TEXT NOT NULL,
    findings     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE note_addendum (
    id                  INTEGER PRIMARY KEY,
    note_id             BIGINT NOT NULL REFERENCES service_note(id),
    kind                TEXT NOT NULL,
    body                TEXT NOT NULL,
    author_id           BIGINT NOT NULL REFERENCES app_user(id),
    name                TEXT NOT NULL,
    credential          TEXT NOT NULL DEFAULT '',
    attestation         TEXT NOT NULL,
    signed_at           TIMESTAMP NOT NULL,
    content_hash        TEXT NOT NULL,
    claim_review_needed BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX note_addendum_note ON note_addendum (note_id, id);

CREATE TABLE note_coach_dismissal (
    id            INTEGER PRIMARY KEY,
    note_id       BIGINT NOT NULL REFERENCES service_note(id),
    field         TEXT NOT NULL,
    rule_id       TEXT NOT NULL,
    words         TEXT NOT NULL,
    severity      TEXT NOT NULL,
    dismissed_by  BIGINT NOT NULL REFERENCES app_user(id),
    by_supervisor BOOLEAN NOT NULL DEFAULT FALSE,
    reason        TEXT NOT NULL DEFAULT '',
    dismissed_at  TIMESTAMP NOT NULL
);
CREATE INDEX note_coach_dismissal_note ON note_coach_dismissal (note_id);

CREATE TRIGGER service_note_signed_no_update BEFORE UPDATE ON service_note WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed note never changes; add an addendum'); END;
CREATE TRIGGER service_note_no_delete BEFORE DELETE ON service_note
BEGIN SELECT RAISE(ABORT, 'a note is never deleted'); END;

CREATE TRIGGER note_goal_signed_no_insert BEFORE INSERT ON note_goal
WHEN (SELECT status FROM service_note WHERE id = NEW.note_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed note never changes; add an addendum'); END;
CREATE TRIGGER note_goal_signed_no_update BEFORE UPDATE ON note_goal
WHEN (SELECT status FROM service_note WHERE id = OLD.note_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed note never changes; add an addendum'); END;
CREATE TRIGGER note_goal_signed_no_delete BEFORE DELETE ON note_goal
WHEN (SELECT status FROM service_note WHERE id = OLD.note_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed note never changes; add an addendum'); END;

CREATE TRIGGER note_signature_once BEFORE INSERT ON note_signature
WHEN (SELECT status FROM service_note WHERE id = NEW.note_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'the note is already signed'); END;
CREATE TRIGGER note_signature_no_update BEFORE UPDATE ON note_signature
BEGIN SELECT RAISE(ABORT, 'a signature never changes'); END;
CREATE TRIGGER note_signature_no_delete BEFORE DELETE ON note_signature
BEGIN SELECT RAISE(ABORT, 'a signature never changes'); END;

CREATE TRIGGER note_addendum_needs_signed BEFORE INSERT ON note_addendum
WHEN (SELECT status FROM service_note WHERE id = NEW.note_id) <> 'signed'
BEGIN SELECT RAISE(ABORT, 'an addendum is added to a signed note only'); END;
CREATE TRIGGER note_addendum_no_update BEFORE UPDATE ON note_addendum
BEGIN SELECT RAISE(ABORT, 'an addendum never changes'); END;
CREATE TRIGGER note_addendum_no_delete BEFORE DELETE ON note_addendum
BEGIN SELECT RAISE(ABORT, 'an addendum never changes'); END;

CREATE TRIGGER note_coach_dismissal_draft_only BEFORE INSERT ON note_coach_dismissal
WHEN (SELECT status FROM service_note WHERE id = NEW.note_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'a signed note never changes; add an addendum'); END;
CREATE TRIGGER note_coach_dismissal_no_update BEFORE UPDATE ON note_coach_dismissal
BEGIN SELECT RAISE(ABORT, 'a coach dismissal never changes'); END;
CREATE TRIGGER note_coach_dismissal_no_delete BEFORE DELETE ON note_coach_dismissal
BEGIN SELECT RAISE(ABORT, 'a coach dismissal never changes'); END;
