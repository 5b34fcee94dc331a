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
-- Kept in step with the other engine's file (TestSchemasAgree).

DROP TRIGGER billing_version_claimed_service_insert;
DROP TRIGGER billing_version_claimed_service_update;
DROP TRIGGER billing_version_claimed_service_delete;

CREATE TRIGGER billing_version_claimed_service_insert AFTER INSERT ON claimed_service
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', n.participant_id, n.agency_id, 1 FROM service_note n WHERE n.id = NEW.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_claimed_service_update AFTER UPDATE ON claimed_service
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', n.participant_id, n.agency_id, 1 FROM service_note n WHERE n.id = NEW.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;

CREATE TRIGGER billing_version_claimed_service_delete AFTER DELETE ON claimed_service
BEGIN
    INSERT INTO billing_version (scope, scope_id, agency_id, version) SELECT 'participant', n.participant_id, n.agency_id, 1 FROM service_note n WHERE n.id = OLD.note_id
    ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
END;
