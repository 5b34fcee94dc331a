-- The audit report sorts an agency's events by the time they carry
-- (sequence breaks ties), so that order has an index.
-- Kept in step with the other engine's file (TestSchemasAgree).

CREATE INDEX audit_event_agency_at ON audit_event (agency_id, at, seq);
