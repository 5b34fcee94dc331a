package web

import (
	"context"
	"html/template"
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/chart"
	"github.com/goldthread/goldthread/internal/locale"
)

// billingDashView is the billing manager's dashboard.
type billingDashView struct {
	Filter     filterView
	Report     goldthread.BillingReport
	Worklist   template.HTML
	Amounts    template.HTML
	Denials    template.HTML
	Aging      template.HTML
	AgingTotal int
	Pending    int    // participants still being checked, every program
	Again      string // the page's own address, to show it again
}

func (s *Server) handleBillingDashboard(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	f, fv, err := s.reportFilter(r.Context(), r, actor, "/dashboards/billing")
	v := billingDashView{Filter: fv}
	if err == nil {
		v.Report, err = s.billingReportNow(r.Context(), actor, f)
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	for _, n := range v.Report.Pending {
		v.Pending += n
	}
	v.Again = r.URL.RequestURI()
	p := s.printer(r)
	v.Worklist, v.Amounts, v.Denials, v.Aging = billingCharts(p, v.Report)
	for _, b := range v.Report.Aging {
		v.AgingTotal += b.Count
	}
	s.render(w, r, http.StatusOK, "dashboard_billing", view{P: p, Actor: actor, Title: p.T("dash.billing.title"), Nav: "dashboards", Data: v})
}

// billingReportNow reads the billing dashboard as stored, at once, and
// starts the check of each program with participants pending, as the
// Billing page does (billingPage): it waits up to Config.BillingWait for
// them, then reads again.
func (s *Server) billingReportNow(ctx context.Context, actor goldthread.Actor, f goldthread.ReportFilter) (goldthread.BillingReport, error) {
	rep, err := s.db.BillingReportAsStored(ctx, actor, f)
	if err != nil || len(rep.Pending) == 0 {
		return rep, err
	}
	var checks []<-chan struct{}
	for program := range rep.Pending {
		checks = append(checks, s.startBillingCheck(actor, program, f.From, f.To))
	}
	again, err := s.waitBillingChecks(ctx, checks)
	if !again {
		return rep, err
	}
	return s.db.BillingReportAsStored(ctx, actor, f)
}

// billingReportComplete reads the billing dashboard with every service
// checked now, for its CSV and the API, after the checks of the period's
// programs (billingComplete says why they wait rather than scrub inline).
func (s *Server) billingReportComplete(ctx context.Context, actor goldthread.Actor, f goldthread.ReportFilter) (goldthread.BillingReport, error) {
	if err := f.Validate(); err != nil {
		return goldthread.BillingReport{}, err
	}
	programs, err := s.db.Programs(ctx, actor.AgencyID)
	if err != nil {
		return goldthread.BillingReport{}, err
	}
	for _, p := range programs {
		if f.ProgramID != 0 && p.ID != f.ProgramID {
			continue
		}
		if err := s.awaitBillingCheck(ctx, actor, p.ID, f.From, f.To); err != nil {
			return goldthread.BillingReport{}, err
		}
	}
	return s.db.BillingReport(ctx, actor, f)
}

func billingCharts(p *locale.Printer, rep goldthread.BillingReport) (worklist, amounts, denials, aging template.HTML) {
	money := func(v float64) string { return p.Money(int64(v)) }
	wl := chart.Chart{ID: chartID("worklist"), Title: p.T("dash.worklist.title"), Desc: p.T("dash.worklist.desc"),
		Summary: p.T("dash.numbers"), LabelHeader: p.T("dash.week"), Format: count}
	ready := chart.Series{Name: p.T("dash.ready")}
	blocked := make([]chart.Series, len(rep.Reasons))
	for i, g := range rep.Reasons {
		blocked[i].Name = p.T("dash.blocked_by", g.RuleID)
	}
	am := chart.Chart{ID: chartID("amounts"), Title: p.T("dash.amounts.title"), Desc: p.T("dash.amounts.desc"),
		Summary: p.T("dash.numbers"), LabelHeader: p.T("dash.week"), Format: money}
	claimed, readyCents := chart.Series{Name: p.T("dash.claimed")}, chart.Series{Name: p.T("dash.ready")}
	for _, w := range rep.Weeks {
		label := p.DateShort(w.Week.Time)
		wl.Labels, am.Labels = append(wl.Labels, label), append(am.Labels, label)
		ready.Values = append(ready.Values, float64(w.Ready))
		for i, g := range rep.Reasons {
			blocked[i].Values = append(blocked[i].Values, float64(w.Blocked[g.RuleID]))
		}
		var c, rc int64
		for _, a := range rep.Amounts {
			if a.Week == w.Week {
				c, rc = c+a.ClaimedCents, rc+a.ReadyCents
			}
		}
		claimed.Values, readyCents.Values = append(claimed.Values, float64(c)), append(readyCents.Values, float64(rc))
	}
	wl.Series = append([]chart.Series{ready}, blocked...)
	am.Series = []chart.Series{claimed, readyCents}
	dn := chart.Chart{ID: chartID("denials"), Title: p.T("dash.denials.title"), Desc: p.T("dash.denials.desc"),
		Summary: p.T("dash.numbers"), LabelHeader: p.T("dash.reason"), Format: count}
	dc := chart.Series{Name: p.T("dash.claims")}
	for _, d := range rep.Denials {
		dn.Labels = append(dn.Labels, p.TextOr(d.ReasonText, d.Reason))
		dc.Values = append(dc.Values, float64(d.Count))
	}
	dn.Series = []chart.Series{dc}
	ag := chart.Chart{ID: chartID("aging"), Title: p.T("dash.aging.title"), Desc: p.T("dash.aging.desc"),
		Summary: p.T("dash.numbers"), LabelHeader: p.T("dash.age"), Format: money}
	ac := chart.Series{Name: p.T("dash.amount")}
	for _, b := range rep.Aging {
		ag.Labels = append(ag.Labels, ageLabel(p, b))
		ac.Values = append(ac.Values, float64(b.Cents))
	}
	ag.Series = []chart.Series{ac}
	return chart.StackedBars(wl), chart.StackedBars(am), chart.Bars(dn), chart.Bars(ag)
}

// handleBillingDashboardCSV writes the billing dashboard's figures.
func (s *Server) handleBillingDashboardCSV(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	f, fv, err := s.reportFilter(r.Context(), r, actor, "")
	if err == nil && fv.Errors != nil {
		err = goldthread.Errorf(goldthread.EINVALID, "%s", firstError(fv.Errors))
	}
	var rep goldthread.BillingReport
	if err == nil {
		rep, err = s.billingReportComplete(r.Context(), actor, f)
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p := s.printer(r)
	csvHeaders(w, "billing-dashboard", f)
	cw := newCSVExport(w)
	cw.Write("section", "week", "program", "label", "count", "units", "amount")
	itoa := strconv.Itoa
	for _, wk := range rep.Weeks {
		cw.Write("ready", wk.Week.String(), "", "", itoa(wk.Ready), "", "")
		for _, g := range rep.Reasons {
			cw.Write("blocked", wk.Week.String(), "", g.RuleID, itoa(wk.Blocked[g.RuleID]), "", "")
		}
	}
	for _, a := range rep.Amounts {
		cw.Write("claimed", a.Week.String(), a.Program, "", "", itoa(a.ClaimedUnits), p.Money(a.ClaimedCents))
		cw.Write("ready_amount", a.Week.String(), a.Program, "", "", itoa(a.ReadyUnits), p.Money(a.ReadyCents))
	}
	for _, d := range rep.Denials {
		cw.Write("denied", "", "", p.TextOr(d.ReasonText, d.Reason), itoa(d.Count), "", p.Money(d.Cents))
	}
	for _, b := range rep.Aging {
		to := itoa(b.To)
		if b.To < 0 {
			to = ""
		}
		cw.Write("receivable_age_days", "", "", itoa(b.From)+"-"+to, itoa(b.Count), "", p.Money(b.Cents))
	}
	for _, a := range rep.Authorizations {
		cw.Write("authorization", "", a.Program, a.Name+" "+a.Number, "", itoa(a.Left()), "")
	}
	cw.Flush()
}
