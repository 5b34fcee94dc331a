package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/x12"
)

// The agency's billing identity (issue 14): the 837P billing provider and
// pay-to address every claim file carries. Administrators keep it; billing
// staff and auditors read it (billingReader). It is checked with the 837P
// writer's own rules when saved, so a saved identity never makes a file the
// writer refuses.

// agencyColumns are the agency row as scanAgency reads it.
const agencyColumns = `id, slug, name, legal_name, npi, tax_id, taxonomy, addr_line1, addr_line2, addr_city, addr_state, addr_postal,
	pay_to_line1, pay_to_line2, pay_to_city, pay_to_state, pay_to_postal, billing_placeholder, billing_updated_at, time_zone, created_at`

func scanAgency(r scanner) (goldthread.Agency, error) {
	var a goldthread.Agency
	b := &a.Billing
	var pay goldthread.Address
	var updated sql.NullTime
	err := r.Scan(&a.ID, &a.Slug, &a.Name, &b.LegalName, &b.NPI, &b.TaxID, &b.Taxonomy, &b.Address.Line1, &b.Address.Line2,
		&b.Address.City, &b.Address.State, &b.Address.PostalCode, &pay.Line1, &pay.Line2, &pay.City, &pay.State, &pay.PostalCode,
		&b.Placeholder, &updated, &a.TimeZone, &a.Created)
	if pay != (goldthread.Address{}) {
		b.PayTo = &pay
	}
	if updated.Valid {
		b.UpdatedAt = updated.Time.UTC()
	}
	return a, err
}

// payToColumns are the five pay_to_* values of a, all empty for nil.
func payToColumns(a *goldthread.Address) [5]string {
	if a == nil {
		return [5]string{}
	}
	return [5]string{a.Line1, a.Line2, a.City, a.State, a.PostalCode}
}

// AgencyBillingIdentity returns the actor's agency's billing identity
// (administrators, billing staff and auditors; a read of the agency's own
// details, not of a record, so it is not audited).
func (db *DB) AgencyBillingIdentity(ctx context.Context, actor goldthread.Actor) (goldthread.BillingIdentity, error) {
	if err := billingReader(actor); err != nil {
		return goldthread.BillingIdentity{}, err
	}
	a, err := db.Agency(ctx, actor.AgencyID)
	return a.Billing, err
}

// SetAgencyBillingIdentity replaces the agency's billing identity with b
// (administrators only; audited). Texts are trimmed, the EIN kept as nine
// digits, the taxonomy and states upper-cased, ZIP+4 written 28801-2416;
// a pay-to address that is empty or the billing address itself is dropped
// (claims then carry no 2010AB). Returns EFORBIDDEN for anyone else and
// EINVALID naming the field ("legal_name", "npi", "tax_id", "taxonomy",
// "address.line1", "pay_to.postal_code"…) with what would fix it; nothing
// is saved then.
func (db *DB) SetAgencyBillingIdentity(ctx context.Context, actor goldthread.Actor, b goldthread.BillingIdentity) error {
	if !goldthread.CanAdminister(actor) {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "Only an administrator changes the agency's billing identity.")
	}
	b = NormalizeBillingIdentity(b)
	if err := CheckBillingIdentity(b); err != nil {
		return err
	}
	pay := payToColumns(b.PayTo)
	return db.WriteTx(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, `UPDATE agency SET legal_name = ?, npi = ?, tax_id = ?, taxonomy = ?, addr_line1 = ?, addr_line2 = ?,
			addr_city = ?, addr_state = ?, addr_postal = ?, pay_to_line1 = ?, pay_to_line2 = ?, pay_to_city = ?, pay_to_state = ?,
			pay_to_postal = ?, billing_placeholder = ?, billing_updated_at = ? WHERE id = ?`,
			b.LegalName, b.NPI, b.TaxID, b.Taxonomy, b.Address.Line1, b.Address.Line2, b.Address.City, b.Address.State,
			b.Address.PostalCode, pay[0], pay[1], pay[2], pay[3], pay[4], b.Placeholder, tx.now, actor.AgencyID)
		if err != nil {
			return fmt.Errorf("store.SetAgencyBillingIdentity: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return goldthread.Errorf(goldthread.ENOTFOUND, "No such agency.")
		}
		ev := auditFor(actor, goldthread.ActionSettingChange, "agency_billing_identity", actor.AgencyID, 0)
		ev.Detail = fmt.Sprintf("npi=%s taxonomy=%s pay_to=%v placeholder=%v", b.NPI, b.Taxonomy, b.PayTo != nil, b.Placeholder)
		return tx.Audit(ctx, ev)
	})
}

// NormalizeBillingIdentity is b as SetAgencyBillingIdentity keeps it (see
// there); forms call it to show back what will be saved.
func NormalizeBillingIdentity(b goldthread.BillingIdentity) goldthread.BillingIdentity {
	trim := func(a *goldthread.Address) {
		a.Line1, a.Line2, a.City = strings.TrimSpace(a.Line1), strings.TrimSpace(a.Line2), strings.TrimSpace(a.City)
		a.State = strings.ToUpper(strings.TrimSpace(a.State))
		a.PostalCode = goldthread.FormatZIP(strings.TrimSpace(a.PostalCode))
	}
	b.LegalName = strings.TrimSpace(b.LegalName)
	b.NPI = strings.TrimSpace(b.NPI)
	b.TaxID = strings.TrimSpace(b.TaxID)
	if d, ok := x12.PhoneDigits(b.TaxID); ok && len(d) == 9 { // 12-3456789 or 123456789
		b.TaxID = d
	}
	b.Taxonomy = strings.ToUpper(strings.TrimSpace(b.Taxonomy))
	trim(&b.Address)
	if b.PayTo != nil {
		pay := *b.PayTo
		trim(&pay)
		b.PayTo = &pay
		if pay == (goldthread.Address{}) || pay == b.Address {
			b.PayTo = nil
		}
	}
	return b
}

// identityFields names the form and API field of each part of the
// identity as the 837P writer names it, with what would fix a problem.
var identityFields = []struct{ x12, field, fix string }{
	{"billing provider name", "legal_name", "Enter the agency's legal name as the payer has it on file, at most 60 characters."},
	{"billing provider NPI", "npi", "Enter the agency's (type 2, organisation) NPI: ten digits, as the NPI registry (NPPES) shows it."},
	{"billing provider tax id", "tax_id", "Enter the agency's employer identification number (EIN): nine digits, such as 56-2718304."},
	{"billing provider taxonomy", "taxonomy", "Enter the taxonomy code the agency enrolled with, such as 251S00000X, or leave it empty."},
	{"billing provider address line 1", "address.line1", "Enter the street address services are billed from (at most 55 characters); a post office box goes in the pay-to address."},
	{"billing provider address line 2", "address.line2", "Shorten the second address line to at most 55 characters."},
	{"billing provider address city", "address.city", "Enter the city, at most 30 characters."},
	{"billing provider address state", "address.state", "Enter the two-letter state code, such as NC."},
	{"billing provider address ZIP", "address.postal_code", "Enter the nine-digit ZIP+4, such as 28801-2416 (the 837P needs all nine digits for the billing address)."},
	{"pay-to address line 1", "pay_to.line1", "Enter the street or post office box payments go to (at most 55 characters), or leave the whole pay-to address empty."},
	{"pay-to address line 2", "pay_to.line2", "Shorten the second pay-to line to at most 55 characters."},
	{"pay-to address city", "pay_to.city", "Enter the pay-to city, at most 30 characters."},
	{"pay-to address state", "pay_to.state", "Enter the pay-to two-letter state code, such as NC."},
	{"pay-to address ZIP", "pay_to.postal_code", "Enter the pay-to ZIP code: five digits or ZIP+4."},
}

// CheckBillingIdentity checks b (as NormalizeBillingIdentity leaves it)
// with the 837P writer's rules for loops 2010AA and 2010AB and returns
// EINVALID naming the first field that would make the writer refuse a
// file, with the problem and its fix; nil when claims can carry it.
func CheckBillingIdentity(b goldthread.BillingIdentity) error {
	err := x12.ValidateBillingProvider(billingProvider(b), payToAddress(b.PayTo))
	if err == nil {
		return nil
	}
	var first *x12.ValidationError
	if !errors.As(err, &first) {
		return fmt.Errorf("store.CheckBillingIdentity: %w", err)
	}
	for _, f := range identityFields {
		if f.x12 == first.Field {
			return goldthread.FieldError(f.field, "The %s %s. %s", first.Field, first.Problem, f.fix)
		}
	}
	return goldthread.FieldError("legal_name", "The %s %s.", first.Field, first.Problem)
}

// billingProvider is b as the 837P writer's loop 2010AA.
func billingProvider(b goldthread.BillingIdentity) x12.BillingProvider {
	return x12.BillingProvider{Name: b.LegalName, NPI: b.NPI, TaxID: b.TaxID, Taxonomy: b.Taxonomy, Address: x12Address(b.Address)}
}

// payToAddress is the writer's 2010AB address, nil when there is none.
func payToAddress(a *goldthread.Address) *x12.Address {
	if a == nil {
		return nil
	}
	x := x12Address(*a)
	return &x
}

func x12Address(a goldthread.Address) x12.Address {
	return x12.Address{Line1: a.Line1, Line2: a.Line2, City: a.City, State: a.State, ZIP: a.PostalCode}
}
