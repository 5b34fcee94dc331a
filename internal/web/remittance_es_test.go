package web_test

import (
	"bytes"
	"context"
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/x12"
)

// TestRemittanceReadsInSpanish: an 835 whose payment is a dollar more
// than its claims paid and which lists a claim that is not ours reads in
// Spanish for a billing account that chose Spanish, in the preview and,
// stored, on the remittance's page: why the claim was not matched and
// where the amounts do not add up; codes and control numbers stay as they
// are. The English stays for the API and for an English reader.
func TestRemittanceReadsInSpanish(t *testing.T) {
	db := storetest.OpenSQLite(t)
	ts, c := exportedServer(t, db)
	f := ts.f
	if err := db.SetAccountLanguage(context.Background(), f.Billing, "es"); err != nil {
		t.Fatal(err)
	}
	line := c.Lines[0]
	file := x12.RemittanceFile{
		Interchange: x12.Interchange{SenderQualifier: "ZZ", SenderID: "NCMEDICAID", ReceiverQualifier: "ZZ", ReceiverID: "GOLDTHREAD",
			ControlNumber: 6, Created: time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC), Usage: "T", ApplicationSender: "NCMEDICAID", ApplicationReceiver: "GOLDTHREAD"},
		Remittances: []x12.Remittance{{Handling: "C", Amount: x12.Money(c.TotalCents + 600), CreditDebit: "C", Method: "CHK",
			PaymentDate: time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC), TraceNumber: "CHK600", PayerTraceID: "1560000001",
			Payer: x12.RemitPayer{Name: "NC MEDICAID"}, Payee: x12.RemitPayee{Name: "AGENCY", NPI: "1234567893"},
			Claims: []x12.ClaimPayment{
				{PatientControlNumber: c.Number, Status: "1", Charge: x12.Money(c.TotalCents), Paid: x12.Money(c.TotalCents), PayerClaimNumber: "NC-56",
					Patient: x12.PersonName{Last: "BELL"}, Lines: []x12.LinePayment{{Procedure: "H0038", Charge: x12.Money(line.ChargeCents),
						Paid: x12.Money(line.ChargeCents), ControlNumber: "N" + strconv.FormatInt(line.NoteID, 10)}}},
				{PatientControlNumber: "OTHER-78", Status: "1", Charge: 500, Paid: 500, Patient: x12.PersonName{Last: "NOBODY"}},
			}}},
	}
	var buf bytes.Buffer
	if err := x12.Write835(&buf, file); err != nil {
		t.Fatal(err)
	}
	const (
		esClaim = "OTHER-78 no es un número de reclamo que Goldthread haya escrito (GT y diez dígitos); se muestra, pero no se empareja."
		enClaim = "OTHER-78 is not a claim number Goldthread wrote"
		esOff   = "el pago de $"
		enOff   = "is not the claims paid less provider adjustments"
	)
	bill := ts.signIn(t, f.Emails[goldthread.RoleBilling])
	_, body := postFile(t, bill, ts.URL+"/remittances/preview", "file", "april.835", buf.String(), nil)
	check := func(page, body string) {
		t.Helper()
		body = html.UnescapeString(body)
		if !strings.Contains(body, esClaim) || strings.Contains(body, enClaim) || !strings.Contains(body, esOff) || strings.Contains(body, enOff) {
			t.Errorf("%s: Spanish claim problem %v, English %v; Spanish imbalance %v, English %v", page,
				strings.Contains(body, esClaim), strings.Contains(body, enClaim), strings.Contains(body, esOff), strings.Contains(body, enOff))
		}
	}
	check("preview", body)
	m := hiddenData.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("the preview carries no file to apply")
	}
	res, _ := postForm(t, bill, ts.URL+"/remittances", url.Values{"data": {html.UnescapeString(m[1])}, "file_name": {"april.835"}})
	if res.StatusCode != 303 {
		t.Fatalf("apply: %d", res.StatusCode)
	}
	_, list := get(t, bill, ts.URL+"/remittances")
	id := regexp.MustCompile(`href="/remittances/(\d+)"`).FindStringSubmatch(list)
	if id == nil {
		t.Fatal("no remittance listed")
	}
	_, body = get(t, bill, ts.URL+"/remittances/"+id[1])
	check("stored remittance", body)

	token := ts.token(t, f.Emails[goldthread.RoleBilling])
	if _, raw := apiDo(t, "GET", ts.URL+"/api/v1/remittances/"+id[1], token, ""); !strings.Contains(raw, enClaim) || !strings.Contains(raw, enOff) {
		t.Errorf("the API lost the English problem or imbalance: %s", raw)
	}
}
