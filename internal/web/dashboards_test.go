package web_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// dashboardPages are the dashboards and who may open each.
var dashboardPages = map[string][]string{
	"/dashboards/supervisor": {"supervisor", "administrator"},
	"/dashboards/billing":    {"billing", "administrator", "auditor"},
	"/dashboards/director":   {"supervisor", "clinician", "administrator", "auditor"},
}

// TestDashboardsRender opens every dashboard as each role allowed: the
// page has its charts as named images with their tables, every message
// comes from the catalog, and the CSV holds the same sections.
func TestDashboardsRender(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	for page, roles := range dashboardPages {
		for _, role := range roles {
			t.Run(page+"/"+role, func(t *testing.T) {
				c := ts.signIn(t, ts.f.Emails[goldthread.Role(role)])
				res, body := get(t, c, ts.URL+page)
				if res.StatusCode != http.StatusOK {
					t.Fatalf("%d %s", res.StatusCode, body)
				}
				if !strings.Contains(body, `<svg role="img" aria-labelledby="chart-`) || !strings.Contains(body, `<details class="chart-numbers">`) {
					t.Errorf("no accessible chart on %s", page)
				}
				if i := strings.Index(body, "[dash."); i >= 0 {
					t.Errorf("missing message %s", body[i:i+40])
				}
				res, body = get(t, c, ts.URL+page+"/export?from=2026-03-02&to=2026-03-15")
				if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") ||
					!strings.Contains(res.Header.Get("Content-Disposition"), "2026-03-02-2026-03-15.csv") {
					t.Fatalf("CSV: %d %v", res.StatusCode, res.Header)
				}
				if _, err := csv.NewReader(strings.NewReader(body)).ReadAll(); err != nil || !strings.HasPrefix(body, "section,") {
					t.Errorf("CSV unreadable (%v): %s", err, body)
				}
			})
		}
	}
}

// TestDashboardFilter: a bad date is named on the form and the default
// period drawn; the CSV refuses it; the staff choice offers a supervisor
// their team only; every read is audited.
func TestDashboardFilter(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	sup := ts.signIn(t, ts.f.Emails["supervisor"])
	res, body := get(t, sup, ts.URL+"/dashboards/supervisor?from=03/02/2026")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Enter the date as YYYY-MM-DD") || !strings.Contains(body, `id="from" name="from" type="date" value="03/02/2026" aria-invalid="true"`) {
		t.Fatalf("bad date: %d %s", res.StatusCode, body)
	}
	if res, _ := get(t, sup, ts.URL+"/dashboards/supervisor/export?from=2026-03-15&to=2026-03-01"); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("CSV of a reversed period: %d", res.StatusCode)
	}
	_, body = get(t, sup, ts.URL+"/dashboards/supervisor")
	if !strings.Contains(body, `<option value="`+strconv.FormatInt(ts.f.Peer.UserID, 10)+`"`) || strings.Contains(body, "Oli Other") {
		t.Errorf("staff choice is not Sue's team: %s", body)
	}
	var n int
	rows, err := ts.db.QueryRaw(context.Background(), "SELECT COUNT(*) FROM audit_event WHERE actor_id = ? AND record_type = ?", ts.f.Supervisor.UserID, "supervisor_dashboard")
	if err != nil {
		t.Fatal(err)
	}
	rows.Next()
	rows.Scan(&n)
	rows.Close()
	if n != 2 {
		t.Errorf("supervisor dashboard reads audited = %d; want 2", n)
	}
}

// TestDashboardsDeny: peers and participants open no dashboard, and
// nobody opens another role's (the route matrix covers every role; this
// names the rule).
func TestDashboardsDeny(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	peer := ts.signIn(t, ts.f.Emails["peer"])
	for page := range dashboardPages {
		if res, _ := get(t, peer, ts.URL+page+"?"+url.Values{"staff": {"1"}}.Encode()); res.StatusCode != http.StatusForbidden {
			t.Errorf("a peer opened %s: %d", page, res.StatusCode)
		}
	}
	billing := ts.signIn(t, ts.f.Emails["billing"])
	if res, _ := get(t, billing, ts.URL+"/dashboards/director"); res.StatusCode != http.StatusForbidden {
		t.Errorf("billing opened the program dashboard: %d", res.StatusCode)
	}
}

// TestDashboardAPI: the same figures as JSON, a bad filter named, and
// visits and BARC-10s recorded through the API.
func TestDashboardAPI(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	// The store's clock, not the wall's: mid-day on Mar 10 in every US zone.
	ts.db.Now = (&storetest.Clock{T: time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)}).Now
	sup := ts.token(t, ts.f.Emails["supervisor"])
	res, body := apiGet(t, ts.URL+"/api/v1/dashboards/supervisor?from=2026-03-02&to=2026-03-15", sup)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `"weeks":[{"week":"2026-03-02"`) || !strings.Contains(body, `"review_queue_age"`) {
		t.Fatalf("supervisor dashboard: %d %s", res.StatusCode, body)
	}
	res, body = apiGet(t, ts.URL+"/api/v1/dashboards/supervisor?from=2026-03-15&to=2026-03-02", sup)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `"field":"to"`) {
		t.Fatalf("reversed period: %d %s", res.StatusCode, body)
	}
	bill := ts.token(t, ts.f.Emails["billing"])
	if res, body := apiGet(t, ts.URL+"/api/v1/dashboards/billing", bill); res.StatusCode != http.StatusOK || !strings.Contains(body, `"receivable_aging"`) {
		t.Fatalf("billing dashboard: %d %s", res.StatusCode, body)
	}
	if res, _ := apiGet(t, ts.URL+"/api/v1/dashboards/director", bill); res.StatusCode != http.StatusForbidden {
		t.Fatalf("billing read the program dashboard: %d", res.StatusCode)
	}
	peer := ts.token(t, ts.f.Emails["peer"])
	start := ts.db.Now().Add(48 * time.Hour).Format(time.RFC3339)
	res, body = apiDo(t, "POST", ts.URL+"/api/v1/visits", peer, `{"participant_id":`+strconv.FormatInt(ts.f.Mine.ID, 10)+`,"start":"`+start+`","minutes":30,"purpose":"Walk to the library"}`)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("plan visit: %d %s", res.StatusCode, body)
	}
	if res, body := apiGet(t, ts.URL+"/api/v1/today", peer); res.StatusCode != http.StatusOK || !strings.Contains(body, "Walk to the library") {
		t.Fatalf("today: %d %s", res.StatusCode, body)
	}
	res, body = apiDo(t, "POST", ts.URL+"/api/v1/participants/"+strconv.FormatInt(ts.f.Mine.ID, 10)+"/recovery-capital", peer,
		`{"occasion":"intake","taken_on":"`+ts.db.Now().Format("2006-01-02")+`","answers":[6,5,4,3,2,1,2,3,4,5]}`)
	if res.StatusCode != http.StatusCreated || !strings.Contains(body, `"total":35`) {
		t.Fatalf("record BARC-10: %d %s", res.StatusCode, body)
	}
}
