-- Stored billing verdicts (issues 17 and 20). The worklist and the billing
-- dashboard used to scrub every service of the period on every read; now a
-- read keeps what the scrubber said of each participant's services in a
-- period (billing_run, billing_verdict) and scrubs again only the
-- participants whose inputs changed since. A stored verdict is a cache of
-- the scrubber, never a source: the export still scrubs when it writes a
-- claim.
--
-- What a verdict depends on is counted in billing_version, one row per
-- scope: the agency (its billing identity, programs, payer settings, rates,
-- rule overrides, word list, settings), a participant (their record,
-- enrolments, plans and goals, crisis plan, diagnoses, service orders,
-- authorizations and their units, signed notes, signatures, addenda,
-- approvals, claims and outcomes, groups) and a staff member (their
-- account, credentials, caseload, supervision, signed notes: the author's
-- side of the overlap and copied-text checks). The triggers below move a
-- scope's version in the very transaction that changes one of its records,
-- so no write path can forget to, and a verdict is fresh only while the
-- versions it was computed at are still the current ones
-- (internal/store/billing_verdict.go). Versions only grow; a missing row
-- is version 0.
--
-- billing_run is one participant's services of a program and period as the
-- scrubber saw them, at the versions of the agency and the participant;
-- each billing_verdict row also keeps its author's version. The rows are
-- per period because the scrubber counts the units of the services it
-- passes in a period as used for the later ones; ready, units, amounts,
-- the rules blocking (first_rule, and rules: each once, space-separated)
-- and the placeholder rate that priced a ready service (rate_key) are
-- columns, so totals, blocked groups and dashboards add them up without
-- reading the stored service (service, JSON). fresh_until is the instant the
-- run stops being fresh by the clock alone (a service dated in the future
-- when it was scrubbed), NULL when never.
--
-- A run also keeps its authors' versions (authors: "id:version ...") and
-- its totals (counts, units, cents, rule_counts "rule:n ...", the
-- placeholder rates of its ready services, rate_keys), so a worklist page
-- adds up one row a participant. billing_period keeps, for a program and
-- period, the sum of the agency's versions when its runs were last all
-- made fresh, and the earliest fresh_until among them: while both still
-- hold (versions only grow, so an unchanged sum means nothing changed), a
-- read need not look for stale runs at all. basis fingerprints what no
-- version counts: the build (its rule packs, word lists and scrubber
-- change only with one) and the agency's effective pack; a run or period
-- of another basis is stale.
-- Kept in step with the other engine's file (TestSchemasAgree).

CREATE TABLE billing_version (
    scope     TEXT NOT NULL,
    scope_id  BIGINT NOT NULL,
    agency_id BIGINT NOT NULL,
    version   BIGINT NOT NULL,
    PRIMARY KEY (scope, scope_id)
);
CREATE INDEX billing_version_agency ON billing_version (agency_id, version);

CREATE TABLE billing_run (
    agency_id      BIGINT NOT NULL,
    program_id     BIGINT NOT NULL,
    period_from    DATE NOT NULL,
    period_to      DATE NOT NULL,
    participant_id BIGINT NOT NULL,
    agency_v       BIGINT NOT NULL,
    participant_v  BIGINT NOT NULL,
    authors        TEXT NOT NULL,
    basis          TEXT NOT NULL,
    fresh_until    TIMESTAMP,
    computed_at    TIMESTAMP NOT NULL,
    ready_count    INTEGER NOT NULL,
    blocked_count  INTEGER NOT NULL,
    ready_units    INTEGER NOT NULL,
    ready_cents    BIGINT NOT NULL,
    rule_counts    TEXT NOT NULL,
    rate_keys      TEXT NOT NULL,
    PRIMARY KEY (program_id, period_from, period_to, participant_id)
);

CREATE TABLE billing_period (
    agency_id   BIGINT NOT NULL,
    program_id  BIGINT NOT NULL,
    period_from DATE NOT NULL,
    period_to   DATE NOT NULL,
    versions    BIGINT NOT NULL,
    basis       TEXT NOT NULL,
    fresh_until TIMESTAMP,
    checked_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (program_id, period_from, period_to)
);

CREATE TABLE billing_verdict (
    agency_id      BIGINT NOT NULL,
    program_id     BIGINT NOT NULL,
    period_from    DATE NOT NULL,
    period_to      DATE NOT NULL,
    participant_id BIGINT NOT NULL,
    position       INTEGER NOT NULL,
    note_id        BIGINT NOT NULL,
    author_id      BIGINT NOT NULL,
    author_v       BIGINT NOT NULL,
    service_date   DATE NOT NULL,
    ready          BOOLEAN NOT NULL,
    units          INTEGER NOT NULL,
    charge_cents   BIGINT NOT NULL,
    first_rule     TEXT NOT NULL,
    rules          TEXT NOT NULL,
    rate_key       TEXT NOT NULL,
    service        TEXT NOT NULL,
    PRIMARY KEY (program_id, period_from, period_to, participant_id, position)
);
CREATE INDEX billing_verdict_author ON billing_verdict (author_id);

CREATE TRIGGER billing_version_enrollment_insert AFTER INSERT ON enrollment
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', NEW.participant_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_enrollment_update AFTER UPDATE ON enrollment
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', NEW.participant_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_enrollment_delete AFTER DELETE ON enrollment
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', OLD.participant_id, OLD.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_diagnosis_insert AFTER INSERT ON diagnosis
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', NEW.participant_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_diagnosis_update AFTER UPDATE ON diagnosis
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', NEW.participant_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_diagnosis_delete AFTER DELETE ON diagnosis
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', OLD.participant_id, OLD.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_service_order_insert AFTER INSERT ON service_order
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', NEW.participant_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_service_order_update AFTER UPDATE ON service_order
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', NEW.participant_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_service_order_delete AFTER DELETE ON service_order
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', OLD.participant_id, OLD.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_service_authorization_insert AFTER INSERT ON service_authorization
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', NEW.participant_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_service_authorization_update AFTER UPDATE ON service_authorization
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', NEW.participant_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_service_authorization_delete AFTER DELETE ON service_authorization
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', OLD.participant_id, OLD.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_crisis_plan_insert AFTER INSERT ON crisis_plan
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', NEW.participant_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_crisis_plan_update AFTER UPDATE ON crisis_plan
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', NEW.participant_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_crisis_plan_delete AFTER DELETE ON crisis_plan
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', OLD.participant_id, OLD.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_plan_insert AFTER INSERT ON plan
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', NEW.participant_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_plan_update AFTER UPDATE ON plan
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', NEW.participant_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_plan_delete AFTER DELETE ON plan
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', OLD.participant_id, OLD.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_claim_insert AFTER INSERT ON claim
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', NEW.participant_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_claim_update AFTER UPDATE ON claim
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', NEW.participant_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_claim_delete AFTER DELETE ON claim
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', OLD.participant_id, OLD.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_claim_status_insert AFTER INSERT ON claim_status
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', c.participant_id, c.agency_id, 1 FROM claim c WHERE c.id = NEW.claim_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_claim_status_update AFTER UPDATE ON claim_status
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', c.participant_id, c.agency_id, 1 FROM claim c WHERE c.id = NEW.claim_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_claim_status_delete AFTER DELETE ON claim_status
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', c.participant_id, c.agency_id, 1 FROM claim c WHERE c.id = OLD.claim_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_note_signature_insert AFTER INSERT ON note_signature
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', n.participant_id, n.agency_id, 1 FROM service_note n WHERE n.id = NEW.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'staff', n.author_id, n.agency_id, 1 FROM service_note n WHERE n.id = NEW.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_note_signature_update AFTER UPDATE ON note_signature
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', n.participant_id, n.agency_id, 1 FROM service_note n WHERE n.id = NEW.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'staff', n.author_id, n.agency_id, 1 FROM service_note n WHERE n.id = NEW.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_note_signature_delete AFTER DELETE ON note_signature
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', n.participant_id, n.agency_id, 1 FROM service_note n WHERE n.id = OLD.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'staff', n.author_id, n.agency_id, 1 FROM service_note n WHERE n.id = OLD.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_note_addendum_insert AFTER INSERT ON note_addendum
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', n.participant_id, n.agency_id, 1 FROM service_note n WHERE n.id = NEW.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'staff', n.author_id, n.agency_id, 1 FROM service_note n WHERE n.id = NEW.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_note_addendum_update AFTER UPDATE ON note_addendum
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', n.participant_id, n.agency_id, 1 FROM service_note n WHERE n.id = NEW.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'staff', n.author_id, n.agency_id, 1 FROM service_note n WHERE n.id = NEW.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_note_addendum_delete AFTER DELETE ON note_addendum
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', n.participant_id, n.agency_id, 1 FROM service_note n WHERE n.id = OLD.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'staff', n.author_id, n.agency_id, 1 FROM service_note n WHERE n.id = OLD.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_note_approval_insert AFTER INSERT ON note_approval
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', n.participant_id, n.agency_id, 1 FROM service_note n WHERE n.id = NEW.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'staff', n.author_id, n.agency_id, 1 FROM service_note n WHERE n.id = NEW.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_note_approval_update AFTER UPDATE ON note_approval
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', n.participant_id, n.agency_id, 1 FROM service_note n WHERE n.id = NEW.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'staff', n.author_id, n.agency_id, 1 FROM service_note n WHERE n.id = NEW.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_note_approval_delete AFTER DELETE ON note_approval
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', n.participant_id, n.agency_id, 1 FROM service_note n WHERE n.id = OLD.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'staff', n.author_id, n.agency_id, 1 FROM service_note n WHERE n.id = OLD.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_claimed_service_insert AFTER INSERT ON claimed_service
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', n.participant_id, n.agency_id, 1 FROM service_note n WHERE n.id = NEW.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'staff', n.author_id, n.agency_id, 1 FROM service_note n WHERE n.id = NEW.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_claimed_service_update AFTER UPDATE ON claimed_service
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', n.participant_id, n.agency_id, 1 FROM service_note n WHERE n.id = NEW.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'staff', n.author_id, n.agency_id, 1 FROM service_note n WHERE n.id = NEW.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_claimed_service_delete AFTER DELETE ON claimed_service
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', n.participant_id, n.agency_id, 1 FROM service_note n WHERE n.id = OLD.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'staff', n.author_id, n.agency_id, 1 FROM service_note n WHERE n.id = OLD.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_note_text_signature_insert AFTER INSERT ON note_text_signature
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', n.participant_id, n.agency_id, 1 FROM service_note n WHERE n.id = NEW.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'staff', n.author_id, n.agency_id, 1 FROM service_note n WHERE n.id = NEW.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_note_text_signature_update AFTER UPDATE ON note_text_signature
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', n.participant_id, n.agency_id, 1 FROM service_note n WHERE n.id = NEW.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'staff', n.author_id, n.agency_id, 1 FROM service_note n WHERE n.id = NEW.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_note_text_signature_delete AFTER DELETE ON note_text_signature
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', n.participant_id, n.agency_id, 1 FROM service_note n WHERE n.id = OLD.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'staff', n.author_id, n.agency_id, 1 FROM service_note n WHERE n.id = OLD.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_plan_goal_insert AFTER INSERT ON plan_goal
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', p.participant_id, p.agency_id, 1 FROM plan p WHERE p.id = NEW.plan_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_plan_goal_update AFTER UPDATE ON plan_goal
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', p.participant_id, p.agency_id, 1 FROM plan p WHERE p.id = NEW.plan_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_plan_goal_delete AFTER DELETE ON plan_goal
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', p.participant_id, p.agency_id, 1 FROM plan p WHERE p.id = OLD.plan_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_plan_intervention_insert AFTER INSERT ON plan_intervention
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', p.participant_id, p.agency_id, 1 FROM plan p WHERE p.id = NEW.plan_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_plan_intervention_update AFTER UPDATE ON plan_intervention
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', p.participant_id, p.agency_id, 1 FROM plan p WHERE p.id = NEW.plan_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_plan_intervention_delete AFTER DELETE ON plan_intervention
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', p.participant_id, p.agency_id, 1 FROM plan p WHERE p.id = OLD.plan_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_plan_signature_insert AFTER INSERT ON plan_signature
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', p.participant_id, p.agency_id, 1 FROM plan p WHERE p.id = NEW.plan_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_plan_signature_update AFTER UPDATE ON plan_signature
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', p.participant_id, p.agency_id, 1 FROM plan p WHERE p.id = NEW.plan_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_plan_signature_delete AFTER DELETE ON plan_signature
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', p.participant_id, p.agency_id, 1 FROM plan p WHERE p.id = OLD.plan_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_service_note_insert AFTER INSERT ON service_note WHEN NEW.status = 'signed'
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', NEW.participant_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('staff', NEW.author_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_service_note_update AFTER UPDATE ON service_note WHEN NEW.status = 'signed' OR OLD.status = 'signed'
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', NEW.participant_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('staff', NEW.author_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_service_note_delete AFTER DELETE ON service_note WHEN OLD.status = 'signed'
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', OLD.participant_id, OLD.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('staff', OLD.author_id, OLD.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_group_attendee_insert AFTER INSERT ON group_attendee
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', a.participant_id, s.agency_id, 1 FROM group_attendee a JOIN group_session s ON s.id = a.session_id WHERE a.session_id = NEW.session_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_group_attendee_update AFTER UPDATE ON group_attendee
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', a.participant_id, s.agency_id, 1 FROM group_attendee a JOIN group_session s ON s.id = a.session_id WHERE a.session_id = NEW.session_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_group_attendee_delete AFTER DELETE ON group_attendee
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', a.participant_id, s.agency_id, 1 FROM group_attendee a JOIN group_session s ON s.id = a.session_id WHERE a.session_id = OLD.session_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_group_session_update AFTER UPDATE ON group_session
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', a.participant_id, s.agency_id, 1 FROM group_attendee a JOIN group_session s ON s.id = a.session_id WHERE a.session_id = NEW.id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_participant_update AFTER UPDATE ON participant
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('participant', NEW.id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'staff', c.peer_id, c.agency_id, 1 FROM caseload c WHERE c.participant_id = NEW.id AND c.end_date IS NULL
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_app_user_update AFTER UPDATE OF agency_id, name, first_name, last_name, credential, npi, taxonomy, active ON app_user
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('staff', NEW.id, COALESCE(NEW.agency_id, 0), 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_credential_insert AFTER INSERT ON credential
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('staff', NEW.staff_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_credential_update AFTER UPDATE ON credential
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('staff', NEW.staff_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_credential_delete AFTER DELETE ON credential
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('staff', OLD.staff_id, OLD.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_caseload_insert AFTER INSERT ON caseload
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('staff', NEW.peer_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_caseload_update AFTER UPDATE ON caseload
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('staff', NEW.peer_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_caseload_delete AFTER DELETE ON caseload
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('staff', OLD.peer_id, OLD.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_supervision_link_insert AFTER INSERT ON supervision_link
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('staff', NEW.peer_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_supervision_link_update AFTER UPDATE ON supervision_link
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('staff', NEW.peer_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_supervision_link_delete AFTER DELETE ON supervision_link
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('staff', OLD.peer_id, OLD.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_agency_update AFTER UPDATE ON agency
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('agency', NEW.id, NEW.id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_program_insert AFTER INSERT ON program
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('agency', NEW.agency_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_program_update AFTER UPDATE ON program
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('agency', NEW.agency_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_program_delete AFTER DELETE ON program
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('agency', OLD.agency_id, OLD.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_program_billing_insert AFTER INSERT ON program_billing
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('agency', NEW.agency_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_program_billing_update AFTER UPDATE ON program_billing
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('agency', NEW.agency_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_program_billing_delete AFTER DELETE ON program_billing
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('agency', OLD.agency_id, OLD.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_billing_rate_insert AFTER INSERT ON billing_rate
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('agency', NEW.agency_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_billing_rate_update AFTER UPDATE ON billing_rate
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('agency', NEW.agency_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_billing_rate_delete AFTER DELETE ON billing_rate
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('agency', OLD.agency_id, OLD.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_agency_rule_override_insert AFTER INSERT ON agency_rule_override
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('agency', NEW.agency_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_agency_rule_override_update AFTER UPDATE ON agency_rule_override
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('agency', NEW.agency_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_agency_rule_override_delete AFTER DELETE ON agency_rule_override
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('agency', OLD.agency_id, OLD.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_agency_lexicon_insert AFTER INSERT ON agency_lexicon
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('agency', NEW.agency_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_agency_lexicon_update AFTER UPDATE ON agency_lexicon
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('agency', NEW.agency_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_agency_lexicon_delete AFTER DELETE ON agency_lexicon
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('agency', OLD.agency_id, OLD.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_agency_setting_insert AFTER INSERT ON agency_setting
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('agency', NEW.agency_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_agency_setting_update AFTER UPDATE ON agency_setting
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('agency', NEW.agency_id, NEW.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_agency_setting_delete AFTER DELETE ON agency_setting
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) VALUES ('agency', OLD.agency_id, OLD.agency_id, 1)
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;
