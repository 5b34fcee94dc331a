package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/goldthread/goldthread"
)

const remittanceColumns = `r.id, r.trace_number, r.payer_trace_id, r.method, r.payment_date, r.amount_cents, r.payer_name, r.payee_npi,
	r.file_name, r.unbalanced, COALESCE(u.name, ''), r.imported_at,
	(SELECT COUNT(*) FROM remittance_claim c WHERE c.remittance_id = r.id AND c.claim_id IS NOT NULL),
	(SELECT COUNT(*) FROM remittance_claim c WHERE c.remittance_id = r.id AND c.claim_id IS NULL)
	FROM remittance r LEFT JOIN app_user u ON u.id = r.imported_by `

func scanRemittance(row scanner) (goldthread.Remittance, error) {
	var r goldthread.Remittance
	var unbalanced string
	err := row.Scan(&r.ID, &r.TraceNumber, &r.PayerTraceID, &r.Method, &r.PaymentDate, &r.AmountCents, &r.PayerName, &r.PayeeNPI,
		&r.FileName, &unbalanced, &r.ImportedBy, &r.ImportedAt, &r.Matched, &r.Unmatched)
	r.Unbalanced, r.UnbalancedTexts = readImbalancesColumn(unbalanced)
	r.ImportedAt = r.ImportedAt.UTC()
	return r, err
}

// Remittances lists the agency's imported payments, newest first, without
// their claims. Billing staff, administrators and auditors.
func (db *DB) Remittances(ctx context.Context, actor goldthread.Actor, limit int) ([]goldthread.Remittance, error) {
	if err := billingReader(actor); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	var out []goldthread.Remittance
	err := db.ReadTx(ctx, func(tx *Tx) error {
		out = out[:0]
		return scanAll(ctx, tx, "SELECT "+remittanceColumns+"WHERE r.agency_id = ? ORDER BY r.id DESC LIMIT ?",
			[]any{actor.AgencyID, limit}, func(r scanner) error {
				rem, err := scanRemittance(r)
				out = append(out, rem)
				return err
			})
	})
	return out, err
}

// Remittance returns one imported payment with its claims, lines and
// provider adjustments, or ENOTFOUND outside the actor's agency. Reading
// the claims it matched is audited. Billing staff, administrators and
// auditors.
func (db *DB) Remittance(ctx context.Context, actor goldthread.Actor, id int64) (goldthread.Remittance, error) {
	var r goldthread.Remittance
	if err := billingReader(actor); err != nil {
		return r, err
	}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		var err error
		r, err = scanRemittance(tx.QueryRow(ctx, "SELECT "+remittanceColumns+"WHERE r.id = ? AND r.agency_id = ?", id, actor.AgencyID))
		if err != nil {
			return notFound(err, "No remittance %d in your agency.", id)
		}
		if err := scanAll(ctx, tx, `SELECT provider_id, reason, reference, amount_cents FROM remittance_adjustment
			WHERE remittance_id = ? ORDER BY seq`, []any{id}, func(s scanner) error {
			var a goldthread.ProviderAdjustment
			err := s.Scan(&a.ProviderID, &a.Reason, &a.Reference, &a.AmountCents)
			r.Adjustments = append(r.Adjustments, a)
			return err
		}); err != nil {
			return err
		}
		var rcIDs []int64
		if err := scanAll(ctx, tx, `SELECT id, control_number, COALESCE(claim_id, 0), status_code, charge_cents, paid_cents, patient_cents,
			payer_claim_number, adjustments, remarks, prior_status, outcome, problem FROM remittance_claim WHERE remittance_id = ? ORDER BY seq`,
			[]any{id}, func(s scanner) error {
				var c goldthread.RemittanceClaim
				var rcID int64
				var adjs, remarks string
				if err := s.Scan(&rcID, &c.ControlNumber, &c.ClaimID, &c.StatusCode, &c.ChargeCents, &c.PaidCents, &c.PatientCents,
					&c.PayerClaimNumber, &adjs, &remarks, &c.CurrentStatus, &c.Outcome, &c.Problem); err != nil {
					return err
				}
				c.Problem, c.ProblemText = readProblemColumn(c.Problem)
				if err := unmarshalBoth(adjs, &c.Adjustments, remarks, &c.Remarks); err != nil {
					return err
				}
				rcIDs = append(rcIDs, rcID)
				r.Claims = append(r.Claims, c)
				return nil
			}); err != nil {
			return err
		}
		for i, rcID := range rcIDs {
			c := &r.Claims[i]
			if err := scanAll(ctx, tx, `SELECT control_number, COALESCE(note_id, 0), procedure_code, modifiers, service_date, charge_cents,
				paid_cents, units_milli, adjustments, remarks, problem FROM remittance_line WHERE remittance_claim_id = ? ORDER BY seq`,
				[]any{rcID}, func(s scanner) error {
					var l goldthread.RemittanceLine
					var mods, adjs, remarks string
					var milli int64
					if err := s.Scan(&l.ControlNumber, &l.NoteID, &l.Procedure, &mods, &l.ServiceDate, &l.ChargeCents, &l.PaidCents,
						&milli, &adjs, &remarks, &l.Problem); err != nil {
						return err
					}
					l.Problem, l.ProblemText = readProblemColumn(l.Problem)
					if mods != "" {
						l.Modifiers = strings.Split(mods, ",")
					}
					l.Units = float64(milli) / 1000
					err := unmarshalBoth(adjs, &l.Adjustments, remarks, &l.Remarks)
					c.Lines = append(c.Lines, l)
					return err
				}); err != nil {
				return err
			}
			if c.ClaimID == 0 {
				continue
			}
			var participant int64
			if err := tx.QueryRow(ctx, "SELECT participant_id FROM claim WHERE id = ?", c.ClaimID).Scan(&participant); err != nil {
				return fmt.Errorf("store.Remittance: %w", err)
			}
			if err := tx.Audit(ctx, auditFor(actor, goldthread.ActionRead, "claim", c.ClaimID, participant)); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionRead, "remittance", id, 0))
	})
	return r, err
}

func unmarshalBoth(adjs string, a *[]goldthread.Adjustment, remarks string, rm *[]string) error {
	if err := json.Unmarshal([]byte(adjs), a); err != nil {
		return fmt.Errorf("store: adjustments: %w", err)
	}
	if err := json.Unmarshal([]byte(remarks), rm); err != nil {
		return fmt.Errorf("store: remarks: %w", err)
	}
	return nil
}
