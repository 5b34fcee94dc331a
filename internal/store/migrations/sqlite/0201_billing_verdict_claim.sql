-- A ready stored verdict keeps what a claim takes of it beyond its own
-- columns (internal/store/claims_verdict_claim.go: the service's codes,
-- place, diagnoses, authorization and names, the member and the rendering
-- provider), so a claim batch from fresh runs reads that column instead
-- of decoding the service's JSON, half of reading a run (issue 20). Empty
-- for a blocked verdict; verdicts stored before are stale by their basis
-- and scrubbed again before any batch claims from them.
-- Kept in step with the other engine's file (TestSchemasAgree).

ALTER TABLE billing_verdict ADD COLUMN claim TEXT NOT NULL DEFAULT '';
