package web_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/goldthread/goldthread/internal/x12"
)

// TestBrowserAgencyFromScratch is issue 14's proof, on 360 px phones: an
// empty database served as `goldthread serve` serves one (a setup code, no
// demo) becomes an agency that bills Medi-Cal. Ines creates the agency and
// herself as its administrator, then sets it up (billing identity,
// program, payer settings and rate, staff with first passwords, the
// peer's CMPSS); Marta the supervisor registers Luis Ortega; Jamal the
// peer writes the plan with him, Luis signs it on Jamal's phone, Jamal
// signs, Dr. Shah (the licensed professional Medi-Cal plans need) signs
// and records the diagnosis claims carry; Jamal writes and signs a video
// note with the form's own times; Marta approves it; Ben in billing makes
// the batch and gets the 837P file, which is read back here (and written
// where GOLDTHREAD_E2E_837 says, for .ci/run's outside checker).
// Everything goes through the pages, each person on their own phone;
// every page passes axe and fits the screen. The taps of each part are
// counted and logged.
func TestBrowserAgencyFromScratch(t *testing.T) {
	bin, axe := needBrowser(t)
	const code = "HJKM-NPQR-STUV"
	ts, db := emptyServer(t, code)
	db.Now = oneAgencyDay(time.Now)
	today := db.Now().In(pacific)
	j := newJourney(t, bin, axe, ts.URL)

	j.on("Ines")
	j.part("first run")
	j.step("the setup page", j.open("/setup"), chromedp.WaitVisible(chromedp.ID("setup_code")))
	j.fill("setup_code", strings.ToLower(code))
	j.fill("name", "Golden State Peer Partners")
	j.fill("slug", "golden-state")
	j.choose("time_zone", "Pacific")
	j.fill("admin_name", "Ines Navarro")
	j.fill("email", "ines@goldenstate.example")
	j.fill("password", adminPassword)
	j.step("agency created", j.button("Create the agency"), status("The agency is set up"))
	j.taps++ // the sign-in submit below
	j.step("signed in", chromedp.SendKeys(chromedp.ID("password"), adminPassword), chromedp.Submit(chromedp.ID("password")),
		chromedp.WaitVisible(chromedp.ID("setup-checklist-title")))
	j.sees("Setting up the agency", "Enter the agency's billing identity")

	j.part("administrator: billing identity")
	j.step("billing identity", j.link("Enter the agency's billing identity"), chromedp.WaitVisible(chromedp.ID("legal_name")))
	j.fill("legal_name", legalName)
	j.fill("npi", billingNPI)
	j.fill("tax_id", "94-3187265")
	j.fill("taxonomy", "251S00000X")
	j.fill("address.line1", "1020 K Street, Suite 400")
	j.fill("address.city", "Sacramento")
	j.fill("address.state", "CA")
	j.fill("address.postal_code", "95814-3904")
	j.untick("placeholder")
	j.step("billing identity saved", j.button("Save billing identity"), status("Billing identity saved."))

	j.part("administrator: program, payer settings, rate")
	j.step("add a program", j.nav("Today"), j.link("Add the programs"), chromedp.WaitVisible(chromedp.ID("name")))
	j.fill("name", "Medi-Cal Peer Support")
	j.do(j.tap(`//input[@name="rule_pack"][@value="us-ca-medi-cal-peer-support"]`))
	j.step("program added", j.button("Add a program"), chromedp.WaitVisible(chromedp.Search(`//strong[.="Medi-Cal Peer Support"]`)))
	j.step("payer settings", j.link("Payer settings and rates"), chromedp.WaitVisible(chromedp.ID("payer_name")))
	j.fill("payer_name", "Sacramento County Behavioral Health")
	j.fill("payer_id", "SACBH")
	j.fill("receiver_name", "Sacramento County Behavioral Health")
	j.fill("receiver_id", "SACBH")
	j.fill("sender_id", "GOLDENSTATE01")
	j.fill("interchange_receiver_id", "SACBH")
	j.fill("submitter_id", "GOLDENSTATE01")
	j.fill("contact_name", "Ines Navarro")
	j.fill("contact_phone", "916-555-0142")
	j.untick("settings-placeholder")
	j.step("payer settings saved", j.button("Save payer settings"), status("Payer settings saved."))
	j.fill("procedure", "H0038")
	j.fill("rate", "42.50")
	j.untick("rate-placeholder")
	j.step("rate saved", j.button("Save the rate"), status("Rate saved: H0038"))
	j.sees("$42.50 per unit")

	j.part("administrator: staff")
	j.step("add staff", j.nav("Today"), j.link("Add peer specialists"), chromedp.WaitVisible(chromedp.ID("first_name")))
	for i, m := range team {
		if i > 0 {
			j.step("add "+m.first, j.nav("Staff"), j.link("Add a staff member"), chromedp.WaitVisible(chromedp.ID("first_name")))
		}
		j.fill("name", m.first+" "+m.last)
		j.fill("first_name", m.first)
		j.fill("last_name", m.last)
		j.fill("email", m.email)
		j.fill("credential", m.credential)
		if m.npi != "" {
			j.fill("npi", m.npi)
		}
		for _, role := range m.roles {
			j.do(j.tap(`//input[@name="roles"][@value="` + role + `"]`))
		}
		if m.supervisor != "" {
			j.choose("supervisor_id", m.supervisor)
		}
		j.fill("password", m.password)
		j.step(m.first+" added", j.button("Add staff member"), status("Staff member added."))
		if m.certificate == "" {
			continue
		}
		j.step(m.first+"'s credentials", j.link("Credentials and training"), chromedp.WaitVisible(chromedp.ID("number")))
		j.choose("type", m.credential)
		j.fill("number", m.certificate)
		j.fill("issuer", "CalMHSA")
		j.date("issued_on", today.AddDate(-1, 0, 0))
		j.date("expires_on", today.AddDate(1, 0, 0))
		j.step(m.first+"'s certification added", j.button("Add credential"), status("Credential added."))
		j.sees("Valid", "Verified by Ines Navarro") // an administrator's entry is her check
	}
	j.step("Today, set up", j.nav("Today"), heading("Hello"))
	j.sees("Done: Record each peer specialist's certification", "(1 of 1 peer)")
	j.done()

	j.on("Marta")
	j.part("supervisor: intake")
	j.signIn(marta.email, marta.password)
	j.step("intake", j.nav("Participants"), j.link("Register a participant"), chromedp.WaitVisible(chromedp.ID("first_name")))
	j.fill("first_name", "Luis")
	j.fill("last_name", "Ortega")
	j.date("birth_date", time.Date(1988, 4, 12, 0, 0, 0, 0, time.UTC))
	j.fill("medicaid_id", "91234567A")
	j.fill("phone", "916-555-0199")
	j.fill("line1", "2417 Fruitridge Road")
	j.fill("city", "Sacramento")
	j.fill("state", "CA")
	j.fill("postal_code", "95822")
	j.choose("peer_id", "Jamal Carter")
	j.step("registered", j.button("Register and enrol"), status("Registered, enrolled"))

	j.on("Jamal")
	j.part("peer: plan")
	j.signIn(jamal.email, jamal.password)
	j.step("Luis's record", j.nav("Participants"), j.link("Luis Ortega"), heading("Luis Ortega"))
	j.step("plan form", j.link("Write a plan"), chromedp.WaitVisible(chromedp.ID("g0-words")))
	j.fill("g0-words", "I want to get back to work at the nursery by spring.")
	j.fill("g0-summary", "Return to work")
	j.fill("g0-i0-desc", "Practice the job interview together")
	j.fill("g0-i0-freq", "Weekly")
	j.step("draft saved", j.button("Save the draft"), chromedp.WaitVisible(chromedp.ID("signatures-title")))
	j.fill("sign-name", "Luis Ortega")
	j.step("Luis signs on Jamal's phone", j.button("Sign as the participant"), status("Signature saved."),
		signature("Participant: Luis Ortega"))
	j.fill("sign-password-peer", jamal.password)
	j.step("Jamal signs", j.button("Sign as the peer specialist"), status("Signature saved."), signature("Peer specialist: Jamal Carter"))
	j.sees("Still to sign: Licensed professional.")
	j.done()

	j.on("Priya")
	j.part("clinician: plan")
	j.signIn(priya.email, priya.password)
	j.step("Luis's record", j.nav("Participants"), j.link("Luis Ortega"), heading("Luis Ortega"))
	j.step("the plan", j.link("Version 1"), chromedp.WaitVisible(chromedp.ID("signatures-title")))
	j.fill("sign-password-clinician", priya.password)
	j.step("Dr. Shah signs", j.button("Sign as the licensed professional"), status("Everyone has signed"),
		signature("Licensed professional: Priya Shah"))
	j.sees("Signed, in force")
	j.step("eligibility", j.link("Back to Luis Ortega"), j.link("Eligibility"), chromedp.WaitVisible(chromedp.ID("diagnoses-title")))
	j.do(j.tap(`//summary[.="Add a diagnosis"]`))
	j.fill("code", "F33.1")
	j.fill("description", "Major depressive disorder, recurrent, moderate")
	j.date("since", today.AddDate(0, -2, 0))
	j.do(j.tap(`//input[@name="primary"]`))
	j.step("diagnosis recorded", j.tap(`//section[@aria-labelledby="diagnoses-title"]//button[.="Save"]`),
		chromedp.WaitVisible(chromedp.Search(`//section[@aria-labelledby="diagnoses-title"]//code[.="F33.1"]`)))

	j.on("Jamal")
	j.part("peer: note")
	j.step("Luis's record again", j.nav("Participants"), j.link("Luis Ortega"), heading("Luis Ortega"))
	j.step("note form", j.tap(`//a[@id="new-note"]`), chromedp.WaitVisible(chromedp.ID("note-form")))
	j.choose("modality", "Video")
	j.do(j.tap(`//input[@name="category"][@value="therapeutic_activity"]`), j.tap(`//input[@name="goals"]`))
	j.fill("peer_action", "We practiced answering interview questions over video and wrote down three strengths.")
	j.fill("participant_response", `Luis said "I felt calmer the second time through."`)
	j.fill("next_steps", "Apply to two nurseries before next week's visit.")
	j.step("sign page", j.tap(`//button[@id="save-sign"]`), chromedp.WaitVisible(chromedp.ID("sign-button")))
	j.do(j.tap(`//input[@id="attest"]`))
	j.fill("password", jamal.password)
	j.step("note signed", j.tap(`//button[@id="sign-button"]`), chromedp.WaitVisible(chromedp.ID("note-locked")))

	j.on("Marta")
	j.part("supervisor: approval")
	j.step("review queue", j.nav("Review"), chromedp.WaitVisible(chromedp.ID("approve-selected")))
	j.do(j.tap(`//input[@name="note_ids"]`))
	j.fill("password", marta.password)
	j.step("approved", j.tap(`//button[@id="approve-selected"]`), status("Approved 1 note"))

	j.on("Ben")
	j.part("billing: batch and file")
	j.signIn(ben.email, ben.password)
	j.step("billing", j.nav("Billing"), chromedp.WaitVisible(chromedp.ID("bl-ready-title")))
	j.sees("1 ready")
	j.step("batch made", j.button("Create the batch"), status("The batch was created."))
	file := j.download("Download 837P")
	j.done()
	j.axeRuns()
	for _, p := range j.tapsByPart {
		t.Log(p)
	}
	if out := os.Getenv("GOLDTHREAD_E2E_837"); out != "" {
		// .ci/run hands this file to the outside 837P checker.
		if err := os.WriteFile(out, []byte(file), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	checkScratchClaim(t, file)
}

// checkScratchClaim reads the 837P file back: one claim of one video line
// (H0038 with modifier 95), billed under the identity Ines typed, for
// Luis's CIN, rendered by Jamal as his names were typed on the staff page.
func checkScratchClaim(t *testing.T, file string) {
	t.Helper()
	doc, err := x12.Parse(strings.NewReader(file))
	if err != nil {
		t.Fatalf("the 837P file does not parse: %v\n%s", err, file)
	}
	if err := doc.VerifyEnvelope(); err != nil {
		t.Errorf("envelope: %v", err)
	}
	if n := len(doc.Find("CLM")); n != 1 {
		t.Errorf("%d claims; want 1", n)
	}
	lines := doc.Find("SV1")
	if len(lines) != 1 {
		t.Fatalf("%d service lines; want 1:\n%s", len(lines), file)
	}
	if code, mod := lines[0].Component(1, 2), lines[0].Component(1, 3); code != "H0038" || mod != "95" {
		t.Errorf("the line bills %s with modifier %q; want H0038 with 95 (video)", code, mod)
	}
	nm1 := map[string]x12.Segment{}
	for _, s := range doc.Find("NM1") {
		nm1[s.Element(1)] = s
	}
	for _, c := range []struct{ what, got, want string }{
		{"billing provider NPI", nm1["85"].Element(9), billingNPI},
		{"billing provider name", nm1["85"].Element(3), strings.ToUpper(legalName)},
		{"subscriber id", nm1["IL"].Element(9), "91234567A"},
		{"rendering provider last name", nm1["82"].Element(3), strings.ToUpper(jamal.last)},
		{"rendering provider first name", nm1["82"].Element(4), strings.ToUpper(jamal.first)},
		{"rendering provider NPI", nm1["82"].Element(9), jamal.npi},
	} {
		if c.got != c.want {
			t.Errorf("%s: %q; want %q", c.what, c.got, c.want)
		}
	}
}

// signature waits for the plan's signature list to name who signed.
func signature(who string) chromedp.Action[chromedp.Void] {
	return chromedp.WaitVisible(chromedp.Search(`//section[@aria-labelledby="signatures-title"]//li[contains(., "` + who + `")]`))
}

// pacific is the agency's clock.
var pacific, _ = time.LoadLocation("America/Los_Angeles")

// oneAgencyDay is the server's clock for a journey starting now: now,
// read two hours earlier when the journey starts within ten minutes before
// or an hour after midnight on the agency's clock, so that all of it falls
// on one agency day. (Just after midnight the note form rightly proposes
// last evening, a day before Luis was enrolled.)
func oneAgencyDay(now func() time.Time) func() time.Time {
	var shift time.Duration
	if h, m, _ := now().In(pacific).Clock(); h == 0 || (h == 23 && m >= 50) {
		shift = -2 * time.Hour
	}
	return func() time.Time { return now().Add(shift) }
}

const (
	adminPassword = "sunrise over the delta 2026"
	billingNPI    = "1647382914" // a type 2 NPI with a valid check digit
	legalName     = "Golden State Peer Partners, Inc."
)

// member is a staff account the administrator adds.
type member struct {
	first, last, email, credential string
	npi                            string // their own NPI, when they render billed services
	certificate                    string // the number of their certification, recorded on their credentials page
	roles                          []string
	supervisor                     string // the supervisor's full name, when they have one
	password                       string // the first password, handed over in person
}

var (
	marta = member{"Marta", "Ruiz", "marta@goldenstate.example", "CMPSS", "", "", []string{"supervisor"}, "", "marta first password 2026"}
	jamal = member{"Jamal", "Carter", "jamal@goldenstate.example", "CMPSS", "1935820476", "CMPSS-2025-04417", []string{"peer"}, "Marta Ruiz", "jamal first password 2026"}
	priya = member{"Priya", "Shah", "priya@goldenstate.example", "LCSW", "", "", []string{"clinician"}, "", "priya first password 2026"}
	ben   = member{"Ben", "Okafor", "ben@goldenstate.example", "", "", "", []string{"billing"}, "", "ben first password 2026"}
	// team is the staff the administrator adds, the supervisor first
	// since the peer's form names her.
	team = []member{marta, jamal, priya, ben}
)
