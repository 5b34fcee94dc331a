-- A signature reads the signed notes of the draft's author and of its
-- participant: how many there are (signedAround), those overlapping the
-- service (overlapsOf) and the newest (recentOf). The author's side has
-- service_note_author (author_id, status, start_at); the participant's had
-- only service_note_participant (participant_id, service_date), so each of
-- the three read every note of the participant, drafts included, from the
-- table, and the newest were sorted. With this index the participant's
-- side is read as the author's: the count from the index alone, the
-- overlaps bounded by start time, the newest in order and cut at the
-- limit.
-- Kept in step with the other engine's file (TestSchemasAgree).

CREATE INDEX service_note_participant_signed ON service_note (participant_id, status, start_at);
