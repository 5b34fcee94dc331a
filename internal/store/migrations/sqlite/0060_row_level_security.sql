-- Row-level security is PostgreSQL's (migrations/postgres/0060). SQLite has
-- none: on SQLite the WHERE clauses of internal/store alone keep agencies
-- apart, so several agencies sharing one database belong on PostgreSQL.
-- This file keeps the two engines' migration numbers in step.
SELECT 1;
