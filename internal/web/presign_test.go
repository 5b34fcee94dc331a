package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestSignCheckWithoutScript: the signing page lists what would refuse the
// signature before asking for a password, each fix applies there with a
// plain form, and the sign form appears when nothing is left; a refused
// fix says what to change beside its field.
func TestSignCheckWithoutScript(t *testing.T) {
	ts, _ := noteServer(t, storetest.OpenSQLite(t))
	c := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
	form := noteFields(ts.f.Program.ID, 0, "Met his sister about the viewings.")
	form.Set("kind", "collateral")
	form.Del("category")
	form.Set("next", "save")
	form.Set("participant_response", "She offered to come.")
	form.Set("next_steps", "Share the times.")
	form.Set("single_event_reason", "Before the plan's housing goal.")
	res, _ := postForm(t, c, fmt.Sprintf("%s/participants/%d/notes", ts.URL, ts.f.Mine.ID), form)
	note := ts.URL + strings.TrimSuffix(res.Header.Get("Location"), "/edit?saved=1")
	_, body := get(t, c, note+"/sign")
	if !strings.Contains(body, `id="presign"`) || !strings.Contains(body, "Fix before signing (2)") || strings.Contains(body, `id="password"`) {
		t.Fatalf("the signing page does not list the problems first:\n%s", body)
	}
	res, body = postForm(t, c, note+"/fix", url.Values{"remedy": {"non_billable"}, "version": {"1"}, "non_billable_reason": {" "}})
	if res.StatusCode != 422 || !strings.Contains(body, `id="fix-non_billable_reason-error"`) {
		t.Fatalf("marking not billable without a reason: %d", res.StatusCode)
	}
	if res, _ = postForm(t, c, note+"/fix", url.Values{"remedy": {"category"}, "version": {"1"}, "category": {"peer_mentoring_coaching"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("category fix: %d", res.StatusCode)
	}
	if res, _ = postForm(t, c, note+"/fix", url.Values{"remedy": {"non_billable"}, "version": {"2"}, "non_billable_reason": {"NC 8G does not pay for family time."}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("not billable fix: %d", res.StatusCode)
	}
	_, body = get(t, c, note+"/sign")
	if strings.Contains(body, `id="presign"`) || !strings.Contains(body, `id="password"`) || !strings.Contains(body, `id="participant_words"`) {
		t.Fatal("with nothing left to fix, the page does not offer the participant's words and the signature")
	}
	res, _ = postForm(t, c, note+"/sign", url.Values{"version": {"3"}, "participant_words": {"I liked that my sister came."}, "attest": {"1"}, "password": {storetest.Password}})
	if res.StatusCode != 422 {
		t.Fatalf("words without the participant's name: %d", res.StatusCode)
	}
	res, _ = postForm(t, c, note+"/sign", url.Values{"version": {"3"}, "participant_words": {"I liked that my sister came."},
		"participant_ack_name": {"Marcus Bell"}, "attest": {"1"}, "password": {storetest.Password}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign with the participant's words: %d", res.StatusCode)
	}
	_, body = get(t, c, note)
	if !strings.Contains(body, "I liked that my sister came.") || !strings.Contains(body, "Acknowledged by Marcus Bell") {
		t.Fatal("the signed note lacks the participant's words")
	}
}

// TestSignCheckAPI: the API says what would refuse signing, with the fix
// each problem takes, and applies the fixes.
func TestSignCheckAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts, _ := noteServer(t, db)
		tok := ts.token(t, ts.f.Emails[goldthread.RolePeer])
		res, body := apiDo(t, "POST", ts.URL+"/api/v1/notes", tok, fmt.Sprintf(`{"participant_id":%d,"program_id":%d,"kind":"collateral",
			"service_date":"2026-03-10","start":"2026-03-10T13:00:00Z","end":"2026-03-10T13:45:00Z","location":"home","modality":"in_person",
			"single_event_reason":"Before the plan.","peer_action":"Met his sister.","participant_response":"She offered to help.",
			"next_steps":"Share the times.","billable":true}`, ts.f.Mine.ID, ts.f.Program.ID))
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("create: %d %s", res.StatusCode, body)
		}
		var n goldthread.Note
		json.Unmarshal([]byte(body), &n)
		id := strconv.FormatInt(n.ID, 10)
		var check struct {
			Problems []goldthread.SignProblem
			CanSign  bool `json:"can_sign"`
		}
		res, body = apiDo(t, "GET", ts.URL+"/api/v1/notes/"+id+"/sign-check", tok, "")
		json.Unmarshal([]byte(body), &check)
		remedies := map[string]bool{}
		for _, p := range check.Problems {
			remedies[p.Remedy] = true
		}
		if res.StatusCode != 200 || check.CanSign || !remedies[goldthread.RemedyCategory] || !remedies[goldthread.RemedyNonBillable] {
			t.Fatalf("sign check: %d %s", res.StatusCode, body)
		}
		if res, body := apiDo(t, "POST", ts.URL+"/api/v1/notes/"+id+"/fixes", tok, `{"remedy":"non_billable","version":1}`); res.StatusCode != 422 || !strings.Contains(body, `"field":"non_billable_reason"`) {
			t.Fatalf("no reason: %d %s", res.StatusCode, body)
		}
		apiDo(t, "POST", ts.URL+"/api/v1/notes/"+id+"/fixes", tok, `{"remedy":"category","version":1,"category":"peer_mentoring_coaching"}`)
		if res, body := apiDo(t, "POST", ts.URL+"/api/v1/notes/"+id+"/fixes", tok, `{"remedy":"non_billable","version":2,"non_billable_reason":"Family time."}`); res.StatusCode != 200 {
			t.Fatalf("not billable: %d %s", res.StatusCode, body)
		}
		res, body = apiDo(t, "GET", ts.URL+"/api/v1/notes/"+id+"/sign-check", tok, "")
		if res.StatusCode != 200 || !strings.Contains(body, `"can_sign":true`) {
			t.Fatalf("after the fixes: %d %s", res.StatusCode, body)
		}
		if res, _ := apiDo(t, "GET", ts.URL+"/api/v1/notes/"+id+"/sign-check", ts.token(t, ts.f.Emails[goldthread.RoleSupervisor]), ""); res.StatusCode != 403 {
			t.Fatalf("the supervisor checks the author's draft: %d", res.StatusCode)
		}
	})
}
