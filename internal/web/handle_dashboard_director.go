package web

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/chart"
	"github.com/goldthread/goldthread/internal/locale"
	"github.com/goldthread/goldthread/internal/store"
)

// directorView is the program director's dashboard.
type directorView struct {
	Filter   filterView
	Report   goldthread.DirectorReport
	Services template.HTML
	Outcomes template.HTML
	Rows     []trendRow
	// Pages of rows: the first and last shown (from 1), and the first row
	// of the previous and next pages (-1 when there is none).
	First, Last, Prev, Next int
}

// trendRow is one participant's line: the BARC-10 sparkline and numbers
// beside their goals.
type trendRow struct {
	goldthread.ParticipantTrend
	Spark   template.HTML
	Numbers string
}

func (s *Server) handleDirectorDashboard(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	f, fv, err := s.reportFilter(r.Context(), r, actor, "/dashboards/director")
	v := directorView{Filter: fv}
	from, _ := strconv.Atoi(r.URL.Query().Get("rows"))
	from = max(from, 0)
	if err == nil {
		v.Report, err = s.db.DirectorReportPage(r.Context(), actor, f, store.DirectorPage{Offset: from, Limit: goldthread.DirectorRowsPerPage})
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p := s.printer(r)
	v.Services, v.Outcomes = directorCharts(p, v.Report, categoryNames(fv.Programs))
	for _, t := range v.Report.Participants {
		row := trendRow{ParticipantTrend: t, Numbers: barcNumbers(t.Totals)}
		if len(t.Totals) > 0 {
			row.Spark = chart.Sparkline(p.T("dash.barc.spark", t.Name, row.Numbers), floats(t.Totals), 60)
		}
		v.Rows = append(v.Rows, row)
	}
	v.First, v.Last, v.Prev, v.Next = from+1, from+len(v.Rows), -1, -1
	if from > 0 {
		v.Prev = max(from-goldthread.DirectorRowsPerPage, 0)
	}
	if v.Last < v.Report.RowsTotal {
		v.Next = v.Last
	}
	s.render(w, r, http.StatusOK, "dashboard_director", view{P: p, Actor: actor, Title: p.T("dash.director.title"), Nav: "dashboards", Data: v})
}

// categoryNames maps each service category id of the agency's programs'
// rule packs to its name there.
func categoryNames(programs []goldthread.Program) map[string]string {
	out := map[string]string{}
	for _, g := range programs {
		pack, err := store.RulePack(g.RulePack)
		if err != nil {
			continue
		}
		for _, c := range pack.Categories {
			if _, ok := out[c.ID]; !ok {
				out[c.ID] = c.Name
			}
		}
	}
	return out
}

func floats(v []int) []float64 {
	out := make([]float64, len(v))
	for i, n := range v {
		out[i] = float64(n)
	}
	return out
}

func barcNumbers(totals []int) string {
	parts := make([]string, len(totals))
	for i, n := range totals {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ", ")
}

// modalities are the note modalities in the order charts show them.
var modalities = []string{"in_person", "video", "audio_only"}

func directorCharts(p *locale.Printer, rep goldthread.DirectorReport, names map[string]string) (services, outcomes template.HTML) {
	sc := chart.Chart{ID: chartID("services"), Title: p.T("dash.services.title"), Desc: p.T("dash.services.desc"),
		Summary: p.T("dash.numbers"), LabelHeader: p.T("dash.category"), Format: count}
	var cats []string
	seen := map[string]bool{}
	for _, c := range rep.Services {
		if !seen[c.Category] {
			seen[c.Category] = true
			cats = append(cats, c.Category)
		}
	}
	mods := append([]string(nil), modalities...)
	for _, c := range rep.Services {
		if !contains(mods, c.Modality) {
			mods = append(mods, c.Modality)
		}
	}
	for _, c := range cats {
		label := names[c]
		if label == "" {
			label = c
		}
		sc.Labels = append(sc.Labels, label)
	}
	for _, m := range mods {
		ser := chart.Series{Name: p.T("notes.modality." + m)}
		if !locale.Has("notes.modality." + m) {
			ser.Name = m
		}
		for _, c := range cats {
			n := 0
			for _, sv := range rep.Services {
				if sv.Category == c && sv.Modality == m {
					n += sv.Count
				}
			}
			ser.Values = append(ser.Values, float64(n))
		}
		sc.Series = append(sc.Series, ser)
	}
	oc := chart.Chart{ID: chartID("outcomes"), Title: p.T("dash.outcomes.title"), Desc: p.T("dash.outcomes.desc"),
		Summary: p.T("dash.numbers"), LabelHeader: p.T("dash.outcome"), Format: count,
		Labels: []string{p.T("dash.outcome.met"), p.T("dash.outcome.partly_met"), p.T("dash.outcome.not_met")},
		Series: []chart.Series{{Name: p.T("dash.goals"), Values: []float64{float64(rep.Goals.Met), float64(rep.Goals.PartlyMet), float64(rep.Goals.NotMet)}}}}
	return chart.StackedBars(sc), chart.Bars(oc)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// handleDirectorCSV writes the program dashboard's figures, and the
// participant rows for readers who get them.
func (s *Server) handleDirectorCSV(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	f, fv, err := s.reportFilter(r.Context(), r, actor, "")
	if err == nil && fv.Errors != nil {
		err = goldthread.Errorf(goldthread.EINVALID, "%s", firstError(fv.Errors))
	}
	var rep goldthread.DirectorReport
	if err == nil {
		rep, err = s.db.DirectorReport(r.Context(), actor, f)
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	csvHeaders(w, "program-dashboard", f)
	cw := newCSVExport(w)
	cw.Write("section", "label", "detail", "count")
	itoa := strconv.Itoa
	for _, c := range rep.Services {
		cw.Write("services", c.Category, c.Modality, itoa(c.Count))
	}
	g := rep.Goals
	for _, row := range [][2]string{{"goals_in_force", itoa(g.InForce)}, {"goals_addressed", itoa(g.Addressed)}, {"goals_met", itoa(g.Met)},
		{"goals_partly_met", itoa(g.PartlyMet)}, {"goals_not_met", itoa(g.NotMet)}, {"discharges", itoa(rep.Discharges.Total)},
		{"discharges_with_natural_supports", itoa(rep.Discharges.NaturalSupports)}, {"barc10_measured", itoa(rep.Capital.Measured)},
		{"barc10_measured_twice", itoa(rep.Capital.Twice)}, {"barc10_rose", itoa(rep.Capital.Rose)}, {"barc10_held", itoa(rep.Capital.Held)},
		{"barc10_fell", itoa(rep.Capital.Fell)}} {
		cw.Write("summary", row[0], "", row[1])
	}
	for _, t := range rep.Participants {
		cw.Write("barc10", t.Name, barcNumbers(t.Totals), "")
		for _, goal := range t.Goals {
			cw.Write("goal", t.Name, goal.Words, itoa(goal.Notes))
		}
	}
	cw.Flush()
}
