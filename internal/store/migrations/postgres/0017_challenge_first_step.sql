-- How a sign-in halfway done began ("password" or "sso"), so the audit
-- event of the finished sign-in names both steps.
ALTER TABLE mfa_challenge ADD COLUMN first_step TEXT NOT NULL DEFAULT 'password';
