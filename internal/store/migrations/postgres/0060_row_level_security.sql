-- Row-level security: a second wall between agencies, under the WHERE
-- clauses of internal/store. Each transaction of a signed-in person says
-- whose rows it works on (set_config('goldthread.agency', '<id>', true));
-- the policies below then refuse every row of another agency, to reads and
-- to writes, even when a query forgets its WHERE. The app's connections
-- start in the system context ('all': sign-in, migrations, the demo, audit
-- verification across the chain); a connection that says nothing sees no
-- row at all. FORCE makes the policies bind the tables' owner too, which is
-- the role Goldthread connects as; a superuser or a BYPASSRLS role is never
-- bound (serve warns). See docs/security.md, "Agencies in one database".

-- goldthread_agency_visible says whether a row of agency row_agency is
-- visible to the current transaction: all rows in the system context,
-- the agency's own in an agency's transaction, none when nothing was said.
CREATE FUNCTION goldthread_agency_visible(row_agency BIGINT) RETURNS BOOLEAN
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN current_setting('goldthread.agency', true) = 'all' THEN TRUE
        WHEN current_setting('goldthread.agency', true) ~ '^[0-9]{1,18}$'
            THEN row_agency = current_setting('goldthread.agency', true)::BIGINT
        ELSE FALSE
    END
$$;

-- Every table with an agency key: its rows belong to that agency.
DO $$
DECLARE t TEXT;
BEGIN
    FOR t IN SELECT c.table_name FROM information_schema.columns c
             JOIN information_schema.tables b ON b.table_schema = c.table_schema AND b.table_name = c.table_name
             WHERE c.table_schema = current_schema() AND c.column_name = 'agency_id' AND b.table_type = 'BASE TABLE'
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY agency_wall ON %I USING (goldthread_agency_visible(agency_id)) WITH CHECK (goldthread_agency_visible(agency_id))', t);
    END LOOP;
END $$;

-- The agency itself: an agency's transaction sees its own row only.
ALTER TABLE agency ENABLE ROW LEVEL SECURITY;
ALTER TABLE agency FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_wall ON agency USING (goldthread_agency_visible(id)) WITH CHECK (goldthread_agency_visible(id));

-- Rows of a record kept without an agency key of their own (a note's
-- signature, goals and addenda; a plan's goals, interventions and
-- signatures; a discharge's goals; a group's attendees; an amendment's
-- decision and statement) are visible exactly when their parent row is:
-- the parent's own policy decides inside the EXISTS.
DO $$
DECLARE r RECORD;
BEGIN
    FOR r IN SELECT * FROM (VALUES
        ('note_signature', 'service_note', 'note_id'), ('note_goal', 'service_note', 'note_id'),
        ('note_addendum', 'service_note', 'note_id'), ('note_coach_dismissal', 'service_note', 'note_id'),
        ('plan_goal', 'plan', 'plan_id'), ('plan_intervention', 'plan', 'plan_id'), ('plan_signature', 'plan', 'plan_id'),
        ('discharge_goal', 'discharge', 'discharge_id'), ('group_attendee', 'group_session', 'session_id'),
        ('amendment_decision', 'amendment_request', 'request_id'), ('amendment_statement', 'amendment_request', 'request_id')
    ) AS v(child, parent, fk)
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', r.child);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', r.child);
        -- The system scope is tested first, so sign-in, the demo and audit
        -- verification pay no lookup of the parent per row.
        EXECUTE format('CREATE POLICY agency_wall ON %1$I '
            'USING (current_setting(''goldthread.agency'', true) = ''all'' OR EXISTS (SELECT 1 FROM %2$I p WHERE p.id = %1$I.%3$I)) '
            'WITH CHECK (current_setting(''goldthread.agency'', true) = ''all'' OR EXISTS (SELECT 1 FROM %2$I p WHERE p.id = %1$I.%3$I))',
            r.child, r.parent, r.fk);
    END LOOP;
END $$;

-- Left without a policy, deliberately: schema_migration (no agency's);
-- audit_head (the head of the one hash chain all agencies' events share:
-- every audit write reads and moves it); the sign-in machinery used before
-- anyone's agency is known — mfa_challenge, passkey_ceremony, sso_state,
-- reauth_proof, auth_failure and portal_join_failure (failures counted per
-- account and address across all agencies on purpose). None holds a participant's record.
