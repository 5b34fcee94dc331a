package web_test

import (
	"bytes"
	"context"
	"html"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/x12"
)

// exportedServer is billableServer with payer settings and a rate, its
// March service exported in one claim, whose id it returns.
func exportedServer(t *testing.T, db *store.DB) (*testServer, goldthread.Claim) {
	t.Helper()
	ctx := context.Background()
	ts := billableServer(t, db)
	f := ts.f
	if err := db.SetProgramBilling(ctx, f.Billing, goldthread.ProgramBilling{ProgramID: f.Program.ID, PayerName: "NC Medicaid",
		PayerID: "NCMCD", ReceiverName: "NC Tracks", ReceiverID: "NCTRACKS", SenderID: "FIXTURE01", InterchangeReceiverID: "NCTRACKS",
		SubmitterID: "FIXTURE01", ContactName: "Bo Billing", ContactPhone: "8285550100", Usage: "T", Placeholder: true}); err != nil {
		t.Fatal(err)
	}
	if err := db.SetBillingRate(ctx, f.Billing, goldthread.BillingRate{ProgramID: f.Program.ID, Procedure: "H0038", CentsPerUnit: 1197}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExportClaims(ctx, f.Billing, f.Program.ID, goldthread.NewDate(2026, 3, 1), goldthread.NewDate(2026, 3, 31), &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	list, err := db.ListClaims(ctx, f.Billing, goldthread.ClaimFilter{})
	if err != nil || len(list) != 1 {
		t.Fatalf("claims %+v %v", list, err)
	}
	c, err := db.Claim(ctx, f.Billing, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return ts, c
}

// an835 pays claim c in full, and lists a claim that is not ours.
func an835(t *testing.T, trace string, c goldthread.Claim) string {
	t.Helper()
	line := c.Lines[0]
	f := x12.RemittanceFile{
		Interchange: x12.Interchange{SenderQualifier: "ZZ", SenderID: "NCMEDICAID", ReceiverQualifier: "ZZ", ReceiverID: "GOLDTHREAD",
			ControlNumber: 5, Created: time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC), Usage: "T", ApplicationSender: "NCMEDICAID", ApplicationReceiver: "GOLDTHREAD"},
		Remittances: []x12.Remittance{{Handling: "C", Amount: x12.Money(c.TotalCents + 500), CreditDebit: "C", Method: "CHK",
			PaymentDate: time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC), TraceNumber: trace, PayerTraceID: "1560000001",
			Payer: x12.RemitPayer{Name: "NC MEDICAID"}, Payee: x12.RemitPayee{Name: "AGENCY", NPI: "1234567893"},
			Claims: []x12.ClaimPayment{
				{PatientControlNumber: c.Number, Status: "1", Charge: x12.Money(c.TotalCents), Paid: x12.Money(c.TotalCents), PayerClaimNumber: "NC-55",
					Patient: x12.PersonName{Last: "BELL"}, Lines: []x12.LinePayment{{Procedure: "H0038", Charge: x12.Money(line.ChargeCents),
						Paid: x12.Money(line.ChargeCents), ControlNumber: "N" + strconv.FormatInt(line.NoteID, 10)}}},
				{PatientControlNumber: "OTHER-77", Status: "1", Charge: 500, Paid: 500, Patient: x12.PersonName{Last: "NOBODY"}},
			}}},
	}
	var buf bytes.Buffer
	if err := x12.Write835(&buf, f); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

var hiddenData = regexp.MustCompile(`name="data" value="([^"]*)"`)

// TestRemittancePages: billing uploads an 835, sees the matched claim
// (linked, with the status it will move to) and the one not ours, applies
// it, and the claim reads paid; applying the same file again changes
// nothing. A file that is not an 835 is refused beside the upload.
func TestRemittancePages(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ts, c := exportedServer(t, db)
		f := ts.f
		bill := ts.signIn(t, f.Emails[goldthread.RoleBilling])
		file := an835(t, "CHK500", c)

		res, body := get(t, bill, ts.URL+"/remittances")
		if res.StatusCode != 200 || missingKey.FindString(body) != "" || !strings.Contains(body, `action="/remittances/preview"`) {
			t.Fatalf("remittances page: %d %s", res.StatusCode, missingKey.FindString(body))
		}
		res, body = postFile(t, bill, ts.URL+"/remittances/preview", "file", "april.835", file, nil)
		if res.StatusCode != 200 || missingKey.FindString(body) != "" {
			t.Fatalf("preview: %d %s", res.StatusCode, missingKey.FindString(body))
		}
		wantIn(t, "preview", body, `href="/claims/`+strconv.FormatInt(c.ID, 10)+`"`, "OTHER-77", "Not matched", "1 claim matched, 1 not matched",
			`href="/notes/`+strconv.FormatInt(c.Lines[0].NoteID, 10)+`"`)
		if now, _ := db.Claim(ctx, f.Billing, c.ID); now.Status != goldthread.ClaimExported {
			t.Fatalf("the preview moved the claim to %s", now.Status)
		}
		m := hiddenData.FindStringSubmatch(body)
		if m == nil {
			t.Fatal("the preview carries no file to apply")
		}
		apply := url.Values{"data": {html.UnescapeString(m[1])}, "file_name": {"april.835"}}
		res, _ = postForm(t, bill, ts.URL+"/remittances", apply)
		loc := res.Header.Get("Location")
		if res.StatusCode != 303 || !strings.HasSuffix(loc, "?imported=1") {
			t.Fatalf("apply: %d %s", res.StatusCode, loc)
		}
		_, body = get(t, bill, ts.URL+loc)
		wantIn(t, "remittance page", body, "applied to its matched claims", "CHK500", "april.835")
		if now, _ := db.Claim(ctx, f.Billing, c.ID); now.Status != goldthread.ClaimPaid || now.PaidCents != c.TotalCents {
			t.Fatalf("claim after apply: %s %d", now.Status, now.PaidCents)
		}
		res, _ = postForm(t, bill, ts.URL+"/remittances", apply)
		if loc2 := res.Header.Get("Location"); res.StatusCode != 303 || loc2 != strings.Replace(loc, "imported", "duplicate", 1) {
			t.Fatalf("second apply: %d %s", res.StatusCode, loc2)
		}
		if now, _ := db.Claim(ctx, f.Billing, c.ID); len(now.History) != len(c.History)+1 {
			t.Fatalf("the second apply changed the claim: %d rows", len(now.History))
		}
		res, body = postFile(t, bill, ts.URL+"/remittances/preview", "file", "x.csv", "claim_id,status\n", nil)
		if res.StatusCode != 422 || !strings.Contains(body, `id="remit-file-error"`) {
			t.Fatalf("bad file: %d", res.StatusCode)
		}
		audit := ts.signIn(t, f.Emails[goldthread.RoleAuditor])
		if res, body := get(t, audit, ts.URL+"/remittances"); res.StatusCode != 200 || strings.Contains(body, `action="/remittances/preview"`) ||
			!strings.Contains(body, "CHK500") {
			t.Fatalf("auditor: %d", res.StatusCode)
		}
	})
}

// TestRemittanceAPI: the 835 as the body; a preview changes nothing, the
// import answers 201, the same payment again 200 with duplicate set.
func TestRemittanceAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ts, c := exportedServer(t, db)
		tok := ts.token(t, ts.f.Emails[goldthread.RoleBilling])
		file := an835(t, "EFT9", c)
		res, body := apiDo(t, "POST", ts.URL+"/api/v1/remittances?preview=1", tok, file)
		if res.StatusCode != 200 || !strings.Contains(body, `"outcome":"paid"`) || !strings.Contains(body, `"problem":"OTHER-77 is not a claim number`) {
			t.Fatalf("preview: %d %s", res.StatusCode, body)
		}
		if now, _ := db.Claim(ctx, ts.f.Billing, c.ID); now.Status != goldthread.ClaimExported {
			t.Fatal("the API preview moved the claim")
		}
		res, body = apiDo(t, "POST", ts.URL+"/api/v1/remittances", tok, file)
		if res.StatusCode != 201 || !strings.Contains(body, `"duplicate":false`) {
			t.Fatalf("import: %d %s", res.StatusCode, body)
		}
		res, body = apiDo(t, "POST", ts.URL+"/api/v1/remittances", tok, file)
		if res.StatusCode != 200 || !strings.Contains(body, `"duplicate":true`) {
			t.Fatalf("again: %d %s", res.StatusCode, body)
		}
		res, body = apiDo(t, "POST", ts.URL+"/api/v1/remittances", tok, "not an 835")
		if res.StatusCode != 422 || !strings.Contains(body, `"file"`) {
			t.Fatalf("bad body: %d %s", res.StatusCode, body)
		}
		res, body = apiDo(t, "GET", ts.URL+"/api/v1/remittances", tok, "")
		if res.StatusCode != 200 || strings.Count(body, `"trace_number":"EFT9"`) != 1 {
			t.Fatalf("list: %d %s", res.StatusCode, body)
		}
		res, body = apiDo(t, "GET", ts.URL+"/api/v1/remittances/999999", tok, "")
		if res.StatusCode != 404 {
			t.Fatalf("missing: %d %s", res.StatusCode, body)
		}
	})
}

// TestOutcomeEntryChecks: on the claim page a payment above what was
// billed is refused beside the reason, line amounts are typed per line and
// shown in the history; the outcomes import lists every refused line with
// its column.
func TestOutcomeEntryChecks(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ts, c := exportedServer(t, db)
		bill := ts.signIn(t, ts.f.Emails[goldthread.RoleBilling])
		page := ts.URL + "/claims/" + strconv.FormatInt(c.ID, 10)
		_, body := get(t, bill, page)
		wantIn(t, "claim page", body, `id="line_amount_1"`, `href="/notes/`+strconv.FormatInt(c.Lines[0].NoteID, 10)+`"`)
		billed := float64(c.TotalCents) / 100
		over := strconv.FormatFloat(billed+1, 'f', 2, 64)
		res, body := postForm(t, bill, page+"/outcome", url.Values{"status": {"paid"}, "amount": {over}})
		if res.StatusCode != 422 || !strings.Contains(body, `id="reason-error"`) || !strings.Contains(body, "more than the") {
			t.Fatalf("overpayment without reason: %d", res.StatusCode)
		}
		res, body = postForm(t, bill, page+"/outcome", url.Values{"status": {"paid"}, "amount": {"10.00"}, "line_amount_1": {"9.00"}})
		if res.StatusCode != 422 || !strings.Contains(body, `id="lines-error"`) {
			t.Fatalf("line amounts that do not add up: %d", res.StatusCode)
		}
		tok := ts.token(t, ts.f.Emails[goldthread.RoleBilling])
		res, body = apiDo(t, "POST", ts.URL+"/api/v1/claims/"+strconv.FormatInt(c.ID, 10)+"/outcome", tok,
			`{"status":"paid","amount_cents":1000,"lines":[{"line_no":1,"amount_cents":900}]}`)
		if res.StatusCode != 422 || !strings.Contains(body, `"lines"`) {
			t.Fatalf("API line amounts that do not add up: %d %s", res.StatusCode, body)
		}
		res, _ = postForm(t, bill, page+"/outcome", url.Values{"status": {"paid"}, "amount": {"10.00"}, "line_amount_1": {"10.00"}})
		if res.StatusCode != 303 {
			t.Fatalf("payment with line amounts: %d", res.StatusCode)
		}
		_, body = get(t, bill, page)
		wantIn(t, "history", body, "line 1 paid $10.00")
		if now, _ := db.Claim(ctx, ts.f.Billing, c.ID); now.PaidCents != 1000 {
			t.Fatalf("paid %d", now.PaidCents)
		}
		csv := "claim_id,status,amount,reason\nNOPE,paid,1,\n" + c.Number + ",paid,abc,\n" + c.Number + ",accepted,,\n"
		res, body = postForm(t, bill, ts.URL+"/claims/outcomes", url.Values{"csv": {csv}})
		if res.StatusCode != 422 {
			t.Fatalf("bad outcomes file: %d", res.StatusCode)
		}
		wantIn(t, "outcomes refused", body, "3 problems in the file", "Line 2, column claim_id", "Line 3, column amount", "Line 4, column status")
	})
}

// TestBatchAcceptPage: the Claims page offers each sent batch a "Mark all
// accepted" button that moves its exported claims; the API does the same
// and reports what it skipped.
func TestBatchAcceptPage(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ts, c := exportedServer(t, db)
		bill := ts.signIn(t, ts.f.Emails[goldthread.RoleBilling])
		action := "/billing/batches/" + strconv.FormatInt(c.BatchID, 10) + "/accepted"
		_, body := get(t, bill, ts.URL+"/claims")
		wantIn(t, "claims page", body, `action="`+action+`"`, "Mark all accepted")
		res, _ := postForm(t, bill, ts.URL+action, url.Values{})
		loc := res.Header.Get("Location")
		if res.StatusCode != 303 || !strings.Contains(loc, "accepted=1") {
			t.Fatalf("accept: %d %s", res.StatusCode, loc)
		}
		_, body = get(t, bill, ts.URL+loc)
		wantIn(t, "after", body, "1 claim marked accepted")
		if now, _ := db.Claim(ctx, ts.f.Billing, c.ID); now.Status != goldthread.ClaimAccepted {
			t.Fatalf("claim is %s", now.Status)
		}
		tok := ts.token(t, ts.f.Emails[goldthread.RoleBilling])
		res, body = apiDo(t, "POST", ts.URL+"/api/v1/batches/"+strconv.FormatInt(c.BatchID, 10)+"/accept", tok, `{"reason":"999"}`)
		if res.StatusCode != 200 || !strings.Contains(body, `"batch_id":`+strconv.FormatInt(c.BatchID, 10)) || !strings.Contains(body, `"accepted":0`) || !strings.Contains(body, `"skipped":1`) {
			t.Fatalf("api: %d %s", res.StatusCode, body)
		}
	})
}

var worklistCSVLink = regexp.MustCompile(`href="(/billing/worklist\.csv\?[^"]*)"`)

// TestBillingCSVLinkKeepsThePeriod: the worklist's CSV link carries the
// program and period shown, so the file lists the page's services.
func TestBillingCSVLinkKeepsThePeriod(t *testing.T) {
	ts := billableServer(t, storetest.OpenSQLite(t))
	bill := ts.signIn(t, ts.f.Emails[goldthread.RoleBilling])
	_, page := get(t, bill, ts.URL+"/billing?program="+strconv.FormatInt(ts.f.Program.ID, 10)+"&from=2026-03-01&to=2026-03-31")
	m := worklistCSVLink.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no CSV link")
	}
	link := html.UnescapeString(m[1])
	if !strings.Contains(link, "from=2026-03-01&") || !strings.Contains(link, "to=2026-03-31") {
		t.Fatalf("the CSV link %q lost the period", link)
	}
	_, body := get(t, bill, ts.URL+link)
	if strings.Count(strings.TrimSpace(body), "\n") != 1 {
		t.Fatalf("the March CSV should list the one March service:\n%s", body)
	}
}

// ackTestFile reads an acknowledgment of internal/x12/testdata with its
// placeholders filled.
func ackTestFile(t *testing.T, name string, fill map[string]string) string {
	t.Helper()
	b, err := os.ReadFile("../x12/testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for k, v := range fill {
		s = strings.ReplaceAll(s, "{"+k+"}", v)
	}
	return s
}

// TestAcknowledgmentImportPage: billing uploads a 999 on the Claims page
// and the batch shows it; a 277CA accepts the claim; the API answers a
// file imported before with duplicate set.
func TestAcknowledgmentImportPage(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ts, c := exportedServer(t, db)
		bill := ts.signIn(t, ts.f.Emails[goldthread.RoleBilling])
		batch := strconv.FormatInt(c.BatchID, 10)
		res, body := postFile(t, bill, ts.URL+"/claims/acknowledgments", "file", "r.999", ackTestFile(t, "rejected.999", map[string]string{"GCN": batch}), nil)
		if res.StatusCode != 200 || missingKey.FindString(body) != "" {
			t.Fatalf("999: %d %s", res.StatusCode, missingKey.FindString(body))
		}
		wantIn(t, "after the 999", body, "The 999 was imported", "file rejected", "999 rejected")
		res, body = postFile(t, bill, ts.URL+"/claims/acknowledgments", "file", "x.txt", "hello", nil)
		if res.StatusCode != 422 || !strings.Contains(body, `id="ack-file-error"`) {
			t.Fatalf("bad file: %d", res.StatusCode)
		}
		file := ackTestFile(t, "claims.277", map[string]string{"GCN": "1", "CLM": c.Number, "CAT": "A2:20", "ACT": "WQ", "AMT": "1", "ICN": "NC-77"})
		tok := ts.token(t, ts.f.Emails[goldthread.RoleBilling])
		res, body = apiDo(t, "POST", ts.URL+"/api/v1/acknowledgments", tok, file)
		if res.StatusCode != 201 || !strings.Contains(body, `"outcome":"accepted"`) {
			t.Fatalf("277CA: %d %s", res.StatusCode, body)
		}
		if now, _ := db.Claim(ctx, ts.f.Billing, c.ID); now.Status != goldthread.ClaimAccepted {
			t.Fatalf("claim is %s", now.Status)
		}
		res, body = apiDo(t, "POST", ts.URL+"/api/v1/acknowledgments", tok, file)
		if res.StatusCode != 200 || !strings.Contains(body, `"duplicate":true`) {
			t.Fatalf("again: %d %s", res.StatusCode, body)
		}
	})
}
