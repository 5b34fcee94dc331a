-- Dashboards (issue 17). A planned visit is a peer's appointment with a
-- participant, made from the participant's page or from a note's next
-- steps; Today lists the next ones. It is a plan, not a record of care:
-- a visit is cancelled (kept, with who and when), never deleted.
--
-- Recovery capital is the participant's BARC-10 (Brief Assessment of
-- Recovery Capital): ten statements, each answered from 1 (strongly
-- disagree) to 6 (strongly agree), total 10 to 60, recorded at intake and
-- at plan reviews; the director's dashboard shows the trend. A recorded
-- answer never changes: a mistake is corrected by recording again.
-- Kept in step with the other engine's file (TestSchemasAgree).

CREATE TABLE planned_visit (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    participant_id BIGINT NOT NULL REFERENCES participant(id),
    peer_id        BIGINT NOT NULL REFERENCES app_user(id),
    starts_at      TIMESTAMP NOT NULL,
    minutes        INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 480),
    purpose        TEXT NOT NULL DEFAULT '',
    from_note_id   BIGINT REFERENCES service_note(id),
    created_by     BIGINT NOT NULL REFERENCES app_user(id),
    created_at     TIMESTAMP NOT NULL,
    cancelled_by   BIGINT REFERENCES app_user(id),
    cancelled_at   TIMESTAMP
);
CREATE INDEX planned_visit_peer ON planned_visit (agency_id, peer_id, starts_at);
CREATE INDEX planned_visit_participant ON planned_visit (participant_id, starts_at);

CREATE TRIGGER planned_visit_never_deleted BEFORE DELETE ON planned_visit
BEGIN
    SELECT RAISE(ABORT, 'planned visits are cancelled, never deleted');
END;

CREATE TABLE recovery_capital (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    participant_id BIGINT NOT NULL REFERENCES participant(id),
    occasion       TEXT NOT NULL CHECK (occasion IN ('intake', 'review', 'discharge')),
    taken_on       DATE NOT NULL,
    answers        TEXT NOT NULL,
    total          INTEGER NOT NULL CHECK (total BETWEEN 10 AND 60),
    recorded_by    BIGINT NOT NULL REFERENCES app_user(id),
    recorded_at    TIMESTAMP NOT NULL
);
CREATE INDEX recovery_capital_participant ON recovery_capital (agency_id, participant_id, taken_on);

CREATE TRIGGER recovery_capital_never_changes BEFORE UPDATE ON recovery_capital
BEGIN
    SELECT RAISE(ABORT, 'a recorded BARC-10 never changes');
END;
CREATE TRIGGER recovery_capital_never_deleted BEFORE DELETE ON recovery_capital
BEGIN
    SELECT RAISE(ABORT, 'a recorded BARC-10 never changes');
END;

-- The dashboards count notes by service date and by signing time.
CREATE INDEX service_note_dashboard ON service_note (agency_id, status, service_date);
