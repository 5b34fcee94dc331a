package web

import (
	"math"
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/chart"
	"github.com/goldthread/goldthread/internal/locale"
	"html/template"
)

// supervisorView is the supervisor's dashboard.
type supervisorView struct {
	Filter      filterView
	Report      goldthread.SupervisorReport
	ByWeek      template.HTML
	ByPeer      template.HTML
	QueueChart  template.HTML
	QueueTotal  int
	HasFindings bool
}

func (s *Server) handleSupervisorDashboard(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	f, fv, err := s.reportFilter(r.Context(), r, actor, "/dashboards/supervisor")
	v := supervisorView{Filter: fv}
	if err == nil {
		v.Report, err = s.db.SupervisorReport(r.Context(), actor, f)
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p := s.printer(r)
	v.ByWeek, v.ByPeer, v.QueueChart = supervisorCharts(p, v.Report)
	for _, b := range v.Report.Queue {
		v.QueueTotal += b.Count
	}
	for _, peer := range v.Report.Coaching.Peers {
		v.HasFindings = v.HasFindings || len(peer.Rules) > 0
	}
	s.render(w, r, http.StatusOK, "dashboard_supervisor", view{P: p, Actor: actor, Title: p.T("dash.supervisor.title"), Nav: "dashboards", Data: v})
}

// supervisorCharts draws timeliness by week (a line of the share on
// time), by peer (stacked counts) and the review queue by age.
func supervisorCharts(p *locale.Printer, rep goldthread.SupervisorReport) (week, peer, queue template.HTML) {
	wc := chart.Chart{ID: chartID("weeks"), Title: p.T("dash.timely.week.title"),
		Desc: p.T("dash.timely.week.desc", p.Date(rep.Filter.From.Time), p.Date(rep.Filter.To.Time)), Summary: p.T("dash.numbers"),
		LabelHeader: p.T("dash.week"), Max: 1, Format: percent(p), Missing: p.T("dash.no_notes")}
	share := chart.Series{Name: p.T("dash.timely.share")}
	for _, w := range rep.Weeks {
		wc.Labels = append(wc.Labels, p.DateShort(w.Week.Time))
		if w.OnTime+w.Late == 0 {
			share.Values = append(share.Values, math.NaN()) // a gap, not 0%
			continue
		}
		share.Values = append(share.Values, w.Share())
	}
	wc.Series = []chart.Series{share}
	pc := chart.Chart{ID: chartID("peers"), Title: p.T("dash.timely.peer.title"), Desc: p.T("dash.timely.peer.desc"),
		Summary: p.T("dash.numbers"), LabelHeader: p.T("dash.peer"), Format: count}
	on, late, pending := chart.Series{Name: p.T("dash.timely.on_time")}, chart.Series{Name: p.T("dash.timely.late")}, chart.Series{Name: p.T("dash.timely.pending")}
	for _, t := range rep.Peers {
		pc.Labels = append(pc.Labels, t.Name)
		on.Values, late.Values, pending.Values = append(on.Values, float64(t.OnTime)), append(late.Values, float64(t.Late)), append(pending.Values, float64(t.Pending))
	}
	pc.Series = []chart.Series{on, late, pending}
	qc := chart.Chart{ID: chartID("queue"), Title: p.T("dash.queue.title"), Desc: p.T("dash.queue.desc"), Summary: p.T("dash.numbers"),
		LabelHeader: p.T("dash.age"), Format: count}
	n := chart.Series{Name: p.T("dash.notes")}
	for _, b := range rep.Queue {
		qc.Labels = append(qc.Labels, ageLabel(p, b))
		n.Values = append(n.Values, float64(b.Count))
	}
	qc.Series = []chart.Series{n}
	return chart.Line(wc), chart.StackedBars(pc), chart.Bars(qc)
}

// handleSupervisorCSV writes the same figures as the page, one row a
// figure, with the section it belongs to.
func (s *Server) handleSupervisorCSV(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	f, fv, err := s.reportFilter(r.Context(), r, actor, "")
	if err == nil && fv.Errors != nil {
		err = goldthread.Errorf(goldthread.EINVALID, "%s", firstError(fv.Errors))
	}
	var rep goldthread.SupervisorReport
	if err == nil {
		rep, err = s.db.SupervisorReport(r.Context(), actor, f)
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	csvHeaders(w, "supervisor-dashboard", f)
	cw := newCSVExport(w)
	cw.Write("section", "week", "peer", "on_time", "late", "pending", "share_on_time", "rule", "count", "caseload", "caseload_limit", "credential", "days_to_expiry", "supervision_due")
	itoa := strconv.Itoa
	share := func(t goldthread.Timeliness) string { return strconv.FormatFloat(t.Share(), 'f', 3, 64) }
	for _, t := range rep.Weeks {
		cw.Write("timeliness_by_week", t.Week.String(), "", itoa(t.OnTime), itoa(t.Late), itoa(t.Pending), share(t), "", "", "", "", "", "", "")
	}
	for _, t := range rep.Peers {
		cw.Write("timeliness_by_peer", "", t.Name, itoa(t.OnTime), itoa(t.Late), itoa(t.Pending), share(t), "", "", "", "", "", "", "")
	}
	for _, b := range rep.Queue {
		to := itoa(b.To)
		if b.To < 0 {
			to = ""
		}
		cw.Write("review_queue_age_days", itoa(b.From)+"-"+to, "", "", "", "", "", "", itoa(b.Count), "", "", "", "", "")
	}
	for _, peer := range rep.Coaching.Peers {
		for _, rule := range peer.Rules {
			cw.Write("coach_findings", "", peer.Name, "", "", "", "", rule.RuleID, itoa(rule.Count), "", "", "", "", "")
		}
	}
	for _, m := range rep.Team {
		limit := ""
		if m.Limit.Value != 0 {
			limit = itoa(m.Limit.Value)
		}
		cw.Write("team", "", m.Staff.Name, "", "", "", "", "", "", itoa(m.Caseload), limit, m.Credential.Reason, itoa(m.DaysToExpiry), m.SupervisionDue.String())
	}
	cw.Flush()
}

// firstError is one message of a form's errors, for answers that have no
// form to show them on.
func firstError(errs map[string]string) string {
	for _, k := range []string{"from", "to", "form"} {
		if m, ok := errs[k]; ok {
			return m
		}
	}
	for _, m := range errs {
		return m
	}
	return ""
}
