-- Each signed note's text signature for the cloned-text check (MinHash of
-- word 3-grams and the words' hashes in order, rules.TextSignature,
-- base64): computed once at signing, so a later signing reads the past
-- notes' signatures instead of recomputing them from their text. It holds
-- hashes only, never the words. A signed note's signature never changes.
CREATE TABLE note_text_signature (
    note_id   BIGINT PRIMARY KEY REFERENCES service_note(id),
    signature TEXT NOT NULL
);
CREATE TRIGGER note_text_signature_no_update BEFORE UPDATE ON note_text_signature
BEGIN SELECT RAISE(ABORT, 'a signed note''s text signature never changes'); END;
