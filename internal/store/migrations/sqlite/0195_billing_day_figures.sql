-- The billing dashboard added up its period by day, readiness and first
-- blocking rule from every stored service (billing_verdict): an index
-- scan of all the period's services on each read, 153,000 for eight weeks
-- at 1 M notes (130 ms of a 135 ms read on SQLite). billing_day_figure
-- keeps those sums. storeRun moves them by what it takes out and puts in
-- of one participant's services, gathered in the transaction and written
-- in one ordered step just before it commits (Tx.writeDayFigures), so two
-- transactions storing runs of one period never wait on each other's rows
-- in opposite orders. Backfilled from the stored services.
-- Kept in step with the other engine's file (TestSchemasAgree).

CREATE TABLE billing_day_figure (
    agency_id    BIGINT NOT NULL,
    program_id   BIGINT NOT NULL,
    period_from  DATE NOT NULL,
    period_to    DATE NOT NULL,
    service_date DATE NOT NULL,
    ready        BOOLEAN NOT NULL,
    first_rule   TEXT NOT NULL,
    services     INTEGER NOT NULL,
    units        BIGINT NOT NULL,
    cents        BIGINT NOT NULL,
    PRIMARY KEY (program_id, period_from, period_to, service_date, ready, first_rule)
);

INSERT INTO billing_day_figure (agency_id, program_id, period_from, period_to, service_date, ready, first_rule, services, units, cents)
SELECT agency_id, program_id, period_from, period_to, service_date, ready, first_rule, COUNT(*), SUM(units), SUM(charge_cents)
FROM billing_verdict
GROUP BY agency_id, program_id, period_from, period_to, service_date, ready, first_rule;
