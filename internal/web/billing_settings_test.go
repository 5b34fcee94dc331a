package web_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/x12"
)

// billableServer is noteServer with everything a claim needs except the
// program's payer settings and rates: the agency's tax id and address,
// Marcus's address, diagnosis, service order and authorization, the peer's
// NPI and verified CPSS, and one signed, approved 45-minute service on
// March 10, 2026.
func billableServer(t *testing.T, db *store.DB) *testServer {
	t.Helper()
	ctx := context.Background()
	ts, plan := noteServer(t, db)
	f := ts.f
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("billable fixture: %v", err)
		}
	}
	_, err := db.ExecRaw(ctx, `UPDATE agency SET tax_id = ?, taxonomy = ?, addr_line1 = ?, addr_city = ?, addr_state = ?, addr_postal = ?
		WHERE id = ?`, "56-1234567", "251S00000X", "12 Main St", "Asheville", "NC", "28801-1234", f.Agency.ID)
	must(err)
	_, err = db.ExecRaw(ctx, `UPDATE participant SET addr_line1 = ?, addr_city = ?, addr_state = ?, addr_postal = ?, gender = ?
		WHERE agency_id = ?`, "4 Elm St", "Asheville", "NC", "28803", "M", f.Agency.ID)
	must(err)
	_, err = db.ExecRaw(ctx, "UPDATE app_user SET npi = ? WHERE id = ?", "1245319599", f.Peer.UserID)
	must(err)
	must(db.AddDiagnosis(ctx, f.Clinician, &goldthread.Diagnosis{ParticipantID: f.Mine.ID, Code: "F33.1", Primary: true,
		Since: goldthread.NewDate(2026, 1, 10)}))
	must(db.AddServiceOrder(ctx, f.Clinician, &goldthread.ServiceOrder{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID,
		Professional: "Cal Clinician", Credential: "LCSW", NPI: "1234567893", Signed: goldthread.NewDate(2026, 2, 1)}))
	must(db.AddAuthorization(ctx, f.Clinician, &goldthread.Authorization{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID,
		Payer: "NC Medicaid", Number: "PA-100", Start: goldthread.NewDate(2026, 2, 1), End: goldthread.NewDate(2026, 6, 30), UnitsAuthorized: 40}))
	_, err = db.AddCredential(ctx, f.Admin, f.Peer.UserID, store.CredentialInput{Type: "CPSS", Number: "C-1", Issuer: "NCCPSS",
		Issued: goldthread.NewDate(2025, 1, 15), Evidence: "certificate seen"})
	must(err)
	g := plan.Goals[0]
	n, err := db.CreateDraftNote(ctx, f.Peer, store.NoteInput{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID,
		ServiceDate: goldthread.NewDate(2026, 3, 10), Start: time.Date(2026, 3, 10, 13, 0, 0, 0, time.UTC),
		End: time.Date(2026, 3, 10, 13, 45, 0, 0, time.UTC), Location: "home", Modality: "in_person", Category: "peer_mentoring_coaching",
		Goals: []goldthread.NoteGoal{{GoalID: g.ID, InterventionID: g.Interventions[0].ID}}, PeerAction: "We practiced landlord calls.",
		ParticipantResponse: `Marcus said "I did the call myself."`, NextSteps: "Visit the apartment on Friday.", Billable: true})
	must(err)
	_, _, err = db.SignNote(ctx, f.Peer, n.ID, store.SignNoteInput{Password: storetest.Password, Attestation: "I attest.", Version: n.Version})
	must(err)
	_, err = db.ApproveNotes(ctx, f.Supervisor, []int64{n.ID}, storetest.Password)
	must(err)
	return ts
}

// goodSettings is a complete settings form as a biller fills it in.
func goodSettings() url.Values {
	return url.Values{"payer_name": {"NC Medicaid Direct"}, "payer_id": {"NCMCD9"}, "receiver_name": {"Carolina Clearinghouse"},
		"receiver_id": {"CCH-RECV"}, "sender_qualifier": {"30"}, "sender_id": {"561234567"}, "receiver_qualifier": {"ZZ"},
		"interchange_receiver_id": {"CCHISA08"}, "submitter_id": {"SUBM-77"}, "contact_name": {"Bo Billing"},
		"contact_phone": {"828-555-0177"}, "usage": {"P"}}
}

// TestBillingSettingsPage: billing staff configure a program's claims on
// one page — payer and file ids, then rates typed as money — see them back,
// get refusals beside the field with their typing kept, and the next claim
// file carries exactly what they saved. Auditors read; other roles and
// other agencies get nothing.
func TestBillingSettingsPage(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ts := billableServer(t, db)
		f := ts.f
		pid := strconv.FormatInt(f.Program.ID, 10)
		page, ratesURL := ts.URL+"/billing/programs/"+pid+"/settings", ts.URL+"/billing/programs/"+pid+"/rates"
		bill := ts.signIn(t, f.Emails[goldthread.RoleBilling])
		march := "?program=" + pid + "&from=2026-03-01&to=2026-03-31"
		today := goldthread.DateIn(db.Now(), time.UTC).String() // the fixture agency works in UTC

		t.Run("TheWorklistLeadsToTheSettings", func(t *testing.T) {
			_, body := get(t, bill, ts.URL+"/billing"+march)
			wantIn(t, "worklist", body, "claim.payer_settings", "claim.rate", `href="/billing/programs/`+pid+`/settings"`)
			_, body = get(t, bill, ts.URL+"/programs")
			wantIn(t, "programs page (billing)", body, `href="/billing/programs/`+pid+`/settings"`)
			_, body = get(t, ts.signIn(t, f.Emails[goldthread.RoleAdministrator]), ts.URL+"/programs")
			wantIn(t, "programs page (administrator)", body, `href="/billing/programs/`+pid+`/settings"`)
			if _, body := get(t, ts.signIn(t, f.Emails[goldthread.RoleSupervisor]), ts.URL+"/programs"); strings.Contains(body, "/billing/programs/") {
				t.Error("a supervisor is offered a page they may not open")
			}
			res, body := get(t, bill, page)
			if res.StatusCode != 200 {
				t.Fatalf("settings page: %d", res.StatusCode)
			}
			wantIn(t, "unconfigured page", body, "No payer settings yet", "No rates yet", `action="/billing/programs/`+pid+`/settings"`,
				`action="/billing/programs/`+pid+`/rates"`, `<option value="ZZ">ZZ: mutually defined</option>`, `value="T" checked`,
				"NM1*PR09", "ISA06", "ISA08", "NM1*40", "NM1*41", "(required)", "(optional)")
			if m := missingKey.FindString(body); m != "" {
				t.Errorf("message %s is missing from the catalog", m)
			}
		})

		t.Run("BillingSavesSettingsAndSeesThemBack", func(t *testing.T) {
			res, _ := postForm(t, bill, page, goodSettings())
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/billing/programs/"+pid+"/settings?saved=settings#settings" {
				t.Fatalf("save settings: %d %s", res.StatusCode, res.Header.Get("Location"))
			}
			_, body := get(t, bill, ts.URL+res.Header.Get("Location"))
			wantIn(t, "saved settings", body, "Payer settings saved.", `value="NCMCD9"`, `value="Carolina Clearinghouse"`, `value="CCHISA08"`,
				`<option value="30" selected>`, `value="P" checked`, `value="828-555-0177"`)
			if strings.Contains(body, "No payer settings yet") || strings.Contains(body, "placeholders") {
				t.Error("saved, confirmed settings still show as missing or placeholder")
			}
		})

		t.Run("BillingSavesARateTypedAsMoney", func(t *testing.T) {
			// The program's first rate may start on a day already past:
			// nothing was priced before it.
			res, _ := postForm(t, bill, ratesURL, url.Values{"procedure": {" h0038 "}, "kind": {"individual"}, "rate": {"$18.52"},
				"source": {"NC Medicaid fee schedule 2026"}, "effective_from": {"2026-01-01"}})
			if res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "#rates") {
				t.Fatalf("save rate: %d %s", res.StatusCode, res.Header.Get("Location"))
			}
			_, body := get(t, bill, ts.URL+res.Header.Get("Location"))
			wantIn(t, "saved rate", body, "Rate saved: H0038 Individual at $18.52 per unit from Thu, Jan 1, 2026.",
				"<strong>H0038</strong> · Individual · $18.52 per unit", "In effect today, since Thu, Jan 1, 2026", "Source: NC Medicaid fee schedule 2026")
			_, rates, _, err := db.ProgramBillingSettings(ctx, f.Billing, f.Program.ID)
			if err != nil || len(rates) != 1 || rates[0].CentsPerUnit != 1852 || rates[0].Group || rates[0].EffectiveFrom.String() != "2026-01-01" {
				t.Fatalf("stored rates: %+v %v; want H0038 individual at 1852 cents from 2026-01-01", rates, err)
			}
			// Change opens the form with the rate as money taking effect
			// today, and saving it unchanged adds today's rate to the history.
			_, body = get(t, bill, page+"?change=H0038&kind=individual&from=2026-01-01")
			wantIn(t, "change form", body, `id="procedure" name="procedure" type="text" value="H0038"`, `id="rate" name="rate" type="text" value="$18.52"`,
				`id="effective_from" name="effective_from" type="date" value="`+today+`"`)
			if res, _ := postForm(t, bill, ratesURL, url.Values{"procedure": {"H0038"}, "kind": {"individual"}, "rate": {"$18.52"},
				"effective_from": {today}}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("saving the rate as shown: %d", res.StatusCode)
			}
			_, body = get(t, bill, page)
			wantIn(t, "rate history", body, "Earlier and scheduled rates (1)", "from Thu, Jan 1, 2026 until")
		})

		t.Run("PlaceholdersAreMarked", func(t *testing.T) {
			if res, _ := postForm(t, bill, ratesURL, url.Values{"procedure": {"H0038"}, "kind": {"group"}, "rate": {"2.88"}, "placeholder": {"on"},
				"effective_from": {"2026-01-01"}}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("save placeholder rate: %d", res.StatusCode)
			}
			_, body := get(t, bill, page)
			wantIn(t, "page with a placeholder rate", body, "Some values are placeholders.", `<li id="rate-H0038-group" class="cp-fact-unconfirmed">`, "⚠ Placeholder")
			if strings.Contains(body, `<li id="rate-H0038-individual" class="cp-fact-unconfirmed">`) {
				t.Error("a confirmed rate is marked as a placeholder")
			}
		})

		t.Run("ABadPayerIDComesBackBesideItsField", func(t *testing.T) {
			for _, bad := range []string{"", strings.Repeat("X", 81)} {
				form := goodSettings()
				form.Set("payer_id", bad)
				form.Set("receiver_name", "Typed Receiver")
				res, body := postForm(t, bill, page, form)
				if res.StatusCode != http.StatusUnprocessableEntity {
					t.Fatalf("payer id %q: %d", bad, res.StatusCode)
				}
				wantIn(t, "refused settings", body, `id="payer_id-error"`, "payer id agreed with the payer", `aria-invalid="true"`,
					`value="Typed Receiver"`, `value="CCHISA08"`, `<option value="30" selected>`, `value="P" checked`)
				if strings.Contains(body, `id="receiver_name-error"`) {
					t.Error("the error is beside the wrong field")
				}
			}
			b, _, _, _ := db.ProgramBillingSettings(ctx, f.Billing, f.Program.ID)
			if b.PayerID != "NCMCD9" || b.ReceiverName != "Carolina Clearinghouse" {
				t.Errorf("a refused form changed the settings: %+v", b)
			}
		})

		t.Run("ABadRateComesBackBesideItsField", func(t *testing.T) {
			for rate, says := range map[string]string{"18.525": "at most two decimals", "-5": "cannot be negative", "abc": "dollars and cents, such as 18.52",
				"18,52": "dollars and cents", "": "dollars and cents"} {
				res, body := postForm(t, bill, ratesURL, url.Values{"procedure": {"H0025"}, "kind": {"group"}, "rate": {rate}, "source": {"typed source"},
					"effective_from": {today}})
				if res.StatusCode != http.StatusUnprocessableEntity {
					t.Fatalf("rate %q: %d", rate, res.StatusCode)
				}
				wantIn(t, "refused rate "+rate, body, `id="rate-error"`, says, `value="H0025"`, `value="typed source"`, `value="group" checked`)
				if rate != "" {
					wantIn(t, "refused rate "+rate, body, `id="rate" name="rate" type="text" value="`+rate+`"`)
				}
			}
			res, body := postForm(t, bill, ratesURL, url.Values{"procedure": {"H38"}, "kind": {"individual"}, "rate": {"10"}, "effective_from": {today}})
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("bad code: %d", res.StatusCode)
			}
			wantIn(t, "refused code", body, `id="procedure-error"`, "five-character")
			// A new rate never re-prices a day already priced: the March 10
			// service keeps $18.52.
			res, body = postForm(t, bill, ratesURL, url.Values{"procedure": {"H0038"}, "kind": {"individual"}, "rate": {"20.00"},
				"effective_from": {"2026-03-01"}})
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("back-dated rate: %d", res.StatusCode)
			}
			wantIn(t, "back-dated rate", body, `id="effective_from-error"`, "already priced", `value="20.00"`, `value="2026-03-01"`)
			if _, rates, _, _ := db.ProgramBillingSettings(ctx, f.Billing, f.Program.ID); len(rates) != 3 {
				t.Errorf("refused rates were saved: %+v", rates)
			}
		})

		t.Run("OtherRolesAreRefused", func(t *testing.T) {
			for _, role := range []goldthread.Role{goldthread.RolePeer, goldthread.RoleSupervisor, goldthread.RoleClinician, goldthread.RoleParticipant} {
				c := ts.signIn(t, f.Emails[role])
				if res, _ := get(t, c, page); res.StatusCode != http.StatusForbidden {
					t.Errorf("%s opening the page: %d", role, res.StatusCode)
				}
				if res, _ := postForm(t, c, ratesURL, url.Values{"procedure": {"H0038"}, "kind": {"individual"}, "rate": {"1"}}); res.StatusCode != http.StatusForbidden {
					t.Errorf("%s saving a rate: %d", role, res.StatusCode)
				}
			}
		})

		t.Run("AnAuditorReadsWithoutForms", func(t *testing.T) {
			audit := ts.signIn(t, f.Emails[goldthread.RoleAuditor])
			res, body := get(t, audit, page)
			if res.StatusCode != 200 {
				t.Fatalf("auditor: %d", res.StatusCode)
			}
			wantIn(t, "auditor's page", body, "NCMCD9", "CCHISA08", "$18.52 per unit", "You can read these settings")
			if strings.Contains(body, "<form method=\"post\" action=\"/billing/") || strings.Contains(body, "?change=") {
				t.Error("an auditor is offered a form")
			}
			if res, _ := postForm(t, audit, page, goodSettings()); res.StatusCode != http.StatusForbidden {
				t.Errorf("auditor saving: %d", res.StatusCode)
			}
		})

		t.Run("AnAdministratorChangesThem", func(t *testing.T) {
			admin := ts.signIn(t, f.Emails[goldthread.RoleAdministrator])
			res, body := get(t, admin, page)
			wantIn(t, "administrator's page", body, `action="/billing/programs/`+pid+`/rates"`, `href="/programs#program-`+pid+`"`)
			if res.StatusCode != 200 {
				t.Fatalf("administrator: %d", res.StatusCode)
			}
			if res, _ := postForm(t, admin, page, goodSettings()); res.StatusCode != http.StatusSeeOther {
				t.Errorf("administrator saving: %d", res.StatusCode)
			}
		})

		t.Run("AnotherAgencysProgramIsNotFound", func(t *testing.T) {
			far := goldthread.Program{AgencyID: f.Foreign.AgencyID, Name: "Elsewhere", RulePack: "us-nc-medicaid-8g-pss", State: "NC"}
			if err := db.CreateProgram(ctx, &far); err != nil {
				t.Fatal(err)
			}
			base := ts.URL + "/billing/programs/" + strconv.FormatInt(far.ID, 10)
			if res, body := get(t, bill, base+"/settings"); res.StatusCode != http.StatusNotFound || strings.Contains(body, "Elsewhere") {
				t.Errorf("another agency's program: %d", res.StatusCode)
			}
			bad := goodSettings()
			bad.Set("payer_id", "")
			for _, form := range []url.Values{goodSettings(), bad} {
				if res, _ := postForm(t, bill, base+"/settings", form); res.StatusCode != http.StatusNotFound {
					t.Errorf("saving another agency's settings: %d", res.StatusCode)
				}
			}
			if res, _ := postForm(t, bill, base+"/rates", url.Values{"procedure": {"H0038"}, "kind": {"individual"}, "rate": {"1"}}); res.StatusCode != http.StatusNotFound {
				t.Errorf("saving another agency's rate: %d", res.StatusCode)
			}
			if _, _, ok, _ := db.ProgramBillingSettings(ctx, goldthread.Actor{UserID: 1, AgencyID: far.AgencyID, Roles: []goldthread.Role{goldthread.RoleBilling}}, far.ID); ok {
				t.Error("another agency's program got settings")
			}
		})

		t.Run("TheClaimFileCarriesWhatWasSaved", func(t *testing.T) {
			// Saved unticked, the settings are no longer placeholders and nothing blocks the service.
			wl, err := db.BillableServices(ctx, f.Billing, f.Program.ID, goldthread.NewDate(2026, 3, 1), goldthread.NewDate(2026, 3, 31))
			if err != nil || len(wl.Ready) != 1 {
				t.Fatalf("worklist: %v; ready %d, blocked %+v", err, len(wl.Ready), wl.Blocked)
			}
			sv := wl.Ready[0]
			if sv.RateCents != 1852 || sv.ChargeCents != 1852*int64(sv.Units) {
				t.Fatalf("the service is charged %d cents a unit (%d in all); want the saved 1852", sv.RateCents, sv.ChargeCents)
			}
			res, _ := postForm(t, bill, ts.URL+"/billing/batches", url.Values{"program": {pid}, "from": {"2026-03-01"}, "to": {"2026-03-31"}})
			loc := res.Header.Get("Location")
			if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/claims?batch=") {
				t.Fatalf("create batch: %d %s", res.StatusCode, loc)
			}
			batch := strings.TrimSuffix(strings.TrimPrefix(loc, "/claims?batch="), "&created=1")
			res, file := postForm(t, bill, ts.URL+"/billing/batches/"+batch+"/837", nil)
			if res.StatusCode != 200 {
				t.Fatalf("download: %d", res.StatusCode)
			}
			doc, err := x12.Parse(bytes.NewReader([]byte(file)))
			if err != nil {
				t.Fatalf("parse the 837P: %v\n%s", err, file)
			}
			isa := doc.Find("ISA")[0]
			if got := [...]string{isa.Element(5), strings.TrimSpace(isa.Element(6)), isa.Element(7), strings.TrimSpace(isa.Element(8)), isa.Element(15)}; got != [...]string{"30", "561234567", "ZZ", "CCHISA08", "P"} {
				t.Errorf("ISA05–08, 15 = %q", got)
			}
			gs := doc.Find("GS")[0]
			if gs.Element(2) != "561234567" || gs.Element(3) != "CCHISA08" {
				t.Errorf("GS = %s", gs)
			}
			nm1 := map[string]x12.Segment{}
			for _, s := range doc.Find("NM1") {
				nm1[s.Element(1)] = s
			}
			// The agency submits under its legal name (its billing identity).
			for entity, want := range map[string][2]string{"41": {"Fixture Peer Services, Inc.", "SUBM-77"}, "40": {"Carolina Clearinghouse", "CCH-RECV"},
				"PR": {"NC Medicaid Direct", "NCMCD9"}} {
				// The writer upper-cases names, as many payers require.
				if s := nm1[entity]; !strings.EqualFold(s.Element(3), want[0]) || s.Element(9) != want[1] {
					t.Errorf("NM1*%s = %s; want name %q and id %q", entity, s, want[0], want[1])
				}
			}
			if per := doc.Find("PER"); len(per) == 0 || !strings.EqualFold(per[0].Element(2), "Bo Billing") || !strings.Contains(per[0].String(), "8285550177") {
				t.Errorf("PER = %v", per)
			}
			if sv1 := doc.Find("SV1"); len(sv1) != 1 || sv1[0].Element(2) != x12.Money(sv.ChargeCents).String() {
				t.Errorf("SV1 = %v; want the charge %d cents", sv1, sv.ChargeCents)
			}
		})
	})
}

// TestBillingSettingsAPI: the same settings and rates by script — read by
// auditors, written by billing with the store's field errors, nothing for
// other roles or agencies.
func TestBillingSettingsAPI(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	f := ts.f
	u := ts.URL + "/api/v1/programs/" + strconv.FormatInt(f.Program.ID, 10) + "/billing"
	bill, audit := ts.token(t, f.Emails[goldthread.RoleBilling]), ts.token(t, f.Emails[goldthread.RoleAuditor])
	if res, body := apiDo(t, "GET", u, audit, ""); res.StatusCode != 200 || body != `{"program_id":`+strconv.FormatInt(f.Program.ID, 10)+`,"configured":false,"settings":null,"rates":[]}`+"\n" {
		t.Fatalf("unconfigured: %d %s", res.StatusCode, body)
	}
	settings := `{"payer_name":"NC Medicaid","payer_id":" NCMCD ","receiver_name":"NC Tracks","receiver_id":"NCTRACKS","sender_id":"FIX01",
		"interchange_receiver_id":"NCTRACKS","submitter_id":"FIX01","contact_phone":"8285550100","usage":"T","placeholder":true}`
	res, body := apiDo(t, "PUT", u, bill, settings)
	if res.StatusCode != 200 {
		t.Fatalf("put settings: %d %s", res.StatusCode, body)
	}
	wantIn(t, "saved settings", body, `"configured":true`, `"payer_id":"NCMCD"`, `"sender_qualifier":"ZZ"`, `"placeholder":true`)
	if res, body := apiDo(t, "PUT", u, bill, strings.Replace(settings, `" NCMCD "`, `""`, 1)); res.StatusCode != 422 || !strings.Contains(body, `"field":"payer_id"`) {
		t.Errorf("empty payer id: %d %s", res.StatusCode, body)
	}
	res, body = apiDo(t, "PUT", u+"/rates", bill, `{"procedure":"H0038","group":true,"cents_per_unit":288,"source":"fee schedule"}`)
	if res.StatusCode != 200 || !strings.Contains(body, `"rates":[{"program_id":`) || !strings.Contains(body, `"cents_per_unit":288`) {
		t.Fatalf("put rate: %d %s", res.StatusCode, body)
	}
	if res, body := apiDo(t, "PUT", u+"/rates", bill, `{"procedure":"H0038","cents_per_unit":-1}`); res.StatusCode != 422 || !strings.Contains(body, `"field":"rate"`) {
		t.Errorf("negative rate: %d %s", res.StatusCode, body)
	}
	// A change takes effect on effective_from and ends the rate before it;
	// a day already priced, or no day at all once a rate exists, is refused.
	for _, bad := range []string{`"effective_from":"2026-01-01",`, ``, `"effective_from":null,`} {
		res, body := apiDo(t, "PUT", u+"/rates", bill, `{"procedure":"H0038","group":true,`+bad+`"cents_per_unit":300}`)
		if res.StatusCode != 422 || !strings.Contains(body, `"field":"effective_from"`) {
			t.Errorf("rate with %q: %d %s", bad, res.StatusCode, body)
		}
	}
	res, body = apiDo(t, "PUT", u+"/rates", bill, `{"procedure":"H0038","group":true,"effective_from":"2099-07-01","cents_per_unit":300}`)
	wantIn(t, "scheduled rate", body, `"cents_per_unit":288,"placeholder":false,"source":"fee schedule","effective_from":null,"effective_to":"2099-06-30"`,
		`"cents_per_unit":300,"placeholder":false,"source":"","effective_from":"2099-07-01","effective_to":null`)
	if res.StatusCode != 200 {
		t.Fatalf("scheduled rate: %d", res.StatusCode)
	}
	if res, _ := apiDo(t, "PUT", u, audit, settings); res.StatusCode != 403 {
		t.Errorf("auditor writing: %d", res.StatusCode)
	}
	if res, _ := apiDo(t, "GET", u, ts.token(t, f.Emails[goldthread.RolePeer]), ""); res.StatusCode != 403 {
		t.Errorf("peer reading: %d", res.StatusCode)
	}
	if res, _ := apiDo(t, "GET", ts.URL+"/api/v1/programs/999999/billing", bill, ""); res.StatusCode != 404 {
		t.Errorf("unknown program: %d", res.StatusCode)
	}
}

// TestAuditorReachesBillingFromTheMenu: the auditor reads billing, so the
// menu offers it; a peer's menu does not.
func TestAuditorReachesBillingFromTheMenu(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	if _, body := get(t, ts.signIn(t, ts.f.Emails[goldthread.RoleAuditor]), ts.URL+"/today"); !strings.Contains(body, `href="/billing"`) {
		t.Error("the auditor's menu has no Billing")
	}
	if _, body := get(t, ts.signIn(t, ts.f.Emails[goldthread.RolePeer]), ts.URL+"/today"); strings.Contains(body, `href="/billing"`) {
		t.Error("a peer's menu offers Billing")
	}
}
