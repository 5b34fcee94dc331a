package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// noteServer is a test server whose clock stands at Mar 10, 2026 15:00
// UTC, with a signed plan for Marcus and credentials on the staff.
func noteServer(t *testing.T, db *store.DB) (*testServer, goldthread.Plan) {
	t.Helper()
	ts := newTestServer(t, db)
	clock := &storetest.Clock{T: time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)}
	db.Now = clock.Now
	plan := ts.f.MustSignedPlan(t, db, ts.f.SamplePlan(goldthread.NewDate(2026, 2, 1)))
	if _, err := db.ExecRaw(context.Background(), "UPDATE app_user SET credential = 'CPSS' WHERE agency_id = ?", ts.f.Agency.ID); err != nil {
		t.Fatal(err)
	}
	return ts, plan
}

func apiDo(t *testing.T, method, u, token, body string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(method, u, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// TestNoteFormWithoutScript walks the main path with plain forms: new note
// (prefilled, required fields marked, goal chips from the plan), save,
// coach findings after saving, a refused wrong password beside its field,
// signing, and the locked note.
func TestNoteFormWithoutScript(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts, plan := noteServer(t, db)
		c := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
		pid := strconv.FormatInt(ts.f.Mine.ID, 10)
		res, body := get(t, c, ts.URL+"/participants/"+pid)
		if !strings.Contains(body, `href="/participants/`+pid+`/notes/new"`) {
			t.Fatalf("participant page has no New note button (%d)", res.StatusCode)
		}
		res, body = get(t, c, ts.URL+"/participants/"+pid+"/notes/new")
		if res.StatusCode != 200 || !strings.Contains(body, "Own apartment") || !strings.Contains(body, `value="2026-03-10"`) ||
			!strings.Contains(body, "(required)") || !strings.Contains(body, "/static/notes.js") {
			t.Fatalf("new note form: %d", res.StatusCode)
		}
		chip := fmt.Sprintf("%d:%d", plan.Goals[0].ID, plan.Goals[0].Interventions[0].ID)
		form := url.Values{"program_id": {strconv.FormatInt(ts.f.Program.ID, 10)}, "kind": {"individual"}, "service_date": {"2026-03-10"},
			"start": {"13:00"}, "end": {"13:45"}, "location": {"home"}, "modality": {"in_person"}, "category": {"peer_mentoring_coaching"},
			"goals": {chip}, "peer_action": {"We practiced calls to landlords. At first he refused to call."},
			"participant_response": {`He said "I did the call myself this time."`}, "next_steps": {"Visit the apartment Friday."},
			"billable": {"1"}, "version": {"0"}, "next": {"save"}}
		res, _ = postForm(t, c, ts.URL+"/participants/"+pid+"/notes", form)
		edit := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(edit, "/notes/") {
			t.Fatalf("create: %d %s", res.StatusCode, edit)
		}
		noteURL := ts.URL + strings.TrimSuffix(edit, "/edit?saved=1")
		_, body = get(t, c, ts.URL+edit)
		if !strings.Contains(body, "“refused”") || !strings.Contains(body, "Draft saved.") {
			t.Fatal("the saved draft does not show the coach finding without the script")
		}
		res, body = postForm(t, c, noteURL+"/sign", url.Values{"attest": {"1"}, "password": {"wrong"}})
		if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `id="password-error"`) || !strings.Contains(body, `aria-invalid="true"`) {
			t.Fatalf("wrong password: %d", res.StatusCode)
		}
		res, _ = postForm(t, c, noteURL+"/sign", url.Values{"attest": {"1"}, "password": {storetest.Password}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign: %d", res.StatusCode)
		}
		_, body = get(t, c, noteURL)
		if !strings.Contains(body, `id="note-locked"`) || !strings.Contains(body, "Signed by Pat Peer, CPSS") || strings.Contains(body, `id="note-form"`) {
			t.Fatal("the signed note is not shown locked with its signature")
		}
		res, _ = postForm(t, c, noteURL, form)
		if res.StatusCode != http.StatusConflict {
			t.Fatalf("saving over a signed note: %d; want 409", res.StatusCode)
		}
		res, _ = postForm(t, c, noteURL+"/addenda", url.Values{"kind": {"clarification"}, "body": {"He called back on Monday."},
			"attest": {"1"}, "password": {storetest.Password}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("addendum: %d", res.StatusCode)
		}
		_, body = get(t, c, noteURL)
		if !strings.Contains(body, "He called back on Monday.") || !strings.Contains(body, "We practiced calls") {
			t.Fatal("the addendum is not shown under the original")
		}
		_, body = get(t, ts.signIn(t, ts.f.Emails[goldthread.RoleBilling]), noteURL)
		if strings.Contains(body, "We practiced calls") || strings.Contains(body, "He called back") {
			t.Fatal("billing sees the narrative")
		}
	})
}

// TestLiveCoach asks the coaching endpoint what the page script asks.
func TestLiveCoach(t *testing.T) {
	ts, _ := noteServer(t, storetest.OpenSQLite(t))
	c := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
	ask := func(programID int64, text string) (*http.Response, string) {
		req, _ := http.NewRequest("POST", ts.URL+"/notes/coach", strings.NewReader(fmt.Sprintf(
			`{"program_id":%d,"participant_id":%d,"field":"peer_action","text":%q}`, programID, ts.f.Mine.ID, text)))
		req.Header.Set("Content-Type", "application/json")
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, string(b)
	}
	res, body := ask(ts.f.Program.ID, "Café first: he refused to call")
	var out struct {
		Findings []struct {
			Words        string
			Start, End   int
			Replacements []struct {
				Text, Was  string
				Start, End int
			}
		}
	}
	json.Unmarshal([]byte(body), &out)
	// Offsets count UTF-16 units ("é" is one); a tap replaces "refused to"
	// so the sentence stays grammatical ("declined to call", never
	// "decided not to to call").
	if res.StatusCode != 200 || len(out.Findings) != 1 || out.Findings[0].Start != 15 || out.Findings[0].End != 22 ||
		len(out.Findings[0].Replacements) != 2 {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	for i, want := range []string{"declined to", "decided not to"} {
		r := out.Findings[0].Replacements[i]
		if r.Text != want || r.Was != "refused to" || r.Start != 15 || r.End != 25 {
			t.Errorf("rewrite %d = %+v; want %q for \"refused to\" at 15–25", i, r, want)
		}
	}
	if res, _ := ask(999999, "he refused"); res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("coaching under a program of no agency: %d", res.StatusCode)
	}
}

// TestNotesAPI drives the JSON API: draft, stale update, sign, list,
// addendum; billing reads no narrative.
func TestNotesAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts, plan := noteServer(t, db)
		tok := ts.token(t, ts.f.Emails[goldthread.RolePeer])
		draft := fmt.Sprintf(`{"participant_id":%d,"program_id":%d,"service_date":"2026-03-10","start":"2026-03-10T13:00:00Z",
			"end":"2026-03-10T13:45:00Z","location":"home","modality":"in_person","category":"peer_mentoring_coaching",
			"goals":[{"goal_id":%d,"intervention_id":%d}],"peer_action":"We practiced calls.","participant_response":"He said it went well.",
			"next_steps":"Visit Friday.","billable":true}`, ts.f.Mine.ID, ts.f.Program.ID, plan.Goals[0].ID, plan.Goals[0].Interventions[0].ID)
		res, body := apiDo(t, "POST", ts.URL+"/api/v1/notes", tok, draft)
		var n goldthread.Note
		json.Unmarshal([]byte(body), &n)
		if res.StatusCode != 201 || n.ID == 0 || n.Status != "draft" || n.Version != 1 {
			t.Fatalf("create: %d %s", res.StatusCode, body)
		}
		id := strconv.FormatInt(n.ID, 10)
		if res, body := apiDo(t, "POST", ts.URL+"/api/v1/notes", tok, `{"participant_id":1,"colour":"red"}`); res.StatusCode != 400 || !strings.Contains(body, "unknown field") {
			t.Fatalf("unknown field: %d %s", res.StatusCode, body)
		}
		if res, _ := apiDo(t, "PUT", ts.URL+"/api/v1/notes/"+id, tok, strings.Replace(draft, `"billable":true`, `"billable":true,"version":7`, 1)); res.StatusCode != 409 {
			t.Fatalf("stale update: %d", res.StatusCode)
		}
		if res, body := apiDo(t, "POST", ts.URL+"/api/v1/notes/"+id+"/sign", tok, `{"password":"nope","attestation":"I attest."}`); res.StatusCode != 401 || !strings.Contains(body, `"field":"password"`) {
			t.Fatalf("wrong password: %d %s", res.StatusCode, body)
		}
		if res, body := apiDo(t, "POST", ts.URL+"/api/v1/notes/"+id+"/sign", tok, `{"password":"`+storetest.Password+`","attestation":"I attest."}`); res.StatusCode != 200 || !strings.Contains(body, `"status":"signed"`) {
			t.Fatalf("sign: %d %s", res.StatusCode, body)
		}
		if res, body := apiDo(t, "POST", ts.URL+"/api/v1/notes/"+id+"/addenda", tok, `{"kind":"correction","body":"The visit is Saturday.","password":"`+storetest.Password+`","attestation":"I attest."}`); res.StatusCode != 201 {
			t.Fatalf("addendum: %d %s", res.StatusCode, body)
		}
		res, body = apiDo(t, "GET", ts.URL+"/api/v1/notes?participant_id="+strconv.FormatInt(ts.f.Mine.ID, 10)+"&status=signed", tok, "")
		if res.StatusCode != 200 || !strings.Contains(body, `"id":`+id) {
			t.Fatalf("list: %d %s", res.StatusCode, body)
		}
		billing := ts.token(t, ts.f.Emails[goldthread.RoleBilling])
		res, body = apiDo(t, "GET", ts.URL+"/api/v1/notes/"+id, billing, "")
		if res.StatusCode != 200 || strings.Contains(body, "practiced") || strings.Contains(body, "Saturday") || !strings.Contains(body, `"narrative_visible":false`) {
			t.Fatalf("billing read: %d %s", res.StatusCode, body)
		}
	})
}

// TestTodayNotesDue: a peer's Today counts down their drafts; the
// supervisor's lists the team's overdue notes.
func TestTodayNotesDue(t *testing.T) {
	ts, _ := noteServer(t, storetest.OpenSQLite(t))
	_, err := ts.db.CreateDraftNote(context.Background(), ts.f.Peer, store.NoteInput{ParticipantID: ts.f.Mine.ID, ProgramID: ts.f.Program.ID,
		ServiceDate: goldthread.NewDate(2026, 3, 5), Start: time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	_, body := get(t, ts.signIn(t, ts.f.Emails[goldthread.RolePeer]), ts.URL+"/today")
	if !strings.Contains(body, "Notes to finish") || !strings.Contains(body, "overdue by 2 days") {
		t.Fatal("the peer's Today does not count down the draft")
	}
	_, body = get(t, ts.signIn(t, ts.f.Emails[goldthread.RoleSupervisor]), ts.URL+"/today")
	if !strings.Contains(body, "Overdue notes of your team") || !strings.Contains(body, "Marcus Bell") || !strings.Contains(body, "Pat Peer") {
		t.Fatal("the supervisor's Today does not list the overdue note")
	}
}
