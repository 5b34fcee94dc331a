package web_test

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestAcknowledgmentProblemReadsInSpanish: a 277CA about a claim number
// Goldthread did not write is listed, not matched, and says why in the
// Spanish of a billing account that chose Spanish.
func TestAcknowledgmentProblemReadsInSpanish(t *testing.T) {
	db := storetest.OpenSQLite(t)
	ts, _ := exportedServer(t, db)
	if err := db.SetAccountLanguage(context.Background(), ts.f.Billing, "es"); err != nil {
		t.Fatal(err)
	}
	bill := ts.signIn(t, ts.f.Emails[goldthread.RoleBilling])
	file := ackTestFile(t, "claims.277", map[string]string{"GCN": "1", "CLM": "OTHER-1", "CAT": "A2:20", "ACT": "WQ", "AMT": "1", "ICN": "NC-78"})
	res, body := postFile(t, bill, ts.URL+"/claims/acknowledgments", "file", "c.277", file, nil)
	body = html.UnescapeString(body)
	if res.StatusCode != 200 || !strings.Contains(body, "OTHER-1 no es un número de reclamo que Goldthread haya escrito; se muestra, pero no se empareja.") ||
		strings.Contains(body, "is not a claim number Goldthread wrote") {
		t.Errorf("277CA about a claim not ours: %d, Spanish reason missing or English left", res.StatusCode)
	}
}
