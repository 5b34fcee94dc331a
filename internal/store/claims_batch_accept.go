package store

import (
	"context"
	"fmt"

	"github.com/goldthread/goldthread"
)

// BatchAcceptance is what marking a batch accepted did: how many of its
// claims moved from exported to accepted, and how many were left as they
// were because the payer had answered them already (or they were never
// sent, or were corrected).
type BatchAcceptance struct {
	BatchID  int64
	Accepted int
	Skipped  int
}

// AcceptBatch marks every exported claim of a batch accepted, as when the
// payer acknowledges the whole file, in one transaction, each audited.
// Claims the payer already answered keep their status. EINVALID on
// "reason" when the reason is longer than 200 characters; ECONFLICT when
// the batch was never exported (nothing to accept); ENOTFOUND outside the
// actor's agency. Billing staff only.
func (db *DB) AcceptBatch(ctx context.Context, actor goldthread.Actor, batchID int64, reason string) (BatchAcceptance, error) {
	out := BatchAcceptance{BatchID: batchID}
	if err := billingStaff(actor); err != nil {
		return out, err
	}
	if len(reason) > 200 {
		return out, goldthread.FieldError("reason", "Say it in at most 200 characters.")
	}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		out.Accepted, out.Skipped = 0, 0
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM claim_batch WHERE id = ? AND agency_id = ?", batchID, actor.AgencyID).Scan(&n); err != nil {
			return fmt.Errorf("store.AcceptBatch: %w", err)
		}
		if n == 0 {
			return goldthread.Errorf(goldthread.ENOTFOUND, "No batch %d in your agency.", batchID)
		}
		type claimRow struct {
			id, participant int64
			status          string
		}
		var claims []claimRow
		if err := scanAll(ctx, tx, `SELECT c.id, c.participant_id,
			(SELECT s.status FROM claim_status s WHERE s.claim_id = c.id ORDER BY s.id DESC LIMIT 1)
			FROM claim c WHERE c.batch_id = ? AND c.agency_id = ? ORDER BY c.id`, []any{batchID, actor.AgencyID}, func(r scanner) error {
			var c claimRow
			err := r.Scan(&c.id, &c.participant, &c.status)
			claims = append(claims, c)
			return err
		}); err != nil {
			return err
		}
		for _, c := range claims {
			if c.status == goldthread.ClaimReady {
				return goldthread.Errorf(goldthread.ECONFLICT, "Batch %d was not sent yet; download its 837P file first.", batchID)
			}
			if c.status != goldthread.ClaimExported {
				out.Skipped++
				continue
			}
			if err := addClaimStatus(ctx, tx, actor, c.id, goldthread.ClaimStatusEntry{Status: goldthread.ClaimAccepted, Reason: reason}); err != nil {
				return err
			}
			ev := auditFor(actor, goldthread.ActionUpdate, "claim", c.id, c.participant)
			ev.Detail = fmt.Sprintf("status=accepted batch=%d", batchID)
			if err := tx.Audit(ctx, ev); err != nil {
				return err
			}
			out.Accepted++
		}
		return nil
	})
	return out, err
}
