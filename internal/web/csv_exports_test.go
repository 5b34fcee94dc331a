package web_test

import (
	"context"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestCSVExportsCarryNoFormula: names typed by people (a participant's, a
// peer's) that a spreadsheet would run come out of the billing worklist
// and the audit report as text, in every cell.
func TestCSVExportsCarryNoFormula(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ts, _, _ := portalServer(t, db) // Marcus has a signed note waiting for approval
		f := ts.f
		for _, q := range []string{`UPDATE participant SET first_name = '=HYPERLINK("http://x")', last_name = '+1' WHERE id = ?`,
			`UPDATE app_user SET name = '@SUM(A1)' WHERE id = ?`} {
			id := f.Mine.ID
			if strings.Contains(q, "app_user") {
				id = f.Peer.UserID
			}
			if _, err := db.ExecRaw(ctx, q, id); err != nil {
				t.Fatal(err)
			}
		}
		check := func(t *testing.T, body string) {
			t.Helper()
			rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
			if err != nil || len(rows) < 2 {
				t.Fatalf("%v: %s", err, body)
			}
			for _, row := range rows {
				for _, cell := range row {
					if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
						t.Errorf("cell %q would run as a formula", cell)
					}
				}
			}
		}
		t.Run("BillingWorklist", func(t *testing.T) {
			q := "?program=" + strconv.FormatInt(f.Program.ID, 10) + "&from=2026-03-01&to=2026-03-31"
			_, body := get(t, ts.signIn(t, f.Emails[goldthread.RoleBilling]), ts.URL+"/billing/worklist.csv"+q)
			if !strings.Contains(body, `'=HYPERLINK`) || !strings.Contains(body, "'@SUM") {
				t.Fatalf("the names are not kept as text: %s", body)
			}
			check(t, body)
		})
		t.Run("AuditReport", func(t *testing.T) {
			_, body := get(t, ts.signIn(t, f.Emails[goldthread.RoleAuditor]), ts.URL+"/audit.csv")
			check(t, body)
		})
	})
}
