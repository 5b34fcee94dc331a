package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestWorkforceAPITakesItsJSONNames: a credential and a supervision
// session posted under every JSON name of their wire shapes come back with
// each value, so a name lost or misspelt in wire_workforce.go (the store
// types no longer carry them) is a failure, not a silently empty field.
func TestWorkforceAPITakesItsJSONNames(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	admin := ts.token(t, ts.f.Emails["administrator"])
	issued, expires := wfDate(ts, -30).String(), wfDate(ts, 700).String()
	res, body := apiDo(t, "POST", ts.URL+"/api/v1/staff/"+wfID(ts.f.Peer.UserID)+"/credentials", admin,
		`{"type":"CPSS","number":"NC-4471","issuer":"NC Certification Board","issued_on":"`+issued+`","expires_on":"`+expires+`","evidence":"scan in HR file"}`)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("add credential: %d %s", res.StatusCode, body)
	}
	for _, want := range []string{`"type":"CPSS"`, `"number":"NC-4471"`, `"issuer":"NC Certification Board"`,
		`"issued_on":"` + issued + `"`, `"expires_on":"` + expires + `"`, `"evidence":"scan in HR file"`} {
		if !strings.Contains(body, want) {
			t.Errorf("credential lacks %s: %s", want, body)
		}
	}

	sup := ts.token(t, ts.f.Emails["supervisor"])
	held := wfDate(ts, -1).String()
	res, body = apiDo(t, "POST", ts.URL+"/api/v1/supervision", sup,
		`{"supervisor_id":`+wfID(ts.f.Supervisor.UserID)+`,"peer_ids":[`+wfID(ts.f.Peer.UserID)+`],"kind":"individual","held_on":"`+held+
			`","minutes":45,"topics":"Boundaries","notes_reviewed":"two notes of March","follow_ups":"Read the ethics code"}`)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("log supervision: %d %s", res.StatusCode, body)
	}
	for _, want := range []string{`"supervisor_id":` + wfID(ts.f.Supervisor.UserID), `"id":` + wfID(ts.f.Peer.UserID), `"kind":"individual"`,
		`"held_on":"` + held + `"`, `"minutes":45`, `"topics":"Boundaries"`, `"notes_reviewed":"two notes of March"`, `"follow_ups":"Read the ethics code"`} {
		if !strings.Contains(body, want) {
			t.Errorf("session lacks %s: %s", want, body)
		}
	}
}

// TestVisitAndBARCAPITakeTheirJSONNames: a visit planned from a note and a
// BARC-10 posted under every JSON name of visitWire and
// recoveryCapitalWire are taken and come back with each value
// (TestDashboardAPI posts neither from_note_id nor participant_id).
func TestVisitAndBARCAPITakeTheirJSONNames(t *testing.T) {
	ts, note, _ := portalServer(t, storetest.OpenSQLite(t))
	peer := ts.token(t, ts.f.Emails[goldthread.RolePeer])
	pid := portalID(ts.f.Mine.ID)
	start := ts.db.Now().UTC().Add(48 * time.Hour).Truncate(time.Minute).Format(time.RFC3339)
	res, body := apiDo(t, "POST", ts.URL+"/api/v1/visits", peer,
		`{"participant_id":`+pid+`,"start":"`+start+`","minutes":30,"purpose":"Walk to the library","from_note_id":`+portalID(note.ID)+`}`)
	if res.StatusCode != http.StatusCreated || !strings.Contains(body, `"from_note_id":`+portalID(note.ID)) {
		t.Fatalf("plan visit from a note: %d %s", res.StatusCode, body)
	}
	yesterday := goldthread.DateOf(ts.db.Now().AddDate(0, 0, -1)).String() // yesterday on any clock: never in the agency's future
	res, body = apiDo(t, "POST", ts.URL+"/api/v1/participants/"+pid+"/recovery-capital", peer,
		`{"participant_id":`+pid+`,"occasion":"review","taken_on":"`+yesterday+`","answers":[6,5,4,3,2,1,2,3,4,5]}`)
	if res.StatusCode != http.StatusCreated || !strings.Contains(body, `"occasion":"review"`) || !strings.Contains(body, `"total":35`) {
		t.Fatalf("record BARC-10: %d %s", res.StatusCode, body)
	}
}
