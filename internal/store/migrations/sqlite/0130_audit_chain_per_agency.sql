-- One audit chain per agency (issue 20): each agency's events form a chain
-- of their own, headed by its row in audit_chain; the events of no agency
-- form the system chain (agency_id 0 there, NULL on the event). The events
-- written before this migration are the legacy segment, a closed chain
-- whose head is audit_head (no longer moved); every new chain's first
-- event links to that head's hash. See migrations/postgres/0130, where
-- the one head row was what kept agencies' commits waiting on each other;
-- SQLite has one writer anyway, and keeps the same schema and checks
-- (TestSchemasAgree).

ALTER TABLE audit_event ADD COLUMN chain_seq BIGINT;

CREATE TABLE audit_chain (
    agency_id  BIGINT PRIMARY KEY,
    last_seq   BIGINT NOT NULL,
    last_event BIGINT NOT NULL,
    last_hash  TEXT NOT NULL
);
