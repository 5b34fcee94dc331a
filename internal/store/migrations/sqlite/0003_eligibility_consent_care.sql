-- Eligibility (assessments, diagnoses, service orders, authorizations),
-- consents, care teams, crisis plans with an optional WRAP, plan reviews and
-- discharge plans. A crisis plan belongs to a plan and freezes with it: once
-- anyone has signed the plan, the triggers below refuse changes. Plan
-- reviews are append-only.

CREATE TABLE assessment (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    participant_id BIGINT NOT NULL REFERENCES participant(id),
    assessed_on    DATE NOT NULL,
    clinician_id   BIGINT NOT NULL REFERENCES app_user(id),
    clinician_name TEXT NOT NULL,
    summary        TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX assessment_participant ON assessment (participant_id, assessed_on);

CREATE TABLE diagnosis (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    participant_id BIGINT NOT NULL REFERENCES participant(id),
    code           TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    is_primary     BOOLEAN NOT NULL DEFAULT FALSE,
    since          DATE NOT NULL,
    created_by     BIGINT NOT NULL REFERENCES app_user(id),
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX diagnosis_participant ON diagnosis (participant_id);

CREATE TABLE service_order (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    participant_id BIGINT NOT NULL REFERENCES participant(id),
    program_id     BIGINT NOT NULL REFERENCES program(id),
    professional   TEXT NOT NULL,
    credential     TEXT NOT NULL,
    npi            TEXT NOT NULL,
    signed_on      DATE NOT NULL,
    created_by     BIGINT NOT NULL REFERENCES app_user(id),
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX service_order_participant ON service_order (participant_id, program_id, signed_on);

CREATE TABLE service_authorization (
    id               INTEGER PRIMARY KEY,
    agency_id        BIGINT NOT NULL REFERENCES agency(id),
    participant_id   BIGINT NOT NULL REFERENCES participant(id),
    program_id       BIGINT NOT NULL REFERENCES program(id),
    payer            TEXT NOT NULL,
    number           TEXT NOT NULL,
    start_date       DATE NOT NULL,
    end_date         DATE NOT NULL,
    units_authorized INTEGER NOT NULL,
    units_used       INTEGER NOT NULL DEFAULT 0,
    created_by       BIGINT NOT NULL REFERENCES app_user(id),
    created_at       TIMESTAMP NOT NULL
);
CREATE INDEX service_authorization_participant ON service_authorization (participant_id, program_id, start_date);

CREATE TABLE consent (
    id              INTEGER PRIMARY KEY,
    agency_id       BIGINT NOT NULL REFERENCES agency(id),
    participant_id  BIGINT NOT NULL REFERENCES participant(id),
    kind            TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    purpose         TEXT NOT NULL,
    information     TEXT NOT NULL,
    signed_on       DATE NOT NULL,
    expires_on      DATE NOT NULL,
    revoked_on      DATE,
    revocation_note TEXT NOT NULL DEFAULT '',
    created_by      BIGINT NOT NULL REFERENCES app_user(id),
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX consent_participant ON consent (participant_id, recipient);

CREATE TABLE care_team_member (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    participant_id BIGINT NOT NULL REFERENCES participant(id),
    kind           TEXT NOT NULL,
    staff_id       BIGINT REFERENCES app_user(id),
    name           TEXT NOT NULL DEFAULT '',
    role           TEXT NOT NULL DEFAULT '',
    organisation   TEXT NOT NULL DEFAULT '',
    relationship   TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    created_by     BIGINT NOT NULL REFERENCES app_user(id),
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX care_team_participant ON care_team_member (participant_id);

CREATE TABLE crisis_plan (
    id                    INTEGER PRIMARY KEY,
    agency_id             BIGINT NOT NULL REFERENCES agency(id),
    plan_id               BIGINT NOT NULL UNIQUE REFERENCES plan(id),
    participant_id        BIGINT NOT NULL REFERENCES participant(id),
    warning_signs         TEXT NOT NULL,
    what_helps            TEXT NOT NULL,
    what_does_not_help    TEXT NOT NULL DEFAULT '',
    contacts              TEXT NOT NULL,
    crisis_provider       TEXT NOT NULL,
    crisis_provider_phone TEXT NOT NULL,
    preferences           TEXT NOT NULL DEFAULT '',
    wrap_name             TEXT NOT NULL DEFAULT '',
    wrap_type             TEXT NOT NULL DEFAULT '',
    wrap_data             BLOB,
    updated_by            BIGINT NOT NULL REFERENCES app_user(id),
    updated_at            TIMESTAMP NOT NULL
);

CREATE TABLE plan_review (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    plan_id        BIGINT NOT NULL REFERENCES plan(id),
    participant_id BIGINT NOT NULL REFERENCES participant(id),
    reviewed_on    DATE NOT NULL,
    reviewer_id    BIGINT NOT NULL REFERENCES app_user(id),
    reviewer_name  TEXT NOT NULL,
    outcome        TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    next_due       DATE NOT NULL,
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX plan_review_plan ON plan_review (plan_id, reviewed_on);

CREATE TABLE discharge (
    id                 INTEGER PRIMARY KEY,
    agency_id          BIGINT NOT NULL REFERENCES agency(id),
    participant_id     BIGINT NOT NULL REFERENCES participant(id),
    program_id         BIGINT NOT NULL REFERENCES program(id),
    plan_id            BIGINT REFERENCES plan(id),
    discharge_date     DATE NOT NULL,
    reason             TEXT NOT NULL,
    natural_supports   TEXT NOT NULL DEFAULT '',
    community_supports TEXT NOT NULL DEFAULT '',
    referrals          TEXT NOT NULL DEFAULT '',
    created_by         BIGINT NOT NULL REFERENCES app_user(id),
    created_at         TIMESTAMP NOT NULL,
    UNIQUE (participant_id, program_id)
);

CREATE TABLE discharge_goal (
    id           INTEGER PRIMARY KEY,
    discharge_id BIGINT NOT NULL REFERENCES discharge(id),
    goal_id      BIGINT NOT NULL REFERENCES plan_goal(id),
    outcome      TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT ''
);

-- A crisis plan is part of what the signers sign: frozen from the first
-- signature on its plan.
CREATE TRIGGER crisis_plan_signed_no_insert BEFORE INSERT ON crisis_plan
WHEN (SELECT COUNT(*) FROM plan_signature WHERE plan_id = NEW.plan_id) > 0
BEGIN SELECT RAISE(ABORT, 'a signed plan never changes; create a new version'); END;
CREATE TRIGGER crisis_plan_signed_no_update BEFORE UPDATE ON crisis_plan
WHEN (SELECT COUNT(*) FROM plan_signature WHERE plan_id = OLD.plan_id) > 0
BEGIN SELECT RAISE(ABORT, 'a signed plan never changes; create a new version'); END;
CREATE TRIGGER crisis_plan_signed_no_delete BEFORE DELETE ON crisis_plan
WHEN (SELECT COUNT(*) FROM plan_signature WHERE plan_id = OLD.plan_id) > 0
BEGIN SELECT RAISE(ABORT, 'a signed plan never changes; create a new version'); END;

-- A review is a dated statement by a named person: append-only.
CREATE TRIGGER plan_review_no_update BEFORE UPDATE ON plan_review
BEGIN SELECT RAISE(ABORT, 'plan_review is append-only'); END;
CREATE TRIGGER plan_review_no_delete BEFORE DELETE ON plan_review
BEGIN SELECT RAISE(ABORT, 'plan_review is append-only'); END;
