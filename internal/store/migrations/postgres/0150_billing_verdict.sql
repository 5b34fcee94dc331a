-- Stored billing verdicts (issues 17 and 20): see the SQLite file of the
-- same number for what each table holds and why. Here the version bumps
-- are one trigger function, goldthread_billing_touch, told by its
-- arguments which scope a table's row moves; a participant's or staff
-- member's row is locked only by transactions changing that person's
-- records, the agency's row only by agency-wide settings, so signing
-- notes never waits on one agency-wide row. The four tables are behind
-- the agency wall like every agency table (TestEveryAgencyTableHasAPolicy).
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
    fresh_until    TIMESTAMPTZ,
    computed_at    TIMESTAMPTZ NOT NULL,
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
    fresh_until TIMESTAMPTZ,
    checked_at  TIMESTAMPTZ NOT NULL,
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

DO $$
DECLARE t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['billing_version', 'billing_run', 'billing_verdict', 'billing_period'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY agency_wall ON %I USING (goldthread_agency_visible(agency_id)) WITH CHECK (goldthread_agency_visible(agency_id))', t);
    END LOOP;
END $$;

-- goldthread_billing_bump moves the versions of the scopes the query q
-- names (rows of scope_id, agency_id), run with the changed row as $1.
CREATE FUNCTION goldthread_billing_bump(scope TEXT, q TEXT, r JSONB) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT %L, s.id, s.agency_id, 1 FROM (%s) s
        WHERE s.id IS NOT NULL ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1', scope, q) USING r;
END $$;

-- goldthread_billing_touch: TG_ARGV is pairs of a scope and the query
-- naming the scope's rows from the changed row ($1, as JSONB); the old
-- row and the new one are both counted.
CREATE FUNCTION goldthread_billing_touch() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    i INT;
BEGIN
    FOR i IN 0 .. TG_NARGS - 1 BY 2 LOOP
        IF TG_OP <> 'DELETE' THEN
            PERFORM goldthread_billing_bump(TG_ARGV[i], TG_ARGV[i + 1], to_jsonb(NEW));
        END IF;
        IF TG_OP <> 'INSERT' THEN
            PERFORM goldthread_billing_bump(TG_ARGV[i], TG_ARGV[i + 1], to_jsonb(OLD));
        END IF;
    END LOOP;
    RETURN NULL;
END $$;

CREATE TRIGGER billing_version_enrollment AFTER INSERT OR UPDATE OR DELETE ON enrollment
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('participant', 'SELECT ($1->>''participant_id'')::BIGINT AS id, ($1->>''agency_id'')::BIGINT AS agency_id');
CREATE TRIGGER billing_version_diagnosis AFTER INSERT OR UPDATE OR DELETE ON diagnosis
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('participant', 'SELECT ($1->>''participant_id'')::BIGINT AS id, ($1->>''agency_id'')::BIGINT AS agency_id');
CREATE TRIGGER billing_version_service_order AFTER INSERT OR UPDATE OR DELETE ON service_order
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('participant', 'SELECT ($1->>''participant_id'')::BIGINT AS id, ($1->>''agency_id'')::BIGINT AS agency_id');
CREATE TRIGGER billing_version_service_authorization AFTER INSERT OR UPDATE OR DELETE ON service_authorization
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('participant', 'SELECT ($1->>''participant_id'')::BIGINT AS id, ($1->>''agency_id'')::BIGINT AS agency_id');
CREATE TRIGGER billing_version_crisis_plan AFTER INSERT OR UPDATE OR DELETE ON crisis_plan
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('participant', 'SELECT ($1->>''participant_id'')::BIGINT AS id, ($1->>''agency_id'')::BIGINT AS agency_id');
CREATE TRIGGER billing_version_plan AFTER INSERT OR UPDATE OR DELETE ON plan
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('participant', 'SELECT ($1->>''participant_id'')::BIGINT AS id, ($1->>''agency_id'')::BIGINT AS agency_id');
CREATE TRIGGER billing_version_claim AFTER INSERT OR UPDATE OR DELETE ON claim
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('participant', 'SELECT ($1->>''participant_id'')::BIGINT AS id, ($1->>''agency_id'')::BIGINT AS agency_id');
CREATE TRIGGER billing_version_claim_status AFTER INSERT OR UPDATE OR DELETE ON claim_status
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('participant', 'SELECT c.participant_id AS id, c.agency_id FROM claim c WHERE c.id = ($1->>''claim_id'')::BIGINT');
CREATE TRIGGER billing_version_note_signature AFTER INSERT OR UPDATE OR DELETE ON note_signature
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('participant', 'SELECT n.participant_id AS id, n.agency_id FROM service_note n WHERE n.id = ($1->>''note_id'')::BIGINT', 'staff', 'SELECT n.author_id AS id, n.agency_id FROM service_note n WHERE n.id = ($1->>''note_id'')::BIGINT');
CREATE TRIGGER billing_version_note_addendum AFTER INSERT OR UPDATE OR DELETE ON note_addendum
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('participant', 'SELECT n.participant_id AS id, n.agency_id FROM service_note n WHERE n.id = ($1->>''note_id'')::BIGINT', 'staff', 'SELECT n.author_id AS id, n.agency_id FROM service_note n WHERE n.id = ($1->>''note_id'')::BIGINT');
CREATE TRIGGER billing_version_note_approval AFTER INSERT OR UPDATE OR DELETE ON note_approval
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('participant', 'SELECT n.participant_id AS id, n.agency_id FROM service_note n WHERE n.id = ($1->>''note_id'')::BIGINT', 'staff', 'SELECT n.author_id AS id, n.agency_id FROM service_note n WHERE n.id = ($1->>''note_id'')::BIGINT');
CREATE TRIGGER billing_version_claimed_service AFTER INSERT OR UPDATE OR DELETE ON claimed_service
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('participant', 'SELECT n.participant_id AS id, n.agency_id FROM service_note n WHERE n.id = ($1->>''note_id'')::BIGINT', 'staff', 'SELECT n.author_id AS id, n.agency_id FROM service_note n WHERE n.id = ($1->>''note_id'')::BIGINT');
CREATE TRIGGER billing_version_note_text_signature AFTER INSERT OR UPDATE OR DELETE ON note_text_signature
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('participant', 'SELECT n.participant_id AS id, n.agency_id FROM service_note n WHERE n.id = ($1->>''note_id'')::BIGINT', 'staff', 'SELECT n.author_id AS id, n.agency_id FROM service_note n WHERE n.id = ($1->>''note_id'')::BIGINT');
CREATE TRIGGER billing_version_plan_goal AFTER INSERT OR UPDATE OR DELETE ON plan_goal
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('participant', 'SELECT p.participant_id AS id, p.agency_id FROM plan p WHERE p.id = ($1->>''plan_id'')::BIGINT');
CREATE TRIGGER billing_version_plan_intervention AFTER INSERT OR UPDATE OR DELETE ON plan_intervention
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('participant', 'SELECT p.participant_id AS id, p.agency_id FROM plan p WHERE p.id = ($1->>''plan_id'')::BIGINT');
CREATE TRIGGER billing_version_plan_signature AFTER INSERT OR UPDATE OR DELETE ON plan_signature
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('participant', 'SELECT p.participant_id AS id, p.agency_id FROM plan p WHERE p.id = ($1->>''plan_id'')::BIGINT');
CREATE TRIGGER billing_version_service_note_insert AFTER INSERT ON service_note
    FOR EACH ROW
    WHEN (NEW.status = 'signed') EXECUTE FUNCTION goldthread_billing_touch('participant', 'SELECT ($1->>''participant_id'')::BIGINT AS id, ($1->>''agency_id'')::BIGINT AS agency_id', 'staff', 'SELECT ($1->>''author_id'')::BIGINT AS id, ($1->>''agency_id'')::BIGINT AS agency_id');
CREATE TRIGGER billing_version_service_note_update AFTER UPDATE ON service_note
    FOR EACH ROW
    WHEN (NEW.status = 'signed' OR OLD.status = 'signed') EXECUTE FUNCTION goldthread_billing_touch('participant', 'SELECT ($1->>''participant_id'')::BIGINT AS id, ($1->>''agency_id'')::BIGINT AS agency_id', 'staff', 'SELECT ($1->>''author_id'')::BIGINT AS id, ($1->>''agency_id'')::BIGINT AS agency_id');
CREATE TRIGGER billing_version_service_note_delete AFTER DELETE ON service_note
    FOR EACH ROW
    WHEN (OLD.status = 'signed') EXECUTE FUNCTION goldthread_billing_touch('participant', 'SELECT ($1->>''participant_id'')::BIGINT AS id, ($1->>''agency_id'')::BIGINT AS agency_id', 'staff', 'SELECT ($1->>''author_id'')::BIGINT AS id, ($1->>''agency_id'')::BIGINT AS agency_id');
CREATE TRIGGER billing_version_group_attendee AFTER INSERT OR UPDATE OR DELETE ON group_attendee
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('participant', 'SELECT a.participant_id AS id, s.agency_id FROM group_attendee a JOIN group_session s ON s.id = a.session_id WHERE a.session_id = ($1->>''session_id'')::BIGINT');
CREATE TRIGGER billing_version_group_session AFTER UPDATE ON group_session
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('participant', 'SELECT a.participant_id AS id, s.agency_id FROM group_attendee a JOIN group_session s ON s.id = a.session_id WHERE a.session_id = ($1->>''id'')::BIGINT');
CREATE TRIGGER billing_version_participant AFTER UPDATE ON participant
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('participant', 'SELECT ($1->>''id'')::BIGINT AS id, ($1->>''agency_id'')::BIGINT AS agency_id', 'staff', 'SELECT c.peer_id AS id, c.agency_id FROM caseload c WHERE c.participant_id = ($1->>''id'')::BIGINT AND c.end_date IS NULL');
CREATE TRIGGER billing_version_app_user AFTER UPDATE OF agency_id, name, first_name, last_name, credential, npi, taxonomy, active ON app_user
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('staff', 'SELECT ($1->>''id'')::BIGINT AS id, COALESCE(($1->>''agency_id'')::BIGINT, 0) AS agency_id');
CREATE TRIGGER billing_version_credential AFTER INSERT OR UPDATE OR DELETE ON credential
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('staff', 'SELECT ($1->>''staff_id'')::BIGINT AS id, ($1->>''agency_id'')::BIGINT AS agency_id');
CREATE TRIGGER billing_version_caseload AFTER INSERT OR UPDATE OR DELETE ON caseload
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('staff', 'SELECT ($1->>''peer_id'')::BIGINT AS id, ($1->>''agency_id'')::BIGINT AS agency_id');
CREATE TRIGGER billing_version_supervision_link AFTER INSERT OR UPDATE OR DELETE ON supervision_link
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('staff', 'SELECT ($1->>''peer_id'')::BIGINT AS id, ($1->>''agency_id'')::BIGINT AS agency_id');
CREATE TRIGGER billing_version_agency AFTER UPDATE ON agency
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('agency', 'SELECT ($1->>''id'')::BIGINT AS id, ($1->>''id'')::BIGINT AS agency_id');
CREATE TRIGGER billing_version_program AFTER INSERT OR UPDATE OR DELETE ON program
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('agency', 'SELECT ($1->>''agency_id'')::BIGINT AS id, ($1->>''agency_id'')::BIGINT AS agency_id');
CREATE TRIGGER billing_version_program_billing AFTER INSERT OR UPDATE OR DELETE ON program_billing
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('agency', 'SELECT ($1->>''agency_id'')::BIGINT AS id, ($1->>''agency_id'')::BIGINT AS agency_id');
CREATE TRIGGER billing_version_billing_rate AFTER INSERT OR UPDATE OR DELETE ON billing_rate
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('agency', 'SELECT ($1->>''agency_id'')::BIGINT AS id, ($1->>''agency_id'')::BIGINT AS agency_id');
CREATE TRIGGER billing_version_agency_rule_override AFTER INSERT OR UPDATE OR DELETE ON agency_rule_override
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('agency', 'SELECT ($1->>''agency_id'')::BIGINT AS id, ($1->>''agency_id'')::BIGINT AS agency_id');
CREATE TRIGGER billing_version_agency_lexicon AFTER INSERT OR UPDATE OR DELETE ON agency_lexicon
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('agency', 'SELECT ($1->>''agency_id'')::BIGINT AS id, ($1->>''agency_id'')::BIGINT AS agency_id');
CREATE TRIGGER billing_version_agency_setting AFTER INSERT OR UPDATE OR DELETE ON agency_setting
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('agency', 'SELECT ($1->>''agency_id'')::BIGINT AS id, ($1->>''agency_id'')::BIGINT AS agency_id');
