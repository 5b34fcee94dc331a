package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/x12"
)

// billingWriter: administrators and billing staff keep payer settings and
// rates.
func billingWriter(actor goldthread.Actor) error {
	if goldthread.CanWriteBillingSettings(actor) {
		return nil
	}
	return goldthread.Errorf(goldthread.EFORBIDDEN, "Only billing staff and administrators change billing settings.")
}

// billingReader: billing staff, administrators and auditors read billing.
func billingReader(actor goldthread.Actor) error {
	if goldthread.CanReadBilling(actor) {
		return nil
	}
	return goldthread.Errorf(goldthread.EFORBIDDEN, "Billing is for billing staff, administrators and auditors.")
}

// programInAgency returns the program with id in the actor's agency, or
// ENOTFOUND naming the id.
func programInAgency(ctx context.Context, tx *Tx, actor goldthread.Actor, id int64) (goldthread.Program, error) {
	p, err := scanProgram(tx.QueryRow(ctx, "SELECT "+programColumns+" FROM program WHERE id = ? AND agency_id = ?",
		id, actor.AgencyID))
	if err != nil {
		return p, notFound(err, "No program %d in your agency; `goldthread programs` lists the program ids.", id)
	}
	return p, nil
}

// SetProgramBilling saves the payer and interchange settings of a program
// (billing staff or administrators; audited). Returns EINVALID naming the
// field when an id is empty or too long for its X12 element.
func (db *DB) SetProgramBilling(ctx context.Context, actor goldthread.Actor, b goldthread.ProgramBilling) error {
	if err := billingWriter(actor); err != nil {
		return err
	}
	if b.SenderQualifier == "" {
		b.SenderQualifier = "ZZ"
	}
	if b.ReceiverQualifier == "" {
		b.ReceiverQualifier = "ZZ"
	}
	if b.Usage == "" {
		b.Usage = "T"
	}
	for _, f := range []struct {
		name, v string
		max     int
	}{{"payer_name", b.PayerName, 60}, {"receiver_name", b.ReceiverName, 60}} {
		if v := strings.TrimSpace(f.v); v == "" || len(v) > f.max {
			return goldthread.FieldError(f.name, "Enter the %s agreed with the payer (1 to %d %{character|characters}).", strings.ReplaceAll(f.name, "_", " "), f.max)
		}
	}
	// The ids go into every claim file as they are: checked here with the
	// writer's own rules, so a saved setting never makes a file the writer
	// refuses (the sender and interchange receiver ids are also the GS
	// application codes, 2 to 15 characters).
	for _, f := range []struct {
		name, v  string
		min, max int
	}{{"payer_id", b.PayerID, 2, 80}, {"receiver_id", b.ReceiverID, 2, 80}, {"sender_qualifier", b.SenderQualifier, 2, 2},
		{"sender_id", b.SenderID, 2, 15}, {"receiver_qualifier", b.ReceiverQualifier, 2, 2},
		{"interchange_receiver_id", b.InterchangeReceiverID, 2, 15}, {"submitter_id", b.SubmitterID, 2, 80}} {
		if problem := x12.IdentifierProblem(f.v, f.min, f.max); problem != "" {
			return goldthread.FieldError(f.name, "The %s agreed with the payer %s.", strings.ReplaceAll(f.name, "_", " "), problem)
		}
	}
	if d, ok := x12.PhoneDigits(b.ContactPhone); !ok || len(d) != 10 {
		return goldthread.FieldError("contact_phone", "Enter the 10-digit phone number the payer calls about claim files, such as 919-555-0100.")
	}
	if b.Usage != "T" && b.Usage != "P" {
		return goldthread.FieldError("usage", "Choose T (test files) or P (production).")
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		if _, err := programInAgency(ctx, tx, actor, b.ProgramID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM program_billing WHERE program_id = ?", b.ProgramID); err != nil {
			return fmt.Errorf("store.SetProgramBilling: %w", err)
		}
		_, err := tx.Exec(ctx, `INSERT INTO program_billing (program_id, agency_id, payer_name, payer_id, receiver_name, receiver_id,
			sender_qualifier, sender_id, receiver_qualifier, interchange_receiver_id, submitter_id, contact_name, contact_phone,
			usage_indicator, placeholder, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			b.ProgramID, actor.AgencyID, b.PayerName, b.PayerID, b.ReceiverName, b.ReceiverID, b.SenderQualifier, b.SenderID,
			b.ReceiverQualifier, b.InterchangeReceiverID, b.SubmitterID, b.ContactName, b.ContactPhone, b.Usage, b.Placeholder,
			nullID(actor.UserID), tx.now)
		if err != nil {
			return fmt.Errorf("store.SetProgramBilling: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionUpdate, "program_billing", b.ProgramID, 0)
		ev.Detail = "payer_id=" + b.PayerID + " usage=" + b.Usage
		return tx.Audit(ctx, ev)
	})
}

// programBilling reads a program's settings; ok is false when none are set.
func programBilling(ctx context.Context, tx *Tx, programID int64) (goldthread.ProgramBilling, bool, error) {
	b := goldthread.ProgramBilling{ProgramID: programID}
	err := tx.QueryRow(ctx, `SELECT payer_name, payer_id, receiver_name, receiver_id, sender_qualifier, sender_id, receiver_qualifier,
		interchange_receiver_id, submitter_id, contact_name, contact_phone, usage_indicator, placeholder FROM program_billing WHERE program_id = ?`,
		programID).Scan(&b.PayerName, &b.PayerID, &b.ReceiverName, &b.ReceiverID, &b.SenderQualifier, &b.SenderID, &b.ReceiverQualifier,
		&b.InterchangeReceiverID, &b.SubmitterID, &b.ContactName, &b.ContactPhone, &b.Usage, &b.Placeholder)
	if err == sql.ErrNoRows {
		return b, false, nil
	}
	if err != nil {
		return b, false, fmt.Errorf("store.programBilling: %w", err)
	}
	return b, true, nil
}

// ProgramBillingSettings returns a program's billing settings (ok false
// when none are saved yet) and every rate it has had, by procedure code,
// individual before group, oldest first, each with the day it ended.
func (db *DB) ProgramBillingSettings(ctx context.Context, actor goldthread.Actor, programID int64) (goldthread.ProgramBilling, []goldthread.BillingRate, bool, error) {
	var b goldthread.ProgramBilling
	var rates []goldthread.BillingRate
	var ok bool
	if err := billingReader(actor); err != nil {
		return b, nil, false, err
	}
	err := db.ReadTx(ctx, func(tx *Tx) error {
		if _, err := programInAgency(ctx, tx, actor, programID); err != nil {
			return err
		}
		var err error
		if b, ok, err = programBilling(ctx, tx, programID); err != nil {
			return err
		}
		history, err := programRates(ctx, tx, programID)
		keys := slices.SortedFunc(maps.Keys(history), func(a, b rateKey) int {
			return cmp.Or(strings.Compare(a.procedure, b.procedure), cmpBool(a.group, b.group))
		})
		for _, k := range keys {
			rates = append(rates, history[k]...)
		}
		return err
	})
	return b, rates, ok, err
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// SetBillingRate saves the rate per unit of a procedure code, individual
// or group, in a program from r.EffectiveFrom (billing staff or
// administrators; audited). The rate ends the one before it and is ended by
// the next; a rate of the same code, kind and day is replaced. Services are
// priced with the rate in effect on their service date, so a rate change
// never re-prices services already delivered: a day before today (on the
// agency's clock) already covered by a rate is refused, and the zero
// EffectiveFrom ("from the beginning") is taken only for a code and kind
// with no rate from the beginning yet. Returns EINVALID on "procedure",
// "rate" or "effective_from".
func (db *DB) SetBillingRate(ctx context.Context, actor goldthread.Actor, r goldthread.BillingRate) error {
	if err := billingWriter(actor); err != nil {
		return err
	}
	r.Procedure = strings.ToUpper(strings.TrimSpace(r.Procedure))
	if len(r.Procedure) != 5 {
		return goldthread.FieldError("procedure", "Enter a five-character HCPCS or CPT code such as H0038.")
	}
	if r.CentsPerUnit < 0 {
		return goldthread.FieldError("rate", "A rate cannot be negative.")
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		if _, err := programInAgency(ctx, tx, actor, r.ProgramID); err != nil {
			return err
		}
		history, err := programRates(ctx, tx, r.ProgramID)
		if err != nil {
			return err
		}
		today, err := agencyToday(ctx, tx, actor.AgencyID)
		if err != nil {
			return err
		}
		if err := r.ValidateEffectiveFrom(history[rateKey{r.Procedure, r.Group}], today); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM billing_rate WHERE program_id = ? AND procedure_code = ? AND is_group = ?
			AND COALESCE(effective_from, ?) = ?`, r.ProgramID, r.Procedure, r.Group, beginning, effectiveDay(r.EffectiveFrom)); err != nil {
			return fmt.Errorf("store.SetBillingRate: %w", err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO billing_rate (agency_id, program_id, procedure_code, is_group, cents_per_unit, placeholder,
			source, effective_from, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, actor.AgencyID, r.ProgramID, r.Procedure,
			r.Group, r.CentsPerUnit, r.Placeholder, r.Source, r.EffectiveFrom, nullID(actor.UserID), tx.now); err != nil {
			return fmt.Errorf("store.SetBillingRate: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionUpdate, "billing_rate", r.ProgramID, 0)
		ev.Detail = fmt.Sprintf("code=%s group=%v cents=%d from=%s placeholder=%v", r.Procedure, r.Group, r.CentsPerUnit,
			effectiveDay(r.EffectiveFrom), r.Placeholder)
		return tx.Audit(ctx, ev)
	})
}

// beginning stands for "from the beginning" (a NULL effective_from) where
// days are compared as text.
var beginning = goldthread.NewDate(1, 1, 1).Format(goldthread.DateLayout)

// effectiveDay is d as effective_from compares, beginning for the zero Date.
func effectiveDay(d goldthread.Date) string {
	if d.IsZero() {
		return beginning
	}
	return d.String()
}

type rateKey struct {
	procedure string
	group     bool
}

// programRates reads every rate of the program: per code and kind, in the
// order they took effect, each but the last ended the day before the next.
func programRates(ctx context.Context, tx *Tx, programID int64) (map[rateKey][]goldthread.BillingRate, error) {
	out := map[rateKey][]goldthread.BillingRate{}
	err := scanAll(ctx, tx, `SELECT procedure_code, is_group, cents_per_unit, placeholder, source, effective_from FROM billing_rate
		WHERE program_id = ?`, []any{programID}, func(r scanner) error {
		b := goldthread.BillingRate{ProgramID: programID}
		if err := r.Scan(&b.Procedure, &b.Group, &b.CentsPerUnit, &b.Placeholder, &b.Source, &b.EffectiveFrom); err != nil {
			return err
		}
		k := rateKey{b.Procedure, b.Group}
		out[k] = append(out[k], b)
		return nil
	})
	for _, rs := range out {
		slices.SortFunc(rs, func(a, b goldthread.BillingRate) int { return a.EffectiveFrom.Compare(b.EffectiveFrom.Time) })
		for i := range len(rs) - 1 {
			rs[i].EffectiveTo = goldthread.DateOf(rs[i+1].EffectiveFrom.AddDate(0, 0, -1))
		}
	}
	return out, err
}

// rateOn returns the rate of rs (one code and kind, in effective order)
// that prices services dated d.
func rateOn(rs []goldthread.BillingRate, d goldthread.Date) (goldthread.BillingRate, bool) {
	for i := len(rs) - 1; i >= 0; i-- {
		if !rs[i].EffectiveFrom.After(d.Time) {
			return rs[i], true
		}
	}
	return goldthread.BillingRate{}, false
}
