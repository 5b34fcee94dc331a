-- The agency's billing identity (issue 14): how it names itself on every
-- claim. The legal name is the 837P billing provider name (2010AA NM1*85),
-- which may differ from the name staff know it by; addr_line2 holds a
-- suite; pay_to_* is the address payments go to when it is not the billing
-- address (2010AB), empty when it is. npi, tax_id, taxonomy and addr_* are
-- the foundation's columns, until now set only by the demo loader.
--
-- Agencies that existed before get their display name as legal name (what
-- their claims carried so far) and stay marked placeholder until an
-- administrator saves the identity: nobody has confirmed those values for
-- real claims, so test files may use them and production batches may not.
-- Kept in step with the other engine's file of the same number
-- (TestSchemasAgree).

ALTER TABLE agency ADD COLUMN legal_name TEXT NOT NULL DEFAULT '';
ALTER TABLE agency ADD COLUMN addr_line2 TEXT NOT NULL DEFAULT '';
ALTER TABLE agency ADD COLUMN pay_to_line1 TEXT NOT NULL DEFAULT '';
ALTER TABLE agency ADD COLUMN pay_to_line2 TEXT NOT NULL DEFAULT '';
ALTER TABLE agency ADD COLUMN pay_to_city TEXT NOT NULL DEFAULT '';
ALTER TABLE agency ADD COLUMN pay_to_state TEXT NOT NULL DEFAULT '';
ALTER TABLE agency ADD COLUMN pay_to_postal TEXT NOT NULL DEFAULT '';
ALTER TABLE agency ADD COLUMN billing_placeholder BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE agency ADD COLUMN billing_updated_at TIMESTAMPTZ;
UPDATE agency SET legal_name = name;
