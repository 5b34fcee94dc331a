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

DROP TRIGGER billing_version_claimed_service ON claimed_service;
CREATE TRIGGER billing_version_claimed_service AFTER INSERT OR UPDATE OR DELETE ON claimed_service
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch('participant', 'SELECT n.participant_id AS id, n.agency_id FROM service_note n WHERE n.id = ($1->>''note_id'')::BIGINT');
