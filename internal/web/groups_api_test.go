package web_test

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestGroupsAPI drives a group through the JSON API as a client would:
// who may join (the program, not one caseload), create with a roster,
// save every line under a version (stale: 409), one line at a time, each
// member's plan for their goals, and sign once: one note per member
// present.
func TestGroupsAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts, _ := noteServer(t, db)
		tok := ts.token(t, ts.f.Emails[goldthread.RolePeer])
		prog := strconv.FormatInt(ts.f.Program.ID, 10)
		res, body := apiDo(t, "GET", ts.URL+"/api/v1/programs/"+prog+"/group-candidates", tok, "")
		if res.StatusCode != 200 || !strings.Contains(body, `"name":"Tom Others"`) || strings.Contains(body, "medicaid") {
			t.Fatalf("candidates: %d %s", res.StatusCode, body)
		}
		details := fmt.Sprintf(`"program_id":%d,"topic":"Coping skills","service_date":"2026-03-10","start":"2026-03-10T13:00:00Z",
			"end":"2026-03-10T14:00:00Z","location":"community","modality":"in_person","category":"skills_building_recovery_group",
			"shared_description":"We practised grounding skills.","next_steps":"Try one skill a day."`, ts.f.Program.ID)
		res, body = apiDo(t, "POST", ts.URL+"/api/v1/groups", tok, `{`+details+fmt.Sprintf(`,"attendees":[{"participant_id":%d,"present":true},
			{"participant_id":%d,"present":true}]}`, ts.f.Mine.ID, ts.f.Others.ID))
		var g goldthread.GroupSession
		json.Unmarshal([]byte(body), &g)
		if res.StatusCode != 201 || len(g.Attendees) != 2 || g.Version != 1 {
			t.Fatalf("create: %d %s", res.StatusCode, body)
		}
		id := strconv.FormatInt(g.ID, 10)
		lines := fmt.Sprintf(`"attendees":[{"participant_id":%d,"present":true,"response":"Chose box breathing."},
			{"participant_id":%d,"present":true,"response":"Said naming things helps."}]`, ts.f.Mine.ID, ts.f.Others.ID)
		if res, body := apiDo(t, "PUT", ts.URL+"/api/v1/groups/"+id, tok, `{`+details+`,"version":1,`+lines+`}`); res.StatusCode != 200 || !strings.Contains(body, `"version":2`) {
			t.Fatalf("save every line: %d %s", res.StatusCode, body)
		}
		if res, _ := apiDo(t, "PUT", ts.URL+"/api/v1/groups/"+id, tok, `{`+details+`,"version":1,`+lines+`}`); res.StatusCode != 409 {
			t.Fatalf("stale save: %d", res.StatusCode)
		}
		res, body = apiDo(t, "GET", ts.URL+"/api/v1/groups/"+id+"/plans", tok, "")
		if res.StatusCode != 200 || !strings.Contains(body, `"`+strconv.FormatInt(ts.f.Mine.ID, 10)+`":{`) {
			t.Fatalf("plans: %d %s", res.StatusCode, body)
		}
		if res, body := apiDo(t, "PUT", ts.URL+"/api/v1/groups/"+id+"/attendees/"+strconv.FormatInt(ts.f.MineToo.ID, 10), tok,
			`{"present":false}`); res.StatusCode != 200 || !strings.Contains(body, "Renee") {
			t.Fatalf("one line: %d %s", res.StatusCode, body)
		}
		if res, _ := apiDo(t, "DELETE", ts.URL+"/api/v1/groups/"+id+"/attendees/"+strconv.FormatInt(ts.f.MineToo.ID, 10), tok, ""); res.StatusCode != 204 {
			t.Fatalf("remove: %d", res.StatusCode)
		}
		if res, body := apiDo(t, "POST", ts.URL+"/api/v1/groups/"+id+"/sign", tok, `{"password":"nope","attestation":"I attest."}`); res.StatusCode != 401 || !strings.Contains(body, `"field":"password"`) {
			t.Fatalf("wrong password: %d %s", res.StatusCode, body)
		}
		res, body = apiDo(t, "POST", ts.URL+"/api/v1/groups/"+id+"/sign", tok, `{"password":"`+storetest.Password+`","attestation":"I attest."}`)
		var out struct {
			Session goldthread.GroupSession
			Notes   []goldthread.Note
		}
		json.Unmarshal([]byte(body), &out)
		if res.StatusCode != 200 || out.Session.Status != goldthread.NoteSigned || len(out.Notes) != 2 {
			t.Fatalf("sign: %d %s", res.StatusCode, body)
		}
		if res, body := apiDo(t, "GET", ts.URL+"/api/v1/groups", tok, ""); res.StatusCode != 200 || !strings.Contains(body, `"id":`+id) {
			t.Fatalf("list: %d %s", res.StatusCode, body)
		}
		if res, _ := apiDo(t, "GET", ts.URL+"/api/v1/groups/"+id, ts.token(t, ts.f.Emails[goldthread.RoleBilling]), ""); res.StatusCode != 403 {
			t.Fatalf("billing reads a roster: %d", res.StatusCode)
		}
	})
}
