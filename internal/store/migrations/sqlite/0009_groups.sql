-- Group sessions: one session (topic, facilitator, time, place, shared
-- description) with a roster and attendance. Signing the session writes one
-- signed note per attendee present, in their own record; absentees get none.

CREATE TABLE group_session (
    id                 INTEGER PRIMARY KEY,
    agency_id          BIGINT NOT NULL REFERENCES agency(id),
    program_id         BIGINT NOT NULL REFERENCES program(id),
    facilitator_id     BIGINT NOT NULL REFERENCES app_user(id),
    co_facilitators    TEXT NOT NULL DEFAULT '',
    topic              TEXT NOT NULL,
    service_date       DATE NOT NULL,
    start_at           TIMESTAMP NOT NULL,
    end_at             TIMESTAMP NOT NULL,
    location           TEXT NOT NULL,
    modality           TEXT NOT NULL,
    category           TEXT NOT NULL,
    shared_description TEXT NOT NULL DEFAULT '',
    next_steps         TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL DEFAULT 'draft',
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    signed_at          TIMESTAMP
);
CREATE INDEX group_session_facilitator ON group_session (facilitator_id, service_date);

CREATE TABLE group_attendee (
    id             INTEGER PRIMARY KEY,
    session_id     BIGINT NOT NULL REFERENCES group_session(id),
    participant_id BIGINT NOT NULL REFERENCES participant(id),
    present        BOOLEAN NOT NULL DEFAULT TRUE,
    response       TEXT NOT NULL DEFAULT '',
    goal_links     TEXT NOT NULL DEFAULT '',
    note_id        BIGINT REFERENCES service_note(id),
    UNIQUE (session_id, participant_id)
);

ALTER TABLE service_note ADD COLUMN group_session_id BIGINT REFERENCES group_session(id);

CREATE TRIGGER group_session_signed_no_update BEFORE UPDATE ON group_session WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed group session never changes'); END;
CREATE TRIGGER group_session_no_delete BEFORE DELETE ON group_session
BEGIN SELECT RAISE(ABORT, 'group sessions are never deleted'); END;
CREATE TRIGGER group_attendee_signed_no_update BEFORE UPDATE ON group_attendee
WHEN (SELECT status FROM group_session WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed group session never changes'); END;
CREATE TRIGGER group_attendee_signed_no_insert BEFORE INSERT ON group_attendee
WHEN (SELECT status FROM group_session WHERE id = NEW.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed group session never changes'); END;
CREATE TRIGGER group_attendee_signed_no_delete BEFORE DELETE ON group_attendee
WHEN (SELECT status FROM group_session WHERE id = OLD.session_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed group session never changes'); END;
