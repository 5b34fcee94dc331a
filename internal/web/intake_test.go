package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// intakeForm is a complete intake form for the fixture's program and peer.
func intakeForm(ts *testServer, first string) url.Values {
	return url.Values{"first_name": {first}, "last_name": {"Ortega"}, "birth_date": {"2005-03-09"}, "gender": {"F"},
		"medicaid_id": {"952-603-718 f"}, "phone": {"(828) 555-0107"}, "line1": {"420 Kenilworth Rd"}, "city": {"Asheville"},
		"state": {"NC"}, "postal_code": {"28803"}, "program_id": {fmt.Sprint(ts.f.Program.ID)}, "peer_id": {fmt.Sprint(ts.f.Peer.UserID)},
		"start_date": {"2026-06-01"}}
}

// TestIntakeForm: a supervisor registers a participant with one form and
// lands on the new record; bad input comes back beside its field with
// what was typed; a possible duplicate is listed and needs a confirmation.
func TestIntakeForm(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	ts.db.Now = (&storetest.Clock{T: time.Date(2026, 6, 15, 14, 0, 0, 0, time.UTC)}).Now
	sup := ts.signIn(t, ts.f.Emails[goldthread.RoleSupervisor])
	res, body := get(t, sup, ts.URL+"/participants/new")
	if res.StatusCode != 200 || !strings.Contains(body, "Pat Peer (2 of 12)") || !strings.Contains(body, "NC peer support: like 123456789A.") {
		t.Fatalf("form: %d, peers with caseloads and the ID shape expected", res.StatusCode)
	}
	if strings.Contains(body, "Oli Other") {
		t.Error("a supervisor was offered a peer outside their team")
	}
	_, list := get(t, sup, ts.URL+"/participants")
	if !strings.Contains(list, `href="/participants/new"`) {
		t.Error("the participants list does not offer intake to a supervisor")
	}

	bad := intakeForm(ts, "Lucía")
	bad.Set("medicaid_id", "91827364A")
	res, body = postForm(t, sup, ts.URL+"/participants", bad)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="medicaid_id-error"`) ||
		!strings.Contains(body, `value="Lucía"`) || !strings.Contains(body, `value="420 Kenilworth Rd"`) {
		t.Fatalf("a Medi-Cal ID in an NC program: %d; want 422 beside the field, the typed values kept", res.StatusCode)
	}

	res, _ = postForm(t, sup, ts.URL+"/participants", intakeForm(ts, "Lucía"))
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(loc, "?registered=1") {
		t.Fatalf("register: %d %s", res.StatusCode, loc)
	}
	_, body = get(t, sup, ts.URL+loc)
	if !strings.Contains(body, "Lucía Ortega") || !strings.Contains(body, "952603718F") || !strings.Contains(body, "Registered, enrolled") {
		t.Fatal("the new record does not show the participant, the tidied ID and the notice")
	}

	dup := intakeForm(ts, "lucia")
	dup.Set("medicaid_id", "")
	res, body = postForm(t, sup, ts.URL+"/participants", dup)
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "same name and date of birth") || !strings.Contains(body, `name="not_duplicate"`) {
		t.Fatalf("a second Lucía Ortega born the same day: %d; want the record listed and a confirmation", res.StatusCode)
	}
	dup.Set("not_duplicate", "on")
	if res, _ = postForm(t, sup, ts.URL+"/participants", dup); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirmed as somebody else: %d", res.StatusCode)
	}
}

// TestIntakeByAdministrator: an administrator registers from the menu but
// is not sent into the record, which they may not read.
func TestIntakeByAdministrator(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	admin := ts.signIn(t, ts.f.Emails[goldthread.RoleAdministrator])
	_, today := get(t, admin, ts.URL+"/today")
	if !strings.Contains(today, `href="/participants/new"`) {
		t.Error("the administrator's menu has no way to intake")
	}
	res, _ := postForm(t, admin, ts.URL+"/participants", intakeForm(ts, "Ana"))
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/participants/new?registered=") {
		t.Fatalf("admin intake: %d %s", res.StatusCode, loc)
	}
	_, body := get(t, admin, ts.URL+loc)
	if !strings.Contains(body, "Registered as participant") {
		t.Error("no confirmation for the administrator")
	}
}

// TestParticipantDetailsAndEnrolments: the peer updates details; a
// supervisor ends an enrolment with a reason and enrols again; refusals
// come back on the participant's page.
func TestParticipantDetailsAndEnrolments(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	ts.db.Now = (&storetest.Clock{T: time.Date(2026, 6, 15, 14, 0, 0, 0, time.UTC)}).Now
	id := fmt.Sprint(ts.f.Mine.ID)
	peer := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
	res, body := get(t, peer, ts.URL+"/participants/"+id+"/edit")
	if res.StatusCode != 200 || !strings.Contains(body, `value="900000001Q"`) {
		t.Fatalf("edit form: %d", res.StatusCode)
	}
	v := url.Values{"first_name": {"Marcus"}, "last_name": {"Bell"}, "birth_date": {"1985-04-12"}, "medicaid_id": {"900000001Q"},
		"phone": {"(828) 555-0199"}, "email": {"not an email"}}
	if res, body = postForm(t, peer, ts.URL+"/participants/"+id+"/edit", v); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="email-error"`) {
		t.Fatalf("a bad email: %d", res.StatusCode)
	}
	v.Set("email", "marcus@example.org")
	if res, _ = postForm(t, peer, ts.URL+"/participants/"+id+"/edit", v); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	_, body = get(t, peer, ts.URL+"/participants/"+id+"?saved=details")
	if !strings.Contains(body, "(828) 555-0199") || !strings.Contains(body, "marcus@example.org") || !strings.Contains(body, "Details saved.") {
		t.Error("the saved details are not on the page")
	}
	if strings.Contains(body, "End this enrolment") {
		t.Error("a peer was offered to end an enrolment")
	}

	sup := ts.signIn(t, ts.f.Emails[goldthread.RoleSupervisor])
	end := fmt.Sprintf("%s/participants/%s/enrolments/%d/end", ts.URL, id, ts.f.Program.ID)
	if res, body = postForm(t, sup, end, url.Values{"end_date": {"2026-06-10"}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Say why the enrolment ends") {
		t.Fatalf("no reason: %d", res.StatusCode)
	}
	if res, _ = postForm(t, sup, end, url.Values{"end_date": {"2026-06-10"}, "end_reason": {"Enrolled in error"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("end: %d", res.StatusCode)
	}
	_, body = get(t, sup, ts.URL+"/participants/"+id)
	if !strings.Contains(body, "Enrolled in error") || !strings.Contains(body, "Enrol in another program") {
		t.Error("the ended enrolment and the way to enrol again are not shown")
	}
	res, _ = postForm(t, sup, ts.URL+"/participants/"+id+"/enrolments", url.Values{"enrol_program": {fmt.Sprint(ts.f.Program.ID)}, "enrol_start": {"2026-06-15"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("enrol again: %d", res.StatusCode)
	}
}

// TestIntakeAPI: register, find a duplicate, update and end an enrolment
// over the JSON API; errors name the field.
func TestIntakeAPI(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	ts.db.Now = (&storetest.Clock{T: time.Date(2026, 6, 15, 14, 0, 0, 0, time.UTC)}).Now
	tok := ts.token(t, ts.f.Emails[goldthread.RoleClinician])
	body := fmt.Sprintf(`{"first_name":"Ana","last_name":"Lopez","birth_date":"1990-02-03","medicaid_id":"123456789a",
		"address":{"line1":"1 Main St","city":"Asheville","state":"NC","postal_code":"28801"},
		"program_id":%d,"peer_id":%d}`, ts.f.Program.ID, ts.f.OtherPeer.UserID)
	res, out := apiDo(t, "POST", ts.URL+"/api/v1/participants", tok, body)
	var p goldthread.Participant
	if res.StatusCode != http.StatusCreated || json.Unmarshal([]byte(out), &p) != nil || p.ID == 0 || len(p.Enrollments) != 1 || len(p.AssignedPeers) != 1 {
		t.Fatalf("register: %d %s", res.StatusCode, out)
	}
	res, out = apiDo(t, "POST", ts.URL+"/api/v1/participants", tok, body)
	var conflict struct {
		Error      struct{ Kind, Field string }
		Duplicates []goldthread.DuplicateCandidate
	}
	if res.StatusCode != http.StatusConflict || json.Unmarshal([]byte(out), &conflict) != nil || conflict.Error.Field != "medicaid_id" ||
		len(conflict.Duplicates) != 1 || conflict.Duplicates[0].ID != p.ID {
		t.Fatalf("same Medicaid ID again: %d %s", res.StatusCode, out)
	}
	res, out = apiDo(t, "POST", ts.URL+"/api/v1/participants", tok, `{"first_name":"X","last_name":"Y","birth_date":"1990-01-01","status":"discharged"}`)
	if res.StatusCode != http.StatusBadRequest && res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a client set the status: %d %s", res.StatusCode, out)
	}
	upd := `{"first_name":"Ana","last_name":"Lopez","birth_date":"1990-02-03","medicaid_id":"12345","phone":"555"}`
	res, out = apiDo(t, "PUT", fmt.Sprintf("%s/api/v1/participants/%d", ts.URL, p.ID), tok, upd)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(out, `"field":"medicaid_id"`) {
		t.Fatalf("a short Medicaid ID: %d %s", res.StatusCode, out)
	}
	res, out = apiDo(t, "POST", fmt.Sprintf("%s/api/v1/participants/%d/enrolments/%d/end", ts.URL, p.ID, ts.f.Program.ID), tok,
		`{"end_date":"2026-06-15","end_reason":"moved away"}`)
	if res.StatusCode != http.StatusOK || !strings.Contains(out, `"end_reason":"moved away"`) {
		t.Fatalf("end: %d %s", res.StatusCode, out)
	}
	res, out = apiGet(t, ts.URL+fmt.Sprintf("/api/v1/peers?program_id=%d", ts.f.Program.ID), tok)
	if res.StatusCode != 200 || !strings.Contains(out, `"name":"Pat Peer","caseload":2,"limit":12`) {
		t.Fatalf("peers: %d %s", res.StatusCode, out)
	}
}
