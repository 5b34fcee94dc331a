package web_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestProgramDashboardPagesItsRows: with more participants than a page
// holds, the program dashboard shows the first page with the total and a
// link to the next, the next page the rest with a link back, and the CSV
// every row; the figures are the agency's on every page.
func TestProgramDashboardPagesItsRows(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	ctx := context.Background()
	sys := goldthread.Operator(ts.f.Agency.ID, "test setup")
	extra := goldthread.DirectorRowsPerPage + 5
	for i := range extra {
		p := goldthread.Participant{FirstName: fmt.Sprintf("Zed%03d", i), LastName: "Measured", BirthDate: goldthread.NewDate(1990, 1, 1)}
		if err := ts.db.CreateParticipant(ctx, sys, &p); err != nil {
			t.Fatal(err)
		}
		a := [goldthread.BARCItems]int{3, 3, 3, 3, 3, 3, 3, 3, 3, 3}
		if _, err := ts.db.RecordRecoveryCapital(ctx, ts.f.Clinician, store.RecoveryCapitalInput{ParticipantID: p.ID,
			Occasion: goldthread.BARCIntake, TakenOn: goldthread.NewDate(2026, 3, 1), Answers: a}); err != nil {
			t.Fatal(err)
		}
	}
	all, err := ts.db.DirectorReport(ctx, ts.f.Clinician, goldthread.ReportFilter{From: goldthread.NewDate(2026, 3, 1), To: goldthread.NewDate(2026, 3, 31)})
	if err != nil || all.RowsTotal < extra || len(all.Participants) != all.RowsTotal {
		t.Fatalf("every row: %d of %d (%v)", len(all.Participants), all.RowsTotal, err)
	}
	total := all.RowsTotal
	c := ts.signIn(t, ts.f.Emails["clinician"])
	const period = "from=2026-03-01&to=2026-03-31"
	res, first := get(t, c, ts.URL+"/dashboards/director?"+period)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", res.StatusCode, first)
	}
	shown := func(body string) int { return strings.Count(body, `<th scope="row" data-label=`) }
	if n := shown(first); n != goldthread.DirectorRowsPerPage ||
		!strings.Contains(first, fmt.Sprintf("Participants 1–%d of %d.", goldthread.DirectorRowsPerPage, total)) ||
		!strings.Contains(first, fmt.Sprintf(`rows=%d">Next participants`, goldthread.DirectorRowsPerPage)) || strings.Contains(first, "Previous participants") {
		t.Fatalf("first page: %d rows, no total or next link: %s", n, first)
	}
	res, second := get(t, c, ts.URL+fmt.Sprintf("/dashboards/director?%s&rows=%d", period, goldthread.DirectorRowsPerPage))
	if res.StatusCode != http.StatusOK || shown(second) != total-goldthread.DirectorRowsPerPage ||
		!strings.Contains(second, fmt.Sprintf("Participants %d–%d of %d.", goldthread.DirectorRowsPerPage+1, total, total)) ||
		!strings.Contains(second, `rows=0">Previous participants`) || strings.Contains(second, "Next participants") {
		t.Fatalf("second page: %d rows: %s", shown(second), second)
	}
	figures := func(body string) string {
		return body[strings.Index(body, `<div class="dash-grid">`):strings.Index(body, `id="trend-title"`)]
	}
	if figures(first) != figures(second) {
		t.Errorf("the figures differ between pages")
	}
	if _, body := get(t, c, ts.URL+"/dashboards/director?"+period+"&rows=-3"); shown(body) != goldthread.DirectorRowsPerPage {
		t.Errorf("a negative first row is not the first page")
	}
	_, body := get(t, c, ts.URL+"/dashboards/director/export?"+period)
	records, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	barc := 0
	for _, r := range records {
		if r[0] == "barc10" {
			barc++
		}
	}
	if barc != total {
		t.Errorf("the CSV holds %d rows, want all %d", barc, total)
	}
}
