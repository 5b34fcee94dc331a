package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// identityForm is a billing identity claims can carry, as the page posts it.
func identityForm() url.Values {
	return url.Values{"legal_name": {"Fixture Peer Services of Buncombe, Inc."}, "npi": {"1234567893"}, "tax_id": {"56-1234567"},
		"taxonomy": {"251S00000X"}, "address.line1": {"12 Main St"}, "address.line2": {"Suite 3"}, "address.city": {"Asheville"},
		"address.state": {"NC"}, "address.postal_code": {"28801-1234"}, "pay_to.line1": {"PO Box 1750"}, "pay_to.city": {"Asheville"},
		"pay_to.state": {"NC"}, "pay_to.postal_code": {"28802"}}
}

// TestBillingIdentityPage: an administrator sees what holds claims back,
// saves the identity, and sees it back; a refused value comes back beside
// its field with everything as typed and nothing saved; billing staff read
// it without a form; others are refused.
func TestBillingIdentityPage(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	f := ts.f
	page := ts.URL + "/settings/billing-identity"
	admin := ts.signIn(t, f.Emails[goldthread.RoleAdministrator])

	res, body := get(t, admin, page)
	if res.StatusCode != 200 {
		t.Fatalf("page: %d", res.StatusCode)
	}
	// The fixture agency has a legal name and NPI but no EIN or address.
	wantIn(t, "incomplete identity", body, "Claims are held until this is complete.", "billing provider tax id must be a 9-digit EIN",
		`name="legal_name" type="text" value="Fixture Peer Services, Inc."`, `autocomplete="postal-code"`, "(optional)", "(required)",
		`href="/settings/agency"`, `href="/settings/security"`)
	if _, body := get(t, admin, ts.URL+"/today"); !strings.Contains(body, "billing identity is incomplete") {
		t.Error("Today does not tell the administrator that claims are held")
	}

	form := identityForm()
	form.Set("address.line1", "PO Box 9")
	form.Set("legal_name", "Typed Legal Name")
	res, body = postForm(t, admin, page, form)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a post office box as billing address: %d", res.StatusCode)
	}
	wantIn(t, "refused identity", body, `id="address.line1-error"`, "street address", `aria-invalid="true"`, `value="Typed Legal Name"`,
		`value="PO Box 1750"`, `value="28801-1234"`)
	if b, _ := ts.db.AgencyBillingIdentity(t.Context(), f.Admin); b.LegalName != "Fixture Peer Services, Inc." {
		t.Fatalf("a refused form was saved: %+v", b)
	}

	res, _ = postForm(t, admin, page, identityForm())
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/settings/billing-identity?saved=1" {
		t.Fatalf("save: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = get(t, admin, page+"?saved=1")
	wantIn(t, "saved identity", body, "Billing identity saved.", `value="56-1234567"`, `value="PO Box 1750"`, "Last saved")
	if strings.Contains(body, "Claims are held") || strings.Contains(body, "Marked placeholder") {
		t.Error("a complete, confirmed identity still shows as held or placeholder")
	}

	bill := ts.signIn(t, f.Emails[goldthread.RoleBilling])
	res, body = get(t, bill, page)
	wantIn(t, "billing's view", body, "You can read the billing identity", "Fixture Peer Services of Buncombe, Inc.",
		"<code>56-1234567</code>", "PO Box 1750", `href="/billing"`)
	if res.StatusCode != 200 || strings.Contains(body, `<form method="post" action="/settings/billing-identity"`) {
		t.Errorf("billing staff: %d, offered the form: %v", res.StatusCode, strings.Contains(body, "<form method=\"post\""))
	}
	if res, _ := postForm(t, bill, page, identityForm()); res.StatusCode != http.StatusForbidden {
		t.Errorf("billing saving: %d", res.StatusCode)
	}
	for _, role := range []goldthread.Role{goldthread.RolePeer, goldthread.RoleSupervisor, goldthread.RoleClinician, goldthread.RoleParticipant} {
		if res, _ := get(t, ts.signIn(t, f.Emails[role]), page); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s opening the page: %d", role, res.StatusCode)
		}
	}
}

// TestBillingIdentityAPI: GET answers the identity with whether claims can
// carry it; PUT by an administrator saves it (what GET answered can be sent
// back), 422 names the field and saves nothing; others get 403.
func TestBillingIdentityAPI(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	f := ts.f
	u := ts.URL + "/api/v1/agency/billing-identity"
	admin, bill := ts.token(t, f.Emails[goldthread.RoleAdministrator]), ts.token(t, f.Emails[goldthread.RoleBilling])
	res, body := apiDo(t, "GET", u, bill, "")
	if res.StatusCode != 200 {
		t.Fatalf("get: %d %s", res.StatusCode, body)
	}
	wantIn(t, "incomplete identity", body, `"legal_name":"Fixture Peer Services, Inc."`, `"complete":false`, `"field":"tax_id"`, `"pay_to":null`)

	good := `{"legal_name":"Fixture Peer Services, Inc.","npi":"1234567893","tax_id":"56-1234567","taxonomy":"251s00000x",
		"address":{"line1":"12 Main St","city":"Asheville","state":"NC","postal_code":"288011234"},
		"pay_to":{"line1":"PO Box 1750","city":"Asheville","state":"NC","postal_code":"28802"},"placeholder":false}`
	for field, bad := range map[string]string{"npi": `"1234567890"`, "address.postal_code": `"28801"`} {
		b := strings.Replace(good, `"1234567893"`, bad, 1)
		if field == "address.postal_code" {
			b = strings.Replace(good, `"288011234"`, bad, 1)
		}
		res, body := apiDo(t, "PUT", u, admin, b)
		if res.StatusCode != 422 || !strings.Contains(body, `"field":"`+field+`"`) {
			t.Errorf("bad %s: %d %s", field, res.StatusCode, body)
		}
	}
	res, body = apiDo(t, "PUT", u, admin, good)
	if res.StatusCode != 200 {
		t.Fatalf("put: %d %s", res.StatusCode, body)
	}
	wantIn(t, "saved identity", body, `"tax_id":"561234567"`, `"taxonomy":"251S00000X"`, `"postal_code":"28801-1234"`, `"complete":true`,
		`"problem":null`, `"line1":"PO Box 1750"`)
	// What GET answers goes back unchanged.
	_, got := apiDo(t, "GET", u, admin, "")
	if res, body := apiDo(t, "PUT", u, admin, got); res.StatusCode != 200 {
		t.Errorf("putting back what GET answered: %d %s", res.StatusCode, body)
	}
	if res, _ := apiDo(t, "PUT", u, bill, good); res.StatusCode != 403 {
		t.Errorf("billing writing: %d", res.StatusCode)
	}
	if res, _ := apiDo(t, "GET", u, ts.token(t, f.Emails[goldthread.RolePeer]), ""); res.StatusCode != 403 {
		t.Errorf("peer reading: %d", res.StatusCode)
	}
	evs, err := ts.db.AuditEvents(t.Context(), f.Auditor, store.AuditFilter{Action: goldthread.ActionSettingChange})
	if err != nil {
		t.Fatal(err)
	}
	saves := 0
	for _, ev := range evs {
		if ev.RecordType == "agency_billing_identity" && ev.ActorID == f.Admin.UserID {
			saves++
		}
	}
	if saves != 2 {
		t.Errorf("%d audit events for two saves", saves)
	}
}

// TestStaffAPI: an administrator adds a peer with first and last names
// apart (refused without them, naming the field), reads and changes the
// account; nobody else does.
func TestStaffAPI(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t), cheapPasswords)
	f := ts.f
	admin := ts.token(t, f.Emails[goldthread.RoleAdministrator])
	u := ts.URL + "/api/v1/staff"
	body := `{"email":"mary@fixture.test","name":"Mary Ann Lopez Garcia","first_name":"Mary Ann","roles":["peer"],
		"credential":"CPSS","npi":"1245319599","taxonomy":"175T00000X","password":"welcome to the team today"}`
	if res, out := apiDo(t, "POST", u, admin, body); res.StatusCode != 422 || !strings.Contains(out, `"field":"last_name"`) {
		t.Fatalf("a peer without a last name: %d %s", res.StatusCode, out)
	}
	res, out := apiDo(t, "POST", u, admin, strings.Replace(body, `"first_name":"Mary Ann"`, `"first_name":"Mary Ann","last_name":"Lopez Garcia"`, 1))
	if res.StatusCode != 201 {
		t.Fatalf("add: %d %s", res.StatusCode, out)
	}
	wantIn(t, "added", out, `"first_name":"Mary Ann"`, `"last_name":"Lopez Garcia"`, `"taxonomy":"175T00000X"`, `"active":true`)
	list, err := ts.db.StaffList(t.Context(), f.Admin)
	if err != nil {
		t.Fatal(err)
	}
	var id string
	for _, s := range list {
		if s.Email == "mary@fixture.test" {
			id = strconv.FormatInt(s.ID, 10)
		}
	}
	res, out = apiDo(t, "PUT", u+"/"+id, admin, `{"name":"Mary Ann Lopez Garcia","first_name":"Mary Ann","last_name":"López García",
		"roles":["peer"],"active":true}`)
	if res.StatusCode != 200 || !strings.Contains(out, `"last_name":"López García"`) {
		t.Fatalf("change: %d %s", res.StatusCode, out)
	}
	if res, out := apiDo(t, "GET", u+"/"+id, admin, ""); res.StatusCode != 200 || !strings.Contains(out, `"email":"mary@fixture.test"`) {
		t.Fatalf("show: %d %s", res.StatusCode, out)
	}
	if res, out := apiDo(t, "GET", u, ts.token(t, f.Emails[goldthread.RoleSupervisor]), ""); res.StatusCode != 200 || !strings.Contains(out, `"last_name":"López García"`) {
		t.Errorf("supervisor listing: %d %s", res.StatusCode, out)
	}
	for _, role := range []goldthread.Role{goldthread.RoleBilling, goldthread.RolePeer} {
		if res, _ := apiDo(t, "PUT", u+"/"+id, ts.token(t, f.Emails[role]), `{"name":"x","roles":["peer"]}`); res.StatusCode != 403 {
			t.Errorf("%s changing staff: %d", role, res.StatusCode)
		}
	}
}

// TestProductionBatchRefusedOnTheBillingPage: with usage P and placeholder
// payer settings and rate, the billing page warns before anyone tries, and
// creating the batch is refused (422) naming each placeholder; the service
// stays on the worklist, its amount marked as priced by a placeholder rate.
func TestProductionBatchRefusedOnTheBillingPage(t *testing.T) {
	db := storetest.OpenSQLite(t)
	ts := billableServer(t, db)
	f := ts.f
	ctx := t.Context()
	if err := db.SetProgramBilling(ctx, f.Billing, goldthread.ProgramBilling{ProgramID: f.Program.ID, PayerName: "NC Medicaid", PayerID: "NCMCD",
		ReceiverName: "NC Tracks", ReceiverID: "NCTRACKS", SenderID: "FIX01", InterchangeReceiverID: "NCTRACKS", SubmitterID: "FIX01",
		ContactPhone: "8285550100", Usage: "P", Placeholder: true}); err != nil {
		t.Fatal(err)
	}
	if err := db.SetBillingRate(ctx, f.Billing, goldthread.BillingRate{ProgramID: f.Program.ID, Procedure: "H0038", CentsPerUnit: 1197,
		Placeholder: true, EffectiveFrom: goldthread.NewDate(2026, 1, 1)}); err != nil {
		t.Fatal(err)
	}
	bill := ts.signIn(t, f.Emails[goldthread.RoleBilling])
	pid := strconv.FormatInt(f.Program.ID, 10)
	_, body := get(t, bill, ts.URL+"/billing?program="+pid+"&from=2026-03-01&to=2026-03-31")
	wantIn(t, "worklist", body, "Production files (usage P): a batch is refused", "payer settings of NC peer support are marked placeholder",
		"individual rate of H0038 in effect from 2026-01-01 is a placeholder", "⚠ placeholder rate")
	res, body := postForm(t, bill, ts.URL+"/billing/batches", url.Values{"program": {pid}, "from": {"2026-03-01"}, "to": {"2026-03-31"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("production batch with placeholders: %d", res.StatusCode)
	}
	wantIn(t, "refused batch", body, `role="alert"`, "a production file is not made while placeholders remain", "set the usage to T")
	if wl, err := db.BillableServices(ctx, f.Billing, f.Program.ID, goldthread.NewDate(2026, 3, 1), goldthread.NewDate(2026, 3, 31)); err != nil || len(wl.Ready) != 1 {
		t.Fatalf("the service left the worklist: %v %+v", err, wl)
	}
}
