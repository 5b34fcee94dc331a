-- 42 CFR Part 2 is a property of the program a record comes from: a
-- federally assisted program that holds itself out as providing substance
-- use disorder diagnosis, treatment or referral. An administrator marks
-- such a program (program.part2); a participant with an enrolment in it,
-- current or ended, has a Part 2 record, whose release needs a Part 2
-- consent. Every change of the flag keeps a row with who, when and why
-- (the reason stays here, out of the audit detail); the rows never change.
-- Kept column for column in step with the PostgreSQL file of the same
-- number (TestSchemasAgree).

ALTER TABLE program ADD COLUMN part2 BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE program_part2_change (
    id         INTEGER PRIMARY KEY,
    agency_id  BIGINT NOT NULL REFERENCES agency(id),
    program_id BIGINT NOT NULL REFERENCES program(id),
    part2      BOOLEAN NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    set_by     BIGINT NOT NULL REFERENCES app_user(id),
    set_at     TIMESTAMP NOT NULL
);
CREATE INDEX program_part2_change_program ON program_part2_change (program_id, id);

CREATE TRIGGER program_part2_change_no_update BEFORE UPDATE ON program_part2_change
BEGIN SELECT RAISE(ABORT, 'a Part 2 flag change never changes; set the flag again'); END;
CREATE TRIGGER program_part2_change_no_delete BEFORE DELETE ON program_part2_change
BEGIN SELECT RAISE(ABORT, 'a Part 2 flag change never changes; set the flag again'); END;
