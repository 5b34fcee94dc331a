-- Person-centered plans: goals in the participant's words, interventions,
-- signatures. A signed plan and everything under it never changes: the
-- triggers below refuse it, whatever the application does.

CREATE TABLE plan (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    participant_id BIGINT NOT NULL REFERENCES participant(id),
    program_id     BIGINT NOT NULL REFERENCES program(id),
    version        INTEGER NOT NULL,
    status         TEXT NOT NULL DEFAULT 'draft',
    effective_date DATE NOT NULL,
    review_due     DATE NOT NULL,
    created_by     BIGINT NOT NULL REFERENCES app_user(id),
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    signed_at      TIMESTAMP,
    content_hash   TEXT NOT NULL DEFAULT '',
    UNIQUE (participant_id, program_id, version)
);
CREATE INDEX plan_in_force ON plan (participant_id, status, effective_date);

CREATE TABLE plan_goal (
    id                INTEGER PRIMARY KEY,
    plan_id           BIGINT NOT NULL REFERENCES plan(id),
    position          INTEGER NOT NULL,
    participant_words TEXT NOT NULL,
    summary           TEXT NOT NULL,
    target_date       DATE
);
CREATE INDEX plan_goal_plan ON plan_goal (plan_id, position);

CREATE TABLE plan_intervention (
    id          INTEGER PRIMARY KEY,
    plan_id     BIGINT NOT NULL REFERENCES plan(id),
    goal_id     BIGINT NOT NULL REFERENCES plan_goal(id),
    position    INTEGER NOT NULL,
    description TEXT NOT NULL,
    frequency   TEXT NOT NULL DEFAULT '',
    responsible TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_intervention_goal ON plan_intervention (goal_id, position);

CREATE TABLE plan_signature (
    id          INTEGER PRIMARY KEY,
    plan_id     BIGINT NOT NULL REFERENCES plan(id),
    signer_role TEXT NOT NULL,
    user_id     BIGINT REFERENCES app_user(id),
    name        TEXT NOT NULL,
    credential  TEXT NOT NULL DEFAULT '',
    signed_at   TIMESTAMP NOT NULL,
    UNIQUE (plan_id, signer_role)
);

CREATE TRIGGER plan_signed_no_update BEFORE UPDATE ON plan WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed plan never changes; create a new version'); END;
CREATE TRIGGER plan_signed_no_delete BEFORE DELETE ON plan WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed plan never changes; create a new version'); END;

CREATE TRIGGER plan_goal_signed_no_insert BEFORE INSERT ON plan_goal
WHEN (SELECT status FROM plan WHERE id = NEW.plan_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed plan never changes; create a new version'); END;
CREATE TRIGGER plan_goal_signed_no_update BEFORE UPDATE ON plan_goal
WHEN (SELECT status FROM plan WHERE id = OLD.plan_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed plan never changes; create a new version'); END;
CREATE TRIGGER plan_goal_signed_no_delete BEFORE DELETE ON plan_goal
WHEN (SELECT status FROM plan WHERE id = OLD.plan_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed plan never changes; create a new version'); END;

CREATE TRIGGER plan_intervention_signed_no_insert BEFORE INSERT ON plan_intervention
WHEN (SELECT status FROM plan WHERE id = NEW.plan_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed plan never changes; create a new version'); END;
CREATE TRIGGER plan_intervention_signed_no_update BEFORE UPDATE ON plan_intervention
WHEN (SELECT status FROM plan WHERE id = OLD.plan_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed plan never changes; create a new version'); END;
CREATE TRIGGER plan_intervention_signed_no_delete BEFORE DELETE ON plan_intervention
WHEN (SELECT status FROM plan WHERE id = OLD.plan_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed plan never changes; create a new version'); END;

-- Signatures are append-only from the moment they are written.
CREATE TRIGGER plan_signature_no_update BEFORE UPDATE ON plan_signature
BEGIN SELECT RAISE(ABORT, 'a signature never changes'); END;
CREATE TRIGGER plan_signature_no_delete BEFORE DELETE ON plan_signature
BEGIN SELECT RAISE(ABORT, 'a signature never changes'); END;
