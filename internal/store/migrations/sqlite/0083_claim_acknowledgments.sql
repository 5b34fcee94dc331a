-- Acknowledgments of claim files: a 999 (the file, per functional group,
-- accepted or rejected) or a 277CA (each claim accepted into adjudication
-- or rejected at the front door). Each file is stored once, identified by
-- its sender and interchange control number, so importing it again
-- changes nothing. claim_ack_batch is a 999's answer on one batch (its
-- 837P's group control number). Append-only.
-- Kept in step with the other engine's file (TestSchemasAgree).

CREATE TABLE claim_ack (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES agency(id),
    kind           TEXT NOT NULL CHECK (kind IN ('999', '277CA')),
    sender_id      TEXT NOT NULL,
    control_number BIGINT NOT NULL,
    file_name      TEXT NOT NULL,
    summary        TEXT NOT NULL,
    received_by    BIGINT REFERENCES app_user(id),
    received_at    TIMESTAMP NOT NULL,
    UNIQUE (agency_id, kind, sender_id, control_number)
);

CREATE TABLE claim_ack_batch (
    id        INTEGER PRIMARY KEY,
    ack_id    BIGINT NOT NULL REFERENCES claim_ack(id),
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    batch_id  BIGINT NOT NULL REFERENCES claim_batch(id),
    code      TEXT NOT NULL,
    detail    TEXT NOT NULL
);
CREATE INDEX claim_ack_batch_batch ON claim_ack_batch (batch_id, id);

CREATE TRIGGER claim_ack_no_update BEFORE UPDATE ON claim_ack
BEGIN SELECT RAISE(ABORT, 'an acknowledgment never changes'); END;
CREATE TRIGGER claim_ack_no_delete BEFORE DELETE ON claim_ack
BEGIN SELECT RAISE(ABORT, 'an acknowledgment never changes'); END;
CREATE TRIGGER claim_ack_batch_no_update BEFORE UPDATE ON claim_ack_batch
BEGIN SELECT RAISE(ABORT, 'an acknowledgment never changes'); END;
CREATE TRIGGER claim_ack_batch_no_delete BEFORE DELETE ON claim_ack_batch
BEGIN SELECT RAISE(ABORT, 'an acknowledgment never changes'); END;
