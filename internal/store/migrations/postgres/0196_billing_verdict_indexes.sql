-- Storing a participant's run deletes their old services by program,
-- period and participant (deleteStoredServicesSQL). On PostgreSQL the
-- statement is prepared once per connection, and a generic plan made
-- while the table was empty or small is kept as it fills. Without
-- statistics the planner costs every index leading with program and
-- period alike: the primary key, billing_verdict_list (participant after
-- ready, so not a bound) and billing_verdict_figures (no participant), and
-- kept one that walks the whole period's services for each participant
-- stored: the first billing read of a month at 20,000 notes took 11 to
-- 13 s.
--
-- billing_verdict_list now leads with ready, which every list read names
-- and the delete does not, so the primary key is the one index bounding
-- the delete. billing_verdict_figures has served no read since
-- billing_day_figure (0195) keeps the sums it was made for: it goes, and
-- with it one index to write per service stored. The one read that still
-- adds up services (the billing worklist narrowed to one staff member)
-- reaches them through billing_verdict_author, now bounded by program and
-- period as well.
-- Kept in step with the other engine's file (TestSchemasAgree).

DROP INDEX billing_verdict_figures;
DROP INDEX billing_verdict_list;
DROP INDEX billing_verdict_author;
CREATE INDEX billing_verdict_list ON billing_verdict (ready, program_id, period_from, period_to, participant_id, position);
CREATE INDEX billing_verdict_author ON billing_verdict (author_id, program_id, period_from, period_to);
