package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/coach"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// cpDraft writes a draft for Marcus through the store as the fixture peer.
func cpDraft(t *testing.T, ts *testServer, plan goldthread.Plan, mut func(*store.NoteInput)) goldthread.Note {
	t.Helper()
	g := plan.Goals[0]
	in := store.NoteInput{ParticipantID: ts.f.Mine.ID, ProgramID: ts.f.Program.ID, ServiceDate: goldthread.NewDate(2026, 3, 10),
		Start: time.Date(2026, 3, 10, 13, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 10, 13, 45, 0, 0, time.UTC),
		Location: "home", Modality: "in_person", Category: "peer_mentoring_coaching",
		Goals:      []goldthread.NoteGoal{{GoalID: g.ID, InterventionID: g.Interventions[0].ID}},
		PeerAction: "We practiced what to say when calling a landlord.", ParticipantResponse: `He said "I can do this."`,
		NextSteps: "He refused the bus pass; talk about it Friday.", Billable: true}
	if mut != nil {
		mut(&in)
	}
	n, err := ts.db.CreateDraftNote(context.Background(), ts.f.Peer, in)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCompliancePagesRender opens every compliance page as every role that
// may: 200, one h1, no message key missing; unconfirmed values are labelled
// in words, and only administrators get the override forms.
func TestCompliancePagesRender(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts, plan := noteServer(t, db)
		f := ts.f
		ctx := context.Background()
		if _, err := db.SetRuleOverride(ctx, f.Admin, f.Program.RulePack, "timeliness.hours", "48", "LME-MCO contract"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SilenceLexiconEntry(ctx, f.Supervisor, 0, "jargon.pt", "house style"); err != nil {
			t.Fatal(err)
		}
		draft := cpDraft(t, ts, plan, nil)
		signed := cpDraft(t, ts, plan, func(in *store.NoteInput) { in.Start, in.End = in.Start.Add(-2*time.Hour), in.End.Add(-2*time.Hour) })
		if _, _, err := db.SignNote(ctx, f.Peer, signed.ID, store.SignNoteInput{Password: storetest.Password, Attestation: "I attest.", Version: signed.Version}); err != nil {
			t.Fatal(err)
		}
		prog := "/programs/" + strconv.FormatInt(f.Program.ID, 10) + "/rules"
		readers := []goldthread.Role{goldthread.RoleSupervisor, goldthread.RoleBilling, goldthread.RoleAdministrator, goldthread.RoleAuditor}
		editors := []goldthread.Role{goldthread.RoleSupervisor, goldthread.RoleAdministrator}
		pages := map[string][]goldthread.Role{
			"/rules":           readers,
			prog:               readers,
			"/coach/lexicon":   editors,
			"/coaching":        editors,
			"/coaching?days=7": editors,
			"/today":           {goldthread.RoleSupervisor},
			"/notes/" + strconv.FormatInt(draft.ID, 10) + "/edit": {goldthread.RolePeer},
			"/notes/" + strconv.FormatInt(draft.ID, 10) + "/sign": {goldthread.RolePeer},
			"/notes/" + strconv.FormatInt(signed.ID, 10):          {goldthread.RolePeer, goldthread.RoleSupervisor, goldthread.RoleBilling},
		}
		bodies := map[string]string{}
		for path, roles := range pages {
			for _, role := range roles {
				res, body := get(t, ts.signIn(t, f.Emails[role]), ts.URL+path)
				if res.StatusCode != 200 || strings.Count(body, "<h1") != 1 {
					t.Errorf("%s as %s: %d, %d h1", path, role, res.StatusCode, strings.Count(body, "<h1"))
				}
				if m := missingKey.FindString(body); m != "" {
					t.Errorf("%s as %s: message %s is missing from the catalog", path, role, m)
				}
				bodies[path+" "+string(role)] = body
			}
		}
		admin, auditor := bodies[prog+" administrator"], bodies[prog+" auditor"]
		if !strings.Contains(admin, "Unconfirmed</span>") || !strings.Contains(admin, "Agency override") || !strings.Contains(admin, "LME-MCO contract") {
			t.Error("the Payer rules page does not label unconfirmed values and overrides in words, or lacks the history")
		}
		if !strings.Contains(admin, `action="`+prog+`"`) || strings.Contains(auditor, `action="`+prog+`"`) {
			t.Error("override forms: administrators must get them, auditors must not")
		}
		if !strings.Contains(bodies["/coach/lexicon supervisor"], "Silenced in all programs") {
			t.Error("the lexicon page does not show the silenced rule")
		}
		sign := bodies["/notes/"+strconv.FormatInt(draft.ID, 10)+"/sign peer"]
		if !strings.Contains(sign, "Payer rule check") {
			t.Error("the sign page does not show the rule findings before signing")
		}
		if b := bodies["/notes/"+strconv.FormatInt(signed.ID, 10)+" supervisor"]; !strings.Contains(b, "Findings recorded when the note was signed") ||
			!strings.Contains(b, "Language coach") || !strings.Contains(b, "supervision.approval") {
			t.Error("the signed note does not show the stored findings and the re-check")
		}
		if b := bodies["/notes/"+strconv.FormatInt(signed.ID, 10)+" billing"]; strings.Contains(b, "Language coach") {
			t.Error("billing sees the coach's quotes of the narrative")
		}
		if !strings.Contains(bodies["/today supervisor"], "Coaching this week") {
			t.Error("the supervisor's Today has no coaching section")
		}
	})
}

// TestRuleOverrideForm: a bad value comes back beside its field with what
// was typed; a good one is saved, audited and shown as an agency override.
func TestRuleOverrideForm(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	f := ts.f
	admin := ts.signIn(t, f.Emails[goldthread.RoleAdministrator])
	prog := ts.URL + "/programs/" + strconv.FormatInt(f.Program.ID, 10) + "/rules"
	res, err := admin.PostForm(prog, url.Values{"path": {"timeliness.hours"}, "v-timeliness-hours-value": {"soon"}, "v-timeliness-hours-reason": {"contract"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 422 {
		t.Fatalf("bad value: %d; want 422", res.StatusCode)
	}
	res, err = admin.PostForm(prog, url.Values{"path": {"timeliness.hours"}, "v-timeliness-hours-value": {"48"}, "v-timeliness-hours-reason": {"contract"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 303 {
		t.Fatalf("good value: %d; want 303", res.StatusCode)
	}
	_, body := get(t, admin, prog)
	if !strings.Contains(body, "Override saved.") && !strings.Contains(body, "Agency override") {
		t.Fatal("the override is not shown")
	}
	// The API shows it too.
	tok := ts.token(t, f.Emails[goldthread.RoleBilling])
	res, body = apiGet(t, ts.URL+"/api/v1/programs/"+strconv.FormatInt(f.Program.ID, 10)+"/rules", tok)
	var out struct {
		Facts []struct{ Path, Value, Status string }
	}
	if res.StatusCode != 200 || json.Unmarshal([]byte(body), &out) != nil {
		t.Fatalf("rules API: %d %s", res.StatusCode, body)
	}
	for _, fact := range out.Facts {
		if fact.Path == "timeliness.hours" && (fact.Value != "48" || fact.Status != "agency_override") {
			t.Fatalf("API fact = %+v", fact)
		}
	}
	res, body = apiDo(t, "PUT", ts.URL+"/api/v1/programs/"+strconv.FormatInt(f.Program.ID, 10)+"/rules/override",
		ts.token(t, f.Emails[goldthread.RoleAdministrator]), `{"path":"group.max_size","value":"abc","reason":"x"}`)
	if res.StatusCode != 422 || !strings.Contains(body, `"field":"value"`) {
		t.Fatalf("bad API override: %d %s", res.StatusCode, body)
	}
}

// TestLexiconFormsAndLiveCoach: an entry the coach cannot read is refused
// beside its field; a good one is added and the live coach uses it.
func TestLexiconFormsAndLiveCoach(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	f := ts.f
	sup := ts.signIn(t, f.Emails[goldthread.RoleSupervisor])
	form := url.Values{"add-rule_id": {"frequent-visitor"}, "add-category": {"judgment"}, "add-severity": {"warn"},
		"add-pattern": {"{frequent"}, "add-why": {"It labels the person."}, "add-suggestion": {"Say how often they came."}, "add-reason": {"our list"}}
	res, err := sup.PostForm(ts.URL+"/coach/lexicon/entries", form)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 422 {
		t.Fatalf("bad pattern: %d; want 422", res.StatusCode)
	}
	form.Set("add-pattern", "frequent visitor*")
	res, err = sup.PostForm(ts.URL+"/coach/lexicon/entries", form)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 303 {
		t.Fatalf("good entry: %d; want 303", res.StatusCode)
	}
	lx, err := ts.db.AgencyLexicon(context.Background(), f.Agency.ID, f.Program.ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range lx.Entries() {
		found = found || (e.ID == "agency.frequent-visitor" && e.Category == coach.CategoryJudgment)
	}
	if !found {
		t.Fatal("the entry is not in the agency lexicon")
	}
	peer := ts.signIn(t, f.Emails[goldthread.RolePeer])
	req := `{"program_id":` + strconv.FormatInt(f.Program.ID, 10) + `,"field":"peer_action","text":"He is a frequent visitor."}`
	r, _ := http.NewRequest("POST", ts.URL+"/notes/coach", strings.NewReader(req))
	r.Header.Set("Content-Type", "application/json")
	res, err = peer.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if body := string(b); res.StatusCode != 200 || !strings.Contains(body, "agency.frequent-visitor") {
		t.Fatalf("live coach: %d %s", res.StatusCode, body)
	}
}
