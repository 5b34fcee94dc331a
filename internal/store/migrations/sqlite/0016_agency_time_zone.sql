-- The agency's time zone, as an IANA name ("America/New_York"): staff type
-- and read times of day on its clocks, and "today" (a service date in the
-- future, deadlines counted in days, reviews and credentials due) is its
-- calendar date. Instants stay stored in UTC; only their reading changes.
-- Agencies that existed before keep UTC, which is what they had. Kept in
-- step with the other engine's file of the same number (TestSchemasAgree).

ALTER TABLE agency ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
