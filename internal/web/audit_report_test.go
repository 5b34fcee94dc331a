package web_test

import (
	"encoding/csv"
	"maps"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

func init() {
	maps.Copy(routeAccess, map[string][]string{"GET /audit.csv": {"administrator", "auditor"}})
}

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
