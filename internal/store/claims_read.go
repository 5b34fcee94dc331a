package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
)

// claimColumns reads a claim with its current status, the last amount paid
// and denial reason (typed, and what Goldthread said: readReason), and whether an addendum was added to one of its notes
// after it was written (claim review needed).
const claimColumns = `c.id, c.batch_id, c.program_id, g.name, c.participant_id, p.first_name, p.last_name, c.member_id, c.frequency,
	COALESCE(c.original_claim_id, 0), c.payer_claim_number, c.reason, c.place_of_service, c.diagnoses, c.rendering_name, c.rendering_npi,
	c.prior_authorization, c.total_cents, c.units, c.created_at,
	ls.status, ls.at,
	(SELECT COALESCE((SELECT s.amount_cents FROM claim_status s WHERE s.claim_id = c.id AND s.status = 'paid' ORDER BY s.id DESC LIMIT 1), 0)),
	COALESCE(dn.reason, ''), COALESCE(dn.reason_text, ''),
	(SELECT COUNT(*) FROM claim_line l JOIN note_addendum a ON a.note_id = l.note_id
		WHERE l.claim_id = c.id AND a.claim_review_needed = ? AND a.signed_at > c.created_at)`

const claimFrom = ` FROM claim c JOIN program g ON g.id = c.program_id JOIN participant p ON p.id = c.participant_id
	JOIN claim_status ls ON ls.id = (SELECT MAX(s.id) FROM claim_status s WHERE s.claim_id = c.id)
	LEFT JOIN claim_status dn ON dn.id = (SELECT MAX(s.id) FROM claim_status s WHERE s.claim_id = c.id AND s.status = 'denied') `

func scanClaim(r scanner) (goldthread.Claim, error) {
	var c goldthread.Claim
	var first, last, diagnoses, denialText string
	var review int
	err := r.Scan(&c.ID, &c.BatchID, &c.ProgramID, &c.ProgramName, &c.ParticipantID, &first, &last, &c.MemberID, &c.Frequency,
		&c.OriginalID, &c.PayerClaimNumber, &c.Reason, &c.PlaceOfService, &diagnoses, &c.RenderingName, &c.RenderingNPI,
		&c.PriorAuthorization, &c.TotalCents, &c.Units, &c.Created, &c.Status, &c.StatusAt, &c.PaidCents, &c.DenialReason, &denialText, &review)
	c.DenialReason, c.DenialReasonText = readReason(c.DenialReason, denialText)
	c.Number = goldthread.ClaimNumber(c.ID)
	c.ParticipantName = strings.TrimSpace(first + " " + last)
	if diagnoses != "" {
		c.Diagnoses = strings.Split(diagnoses, ",")
	}
	c.Created, c.StatusAt = c.Created.UTC(), c.StatusAt.UTC()
	c.ReviewNeeded = review > 0
	return c, err
}

// ListClaims lists the claims of the actor's agency, newest first, with
// their current status (at most f.Limit, default 200). Billing staff,
// administrators and auditors; the listing is audited once.
func (db *DB) ListClaims(ctx context.Context, actor goldthread.Actor, f goldthread.ClaimFilter) ([]goldthread.Claim, error) {
	if err := billingReader(actor); err != nil {
		return nil, err
	}
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 200
	}
	q := "SELECT " + claimColumns + claimFrom + "WHERE c.agency_id = ?"
	args := []any{true, actor.AgencyID}
	if f.ProgramID != 0 {
		q += " AND c.program_id = ?"
		args = append(args, f.ProgramID)
	}
	if f.BatchID != 0 {
		q += " AND c.batch_id = ?"
		args = append(args, f.BatchID)
	}
	if f.Status != "" {
		q += " AND ls.status = ?"
		args = append(args, f.Status)
	}
	q += " ORDER BY c.id DESC LIMIT " + strconv.Itoa(f.Limit)
	var out []goldthread.Claim
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if err := scanAll(ctx, tx, q, args, func(r scanner) error {
			c, err := scanClaim(r)
			out = append(out, c)
			return err
		}); err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionList, "claim", 0, 0)
		ev.Detail = "claims=" + strconv.Itoa(len(out))
		return tx.Audit(ctx, ev)
	})
	return out, err
}

// Claim returns one claim with its lines and status history (who, when,
// amounts, reasons). Billing staff, administrators and auditors; audited;
// ENOTFOUND outside the agency.
func (db *DB) Claim(ctx context.Context, actor goldthread.Actor, id int64) (goldthread.Claim, error) {
	var c goldthread.Claim
	if err := billingReader(actor); err != nil {
		return c, err
	}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		var err error
		c, err = scanClaim(tx.QueryRow(ctx, "SELECT "+claimColumns+claimFrom+"WHERE c.id = ? AND c.agency_id = ?", true, id, actor.AgencyID))
		if err != nil {
			return notFound(err, "No claim %s in your agency.", goldthread.ClaimNumber(id))
		}
		if err := scanAll(ctx, tx, `SELECT line_no, note_id, service_date, procedure_code, modifiers, minutes, units, charge_cents,
			place_of_service FROM claim_line WHERE claim_id = ? ORDER BY line_no`, []any{id}, func(r scanner) error {
			var l goldthread.ClaimLine
			var mods string
			err := r.Scan(&l.LineNo, &l.NoteID, &l.ServiceDate, &l.Procedure, &mods, &l.Minutes, &l.Units, &l.ChargeCents, &l.PlaceOfService)
			if mods != "" {
				l.Modifiers = strings.Split(mods, ",")
			}
			c.Lines = append(c.Lines, l)
			return err
		}); err != nil {
			return err
		}
		statusRow := map[int64]int{} // claim_status id → index in History
		if err := scanAll(ctx, tx, `SELECT s.id, s.status, s.amount_cents, s.reason, s.reason_text, s.payer_claim_number, COALESCE(u.name, ''), s.at
			FROM claim_status s LEFT JOIN app_user u ON u.id = s.actor_id WHERE s.claim_id = ? ORDER BY s.id`, []any{id},
			func(r scanner) error {
				var e goldthread.ClaimStatusEntry
				var amount sql.NullInt64
				var sid int64
				var reasonText string
				err := r.Scan(&sid, &e.Status, &amount, &e.Reason, &reasonText, &e.PayerClaimNumber, &e.ActorName, &e.At)
				e.AmountCents, e.HasAmount, e.At = amount.Int64, amount.Valid, e.At.UTC()
				e.Reason, e.ReasonText = readReason(e.Reason, reasonText)
				statusRow[sid] = len(c.History)
				c.History = append(c.History, e)
				return err
			}); err != nil {
			return err
		}
		if err := scanAll(ctx, tx, `SELECT l.claim_status_id, l.line_no, l.amount_cents FROM claim_status_line l
			JOIN claim_status s ON s.id = l.claim_status_id WHERE s.claim_id = ? ORDER BY l.claim_status_id, l.line_no`, []any{id},
			func(r scanner) error {
				var sid int64
				var l goldthread.LineAmount
				err := r.Scan(&sid, &l.LineNo, &l.AmountCents)
				if i, ok := statusRow[sid]; ok {
					c.History[i].Lines = append(c.History[i].Lines, l)
				}
				return err
			}); err != nil {
			return err
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionRead, "claim", id, c.ParticipantID))
	})
	return c, err
}

// ClaimBatches lists the agency's batches, newest first, with their
// counts and totals and whether they were exported.
func (db *DB) ClaimBatches(ctx context.Context, actor goldthread.Actor, limit int) ([]goldthread.ClaimBatch, error) {
	if err := billingReader(actor); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	var out []goldthread.ClaimBatch
	err := db.ReadTx(ctx, func(tx *Tx) error {
		return scanAll(ctx, tx, `SELECT b.id, b.program_id, g.name, b.period_from, b.period_to, b.created_at,
			(SELECT COUNT(*) FROM claim c WHERE c.batch_id = b.id),
			(SELECT COUNT(*) FROM claim_line l JOIN claim c ON c.id = l.claim_id WHERE c.batch_id = b.id),
			(SELECT COALESCE(SUM(c.units), 0) FROM claim c WHERE c.batch_id = b.id),
			(SELECT COALESCE(SUM(c.total_cents), 0) FROM claim c WHERE c.batch_id = b.id),
			(SELECT COUNT(*) FROM claim_status s JOIN claim c ON c.id = s.claim_id WHERE c.batch_id = b.id AND s.status = ?)
			FROM claim_batch b JOIN program g ON g.id = b.program_id WHERE b.agency_id = ? ORDER BY b.id DESC LIMIT `+strconv.Itoa(limit),
			[]any{goldthread.ClaimExported, actor.AgencyID}, func(r scanner) error {
				var b goldthread.ClaimBatch
				var exported int
				err := r.Scan(&b.ID, &b.ProgramID, &b.ProgramName, &b.From, &b.To, &b.Created, &b.Claims, &b.Lines, &b.Units, &b.TotalCents, &exported)
				b.Exported, b.Created = exported > 0, b.Created.UTC()
				out = append(out, b)
				return err
			})
	})
	if err != nil {
		return nil, fmt.Errorf("store.ClaimBatches: %w", err)
	}
	// The latest 999 answer on each batch's file.
	err = db.ReadTx(ctx, func(tx *Tx) error {
		for i := range out {
			var a goldthread.BatchAck
			err := tx.QueryRow(ctx, `SELECT k.code, k.detail, a.received_at FROM claim_ack_batch k JOIN claim_ack a ON a.id = k.ack_id
				WHERE k.batch_id = ? AND k.agency_id = ? ORDER BY k.id DESC LIMIT 1`, out[i].ID, actor.AgencyID).Scan(&a.Code, &a.Detail, &a.At)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return err
			}
			a.BatchID, a.Accepted, a.At = out[i].ID, a.Code == "A" || a.Code == "E", a.At.UTC()
			out[i].Ack = &a
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store.ClaimBatches: %w", err)
	}
	return out, nil
}
