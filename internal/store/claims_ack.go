package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/x12"
)

// ImportAcknowledgment imports a 999 or 277CA answering the agency's claim
// files, in one transaction, once (the sender and interchange control
// number identify the file; the same file again changes nothing and comes
// back with Duplicate set).
//
// A 999 is recorded on each batch it answers (the batch whose 837P carried
// the acknowledged group control number): accepted or rejected, with the
// errors it lists; claims keep their status — a rejected file's claims
// were never received and are sent again in a new file. A 277CA moves each
// claim it names: accepted into adjudication (an exported claim becomes
// accepted, with the payer's claim number), or rejected before it (an
// exported or accepted claim becomes denied, the reason naming the
// payer's codes, so it is corrected and sent again). Batches and claims
// not ours are listed with why, never guessed. Audited. Billing staff only.
func (db *DB) ImportAcknowledgment(ctx context.Context, actor goldthread.Actor, fileName string, data []byte) (goldthread.AcknowledgmentImport, error) {
	var out goldthread.AcknowledgmentImport
	if err := billingStaff(actor); err != nil {
		return out, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return out, goldthread.FieldError("file", "Choose the 999 or 277CA file the payer or clearinghouse sent.")
	}
	a, err := x12.ReadAcknowledgment(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, x12.ErrSyntax) || errors.Is(err, x12.ErrNotAcknowledgment) {
			return out, goldthread.FieldError("file", "This is not a readable 999 or 277CA file (%v). Upload the file exactly as it was sent.", err)
		}
		return out, err
	}
	fileName = strings.TrimSpace(fileName)
	if len(fileName) > 200 {
		fileName = fileName[:200]
	}
	err = db.WriteTx(ctx, func(tx *Tx) error {
		out = goldthread.AcknowledgmentImport{Kind: a.Kind}
		err := tx.QueryRow(ctx, "SELECT id FROM claim_ack WHERE agency_id = ? AND kind = ? AND sender_id = ? AND control_number = ?",
			actor.AgencyID, a.Kind, a.Interchange.SenderID, a.Interchange.ControlNumber).Scan(&out.ID)
		if err == nil {
			out.Duplicate = true
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store.ImportAcknowledgment: %w", err)
		}
		var moved, matched int
		if a.Kind == "999" {
			for _, g := range a.Groups {
				out.Batches = append(out.Batches, ackBatch(ctx, tx, actor, g))
			}
		} else {
			for _, c := range a.Claims {
				row, err := ackClaim(ctx, tx, actor, c)
				if err != nil {
					return err
				}
				if row.ClaimID != 0 {
					matched++
				}
				if row.Outcome != "" {
					moved++
				}
				out.Claims = append(out.Claims, row)
			}
		}
		summary := fmt.Sprintf("claims=%d matched=%d moved=%d", len(out.Claims), matched, moved)
		if a.Kind == "999" {
			summary = fmt.Sprintf("batches=%d", len(out.Batches))
		}
		if out.ID, err = tx.insert(ctx, `INSERT INTO claim_ack (agency_id, kind, sender_id, control_number, file_name, summary, received_by, received_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, actor.AgencyID, a.Kind, a.Interchange.SenderID, a.Interchange.ControlNumber, fileName, summary,
			nullID(actor.UserID), tx.now); err != nil {
			return fmt.Errorf("store.ImportAcknowledgment: %w", err)
		}
		for _, b := range out.Batches {
			if b.BatchID == 0 {
				continue
			}
			if _, err := tx.Exec(ctx, "INSERT INTO claim_ack_batch (ack_id, agency_id, batch_id, code, detail) VALUES (?, ?, ?, ?, ?)",
				out.ID, actor.AgencyID, b.BatchID, b.Code, b.Detail); err != nil {
				return fmt.Errorf("store.ImportAcknowledgment: %w", err)
			}
		}
		for _, c := range out.Claims {
			if c.Outcome == "" {
				continue
			}
			var participant int64
			if err := tx.QueryRow(ctx, "SELECT participant_id FROM claim WHERE id = ?", c.ClaimID).Scan(&participant); err != nil {
				return fmt.Errorf("store.ImportAcknowledgment: %w", err)
			}
			e := goldthread.ClaimStatusEntry{Status: c.Outcome, PayerClaimNumber: c.PayerClaimNumber,
				ReasonText: ackReason(c.Category, c.Status, c.Outcome == goldthread.ClaimDenied)}
			if err := addClaimStatus(ctx, tx, actor, c.ClaimID, e); err != nil {
				return err
			}
			ev := auditFor(actor, goldthread.ActionUpdate, "claim", c.ClaimID, participant)
			ev.Detail = fmt.Sprintf("status=%s ack=%d", c.Outcome, out.ID)
			if err := tx.Audit(ctx, ev); err != nil {
				return err
			}
		}
		ev := auditFor(actor, goldthread.ActionCreate, "claim_ack", out.ID, 0)
		ev.Detail = "kind=" + a.Kind + " " + summary
		return tx.Audit(ctx, ev)
	})
	return out, err
}

// ackBatch matches a 999 group to the batch whose 837P carried its group
// control number (the batch id).
func ackBatch(ctx context.Context, tx *Tx, actor goldthread.Actor, g x12.GroupAcknowledgment) goldthread.BatchAck {
	b := goldthread.BatchAck{Code: g.Code, Accepted: g.Accepted()}
	var details []string
	for _, s := range g.Sets {
		for _, e := range s.Errors {
			details = append(details, "set "+s.ControlNumber+": "+e)
		}
	}
	b.Detail = strings.Join(details, "; ")
	var id int64
	err := tx.QueryRow(ctx, `SELECT b.id FROM claim_batch b WHERE b.id = ? AND b.agency_id = ?
		AND EXISTS (SELECT 1 FROM claim c JOIN claim_status s ON s.claim_id = c.id WHERE c.batch_id = b.id AND s.status = ?)`,
		g.GroupControlNumber, actor.AgencyID, goldthread.ClaimExported).Scan(&id)
	if err != nil {
		b.ProblemText = goldthread.Textf("No sent batch %d in your agency; this acknowledgment is listed, not applied.", g.GroupControlNumber)
		b.Problem = b.ProblemText.String()
		return b
	}
	b.BatchID = id
	return b
}

// ackClaim matches a 277CA claim by its claim number and decides its move.
func ackClaim(ctx context.Context, tx *Tx, actor goldthread.Actor, c x12.ClaimAcknowledgment) (goldthread.ClaimAckRow, error) {
	row := goldthread.ClaimAckRow{ControlNumber: c.PatientControlNumber, Category: c.Category, Status: c.Status, PayerClaimNumber: c.PayerClaimNumber}
	id, err := goldthread.ParseClaimNumber(c.PatientControlNumber)
	if err != nil || goldthread.ClaimNumber(id) != c.PatientControlNumber {
		row.ProblemText = goldthread.Textf("%s is not a claim number Goldthread wrote; it is listed, not matched.", c.PatientControlNumber)
		row.Problem = row.ProblemText.String()
		return row, nil
	}
	var status string
	err = tx.QueryRow(ctx, `SELECT (SELECT s.status FROM claim_status s WHERE s.claim_id = c.id ORDER BY s.id DESC LIMIT 1)
		FROM claim c WHERE c.id = ? AND c.agency_id = ?`, id, actor.AgencyID).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		row.ProblemText = goldthread.Textf("No claim %s in your agency.", c.PatientControlNumber)
		row.Problem = row.ProblemText.String()
		return row, nil
	}
	if err != nil {
		return row, fmt.Errorf("store.ackClaim: %w", err)
	}
	row.ClaimID = id
	switch {
	case c.Rejected() && (status == goldthread.ClaimExported || status == goldthread.ClaimAccepted):
		row.Outcome = goldthread.ClaimDenied
	case c.Accepted() && status == goldthread.ClaimExported:
		row.Outcome = goldthread.ClaimAccepted
	case !c.Rejected() && !c.Accepted():
		row.ProblemText = goldthread.Textf("Status %s:%s neither accepts nor rejects the claim; it stays %s.", c.Category, c.Status, claimStatusText(status))
		row.Problem = row.ProblemText.String()
	}
	return row, nil
}
