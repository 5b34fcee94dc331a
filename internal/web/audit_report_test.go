package web_test

import (
	"encoding/csv"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

func TestAuditReport(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	peer := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
	mine := strconv.FormatInt(ts.f.Mine.ID, 10)
	get(t, peer, ts.URL+"/participants/"+mine)
	auditor := ts.signIn(t, ts.f.Emails[goldthread.RoleAuditor])
	t.Run("FilterByParticipantAndAction", func(t *testing.T) {
		res, body := get(t, auditor, ts.URL+"/audit?participant="+mine+"&action=read")
		if res.StatusCode != 200 {
			t.Fatalf("%d", res.StatusCode)
		}
		rows := strings.Count(body, "<tr>") - 1
		if rows < 1 || strings.Contains(body, "<td>sign_in</td>") {
			t.Fatalf("%d rows; sign-ins leaked into a read filter", rows)
		}
	})
	t.Run("BadDateNamesTheField", func(t *testing.T) {
		res, body := get(t, auditor, ts.URL+"/audit?from=11/01/2026")
		if res.StatusCode != 422 || !strings.Contains(body, `id="from-error"`) {
			t.Fatalf("%d", res.StatusCode)
		}
	})
	t.Run("CSVExportIsCompleteAndAudited", func(t *testing.T) {
		res, body := get(t, auditor, ts.URL+"/audit.csv?order=oldest")
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
			t.Fatalf("%d %s", res.StatusCode, res.Header.Get("Content-Type"))
		}
		recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil || len(recs) < 10 || recs[0][0] != "seq" || recs[1][0] != "1" {
			t.Fatalf("csv: %v, %d rows", err, len(recs))
		}
		evs, _ := ts.db.AuditEvents(t.Context(), ts.f.Auditor, store.AuditFilter{Action: goldthread.ActionExport})
		if len(evs) == 0 || evs[0].RecordType != "audit_trail" {
			t.Fatal("the export was not audited")
		}
	})
}

var (
	auditCSVLink = regexp.MustCompile(`href="(/audit\.csv\?[^"]*)"`)
	auditRowSeq  = regexp.MustCompile(`<tr><td[^>]*>(\d+)</td>`)
)

// TestAuditCSVEqualsTheFilteredPage: the page's CSV link carries its
// filters, so the file holds exactly the page's events, in its order; the
// billing worklist's CSV link keeps its program and period the same way.
func TestAuditCSVEqualsTheFilteredPage(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	if _, err := ts.db.ExecRaw(t.Context(), "UPDATE agency SET time_zone = 'America/New_York' WHERE id = ?", ts.f.Agency.ID); err != nil {
		t.Fatal(err)
	}
	peer := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
	mine := strconv.FormatInt(ts.f.Mine.ID, 10)
	get(t, peer, ts.URL+"/participants/"+mine)
	get(t, peer, ts.URL+"/participants/"+mine)
	auditor := ts.signIn(t, ts.f.Emails[goldthread.RoleAuditor])
	_, page := get(t, auditor, ts.URL+"/audit?participant="+mine+"&action=read&order=oldest")
	m := auditCSVLink.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no CSV link on the audit page")
	}
	link := html.UnescapeString(m[1])
	if !strings.Contains(link, "action=read") || !strings.Contains(link, "participant="+mine) {
		t.Fatalf("the CSV link %q lost the page's filters", link)
	}
	var pageSeqs []string
	for _, r := range auditRowSeq.FindAllStringSubmatch(page, -1) {
		pageSeqs = append(pageSeqs, r[1])
	}
	_, body := get(t, auditor, ts.URL+link)
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var csvSeqs []string
	for _, r := range recs[1:] {
		if r[5] != goldthread.ActionRead {
			t.Errorf("the CSV holds a %s event the page filtered out", r[5])
		}
		// The auditor's own reading of the page is recorded after it.
		if r[6] == "audit_trail" {
			continue
		}
		csvSeqs = append(csvSeqs, r[0])
	}
	if recs[1][3] != ts.f.Peer.Name {
		t.Errorf("the CSV's actor_name is %q, want the peer's name", recs[1][3])
	}
	if len(pageSeqs) < 2 || strings.Join(pageSeqs, ",") != strings.Join(csvSeqs, ",") {
		t.Fatalf("page events %v, CSV events %v", pageSeqs, csvSeqs)
	}
	if !strings.Contains(page, ts.f.Peer.Name+" (peer)") {
		t.Errorf("the page does not name the peer with their role")
	}
	if !strings.Contains(page, `<a href="/participants/`+mine+`">`+ts.f.Mine.DisplayName()+`</a>`) {
		t.Errorf("the page does not name the participant, linked to their record")
	}
	if !strings.Contains(page, "When (America/New_York)") {
		t.Errorf("the time column is not labelled with the agency's zone it shows")
	}
}
