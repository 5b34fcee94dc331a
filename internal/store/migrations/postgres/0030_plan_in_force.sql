-- A plan is not in force before its last required signature: the day it
-- is in force from is its effective date, or the day (on the agency's
-- clock) of the signature that completed it when that came later. Signing
-- writes it with the status; every "plan in force" reads it. Plans signed
-- before this migration were checked against their effective date when
-- their notes were signed, so they keep it (changing it now would unlink
-- signed notes). Kept in step with the other engine's file (TestSchemasAgree).

ALTER TABLE plan ADD COLUMN in_force_from DATE;

ALTER TABLE plan DISABLE TRIGGER plan_signed_frozen;
UPDATE plan SET in_force_from = effective_date WHERE status = 'signed';
ALTER TABLE plan ENABLE TRIGGER plan_signed_frozen;

-- A signed plan always says when it is in force, and never before its
-- effective date.
ALTER TABLE plan ADD CONSTRAINT plan_signed_in_force
    CHECK (status <> 'signed' OR (in_force_from IS NOT NULL AND in_force_from >= effective_date));

CREATE INDEX plan_in_force_from ON plan (participant_id, program_id, status, in_force_from);
