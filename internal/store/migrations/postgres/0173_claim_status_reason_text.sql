-- What Goldthread itself says when it moves a claim (a 277CA's or an
-- 835's reason) is kept as a goldthread.Text in JSON, in reason_text
-- beside the reason staff type (an outcome's, a correction's, a batch
-- acceptance's), which stays as typed: each reader's printer writes the
-- system's reason in their language (internal/store/claims_reason.go).
--
-- Rows written before hold the system's English in reason. The sentences
-- Goldthread wrote are known (the 277CA's "277CA A2:20" and "Rejected
-- before adjudication (277CA A7:21); correct the claim and send it
-- again.", and an 835's "835 CHK 12345[: payment reversed (-10)][: CO-45
-- 3, …][; remarks N130 …]" that starts with the method and trace number of
-- a payment that answered the claim); those rows get the Text of their
-- sentence, whose English is their reason byte for byte. Anything else is
-- left as typed.
--
-- claim_status is append-only, and stays so for every row's own words:
-- the rows' reason, status, amounts, actor and time are not touched, only
-- the column this migration adds is filled, from each row's own reason.
-- The append-only trigger is disabled for this one UPDATE and enabled
-- again, as 0030 did for plans; so is the trigger that marks a
-- participant's billing verdicts stale on a status change, since a
-- reason's form enters no verdict. Kept in step with the other engine's
-- file (TestSchemasAgree).

ALTER TABLE claim_status ADD COLUMN reason_text TEXT NOT NULL DEFAULT '';

ALTER TABLE claim_status DISABLE TRIGGER claim_status_append_only;
ALTER TABLE claim_status DISABLE TRIGGER billing_version_claim_status;

-- A 277CA that accepted the claim: "277CA A2:20".
UPDATE claim_status SET reason_text = json_build_object('format', '277CA %s:%s', 'args', json_build_array(
        split_part(substr(reason, 7), ':', 1), substr(reason, strpos(reason, ':') + 1)))::TEXT
    WHERE status = 'accepted' AND reason ~ '^277CA [^ :]+:[^ ]+$';

-- A 277CA that rejected it.
UPDATE claim_status SET reason_text = json_build_object('format', 'Rejected before adjudication (277CA %s:%s); correct the claim and send it again.',
        'args', json_build_array(substr(reason, 37, strpos(reason, ':') - 37), substr(reason, strpos(reason, ':') + 1, length(reason) - strpos(reason, ':') - 39)))::TEXT
    WHERE status = 'denied' AND reason ~ '^Rejected before adjudication \(277CA [^ :]+:[^ ]+\); correct the claim and send it again\.$';

-- An 835: the payment, then a reversal, adjustments and remark codes.
-- The words are in the reversal and the remarks; the rest is codes and
-- amounts, kept as they were.
WITH r AS (
    SELECT s.id,
        CASE WHEN strpos(s.reason, '; remarks ') > 0 THEN substr(s.reason, 1, strpos(s.reason, '; remarks ') - 1) ELSE s.reason END AS body,
        CASE WHEN strpos(s.reason, '; remarks ') > 0 THEN substr(s.reason, strpos(s.reason, '; remarks ') + 10) END AS remarks
    FROM claim_status s
    WHERE s.reason LIKE '835 %' AND EXISTS (SELECT 1 FROM remittance_claim rc JOIN remittance m ON m.id = rc.remittance_id
        WHERE rc.claim_id = s.claim_id
        AND substr(s.reason, 1, length('835 ' || m.method || ' ' || m.trace_number)) = '835 ' || m.method || ' ' || m.trace_number)
), q AS (
    SELECT id, remarks,
        CASE WHEN strpos(body, ': payment reversed (') > 0 THEN substr(body, 1, strpos(body, ': payment reversed (') - 1) ELSE body END AS head,
        CASE WHEN strpos(body, ': payment reversed (') > 0 THEN substr(body, strpos(body, ': payment reversed (') + 20) END AS reversal
    FROM r
)
UPDATE claim_status SET reason_text = json_build_object('format', '%s%s%s%s', 'args', json_build_array(
        q.head,
        CASE WHEN q.reversal IS NULL THEN to_json(''::TEXT) ELSE json_build_object('format', ': payment reversed (%s)',
            'args', json_build_array(substr(q.reversal, 1, strpos(q.reversal, ')') - 1))) END,
        CASE WHEN q.reversal IS NULL THEN '' ELSE substr(q.reversal, strpos(q.reversal, ')') + 1) END,
        CASE WHEN q.remarks IS NULL THEN to_json(''::TEXT) ELSE json_build_object('format', '; remarks %s', 'args', json_build_array(q.remarks)) END))::TEXT
    FROM q WHERE q.id = claim_status.id;

ALTER TABLE claim_status ENABLE TRIGGER claim_status_append_only;
ALTER TABLE claim_status ENABLE TRIGGER billing_version_claim_status;
