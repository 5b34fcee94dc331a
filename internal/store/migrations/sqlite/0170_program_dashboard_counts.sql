-- The program dashboard's counts, kept at signing (issue 17), so the
-- director's dashboard of a whole agency reads a few hundred rows of
-- counts for its period instead of every signed note of the period and
-- its goal links (about 150,000 notes in 8 weeks at 1 million notes).
--
-- service_day_count: the signed notes of a day by program, category and
-- modality. goal_note_day: the signed notes of a day that address a goal
-- (one per goal link, as the dashboard counted them), with the goal's
-- previous day with a note (previous_date, NULL for its first), so the
-- goals addressed in a period are counted as the rows of the period whose
-- previous day falls before it, one per goal; and whether the goal is in
-- force now (in_force: its plan is in goals_in_force). goals_in_force: the
-- plans in force, as the dashboard decides them (each active participant's
-- newest signed plan in a program, when it has goals), with how many goals.
--
-- The store keeps them in the same transaction as the writes that move
-- them (store.countSignedNote at signing, whatever signs: the app, group
-- sessions, the seed's bulk load; store.refreshGoalsInForce when a plan is
-- signed or a participant's status changes). Signed notes and their goal
-- links never change, so nothing else moves a count. Kept in step with the
-- other engine's file (TestSchemasAgree); on SQLite the three tables are
-- kept in their key's order (WITHOUT ROWID), so a day's or a goal's counts
-- are one seek.

CREATE TABLE service_day_count (
    agency_id    BIGINT NOT NULL REFERENCES agency(id),
    service_date DATE NOT NULL,
    program_id   BIGINT NOT NULL,
    category     TEXT NOT NULL,
    modality     TEXT NOT NULL,
    notes        INTEGER NOT NULL,
    PRIMARY KEY (agency_id, service_date, program_id, category, modality)
) WITHOUT ROWID;

CREATE TABLE goal_note_day (
    goal_id        BIGINT NOT NULL REFERENCES plan_goal(id),
    service_date   DATE NOT NULL,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    participant_id BIGINT NOT NULL,
    program_id     BIGINT NOT NULL,
    notes          INTEGER NOT NULL,
    previous_date  DATE,
    in_force       BOOLEAN NOT NULL,
    PRIMARY KEY (goal_id, service_date)
) WITHOUT ROWID;
-- The period's goals addressed, read from the index alone.
CREATE INDEX goal_note_day_period ON goal_note_day (agency_id, in_force, service_date, previous_date, program_id);

CREATE TABLE goals_in_force (
    participant_id BIGINT NOT NULL REFERENCES participant(id),
    program_id     BIGINT NOT NULL,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    plan_id        BIGINT NOT NULL REFERENCES plan(id),
    goals          INTEGER NOT NULL,
    PRIMARY KEY (participant_id, program_id)
) WITHOUT ROWID;
CREATE INDEX goals_in_force_agency ON goals_in_force (agency_id, participant_id, program_id, goals);

-- The dashboard's rows are in the order of the names shown (preferred or
-- first name, then last name), a page at a time.
CREATE INDEX participant_agency_shown_name ON participant (agency_id,
    (TRIM(CASE WHEN preferred_name <> '' THEN preferred_name ELSE first_name END || ' ' || last_name)), id);

-- The notes signed so far.
INSERT INTO service_day_count (agency_id, service_date, program_id, category, modality, notes)
SELECT n.agency_id, n.service_date, n.program_id, n.category, n.modality, COUNT(*)
FROM service_note n WHERE n.status = 'signed'
GROUP BY n.agency_id, n.service_date, n.program_id, n.category, n.modality;

INSERT INTO goals_in_force (participant_id, program_id, agency_id, plan_id, goals)
SELECT pl.participant_id, pl.program_id, pl.agency_id, pl.id, (SELECT COUNT(*) FROM plan_goal pg WHERE pg.plan_id = pl.id)
FROM plan pl JOIN participant p ON p.id = pl.participant_id
WHERE pl.status = 'signed' AND p.status = 'active' AND NOT EXISTS (SELECT 1 FROM plan q WHERE q.participant_id = pl.participant_id
        AND q.program_id = pl.program_id AND q.status = 'signed' AND q.version > pl.version)
    AND EXISTS (SELECT 1 FROM plan_goal pg WHERE pg.plan_id = pl.id);

INSERT INTO goal_note_day (goal_id, service_date, agency_id, participant_id, program_id, notes, previous_date, in_force)
SELECT d.goal_id, d.service_date, pl.agency_id, pl.participant_id, pl.program_id, d.notes,
    LAG(d.service_date) OVER (PARTITION BY d.goal_id ORDER BY d.service_date),
    EXISTS (SELECT 1 FROM goals_in_force k WHERE k.participant_id = pl.participant_id AND k.program_id = pl.program_id AND k.plan_id = pl.id)
FROM (SELECT ng.goal_id, n.service_date, COUNT(*) AS notes FROM note_goal ng JOIN service_note n ON n.id = ng.note_id
        WHERE n.status = 'signed' GROUP BY ng.goal_id, n.service_date) d
    JOIN plan_goal pg ON pg.id = d.goal_id JOIN plan pl ON pl.id = pg.plan_id;
