-- A group session is one form (issue 13): details and every member's line
-- are saved together, and the version refuses a save made from a stale
-- page, as notes do.
ALTER TABLE group_session ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
