-- The language a person reads Goldthread in (issue 17): "en" or "es",
-- chosen on their account page, staff and participants alike. Empty means
-- no choice: a participant's own account then reads in their record's
-- language (participant.language, from intake), anyone else in the
-- language their browser asks for. Kept in step with the other engine's
-- file of the same number (TestSchemasAgree).

ALTER TABLE app_user ADD COLUMN language TEXT NOT NULL DEFAULT '';
