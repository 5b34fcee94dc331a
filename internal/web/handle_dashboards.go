package web

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/locale"
)

// The dashboards (issue 17): one page a role, each with the same filter
// (period, program, staff) and a CSV of the same figures. The store
// computes every figure within the viewer's reach; these handlers parse,
// draw and render.

// firstDashboard is where the navigation's "Dashboards" leads the actor:
// the dashboard of their main work, or "" when they have none (peers and
// participants: Today is theirs).
func firstDashboard(a goldthread.Actor) string {
	switch {
	case goldthread.CanReadTeamDashboard(a):
		return "/dashboards/supervisor"
	case goldthread.CanReadClaims(a): // the billing dashboard's rows are theirs
		return "/dashboards/billing"
	case goldthread.CanReadProgramDashboard(a):
		return "/dashboards/director"
	}
	return ""
}

// filterView is the filter form every dashboard shows, as typed, with the
// choices it offers.
type filterView struct {
	Action    string
	From, To  string
	ProgramID int64
	StaffID   int64
	Programs  []goldthread.Program
	Staff     []goldthread.StaffRef
	Errors    map[string]string
	Query     string // the filter as a query string, for the CSV link
}

// defaultWeeks is how far back a dashboard looks when no period is given.
const defaultWeeks = 8

// reportFilter reads from, to, program and staff from the query; the
// period defaults to the eight weeks up to today. A bad value comes back
// as a field error on the form, with the default period drawn meanwhile.
func (s *Server) reportFilter(ctx context.Context, r *http.Request, actor goldthread.Actor, action string) (goldthread.ReportFilter, filterView, error) {
	q := r.URL.Query()
	today := s.todayOf(actor)
	f := goldthread.ReportFilter{From: goldthread.Date{Time: goldthread.WeekOf(today).AddDate(0, 0, -7*(defaultWeeks-1))}, To: today}
	v := filterView{Action: action, From: q.Get("from"), To: q.Get("to")}
	var bad error
	for name, d := range map[string]*goldthread.Date{"from": &f.From, "to": &f.To} {
		if txt := strings.TrimSpace(q.Get(name)); txt != "" {
			parsed, err := goldthread.ParseDate(txt)
			if err != nil {
				bad = goldthread.FieldError(name, "Enter the date as YYYY-MM-DD, for example 2026-03-02.")
				continue
			}
			*d = parsed
		}
	}
	f.ProgramID, _ = strconv.ParseInt(q.Get("program"), 10, 64)
	f.StaffID, _ = strconv.ParseInt(q.Get("staff"), 10, 64)
	if bad == nil {
		bad = f.Validate()
	}
	if bad != nil {
		v.Errors, _ = formError(s.printer(r), bad)
		f.From, f.To = goldthread.Date{Time: goldthread.WeekOf(today).AddDate(0, 0, -7*(defaultWeeks-1))}, today
	}
	if v.From == "" || bad != nil && v.Errors["from"] == "" {
		v.From = f.From.String()
	}
	if v.To == "" || bad != nil && v.Errors["to"] == "" {
		v.To = f.To.String()
	}
	v.ProgramID, v.StaffID = f.ProgramID, f.StaffID
	var err error
	if v.Programs, err = s.db.Programs(ctx, actor.AgencyID); err != nil {
		return f, v, err
	}
	if v.Staff, err = s.db.ReportStaff(ctx, actor); err != nil {
		return f, v, err
	}
	qs := url.Values{"from": {f.From.String()}, "to": {f.To.String()}}
	if f.ProgramID != 0 {
		qs.Set("program", strconv.FormatInt(f.ProgramID, 10))
	}
	if f.StaffID != 0 {
		qs.Set("staff", strconv.FormatInt(f.StaffID, 10))
	}
	v.Query = qs.Encode()
	return f, v, nil
}

// percent writes a share (0 to 1) as a whole percentage.
func percent(p *locale.Printer) func(float64) string {
	return func(v float64) string { return p.T("dash.percent", int(math.Round(v*100))) }
}

// count writes a whole number.
func count(v float64) string { return strconv.Itoa(int(math.Round(v))) }

// ageLabel names an age band ("0 days", "1–2 days", "7 days or more").
func ageLabel(p *locale.Printer, b goldthread.AgeBucket) string {
	switch {
	case b.To < 0:
		return p.T("dash.age.over", b.From)
	case b.From == b.To:
		return p.T("dash.age.one", b.From)
	}
	return p.T("dash.age.range", b.From, b.To)
}

// csvHeaders answers with a CSV attachment named for the dashboard and
// period.
func csvHeaders(w http.ResponseWriter, name string, f goldthread.ReportFilter) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-%s-%s.csv"`, name, f.From, f.To))
}

// chartID makes chart ids unique on a page.
func chartID(name string) string { return "chart-" + name }
