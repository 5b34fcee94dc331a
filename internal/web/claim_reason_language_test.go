package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"html"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/x12"
)

// TestClaimReasonsGoldthreadWroteReadInSpanish: a claim accepted by a
// 277CA and then denied by an 835 with a remark code carries the reasons
// Goldthread wrote; billing staff and an auditor who chose Spanish read
// them in Spanish on the claim page, the claims list and the billing
// dashboard (page and CSV); the API keeps the English reason and
// denial_reason and adds reader_reason and reader_denial_reason; the
// claims CSV export adds reader_denial_reason. A reason staff typed reads
// as typed (TestSystemReasonsReadInTheReadersLanguage in the store).
func TestClaimReasonsGoldthreadWroteReadInSpanish(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ts, c := exportedServer(t, db)
		f := ts.f
		for _, a := range []goldthread.Actor{f.Billing, f.Auditor} {
			if err := db.SetAccountLanguage(ctx, a, "es"); err != nil {
				t.Fatal(err)
			}
		}
		ack := ackTestFile(t, "claims.277", map[string]string{"GCN": "1", "CLM": c.Number, "CAT": "A2:20", "ACT": "WQ", "AMT": "1", "ICN": "NC-78"})
		if _, err := db.ImportAcknowledgment(ctx, f.Billing, "", []byte(ack)); err != nil {
			t.Fatal(err)
		}
		remit := x12.RemittanceFile{
			Interchange: x12.Interchange{SenderQualifier: "ZZ", SenderID: "NCMEDICAID", ReceiverQualifier: "ZZ", ReceiverID: "GOLDTHREAD",
				ControlNumber: 6, Created: time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC), Usage: "T", ApplicationSender: "NCMEDICAID", ApplicationReceiver: "GOLDTHREAD"},
			Remittances: []x12.Remittance{{Handling: "I", CreditDebit: "C", Method: "NON", PaymentDate: time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC),
				TraceNumber: "T77", PayerTraceID: "1560000001", Payer: x12.RemitPayer{Name: "NC MEDICAID"}, Payee: x12.RemitPayee{Name: "AGENCY", NPI: "1234567893"},
				Claims: []x12.ClaimPayment{{PatientControlNumber: c.Number, Status: x12.RemitDenied, Charge: x12.Money(c.TotalCents),
					Adjustments: []x12.Adjustment{{Group: "CO", Reason: "197", Amount: x12.Money(c.TotalCents)}}, Remarks: []string{"N54"},
					Patient: x12.PersonName{Last: "BELL"}}}}},
		}
		var buf bytes.Buffer
		if err := x12.Write835(&buf, remit); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ImportRemittance(ctx, f.Billing, "", buf.Bytes()); err != nil {
			t.Fatal(err)
		}
		now, _ := db.Claim(ctx, f.Billing, c.ID)
		amount := x12.Money(c.TotalCents).String()
		english := "835 NON T77: CO-197 " + amount + "; remarks N54"
		spanish := "835 NON T77: CO-197 " + amount + "; observaciones N54"
		if now.Status != goldthread.ClaimDenied || now.DenialReason != english {
			t.Fatalf("claim after the 835: %s %q", now.Status, now.DenialReason)
		}

		for _, role := range []goldthread.Role{goldthread.RoleBilling, goldthread.RoleAuditor} {
			client := ts.signIn(t, f.Emails[role])
			for _, page := range []string{"/claims/" + strconv.FormatInt(c.ID, 10), "/claims"} {
				res, body := get(t, client, ts.URL+page)
				body = html.UnescapeString(body)
				if res.StatusCode != 200 || !strings.Contains(body, spanish) || strings.Contains(body, english) {
					t.Errorf("%s on %s: %d, Spanish reason missing or English left", role, page, res.StatusCode)
				}
			}
		}
		bill := ts.signIn(t, f.Emails[goldthread.RoleBilling])
		_, body := get(t, bill, ts.URL+"/claims/"+strconv.FormatInt(c.ID, 10))
		if !strings.Contains(html.UnescapeString(body), "277CA A2:20") {
			t.Errorf("the 277CA's reason is missing from the history")
		}
		day := now.History[len(now.History)-1].At
		period := "?from=" + day.AddDate(0, 0, -1).Format("2006-01-02") + "&to=" + day.AddDate(0, 0, 1).Format("2006-01-02")
		for _, page := range []string{"/dashboards/billing" + period, "/dashboards/billing/export" + period} {
			res, body := get(t, bill, ts.URL+page)
			body = html.UnescapeString(body)
			if res.StatusCode != 200 || !strings.Contains(body, spanish) || strings.Contains(body, english) {
				t.Errorf("%s: %d, Spanish denial reason missing or English left", page, res.StatusCode)
			}
		}

		token := ts.token(t, f.Emails[goldthread.RoleBilling])
		_, body = apiGet(t, ts.URL+"/api/v1/claims/"+strconv.FormatInt(c.ID, 10), token)
		var one struct {
			DenialReason       string `json:"denial_reason"`
			ReaderDenialReason string `json:"reader_denial_reason"`
			History            []struct {
				Reason       string `json:"reason"`
				ReaderReason string `json:"reader_reason"`
			} `json:"history"`
		}
		if err := json.Unmarshal([]byte(body), &one); err != nil || len(one.History) == 0 {
			t.Fatalf("claim API: %v %s", err, body)
		}
		last := one.History[len(one.History)-1]
		if one.DenialReason != english || one.ReaderDenialReason != spanish || last.Reason != english || last.ReaderReason != spanish {
			t.Errorf("claim API: %+v", one)
		}
		_, body = apiGet(t, ts.URL+"/api/v1/claims", token)
		if !strings.Contains(body, `"denial_reason":"`+english) || !strings.Contains(body, `"reader_denial_reason":"`+spanish) {
			t.Errorf("claims API: %s", body)
		}
		_, body = apiGet(t, ts.URL+"/api/v1/dashboards/billing"+period, token)
		if !strings.Contains(body, `"reason":"`+english) || !strings.Contains(body, `"reader_reason":"`+spanish) {
			t.Errorf("billing dashboard API: %s", body)
		}
		res, body := apiDo(t, "POST", ts.URL+"/api/v1/exports/claims", token, "")
		rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil || res.StatusCode != 200 || len(rows) != 2 {
			t.Fatalf("claims export: %d %v %q", res.StatusCode, err, body)
		}
		cell := func(name string) string {
			for i, h := range rows[0] {
				if h == name {
					return rows[1][i]
				}
			}
			return "(no column " + name + ")"
		}
		if cell("denial_reason") != english || cell("reader_denial_reason") != spanish {
			t.Errorf("claims export: %q / %q", cell("denial_reason"), cell("reader_denial_reason"))
		}
	})
}
