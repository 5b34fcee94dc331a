-- A plan is not in force before its last required signature: the day it
-- is in force from is its effective date, or the day (on the agency's
-- clock) of the signature that completed it when that came later. Signing
-- writes it with the status; every "plan in force" reads it. Plans signed
-- before this migration were checked against their effective date when
-- their notes were signed, so they keep it (changing it now would unlink
-- signed notes). Kept in step with the other engine's file (TestSchemasAgree).

ALTER TABLE plan ADD COLUMN in_force_from DATE;

DROP TRIGGER plan_signed_no_update;
UPDATE plan SET in_force_from = effective_date WHERE status = 'signed';
CREATE TRIGGER plan_signed_no_update BEFORE UPDATE ON plan WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'a signed plan never changes; create a new version'); END;

-- A signed plan always says when it is in force, and never before its
-- effective date.
CREATE TRIGGER plan_signed_in_force BEFORE UPDATE ON plan
WHEN NEW.status = 'signed' AND (NEW.in_force_from IS NULL OR NEW.in_force_from < NEW.effective_date)
BEGIN SELECT RAISE(ABORT, 'a signed plan is in force from its effective date or later'); END;
CREATE TRIGGER plan_signed_in_force_insert BEFORE INSERT ON plan
WHEN NEW.status = 'signed' AND (NEW.in_force_from IS NULL OR NEW.in_force_from < NEW.effective_date)
BEGIN SELECT RAISE(ABORT, 'a signed plan is in force from its effective date or later'); END;

CREATE INDEX plan_in_force_from ON plan (participant_id, program_id, status, in_force_from);
