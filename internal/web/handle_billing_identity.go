package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// The agency's billing identity page (Settings → Billing identity): the
// legal name, NPI, EIN, taxonomy, billing address and pay-to address every
// claim file carries. Administrators change it; billing staff and auditors
// read it (goldthread.CanReadBilling; the store enforces the same,
// checks the identity with the 837P writer's rules and audits each save).

func init() {
	todaySections = append(todaySections, todaySection{Order: 91, Template: "billing-identity-today", Load: billingIdentityToday})
}

// billingIdentityToday tells an administrator on Today when the billing
// identity holds claims back (incomplete: every service waits) or keeps
// production files out (placeholder); "incomplete" or "placeholder".
func billingIdentityToday(ctx context.Context, s *Server, actor goldthread.Actor) (any, bool, error) {
	if !actor.Has(goldthread.RoleAdministrator) {
		return nil, false, nil
	}
	b, err := s.db.AgencyBillingIdentity(ctx, actor)
	switch {
	case err != nil:
		return nil, false, err
	case store.CheckBillingIdentity(b) != nil:
		return "bid.today", true, nil
	case b.Placeholder:
		return "bid.today.placeholder", true, nil
	}
	return nil, false, nil
}

// billingIdentityView is the page: the saved identity, whether claims can
// carry it, and the form (the saved values, or what was typed when a save
// was refused).
type billingIdentityView struct {
	Saved   goldthread.BillingIdentity
	Problem string // why claims cannot carry the saved identity; "" when they can
	Form    goldthread.BillingIdentity
	PayTo   goldthread.Address // the form's pay-to fields (empty when none)
	CanEdit bool
	Errors  map[string]string
}

// EIN shows a tax id as the IRS prints it, 12-3456789.
func (billingIdentityView) EIN(taxID string) string { return goldthread.FormatEIN(taxID) }

func (s *Server) renderBillingIdentity(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, v billingIdentityView, notice string) {
	saved, err := s.db.AgencyBillingIdentity(r.Context(), actor)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.Saved = saved
	if err := store.CheckBillingIdentity(saved); err != nil {
		v.Problem = s.printer(r).Error(err)
	}
	v.CanEdit = actor.Has(goldthread.RoleAdministrator)
	if status == http.StatusOK {
		v.Form = saved
		// A new agency's identity is a placeholder holding only its name
		// until the first save; what the administrator types then comes
		// from the agency's enrolment, so the box starts unticked rather
		// than marking their real values as placeholders.
		if saved.UpdatedAt.IsZero() && saved.NPI == "" {
			v.Form.Placeholder = false
		}
	}
	if v.Form.PayTo != nil {
		v.PayTo = *v.Form.PayTo
	}
	p := s.printer(r)
	nav := "settings"
	if !v.CanEdit {
		nav = "billing"
	}
	s.render(w, r, status, "settings_billing_identity", view{P: p, Actor: actor, Title: p.T("bid.title"), Nav: nav, Notice: notice, Data: v})
}

// handleBillingIdentity shows the identity (?saved=1 after a save).
func (s *Server) handleBillingIdentity(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	notice := ""
	if r.URL.Query().Has("saved") {
		notice = s.printer(r).T("bid.saved")
	}
	s.renderBillingIdentity(w, r, actor, http.StatusOK, billingIdentityView{}, notice)
}

// billingIdentityForm reads the form: the pay-to address only when one of
// its fields is filled in.
func billingIdentityForm(f url.Values) goldthread.BillingIdentity {
	addr := func(prefix string) goldthread.Address {
		return goldthread.Address{Line1: f.Get(prefix + ".line1"), Line2: f.Get(prefix + ".line2"), City: f.Get(prefix + ".city"),
			State: f.Get(prefix + ".state"), PostalCode: f.Get(prefix + ".postal_code")}
	}
	b := goldthread.BillingIdentity{LegalName: f.Get("legal_name"), NPI: f.Get("npi"), TaxID: f.Get("tax_id"), Taxonomy: f.Get("taxonomy"),
		Address: addr("address"), Placeholder: f.Get("placeholder") == "on"}
	if pay := addr("pay_to"); strings.TrimSpace(pay.Line1+pay.Line2+pay.City+pay.State+pay.PostalCode) != "" {
		b.PayTo = &pay
	}
	return b
}

// handleBillingIdentitySave saves the form; a refused field comes back
// beside the field with everything as typed (422).
func (s *Server) handleBillingIdentitySave(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	b := billingIdentityForm(r.PostForm)
	if err := s.db.SetAgencyBillingIdentity(r.Context(), actor, b); err != nil {
		fe, ok := formError(s.printer(r), err)
		if !ok {
			s.pageError(w, r, actor, err)
			return
		}
		s.renderBillingIdentity(w, r, actor, http.StatusUnprocessableEntity, billingIdentityView{Form: b, Errors: fe}, "")
		return
	}
	http.Redirect(w, r, "/settings/billing-identity?saved=1", http.StatusSeeOther)
}
