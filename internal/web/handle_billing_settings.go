package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/locale"
)

// A program's payer settings and rates page: who its claims go to, the ids
// of the 837P file, and the rate per unit of each procedure code. Billing
// staff and administrators change them, auditors read them (the store
// enforces the same through goldthread.CanWriteBillingSettings and
// CanReadBilling, and validates and audits every change); these
// handlers parse, call and render.

// isaQualifiers are the ISA05/ISA07 id qualifiers the form offers; ZZ,
// the usual one and the store's default, first.
var isaQualifiers = []string{"ZZ", "01", "14", "20", "27", "28", "29", "30", "33"}

// billingSettingsView is the page of one program. Form and Rate are what
// the two forms show: the saved values (or a rate picked to change), or
// what was typed when the store refused it.
type billingSettingsView struct {
	Program    goldthread.Program
	Configured bool // settings were saved; until then claims are blocked
	Settings   goldthread.ProgramBilling
	Rates      []goldthread.BillingRate
	CanEdit    bool
	Form       goldthread.ProgramBilling
	Rate       rateForm
	Today      goldthread.Date   // the agency's: which rate is in effect, the form's first effective day
	Errors     map[string]string // by form field name, or "form"
	formTyped  bool              // Form holds what was typed
}

// rateForm is the add/change rate form as typed: the rate and the day it
// takes effect stay text so a refused "18.525" comes back as it was.
type rateForm struct {
	Procedure, Kind, Rate, Source, EffectiveFrom string
	Placeholder                                  bool
}

// rateLine is one code and kind's rates as the page lists them: the one in
// effect today, then the others, latest first (scheduled ones on top).
type rateLine struct {
	Current goldthread.BillingRate
	Others  []goldthread.BillingRate
	HasNow  bool // a rate is in effect today; otherwise Current is the next scheduled
}

// Lines groups the rates by code and kind for the page.
func (v billingSettingsView) Lines() []rateLine {
	var out []rateLine
	for i := 0; i < len(v.Rates); {
		j := i
		for j < len(v.Rates) && v.Rates[j].Procedure == v.Rates[i].Procedure && v.Rates[j].Group == v.Rates[i].Group {
			j++
		}
		history := v.Rates[i:j] // oldest first
		line := rateLine{Current: history[0]}
		now := slices.IndexFunc(history, func(r goldthread.BillingRate) bool { return r.InEffect(v.Today) })
		if now >= 0 {
			line.Current, line.HasNow = history[now], true
		}
		for k := len(history) - 1; k >= 0; k-- {
			if k != now && (now >= 0 || k != 0) {
				line.Others = append(line.Others, history[k])
			}
		}
		out = append(out, line)
		i = j
	}
	return out
}

// Placeholders reports whether any value on the page is a placeholder.
func (v billingSettingsView) Placeholders() bool {
	return v.Configured && v.Settings.Placeholder || slices.ContainsFunc(v.Rates, func(r goldthread.BillingRate) bool { return r.Placeholder })
}

// qualifierOption is one choice of the ISA qualifier select; Known is
// false for a saved code the list lacks.
type qualifierOption struct {
	Code  string
	Known bool
}

// Key is the catalog key of the option's label.
func (o qualifierOption) Key() string { return "bset.qualifier." + o.Code }

// QualifierOptions lists the qualifiers to offer, with cur added first
// when it is a code the list lacks, so saving the form never changes it
// unasked.
func (billingSettingsView) QualifierOptions(cur string) []qualifierOption {
	var out []qualifierOption
	if cur != "" && !slices.Contains(isaQualifiers, cur) {
		out = append(out, qualifierOption{Code: cur})
	}
	for _, q := range isaQualifiers {
		out = append(out, qualifierOption{Code: q, Known: true})
	}
	return out
}

// KindOf names a rate's kind as the form does: "individual" or "group".
func (billingSettingsView) KindOf(r goldthread.BillingRate) string {
	if r.Group {
		return "group"
	}
	return "individual"
}

// From is the day r takes effect, as the page says it.
func (billingSettingsView) From(p *locale.Printer, r goldthread.BillingRate) string {
	if r.EffectiveFrom.IsZero() {
		return p.T("bset.rate.from_beginning")
	}
	return p.Date(r.EffectiveFrom.Time)
}

// ChangeURL opens the page with the rate form filled with r.
func (v billingSettingsView) ChangeURL(r goldthread.BillingRate) string {
	q := url.Values{"change": {r.Procedure}, "kind": {v.KindOf(r)}, "from": {r.EffectiveFrom.String()}}
	return "/billing/programs/" + strconv.FormatInt(v.Program.ID, 10) + "/settings?" + q.Encode() + "#rate-form"
}

// findRate returns the program's rate for code and kind that takes effect
// on from (YYYY-MM-DD; "" for the rate from the beginning).
func (v billingSettingsView) findRate(code, kind, from string) (goldthread.BillingRate, bool) {
	for _, r := range v.Rates {
		if r.Procedure == code && v.KindOf(r) == kind && r.EffectiveFrom.String() == from {
			return r, true
		}
	}
	return goldthread.BillingRate{}, false
}

// handleBillingSettings shows the page; ?change=CODE&kind=group fills the
// rate form with that rate, ?saved= says what was just saved.
func (s *Server) handleBillingSettings(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	s.renderBillingSettings(w, r, actor, http.StatusOK, id, billingSettingsView{})
}

// renderBillingSettings renders program id's page with status: 404 for a
// program outside the actor's agency, 403 for a role that may not read
// billing. v carries the errors and typed values of a refused form.
func (s *Server) renderBillingSettings(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, id int64, v billingSettingsView) {
	ctx := r.Context()
	var err error
	if v.Settings, v.Rates, v.Configured, err = s.db.ProgramBillingSettings(ctx, actor, id); err == nil {
		v.Program, err = s.db.Program(ctx, actor.AgencyID, id)
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p := s.printer(r)
	v.Today = s.todayOf(actor)
	v.CanEdit = actor.Has(goldthread.RoleBilling) || actor.Has(goldthread.RoleAdministrator)
	if !v.formTyped {
		// Unsaved settings are empty: the form then shows ZZ and T, the
		// store's defaults, by having them first.
		v.Form = v.Settings
	}
	q := r.URL.Query()
	var notice string
	if status == http.StatusOK { // a refused form keeps what was typed instead
		// A change takes effect today unless the rate picked starts later.
		v.Rate.EffectiveFrom = v.Today.String()
		if rt, ok := v.findRate(q.Get("change"), q.Get("kind"), q.Get("from")); ok {
			v.Rate = rateForm{Procedure: rt.Procedure, Kind: v.KindOf(rt), Rate: p.Money(rt.CentsPerUnit), Source: rt.Source,
				Placeholder: rt.Placeholder, EffectiveFrom: v.Today.String()}
			if rt.EffectiveFrom.After(v.Today.Time) {
				v.Rate.EffectiveFrom = rt.EffectiveFrom.String()
			}
		}
		switch q.Get("saved") {
		case "settings":
			notice = p.T("bset.saved")
		case "rate":
			notice = p.T("bset.rate.saved.plain")
			if rt, ok := v.findRate(q.Get("code"), q.Get("kind"), q.Get("from")); ok {
				notice = p.T("bset.rate.saved.from", rt.Procedure, p.T("bset.rate."+v.KindOf(rt)), p.Money(rt.CentsPerUnit), v.From(p, rt))
			}
		}
	}
	nav := "billing"
	if !actor.Has(goldthread.RoleBilling) && actor.Has(goldthread.RoleAdministrator) {
		nav = "programs"
	}
	s.render(w, r, status, "billing_settings", view{P: p, Actor: actor, Title: p.T("bset.title", v.Program.Name), Nav: nav, Notice: notice, Data: v})
}

// programBillingForm reads the settings form, trimmed as the API's body is.
func programBillingForm(id int64, f url.Values) goldthread.ProgramBilling {
	return trimProgramBilling(goldthread.ProgramBilling{ProgramID: id, PayerName: f.Get("payer_name"), PayerID: f.Get("payer_id"),
		ReceiverName: f.Get("receiver_name"), ReceiverID: f.Get("receiver_id"), SenderQualifier: f.Get("sender_qualifier"),
		SenderID: f.Get("sender_id"), ReceiverQualifier: f.Get("receiver_qualifier"), InterchangeReceiverID: f.Get("interchange_receiver_id"),
		SubmitterID: f.Get("submitter_id"), ContactName: f.Get("contact_name"), ContactPhone: f.Get("contact_phone"), Usage: f.Get("usage"),
		Placeholder: f.Get("placeholder") == "on"})
}

// handleBillingSettingsSave saves the settings form; a refused field comes
// back beside the field with everything as typed (422).
func (s *Server) handleBillingSettingsSave(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	b := programBillingForm(id, r.PostForm)
	if err := s.db.SetProgramBilling(r.Context(), actor, b); err != nil {
		fe, ok := formError(s.printer(r), err)
		if !ok {
			s.pageError(w, r, actor, err)
			return
		}
		s.renderBillingSettings(w, r, actor, http.StatusUnprocessableEntity, id, billingSettingsView{Errors: fe, Form: b, formTyped: true})
		return
	}
	http.Redirect(w, r, "/billing/programs/"+strconv.FormatInt(id, 10)+"/settings?saved=settings#settings", http.StatusSeeOther)
}

// handleBillingRateSave saves one rate from the rate form: the rate is
// typed in dollars and cents (locale parses it) and stored in cents.
func (s *Server) handleBillingRateSave(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	f := r.PostForm
	in := rateForm{Procedure: strings.ToUpper(strings.TrimSpace(f.Get("procedure"))), Kind: f.Get("kind"), Rate: f.Get("rate"),
		Source: strings.TrimSpace(f.Get("source")), Placeholder: f.Get("placeholder") == "on",
		EffectiveFrom: strings.TrimSpace(f.Get("effective_from"))}
	p := s.printer(r)
	rate := goldthread.BillingRate{ProgramID: id, Procedure: in.Procedure, Group: in.Kind == "group", Placeholder: in.Placeholder, Source: in.Source}
	var err error
	if in.Kind != "individual" && in.Kind != "group" {
		err = goldthread.FieldError("kind", "%s", p.T("bset.kind.invalid"))
	} else if rate.CentsPerUnit, err = p.ParseMoney(in.Rate); err != nil {
		err = goldthread.FieldError("rate", "%s", err.Error())
	} else if rate.EffectiveFrom, err = goldthread.ParseDate(in.EffectiveFrom); err != nil {
		// The form always gives a day (today by default); "from the
		// beginning" is for the first rates of a program, through the API.
		err = goldthread.FieldError("effective_from", "Enter the day the rate takes effect as YYYY-MM-DD, such as %s.", s.todayOf(actor))
	} else {
		err = s.db.SetBillingRate(r.Context(), actor, rate)
	}
	if err != nil {
		fe, ok := formError(s.printer(r), err)
		if !ok {
			s.pageError(w, r, actor, err)
			return
		}
		s.renderBillingSettings(w, r, actor, http.StatusUnprocessableEntity, id, billingSettingsView{Errors: fe, Rate: in})
		return
	}
	q := url.Values{"saved": {"rate"}, "code": {rate.Procedure}, "kind": {in.Kind}, "from": {rate.EffectiveFrom.String()}}
	http.Redirect(w, r, "/billing/programs/"+strconv.FormatInt(id, 10)+"/settings?"+q.Encode()+"#rates", http.StatusSeeOther)
}
