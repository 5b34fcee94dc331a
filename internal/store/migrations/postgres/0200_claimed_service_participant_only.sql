-- A claimed service moves its participant's billing version, no longer
-- its author's (issue 20). The author's version counts what a verdict
-- reads of the author (their signed notes and text signatures for the
-- overlap and copied-text checks, account, credentials, caseload,
-- supervision); the claims a scrub reads are its own participant's (the
-- units billed, the notes already claimed, the authorizations' units
-- used: internal/store/compliance_facts.go, billing.go), never another
-- participant's. Moving the author's version made every run of every
-- participant the author serves stale after each export, to be scrubbed
-- again for nothing (TestAnExportLeavesOtherParticipantsRunsFresh).
--
-- On PostgreSQL the trigger also runs once a statement, not once a row:
-- a claim batch records a claim's services in one INSERT, and the generic
-- row trigger ran its query as dynamic SQL for each row. It moves each
-- participant named by the statement's rows once (a version only has to
-- move; TestClaimedServiceMovesItsParticipantsVersion). SQLite has only
-- row triggers, so its file keeps one a row.
-- Kept in step with the other engine's file (TestSchemasAgree).

DROP TRIGGER billing_version_claimed_service ON claimed_service;

-- goldthread_billing_claimed_services moves the version of every
-- participant whose note the statement's rows (new_rows, old_rows) name.
CREATE FUNCTION goldthread_billing_claimed_services() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO billing_version (scope, scope_id, agency_id, version)
        SELECT 'participant', n.participant_id, MIN(n.agency_id), 1 FROM new_rows c JOIN service_note n ON n.id = c.note_id
        GROUP BY n.participant_id
        ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO billing_version (scope, scope_id, agency_id, version)
        SELECT 'participant', n.participant_id, MIN(n.agency_id), 1 FROM old_rows c JOIN service_note n ON n.id = c.note_id
        GROUP BY n.participant_id
        ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER billing_version_claimed_service_insert AFTER INSERT ON claimed_service REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION goldthread_billing_claimed_services();
CREATE TRIGGER billing_version_claimed_service_update AFTER UPDATE ON claimed_service REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION goldthread_billing_claimed_services();
CREATE TRIGGER billing_version_claimed_service_delete AFTER DELETE ON claimed_service REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION goldthread_billing_claimed_services();
