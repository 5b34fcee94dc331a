-- The program dashboard's goals in force and its rows in all, kept as
-- counts (issue 17), so a reader of the whole agency reads one row
-- instead of every plan in force (goals_in_force, migration 0170: one
-- row a participant and program, 20,000 at an agency of 20,000).
--
-- goals_in_force_count: the plans in force of an agency's program, as
-- goals_in_force holds them: how many participants have one (a
-- participant has at most one a program) and how many goals they have.
-- The row of program_id 0 is the agency's, of every program: the
-- participants with a plan in force in any program (each counted once)
-- and all their goals.
--
-- The store keeps it in the same transaction as goals_in_force
-- (store.refreshGoalsInForce: a plan signed, a participant discharged or
-- enrolled again), by the difference the refresh made; a count that
-- falls to nothing is deleted, so the rows are those the backfill makes.
-- Kept in step with the other engine's file (TestSchemasAgree).

CREATE TABLE goals_in_force_count (
    agency_id    BIGINT NOT NULL REFERENCES agency(id),
    program_id   BIGINT NOT NULL,
    participants INTEGER NOT NULL,
    goals        INTEGER NOT NULL,
    PRIMARY KEY (agency_id, program_id)
);

-- The plans in force so far.
INSERT INTO goals_in_force_count (agency_id, program_id, participants, goals)
SELECT k.agency_id, k.program_id, COUNT(*), SUM(k.goals) FROM goals_in_force k
GROUP BY k.agency_id, k.program_id;

INSERT INTO goals_in_force_count (agency_id, program_id, participants, goals)
SELECT k.agency_id, 0, COUNT(DISTINCT k.participant_id), SUM(k.goals) FROM goals_in_force k
GROUP BY k.agency_id;

-- An agency's rows, behind its wall like every agency table (0060).
ALTER TABLE goals_in_force_count ENABLE ROW LEVEL SECURITY;
ALTER TABLE goals_in_force_count FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_wall ON goals_in_force_count USING (goldthread_agency_visible(agency_id)) WITH CHECK (goldthread_agency_visible(agency_id));
