-- On PostgreSQL, 0205 moves a note's billing versions with static SQL
-- instead of 0150's generic trigger, which ran dynamic SQL planned on every
-- call (issue 20). SQLite's triggers were written as static SQL from the
-- start, so nothing changes here.
-- Kept in step with the other engine's file (TestSchemasAgree).
SELECT 1;
