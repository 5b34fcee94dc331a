-- An agency sets itself up (intake, programs): a program may work in a
-- time zone of its own (an agency running NC, CA and NY programs); empty
-- means the agency's. A participant's email is a way to reach them. An
-- enrolment ended by staff (not by a discharge) keeps why. Kept in step
-- with the other engine's file of the same number (TestSchemasAgree).

ALTER TABLE program ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
ALTER TABLE participant ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE enrollment ADD COLUMN end_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX participant_agency_medicaid ON participant (agency_id, medicaid_id);
CREATE INDEX participant_agency_birth ON participant (agency_id, birth_date);
