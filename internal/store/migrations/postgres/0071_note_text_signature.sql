-- Each signed note's text signature for the cloned-text check (MinHash of
-- word 3-grams and the words' hashes in order, rules.TextSignature,
-- base64): computed once at signing, so a later signing reads the past
-- notes' signatures instead of recomputing them from their text. It holds
-- hashes only, never the words. A signed note's signature never changes.
CREATE TABLE note_text_signature (
    note_id   BIGINT PRIMARY KEY REFERENCES service_note(id),
    signature TEXT NOT NULL
);
CREATE FUNCTION note_text_signature_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'a signed note''s text signature never changes'; END $$;
CREATE TRIGGER note_text_signature_no_update BEFORE UPDATE ON note_text_signature
FOR EACH ROW EXECUTE FUNCTION note_text_signature_frozen();

-- Visible exactly when its note is (as note_signature, migration 0060).
ALTER TABLE note_text_signature ENABLE ROW LEVEL SECURITY;
ALTER TABLE note_text_signature FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_wall ON note_text_signature
    USING (current_setting('goldthread.agency', true) = 'all' OR EXISTS (SELECT 1 FROM service_note p WHERE p.id = note_text_signature.note_id))
    WITH CHECK (current_setting('goldthread.agency', true) = 'all' OR EXISTS (SELECT 1 FROM service_note p WHERE p.id = note_text_signature.note_id));
