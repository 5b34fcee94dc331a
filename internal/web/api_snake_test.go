package web_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

var snakeKey = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// nonSnakeKeys lists every object key in the JSON document v (at any
// depth) that is not snake_case, with where it was found.
func nonSnakeKeys(v any, at string) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if !snakeKey.MatchString(k) {
				out = append(out, at+"."+k)
			}
			out = append(out, nonSnakeKeys(e, at+"."+k)...)
		}
	case []any:
		for i, e := range x {
			out = append(out, nonSnakeKeys(e, fmt.Sprintf("%s[%d]", at, i))...)
		}
	}
	return out
}

// TestAPIAnswersAreSnakeCase: the sign answer, the findings answer and the
// review answer carry findings; every key in them is snake_case, never a Go
// field name like RuleID. The signed note has findings (no service order,
// no approval yet), so the finding objects are in the answers.
func TestAPIAnswersAreSnakeCase(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts, plan := noteServer(t, db)
		tok := ts.token(t, ts.f.Emails[goldthread.RolePeer])
		draft := fmt.Sprintf(`{"participant_id":%d,"program_id":%d,"service_date":"2026-03-10","start":"2026-03-10T13:00:00Z",
			"end":"2026-03-10T13:45:00Z","location":"home","modality":"in_person","category":"peer_mentoring_coaching",
			"goals":[{"goal_id":%d,"intervention_id":%d}],"peer_action":"We practiced calls.","participant_response":"He said it went well.",
			"next_steps":"Visit Friday.","billable":true}`, ts.f.Mine.ID, ts.f.Program.ID, plan.Goals[0].ID, plan.Goals[0].Interventions[0].ID)
		res, body := apiDo(t, "POST", ts.URL+"/api/v1/notes", tok, draft)
		var n goldthread.Note
		if err := json.Unmarshal([]byte(body), &n); err != nil || res.StatusCode != 201 {
			t.Fatalf("create: %d %s", res.StatusCode, body)
		}
		id := strconv.FormatInt(n.ID, 10)
		supervisor := ts.token(t, ts.f.Emails[goldthread.RoleSupervisor])
		for _, c := range []struct{ name, method, path, token, body string }{
			{"sign", "POST", "/api/v1/notes/" + id + "/sign", tok, `{"password":"` + storetest.Password + `","attestation":"I attest."}`},
			{"findings", "GET", "/api/v1/notes/" + id + "/findings", supervisor, ""},
			{"review", "GET", "/api/v1/notes/" + id + "/review", supervisor, ""},
		} {
			res, body := apiDo(t, c.method, ts.URL+c.path, c.token, c.body)
			if res.StatusCode != 200 {
				t.Fatalf("%s: %d %s", c.name, res.StatusCode, body)
			}
			var v map[string]any
			if err := json.Unmarshal([]byte(body), &v); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if c.name == "sign" {
				if fs, _ := v["findings"].([]any); len(fs) == 0 {
					t.Fatalf("the sign answer has no findings to look at: %s", body)
				}
			}
			if bad := nonSnakeKeys(v, c.name); len(bad) > 0 {
				t.Errorf("%s answer has keys that are not snake_case: %v", c.name, bad)
			}
		}
	})
}
