-- A worklist page that finds every run of its period fresh read one row a
-- participant to add up the totals (billing_run), so it grew with the
-- agency: 1.3 s a page at 20,000 participants against 23 ms at 2,000
-- (docs/scaling.md). billing_period now keeps the totals of the period's
-- runs when it notes them all fresh: the services ready and blocked, the
-- ready units and cents, each blocking rule's count with the participant
-- whose run has its first example ("rule:n:participant ..."), and the
-- placeholder rates of the ready services (as billing_run's). A read that
-- finds the period fresh reads that one row. The periods noted before kept
-- no totals: they are forgotten (a cache), and the next read checks their
-- runs, which stay.
--
-- billing_verdict_list serves a page's lists (the first services ready, or
-- blocked, in participant order) without reading past the services of the
-- other list: at 1 M notes every service was blocked, and the ready list
-- read all of the month's to find none. billing_verdict_figures holds what
-- the billing dashboard adds up by day, readiness and first rule, so it
-- reads the index alone (in order, no sort) rather than every stored
-- service's row: 60 to 12 ms for 14,000 services.
--
-- service_authorization_left serves the billing dashboard's authorizations
-- in force, fewest units left first (500 at most): the dashboard sorted
-- every authorization in force of the agency to keep 500 (80 % of its
-- time at 20,000 participants); walking this index it stops at the 500th.
-- Kept in step with the other engine's file (TestSchemasAgree).

ALTER TABLE billing_period ADD COLUMN ready_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE billing_period ADD COLUMN blocked_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE billing_period ADD COLUMN ready_units INTEGER NOT NULL DEFAULT 0;
ALTER TABLE billing_period ADD COLUMN ready_cents BIGINT NOT NULL DEFAULT 0;
ALTER TABLE billing_period ADD COLUMN rule_counts TEXT NOT NULL DEFAULT '';
ALTER TABLE billing_period ADD COLUMN rate_keys TEXT NOT NULL DEFAULT '';
DELETE FROM billing_period;

CREATE INDEX billing_verdict_list ON billing_verdict (program_id, period_from, period_to, ready, participant_id, position);
CREATE INDEX billing_verdict_figures ON billing_verdict (program_id, period_from, period_to, service_date, ready, first_rule, units, charge_cents);
CREATE INDEX service_authorization_left ON service_authorization (agency_id, (units_authorized - units_used), end_date, id);
