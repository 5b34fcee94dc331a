-- A staff member's first and last names as typed (issue 14): a claim's
-- rendering provider (837P 2310B NM1*82) carries them in separate
-- elements, and splitting the one name field guesses wrong ("Mary Ann
-- Lopez Garcia", "Dr. Elena Reyes"). Existing accounts get no guess: the
-- parts stay empty until an administrator types them, and until then the
-- billing worklist holds the services that person rendered, saying who
-- must act. taxonomy is the person's provider taxonomy code, written as
-- PRV*PE where the payer's rule pack asks for it. Kept in step with the
-- other engine's file of the same number (TestSchemasAgree).

ALTER TABLE app_user ADD COLUMN first_name TEXT NOT NULL DEFAULT '';
ALTER TABLE app_user ADD COLUMN last_name TEXT NOT NULL DEFAULT '';
ALTER TABLE app_user ADD COLUMN taxonomy TEXT NOT NULL DEFAULT '';
