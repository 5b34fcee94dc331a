-- The review state of every signed note, kept beside it (issues 17 and 20),
-- so the supervisor's review queue counts and pages its notes in indexed
-- SQL and the team dashboard ages them, instead of reading one row per
-- unsettled note of the team and deciding each in Go.
--
-- state is what the note's review rows say now: 'approved' when an approval
-- matches the note as it reads (its signed hash with its addenda),
-- 'returned' when its latest return is newer than its latest addendum,
-- 'open' otherwise. An open note awaits review when its program asks for
-- approval before billing a billable note, the agency reviews every note,
-- or its findings ask for it (findings_ask). The store rewrites the row in
-- the same transaction as each write that can move it: signing, approval,
-- return, addendum (store.refreshNoteReview). findings_ask depends on the
-- coach lexicon of the agency as it is now, so it is kept with the stamp of
-- the lexicon it was computed with (findings_stamp; '' = not yet) and
-- computed again when the stamp differs or a supervisor overrides a finding.
--
-- A table of its own rather than columns on service_note: signed notes
-- never change (the triggers of 0004 refuse any update of one), while this
-- row moves with every review. The other columns copy the note's own values
-- the queue sorts, filters and ages by (they never change once signed).
-- Kept in step with the other engine's file (TestSchemasAgree).

CREATE TABLE note_review (
    note_id        BIGINT PRIMARY KEY REFERENCES service_note(id),
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    author_id      BIGINT NOT NULL,
    participant_id BIGINT NOT NULL,
    program_id     BIGINT NOT NULL,
    billable       BOOLEAN NOT NULL,
    service_date   DATE NOT NULL,
    start_at       TIMESTAMPTZ NOT NULL,
    signed_at      TIMESTAMPTZ NOT NULL,
    state          TEXT NOT NULL,
    findings_stamp TEXT NOT NULL DEFAULT '',
    findings_ask   BOOLEAN NOT NULL DEFAULT FALSE
);
-- The queue: a team's open (or returned) notes in the queue's order.
CREATE INDEX note_review_queue ON note_review (author_id, state, service_date, start_at, note_id);

-- The team dashboard reads a supervisor's team by author: notes by service
-- date (timeliness) and signed notes by signing time (coaching counts),
-- instead of every note of the agency.
CREATE INDEX service_note_author_day ON service_note (author_id, service_date);
CREATE INDEX service_note_author_signed ON service_note (author_id, signed_at);

-- The notes signed so far, their state decided as the review queue decided
-- it: approved when an approval has no addendum at or after it, returned
-- when a return has none at or after it.
INSERT INTO note_review (note_id, agency_id, author_id, participant_id, program_id, billable, service_date, start_at, signed_at, state)
SELECT n.id, n.agency_id, n.author_id, n.participant_id, n.program_id, n.billable, n.service_date, n.start_at, n.signed_at,
    CASE
        WHEN EXISTS (SELECT 1 FROM note_approval a WHERE a.note_id = n.id
            AND NOT EXISTS (SELECT 1 FROM note_addendum d WHERE d.note_id = n.id AND d.signed_at >= a.approved_at)) THEN 'approved'
        WHEN EXISTS (SELECT 1 FROM note_review_comment c WHERE c.note_id = n.id AND c.kind = 'return'
            AND NOT EXISTS (SELECT 1 FROM note_addendum d WHERE d.note_id = n.id AND d.signed_at >= c.created_at)) THEN 'returned'
        ELSE 'open'
    END
FROM service_note n WHERE n.status = 'signed';

-- An agency's rows, behind its wall like every agency table (0060).
ALTER TABLE note_review ENABLE ROW LEVEL SECURITY;
ALTER TABLE note_review FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_wall ON note_review USING (goldthread_agency_visible(agency_id)) WITH CHECK (goldthread_agency_visible(agency_id));
