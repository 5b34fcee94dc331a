package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestAmendmentAPITakesItsJSONNames: a request and both decisions posted
// under every JSON name of their wire shapes (wire_portal.go) are taken:
// a misspelt name is refused as unknown, a lost one leaves a required
// value empty (422), so either fails here.
func TestAmendmentAPITakesItsJSONNames(t *testing.T) {
	ts, note, _ := portalServer(t, storetest.OpenSQLite(t))
	me := ts.token(t, ts.f.Emails[goldthread.RoleParticipant])
	sup := ts.token(t, ts.f.Emails[goldthread.RoleSupervisor])
	ask := func() string {
		t.Helper()
		res, body := apiDo(t, "POST", ts.URL+"/api/v1/amendments", me,
			`{"note_id":`+portalID(note.ID)+`,"plan_id":0,"what_is_wrong":"It says two calls.","should_say":"One call."}`)
		if res.StatusCode != http.StatusCreated || !strings.Contains(body, `"what_is_wrong":"It says two calls."`) || !strings.Contains(body, `"should_say":"One call."`) {
			t.Fatalf("request: %d %s", res.StatusCode, body)
		}
		return body[strings.Index(body, `"id":`)+5 : strings.Index(body, `,`)]
	}
	res, body := apiDo(t, "POST", ts.URL+"/api/v1/amendments/"+ask()+"/decision", sup,
		`{"outcome":"denied","reason":"Both calls happened.","correction":"","attestation":"","password":"`+storetest.Password+`"}`)
	if res.StatusCode != http.StatusCreated || !strings.Contains(body, `"outcome":"denied"`) || !strings.Contains(body, `"reason":"Both calls happened."`) {
		t.Fatalf("denial: %d %s", res.StatusCode, body)
	}
	res, body = apiDo(t, "POST", ts.URL+"/api/v1/amendments/"+ask()+"/decision", sup,
		`{"outcome":"accepted","reason":"","correction":"There was one call.","attestation":"I attest.","password":"`+storetest.Password+`"}`)
	if res.StatusCode != http.StatusCreated || !strings.Contains(body, `"outcome":"accepted"`) || !strings.Contains(body, `"addendum_id":`) {
		t.Fatalf("acceptance: %d %s", res.StatusCode, body)
	}
}

// TestDisclosureAPITakesItsJSONNames: an own copy asked under every JSON
// name of disclosureRequestWire is made (a lost own_request would make it
// a release to nobody, 422; a misspelt name is refused as unknown, 400).
func TestDisclosureAPITakesItsJSONNames(t *testing.T) {
	ts, _, _ := portalServer(t, storetest.OpenSQLite(t))
	me := ts.token(t, ts.f.Emails[goldthread.RoleParticipant])
	res, body := apiDo(t, "POST", ts.URL+"/api/v1/participants/"+portalID(ts.f.Mine.ID)+"/disclosures", me,
		`{"recipient":"","purpose":"my own copy","information":"everything","sections":["notes"],"own_request":true,"format":"csv"}`)
	if res.StatusCode != http.StatusCreated || !strings.Contains(body, `"own_request":true`) || !strings.Contains(body, `"pdf":"JVBERi0`) {
		t.Fatalf("own copy: %d %.300s", res.StatusCode, body)
	}
}
