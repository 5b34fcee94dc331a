package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/demo"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// withPlanRecords gives the fixture's Marcus a signed plan with a crisis
// plan, eligibility, a consent, a care team and a review.
func withPlanRecords(t *testing.T, ts *testServer) goldthread.Plan {
	t.Helper()
	ctx, f, db := context.Background(), ts.f, ts.db
	pl := f.MustSignedPlan(t, db, f.SamplePlan(goldthread.NewDate(2026, 1, 10)))
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.AddAssessment(ctx, f.Clinician, &goldthread.Assessment{ParticipantID: f.Mine.ID, Assessed: goldthread.NewDate(2026, 1, 6), Summary: "CLINICAL-SUMMARY-TEXT"}))
	must(db.AddDiagnosis(ctx, f.Clinician, &goldthread.Diagnosis{ParticipantID: f.Mine.ID, Code: "F43.10", Description: "PTSD-DESCRIPTION", Primary: true, Since: goldthread.NewDate(2026, 1, 6)}))
	must(db.AddServiceOrder(ctx, f.Clinician, &goldthread.ServiceOrder{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID, Professional: "Cal Clinician", Credential: "LCSW", NPI: "1234567893", Signed: goldthread.NewDate(2026, 1, 8)}))
	must(db.AddAuthorization(ctx, f.Clinician, &goldthread.Authorization{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID, Payer: "NC Medicaid", Number: "PA-77", Start: goldthread.NewDate(2026, 1, 8), End: goldthread.NewDate(2026, 12, 31), UnitsAuthorized: 400, UnitsUsed: 40}))
	part2 := goldthread.Consent{ParticipantID: f.Mine.ID, Recipient: "Blue Ridge Health", Purpose: "Care coordination", Signed: goldthread.NewDate(2026, 2, 1), Expires: goldthread.NewDate(2027, 2, 1)}
	storetest.Part2Elements(&part2)
	must(db.AddConsent(ctx, f.Peer, &part2))
	must(db.AddCareTeamMember(ctx, f.Peer, &goldthread.CareTeamMember{ParticipantID: f.Mine.ID, Kind: goldthread.CareNatural, Relationship: "sister", Name: "A."}))
	must(db.AddPlanReview(ctx, f.Peer, pl.ID, &goldthread.PlanReview{Reviewed: goldthread.NewDate(2026, 4, 1), Outcome: goldthread.ReviewContinue}))
	return pl
}

func TestPlanPagesRender(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts := newTestServer(t, db)
		pl := withPlanRecords(t, ts)
		id, plan := strconv.FormatInt(ts.f.Mine.ID, 10), strconv.FormatInt(pl.ID, 10)
		draft, err := db.NewPlanVersion(context.Background(), ts.f.Peer, pl.ID, goldthread.Date{})
		if err != nil {
			t.Fatal(err)
		}
		all := []goldthread.Role{goldthread.RolePeer, goldthread.RoleSupervisor, goldthread.RoleClinician, goldthread.RoleAuditor, goldthread.RoleParticipant}
		writers := []goldthread.Role{goldthread.RolePeer, goldthread.RoleSupervisor, goldthread.RoleClinician}
		pages := map[string][]goldthread.Role{
			"/participants/" + id:                                        all,
			"/participants/" + id + "/crisis":                            all,
			"/plans/" + plan:                                             all,
			"/plans/" + strconv.FormatInt(draft.ID, 10):                  all,
			"/participants/" + id + "/plans/new":                         writers,
			"/plans/" + strconv.FormatInt(draft.ID, 10) + "/edit":        writers,
			"/plans/" + strconv.FormatInt(draft.ID, 10) + "/crisis/edit": writers,
			"/participants/" + id + "/eligibility":                       append(all, goldthread.RoleBilling),
			"/participants/" + id + "/consents":                          all,
			"/participants/" + id + "/careteam":                          all,
			"/participants/" + id + "/discharge":                         all,
			"/today":                                                     {goldthread.RolePeer, goldthread.RoleSupervisor},
		}
		for path, roles := range pages {
			for _, role := range roles {
				res, body := get(t, ts.signIn(t, ts.f.Emails[role]), ts.URL+path)
				if res.StatusCode != 200 || strings.Count(body, "<h1") != 1 {
					t.Errorf("%s as %s: %d", path, role, res.StatusCode)
				}
				if m := missingKey.FindString(body); m != "" {
					t.Errorf("%s as %s: message %s is missing from the catalog", path, role, m)
				}
			}
		}
		t.Run("CrisisPlanLinkNearTheTop", func(t *testing.T) {
			_, body := get(t, ts.signIn(t, ts.f.Emails[goldthread.RolePeer]), ts.URL+"/participants/"+id)
			crisis, thread := strings.Index(body, `href="/participants/`+id+`/crisis"`), strings.Index(body, `id="thread-title"`)
			if crisis < 0 || thread < 0 || crisis > thread {
				t.Fatal("no crisis plan link above the plan sections")
			}
		})
		t.Run("StaleGoalHasAWordedLabel", func(t *testing.T) {
			_, body := get(t, ts.signIn(t, ts.f.Emails[goldthread.RolePeer]), ts.URL+"/participants/"+id)
			if !strings.Contains(body, "No service toward this goal in the last 30 days") {
				t.Fatal("a goal with no service in 30 days does not stand out in words")
			}
		})
	})
}

func TestPeersCannotReadClinicalContentOverHTTP(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	withPlanRecords(t, ts)
	id := strconv.FormatInt(ts.f.Mine.ID, 10)
	secrets := []string{"CLINICAL-SUMMARY-TEXT", "F43.10", "PTSD-DESCRIPTION"}
	for _, role := range []goldthread.Role{goldthread.RolePeer, goldthread.RoleSupervisor} {
		_, page := get(t, ts.signIn(t, ts.f.Emails[role]), ts.URL+"/participants/"+id+"/eligibility")
		_, api := apiGet(t, ts.URL+"/api/v1/participants/"+id+"/eligibility", ts.token(t, ts.f.Emails[role]))
		for _, s := range secrets {
			if strings.Contains(page, s) || strings.Contains(api, s) {
				t.Errorf("%s reads %s", role, s)
			}
		}
		if !strings.Contains(page, "Diagnosis on file") || !strings.Contains(api, `"since":"2026-01-06"`) {
			t.Errorf("%s does not see that a diagnosis is on file", role)
		}
	}
	_, page := get(t, ts.signIn(t, ts.f.Emails[goldthread.RoleClinician]), ts.URL+"/participants/"+id+"/eligibility")
	for _, s := range secrets {
		if !strings.Contains(page, s) {
			t.Errorf("the clinician does not read %s", s)
		}
	}
}

func TestPlanFormsWorkWithoutJS(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	c := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
	id := strconv.FormatInt(ts.f.Mine.ID, 10)
	form := url.Values{"program_id": {strconv.FormatInt(ts.f.Program.ID, 10)}, "effective_date": {"2026-02-01"}, "review_due": {"2026-05-01"}}
	for g := 0; g < 3; g++ {
		form.Set("goals["+strconv.Itoa(g)+"].participant_words", "")
		for i := 0; i < 3; i++ {
			form.Set("goals["+strconv.Itoa(g)+"].interventions["+strconv.Itoa(i)+"].description", "")
		}
	}
	// The person filled goal slot 2 only, with an intervention but no words.
	form.Set("goals[1].interventions[0].description", "Call landlords together")
	t.Run("MissingGoalWordingShownBesideTheSlot", func(t *testing.T) {
		res, err := c.PostForm(ts.URL+"/participants/"+id+"/plans", form)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		body := string(b)
		if res.StatusCode != 422 || !strings.Contains(body, `id="g1-words" name="goals[1].participant_words" rows="3" aria-invalid="true" aria-describedby="g1-words-error"`) ||
			!strings.Contains(body, "Call landlords together") {
			t.Fatalf("%d; want the error beside goal 2's words and the typed intervention kept", res.StatusCode)
		}
	})
	form.Set("goals[1].participant_words", "I want my own place")
	var planURL string
	t.Run("SavedDraftShowsTheQuote", func(t *testing.T) {
		res, err := c.PostForm(ts.URL+"/participants/"+id+"/plans", form)
		if err != nil || res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%v %d", err, res.StatusCode)
		}
		planURL = strings.TrimSuffix(res.Header.Get("Location"), "?saved=1")
		_, body := get(t, c, ts.URL+planURL)
		if !strings.Contains(body, "<p>I want my own place</p>") || !strings.Contains(body, "requires a crisis plan") {
			t.Fatal("the plan page lacks the goal quote or the crisis plan requirement")
		}
	})
	t.Run("ErrSignWithoutCrisisPlan", func(t *testing.T) {
		res, _ := c.PostForm(ts.URL+planURL+"/sign", url.Values{"role": {"peer"}})
		if res.StatusCode != 422 {
			t.Fatalf("%d", res.StatusCode)
		}
	})
	post := func(wrapName string, wrap []byte) (*http.Response, string) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		for k, v := range map[string]string{"warning_signs": "Stops eating", "what_helps": "Music", "contacts": "Sister",
			"crisis_provider": "Mobile crisis", "crisis_provider_phone": "988"} {
			mw.WriteField(k, v)
		}
		fw, _ := mw.CreateFormFile("wrap", wrapName)
		fw.Write(wrap)
		mw.Close()
		res, err := c.Post(ts.URL+planURL+"/crisis", mw.FormDataContentType(), &buf)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		return res, string(b)
	}
	t.Run("ErrWRAPThatIsNotAPDFOrImage", func(t *testing.T) {
		res, body := post("wrap.pdf", []byte("<html>not a pdf</html>"))
		if res.StatusCode != 422 || !strings.Contains(body, `id="wrap-error"`) {
			t.Fatalf("%d", res.StatusCode)
		}
	})
	t.Run("WRAPComesBackAsAnAttachment", func(t *testing.T) {
		if res, _ := post("my wrap.pdf", []byte("%PDF-1.7 test")); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%d", res.StatusCode)
		}
		res, body := get(t, c, ts.URL+planURL+"/wrap")
		if res.StatusCode != 200 || body != "%PDF-1.7 test" || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") ||
			res.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("%d %q %v", res.StatusCode, body, res.Header)
		}
	})
}

func TestPlanAPIBadInputNamesTheField(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts := newTestServer(t, db)
		id := strconv.FormatInt(ts.f.Mine.ID, 10)
		prog := strconv.FormatInt(ts.f.Program.ID, 10)
		peer, clin := ts.token(t, ts.f.Emails[goldthread.RolePeer]), ts.token(t, ts.f.Emails[goldthread.RoleClinician])
		for name, c := range map[string]struct {
			token, path, body, field string
		}{
			"MissingGoalWording": {peer, "/participants/" + id + "/plans", `{"program_id":` + prog + `,"effective_date":"2026-02-01","review_due":"2026-05-01","goals":[{"participant_words":" ","interventions":[{"description":"x"}]}]}`, "goals[0].participant_words"},
			"UnknownProgram":     {peer, "/participants/" + id + "/plans", `{"program_id":999999,"effective_date":"2026-02-01","review_due":"2026-05-01","goals":[{"participant_words":"a","interventions":[{"description":"x"}]}]}`, "program_id"},
			"EndBeforeStart":     {clin, "/participants/" + id + "/authorizations", `{"program_id":` + prog + `,"payer":"NC Medicaid","number":"A1","start_date":"2026-03-01","end_date":"2026-02-01","units_authorized":10}`, "end_date"},
			"BadICD10":           {clin, "/participants/" + id + "/diagnoses", `{"code":"depressed","since":"2026-01-06"}`, "code"},
		} {
			t.Run("Err"+name, func(t *testing.T) {
				req, _ := http.NewRequest("POST", ts.URL+"/api/v1"+c.path, strings.NewReader(c.body))
				req.Header.Set("Authorization", "Bearer "+c.token)
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				var out struct {
					Error struct{ Field, Message string }
				}
				json.NewDecoder(res.Body).Decode(&out)
				res.Body.Close()
				if res.StatusCode != 422 || out.Error.Field != c.field || out.Error.Message == "" {
					t.Fatalf("%d %+v; want 422 on %s", res.StatusCode, out, c.field)
				}
			})
		}
		t.Run("PlanRoundTrip", func(t *testing.T) {
			req, _ := http.NewRequest("POST", ts.URL+"/api/v1/participants/"+id+"/plans", strings.NewReader(`{"program_id":`+prog+`,"effective_date":"2026-02-01","review_due":"2026-05-01","goals":[{"participant_words":"I want to ride the bus alone","interventions":[{"description":"Ride together twice"}]}]}`))
			req.Header.Set("Authorization", "Bearer "+peer)
			res, err := http.DefaultClient.Do(req)
			if err != nil || res.StatusCode != 201 {
				t.Fatalf("%v %d", err, res.StatusCode)
			}
			res.Body.Close()
			_, body := apiGet(t, ts.URL+"/api/v1/participants/"+id+"/plans", ts.token(t, ts.f.Emails[goldthread.RoleParticipant]))
			if !strings.Contains(body, "I want to ride the bus alone") {
				t.Fatalf("the participant does not read the plan: %s", body)
			}
		})
	})
}

// TestBrowserPlanOnPhone walks Dana from Marcus's page to his plan and his
// crisis plan on a 360 px phone; each page passes axe and fits the screen.
func TestBrowserPlanOnPhone(t *testing.T) {
	bin, axe := needBrowser(t)
	ts, _ := demoServer(t)
	ctx := phone(t, bin)
	steps := []struct {
		name    string
		actions []chromedp.Action[chromedp.Void]
		want    string
	}{
		{"Marcus", []chromedp.Action[chromedp.Void]{
			chromedp.Navigate(ts.URL + "/signin"), chromedp.WaitVisible(chromedp.ID("email")),
			chromedp.SendKeys(chromedp.ID("email"), "dana@riverbend.example"),
			chromedp.SendKeys(chromedp.ID("password"), demo.Password),
			chromedp.Submit(chromedp.ID("password")),
			chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "Hello")]`)),
			chromedp.Click(chromedp.Search(`//a[normalize-space(.)="Marcus Bell"]`)),
			chromedp.WaitVisible(chromedp.Search(`//h1[.="Marcus Bell"]`)),
		}, "Marcus Bell"},
		{"plan", []chromedp.Action[chromedp.Void]{
			chromedp.Click(chromedp.Search(`//a[.="Version 2"]`)),
			chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "Plan")]`)),
		}, "Plan, version 2"},
		{"crisis plan", []chromedp.Action[chromedp.Void]{
			chromedp.Click(chromedp.Search(`//a[.="Open the crisis plan"]`)),
			chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "Crisis plan")]`)),
		}, "Crisis plan"},
		{"eligibility", []chromedp.Action[chromedp.Void]{
			chromedp.Click(chromedp.Search(`//a[.="← Back to Marcus Bell"]`)),
			chromedp.WaitVisible(chromedp.Search(`//h1[.="Marcus Bell"]`)),
			chromedp.Click(chromedp.Search(`//nav[@class="plan-links"]//a[.="Eligibility"]`)),
			chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "Eligibility")]`)),
		}, "Eligibility"},
	}
	for _, s := range steps {
		if err := chromedp.Do(ctx, s.actions...); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
		if err != nil || !strings.Contains(h1, s.want) {
			t.Fatalf("%s: h1 = %q (%v); want %q", s.name, h1, err, s.want)
		}
		checkFits(t, ctx, s.name)
		checkAxe(t, ctx, axe, s.name)
	}
}
