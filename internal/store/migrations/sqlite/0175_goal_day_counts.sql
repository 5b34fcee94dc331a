-- The program dashboard's goals addressed as a sum over days (issue 17),
-- so that its cost no longer grows with the period's goal days (about
-- 150,000 in 8 weeks at 1 million notes, read one index entry each).
--
-- A goal is addressed in a period when it has a day with a note in it.
-- Among the period's goal days in force (goal_note_day, migration 0170),
-- each goal's first in the period is the one whose previous day falls
-- before the period; so the goals addressed are the period's goal days in
-- force less those whose previous day is inside the period, and both are
-- kept as counts:
--
-- goal_day_count: the goal days in force of a day and program (goals
-- with a note that day). goal_day_pair: the goal days in force of a day
-- and program whose previous day with a note is previous_date (a goal's
-- first day has no row here). A period reads its days from the first and
-- the pairs whose previous day is in it from the second, at most the
-- period's days squared in all, whatever the agency's size.
--
-- The store keeps them in the same transaction as the writes that move
-- them, with goal_note_day (store.countSignedNote: a goal's new day, and
-- the pair of its previous and next days it splits;
-- store.refreshGoalsInForce: a goal leaving force or entering it). A count
-- that falls to nothing is deleted. Kept in step with the other engine's
-- file (TestSchemasAgree); on SQLite the tables are kept in their key's
-- order (WITHOUT ROWID), so a period is one range of each.

CREATE TABLE goal_day_count (
    agency_id    BIGINT NOT NULL REFERENCES agency(id),
    service_date DATE NOT NULL,
    program_id   BIGINT NOT NULL,
    goals        INTEGER NOT NULL,
    PRIMARY KEY (agency_id, service_date, program_id)
) WITHOUT ROWID;

CREATE TABLE goal_day_pair (
    agency_id     BIGINT NOT NULL REFERENCES agency(id),
    previous_date DATE NOT NULL,
    service_date  DATE NOT NULL,
    program_id    BIGINT NOT NULL,
    goals         INTEGER NOT NULL,
    PRIMARY KEY (agency_id, previous_date, service_date, program_id)
) WITHOUT ROWID;

-- The period's scan of goal_note_day's index is what this replaces; the
-- index only cost signing a write.
DROP INDEX goal_note_day_period;

-- The goal days kept so far.
INSERT INTO goal_day_count (agency_id, service_date, program_id, goals)
SELECT d.agency_id, d.service_date, d.program_id, COUNT(*) FROM goal_note_day d WHERE d.in_force = TRUE
GROUP BY d.agency_id, d.service_date, d.program_id;

INSERT INTO goal_day_pair (agency_id, previous_date, service_date, program_id, goals)
SELECT d.agency_id, d.previous_date, d.service_date, d.program_id, COUNT(*) FROM goal_note_day d
WHERE d.in_force = TRUE AND d.previous_date IS NOT NULL
GROUP BY d.agency_id, d.previous_date, d.service_date, d.program_id;
