-- Rates with effective dates (issue 14): a program keeps every rate of a
-- procedure code and kind (individual or group) with the day it takes
-- effect; each is ended by the next. A service is priced with the rate in
-- effect on its service date, so a new rate never re-prices services
-- already delivered. effective_from NULL means "from the beginning": the
-- rates stored before this migration, the only rate each code had.
--
-- One row per code, kind and effective day (COALESCE folds the NULL
-- "beginning" into one day) replaces the one-rate-per-code constraint.
-- Kept in step with the other engine's file of the same number
-- (TestSchemasAgree).

ALTER TABLE billing_rate ADD COLUMN effective_from DATE;
ALTER TABLE billing_rate ADD COLUMN updated_by BIGINT REFERENCES app_user(id);
ALTER TABLE billing_rate DROP CONSTRAINT billing_rate_program_id_procedure_code_is_group_key;
CREATE UNIQUE INDEX billing_rate_effective ON billing_rate (program_id, procedure_code, is_group, COALESCE(effective_from, DATE '0001-01-01'));
