-- The billing versions of a note's participant and author are moved by
-- static SQL on PostgreSQL, not by the generic trigger of 0150 (issue 20).
-- goldthread_billing_touch turned each changed row into JSONB and ran its
-- scope query as dynamic SQL (EXECUTE), which PostgreSQL parses and plans
-- on every call; a signature fires three such triggers (the signature, the
-- note's status, the text signature), each for two scopes. Measured with
-- BenchmarkWriteSignNote, a signed note took 16.5 ms with those triggers
-- and 12.1 ms without them, most of the difference in the three rows'
-- server time. A PL/pgSQL function's static statements are planned once a
-- connection.
--
-- The rows moved are those of 0150: the note's participant and author (for
-- a row that names a note, through the note; for a note, its own), new and
-- old row alike. An update that keeps the same note, participant and
-- author moves them once, not twice: a version only has to move.
-- SQLite's triggers are static SQL already; its file is a no-op.
-- Kept in step with the other engine's file (TestSchemasAgree).

-- goldthread_billing_touch_note moves the versions of the participant and
-- author of the note a row names (note_id).
CREATE FUNCTION goldthread_billing_touch_note() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_note BIGINT;
BEGIN
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO billing_version (scope, scope_id, agency_id, version)
        SELECT s.scope, s.id, n.agency_id, 1
        FROM service_note n, LATERAL (VALUES ('participant', n.participant_id), ('staff', n.author_id)) AS s(scope, id)
        WHERE n.id = NEW.note_id AND s.id IS NOT NULL
        ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    END IF;
    IF TG_OP = 'DELETE' THEN
        old_note := OLD.note_id;
    ELSIF TG_OP = 'UPDATE' THEN
        IF OLD.note_id IS DISTINCT FROM NEW.note_id THEN
            old_note := OLD.note_id;
        END IF;
    END IF;
    IF old_note IS NOT NULL THEN
        INSERT INTO billing_version (scope, scope_id, agency_id, version)
        SELECT s.scope, s.id, n.agency_id, 1
        FROM service_note n, LATERAL (VALUES ('participant', n.participant_id), ('staff', n.author_id)) AS s(scope, id)
        WHERE n.id = old_note AND s.id IS NOT NULL
        ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    END IF;
    RETURN NULL;
END $$;

-- goldthread_billing_touch_service_note moves the versions of a note's own
-- participant and author.
CREATE FUNCTION goldthread_billing_touch_service_note() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    moved_old BOOLEAN := TG_OP = 'DELETE';
BEGIN
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO billing_version (scope, scope_id, agency_id, version)
        SELECT s.scope, s.id, NEW.agency_id, 1
        FROM (VALUES ('participant', NEW.participant_id), ('staff', NEW.author_id)) AS s(scope, id)
        WHERE s.id IS NOT NULL
        ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        moved_old := (OLD.participant_id, OLD.author_id, OLD.agency_id) IS DISTINCT FROM (NEW.participant_id, NEW.author_id, NEW.agency_id);
    END IF;
    IF moved_old THEN
        INSERT INTO billing_version (scope, scope_id, agency_id, version)
        SELECT s.scope, s.id, OLD.agency_id, 1
        FROM (VALUES ('participant', OLD.participant_id), ('staff', OLD.author_id)) AS s(scope, id)
        WHERE s.id IS NOT NULL
        ON CONFLICT (scope, scope_id) DO UPDATE SET version = billing_version.version + 1;
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER billing_version_note_signature ON note_signature;
DROP TRIGGER billing_version_note_addendum ON note_addendum;
DROP TRIGGER billing_version_note_approval ON note_approval;
DROP TRIGGER billing_version_note_text_signature ON note_text_signature;
DROP TRIGGER billing_version_service_note_insert ON service_note;
DROP TRIGGER billing_version_service_note_update ON service_note;
DROP TRIGGER billing_version_service_note_delete ON service_note;

CREATE TRIGGER billing_version_note_signature AFTER INSERT OR UPDATE OR DELETE ON note_signature
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch_note();
CREATE TRIGGER billing_version_note_addendum AFTER INSERT OR UPDATE OR DELETE ON note_addendum
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch_note();
CREATE TRIGGER billing_version_note_approval AFTER INSERT OR UPDATE OR DELETE ON note_approval
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch_note();
CREATE TRIGGER billing_version_note_text_signature AFTER INSERT OR UPDATE OR DELETE ON note_text_signature
    FOR EACH ROW EXECUTE FUNCTION goldthread_billing_touch_note();
CREATE TRIGGER billing_version_service_note_insert AFTER INSERT ON service_note
    FOR EACH ROW
    WHEN (NEW.status = 'signed') EXECUTE FUNCTION goldthread_billing_touch_service_note();
CREATE TRIGGER billing_version_service_note_update AFTER UPDATE ON service_note
    FOR EACH ROW
    WHEN (NEW.status = 'signed' OR OLD.status = 'signed') EXECUTE FUNCTION goldthread_billing_touch_service_note();
CREATE TRIGGER billing_version_service_note_delete AFTER DELETE ON service_note
    FOR EACH ROW
    WHEN (OLD.status = 'signed') EXECUTE FUNCTION goldthread_billing_touch_service_note();
