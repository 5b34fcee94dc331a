-- One audit chain per agency (issue 20). Until now every audited write of
-- every agency moved the one audit_head row, so all commits of all
-- agencies waited on its lock in turn. From here each agency's events form
-- a chain of their own, headed by its row in audit_chain; the events of no
-- agency (sign-in failures before the agency is known, operator commands)
-- form the system chain, agency_id 0 there (NULL on the event).
--
-- The events written before this migration stay as they are: they are the
-- legacy segment, a closed chain ordered by seq whose head is audit_head
-- (no longer moved, and still outside the agency wall: it belongs to no
-- agency). Every new chain's first event links to that head's hash, so the
-- legacy trail cannot be rewritten without rewriting the first event, and
-- so every event, of every chain after it. Kept in step with the other
-- engine's file of the same number (TestSchemasAgree); see
-- store.VerifyAudit and docs/scaling.md.

-- An event's place in its chain: 1, 2, … per agency; NULL on the legacy
-- segment's events. The hash of a chained event covers it.
ALTER TABLE audit_event ADD COLUMN chain_seq BIGINT;

-- The head of each chain: how many events it holds, the hash of its newest
-- event and that event's seq (what a checkpoint seals).
CREATE TABLE audit_chain (
    agency_id  BIGINT PRIMARY KEY,
    last_seq   BIGINT NOT NULL,
    last_event BIGINT NOT NULL,
    last_hash  TEXT NOT NULL
);

-- seq stays unique and ordered across the trail, but is no longer counted
-- on the one head row: a sequence hands numbers out without a lock held to
-- commit, so it may skip a number a rolled-back transaction took. Gaps in
-- seq are no break; gaps in a chain's chain_seq are.
CREATE SEQUENCE audit_event_seq;
SELECT setval('audit_event_seq', last_seq + 1, false) FROM audit_head WHERE id = 1;

-- A chain's head belongs to its agency: behind the wall like every agency
-- table (migration 0060), so an agency's transaction moves its own head
-- only; the system chain's row (agency 0) only the system scope sees.
ALTER TABLE audit_chain ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_chain FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_wall ON audit_chain USING (goldthread_agency_visible(agency_id)) WITH CHECK (goldthread_agency_visible(agency_id));
