package web_test

import (
	"context"
	"encoding/json"
	"fmt"
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

// TestAgencyTimeZoneSettings: the administrator sees the zone and the time
// in it, picks a zone from the list or types another, and a wrong name is
// refused beside the field with what to type.
func TestAgencyTimeZoneSettings(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	ts.db.Now = (&storetest.Clock{T: time.Date(2026, 3, 10, 18, 5, 0, 0, time.UTC)}).Now
	admin := ts.signIn(t, ts.f.Emails[goldthread.RoleAdministrator])
	res, body := get(t, admin, ts.URL+"/settings/agency")
	if res.StatusCode != 200 || !strings.Contains(body, "Now in UTC: Mar 10, 2026, 6:05 PM.") || !strings.Contains(body, `<option value="UTC" selected>`) {
		t.Fatalf("settings page: %d", res.StatusCode)
	}
	res, _ = postForm(t, admin, ts.URL+"/settings/agency", url.Values{"time_zone": {"America/Chicago"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/settings/agency?saved=1" {
		t.Fatalf("save: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = get(t, admin, ts.URL+"/settings/agency?saved=1")
	if !strings.Contains(body, "Time zone saved.") || !strings.Contains(body, "Now in America/Chicago: Mar 10, 2026, 1:05 PM.") ||
		!strings.Contains(body, `<option value="America/Chicago" selected>`) {
		t.Fatal("the saved zone and its time are not shown")
	}
	res, body = postForm(t, admin, ts.URL+"/settings/agency", url.Values{"time_zone": {""}, "time_zone_other": {"Eastern"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="time_zone-error"`) ||
		!strings.Contains(body, "America/New_York") || !strings.Contains(body, `value="Eastern"`) || !strings.Contains(body, `aria-invalid="true"`) {
		t.Fatalf("a wrong name: %d", res.StatusCode)
	}
	res, _ = postForm(t, admin, ts.URL+"/settings/agency", url.Values{"time_zone": {"UTC"}, "time_zone_other": {"America/Boise"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a typed zone: %d", res.StatusCode)
	}
	_, body = get(t, admin, ts.URL+"/settings/agency")
	if !strings.Contains(body, `id="time_zone_other" name="time_zone_other" type="text" autocomplete="off" autocapitalize="none" spellcheck="false" value="America/Boise"`) ||
		!strings.Contains(body, `<option value="" selected>`) {
		t.Fatal("a zone off the list is not shown in the typed field")
	}
	if _, body := get(t, admin, ts.URL+"/today"); !strings.Contains(body, "The agency works in America/Boise.") {
		t.Fatal("Today does not tell the administrator the agency's zone")
	}
}

// TestNoteTimesOnTheAgencyClock: in a New York agency, "13:00" typed on the
// note form is 1 PM there (17:00 UTC in March, 18:00 UTC in January), and
// the form and the note show it back as 13:00 and 1:00 PM. The JSON API
// keeps explicit instants.
func TestNoteTimesOnTheAgencyClock(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts, plan := noteServer(t, db)
		ctx := context.Background()
		if err := db.SetAgencyTimeZone(ctx, ts.f.Admin, "America/New_York"); err != nil {
			t.Fatal(err)
		}
		c := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
		pid := strconv.FormatInt(ts.f.Mine.ID, 10)
		_, body := get(t, c, ts.URL+"/participants/"+pid+"/notes/new")
		// The clock stands at 15:00 UTC, 11:00 AM in New York: the form
		// proposes the 45 minutes just past on that clock.
		if !strings.Contains(body, `value="10:15"`) || !strings.Contains(body, `value="11:00"`) || !strings.Contains(body, `data-zone-minutes="-240"`) {
			t.Fatal("the new note form does not propose times on the agency's clock")
		}
		chip := fmt.Sprintf("%d:%d", plan.Goals[0].ID, plan.Goals[0].Interventions[0].ID)
		for _, c2 := range []struct {
			day  string
			want time.Time
		}{{"2026-03-10", time.Date(2026, 3, 10, 17, 0, 0, 0, time.UTC)}, {"2026-01-13", time.Date(2026, 1, 13, 18, 0, 0, 0, time.UTC)}} {
			form := url.Values{"program_id": {strconv.FormatInt(ts.f.Program.ID, 10)}, "kind": {"individual"}, "service_date": {c2.day},
				"start": {"13:00"}, "end": {"13:45"}, "location": {"home"}, "modality": {"in_person"}, "category": {"peer_mentoring_coaching"},
				"goals": {chip}, "peer_action": {"We practiced calls to landlords."}, "participant_response": {"He said it went well."},
				"next_steps": {"Visit Friday."}, "billable": {"1"}, "version": {"0"}, "next": {"save"}}
			res, _ := postForm(t, c, ts.URL+"/participants/"+pid+"/notes", form)
			edit := res.Header.Get("Location")
			if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(edit, "/notes/") {
				t.Fatalf("%s: create: %d", c2.day, res.StatusCode)
			}
			id, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(edit, "/notes/"), "/edit?saved=1"), 10, 64)
			n, err := db.Note(ctx, ts.f.Peer, id)
			if err != nil {
				t.Fatal(err)
			}
			if !n.Start.Equal(c2.want) || !n.End.Equal(c2.want.Add(45*time.Minute)) {
				t.Fatalf("%s: 13:00 in New York stored as %s; want %s", c2.day, n.Start, c2.want)
			}
			_, body := get(t, c, ts.URL+edit)
			if !strings.Contains(body, `name="start" type="time" value="13:00"`) || !strings.Contains(body, `name="end" type="time" value="13:45"`) {
				t.Fatalf("%s: the edit form does not show 13:00–13:45 back", c2.day)
			}
			_, body = get(t, ts.signIn(t, ts.f.Emails[goldthread.RoleSupervisor]), ts.URL+"/notes/"+strconv.FormatInt(id, 10))
			if !strings.Contains(body, "1:00 PM–1:45 PM") {
				t.Fatalf("%s: the note does not show 1:00 PM–1:45 PM", c2.day)
			}
		}
		t.Run("APIKeepsInstants", func(t *testing.T) {
			tok := ts.token(t, ts.f.Emails[goldthread.RolePeer])
			if _, body := apiGet(t, ts.URL+"/api/v1/me", tok); !strings.Contains(body, `"time_zone":"America/New_York"`) {
				t.Fatalf("me: %s", body)
			}
			draft := fmt.Sprintf(`{"participant_id":%d,"program_id":%d,"service_date":"2026-03-09","start":"2026-03-09T21:30:00-04:00",
				"end":"2026-03-09T22:15:00-04:00","location":"home","modality":"in_person","category":"peer_mentoring_coaching",
				"goals":[{"goal_id":%d,"intervention_id":%d}],"peer_action":"We practiced calls.","participant_response":"He said it went well.",
				"next_steps":"Visit Friday.","billable":true}`, ts.f.Mine.ID, ts.f.Program.ID, plan.Goals[0].ID, plan.Goals[0].Interventions[0].ID)
			res, body := apiDo(t, "POST", ts.URL+"/api/v1/notes", tok, draft)
			if res.StatusCode != 201 || !strings.Contains(body, `"start":"2026-03-10T01:30:00Z"`) || !strings.Contains(body, `"service_date":"2026-03-09"`) {
				t.Fatalf("create: %d %s", res.StatusCode, body)
			}
			var n goldthread.Note
			json.Unmarshal([]byte(body), &n)
			// The evening service signs on its own date, Mar 9 in New York.
			res, body = apiDo(t, "POST", ts.URL+"/api/v1/notes/"+strconv.FormatInt(n.ID, 10)+"/sign", tok,
				`{"password":"`+storetest.Password+`","attestation":"I attest."}`)
			if res.StatusCode != 200 {
				t.Fatalf("sign: %d %s", res.StatusCode, body)
			}
		})
	})
}

// TestNewNoteJustAfterMidnight: in the first 45 minutes of the agency's day
// the new note proposes last evening (23:00–23:45 the day before), which
// can be signed as it stands, instead of a zero-length service at 00:00.
func TestNewNoteJustAfterMidnight(t *testing.T) {
	db := storetest.OpenSQLite(t)
	ts, _ := noteServer(t, db)
	if err := db.SetAgencyTimeZone(context.Background(), ts.f.Admin, "America/New_York"); err != nil {
		t.Fatal(err)
	}
	db.Now = (&storetest.Clock{T: time.Date(2026, 3, 11, 4, 3, 0, 0, time.UTC)}).Now // 00:03 EDT, Mar 11
	c := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
	_, body := get(t, c, ts.URL+"/participants/"+strconv.FormatInt(ts.f.Mine.ID, 10)+"/notes/new")
	if !strings.Contains(body, `value="2026-03-10"`) || !strings.Contains(body, `value="23:00"`) || !strings.Contains(body, `value="23:45"`) {
		t.Fatal("just after midnight the form should propose last evening, 23:00–23:45")
	}
}

// TestNoteTimesOnTheProgramClock: a New York agency with a program in
// California reads "13:00" typed for that program's note as 1 PM in
// Sacramento (21:00 UTC in January), shows it back as 13:00 on the form
// with the clock named, and as 1:00 PM PST on the note and signing pages.
func TestNoteTimesOnTheProgramClock(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts, plan := noteServer(t, db)
		ctx := context.Background()
		if err := db.SetAgencyTimeZone(ctx, ts.f.Admin, "America/New_York"); err != nil {
			t.Fatal(err)
		}
		prog := ts.f.Program
		prog.TimeZone = "America/Los_Angeles"
		if _, err := db.UpdateProgram(ctx, ts.f.Admin, prog.ID, prog); err != nil {
			t.Fatal(err)
		}
		c := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
		pid := strconv.FormatInt(ts.f.Mine.ID, 10)
		_, body := get(t, c, ts.URL+"/participants/"+pid+"/notes/new")
		// The test clock's 15:00 UTC is 8:00 AM in Sacramento (summer
		// time): the 45 minutes just past there, not in the New York office.
		if !strings.Contains(body, `value="07:15"`) || !strings.Contains(body, `value="08:00"`) ||
			!strings.Contains(body, "Times are on the program&#39;s clock: America/Los_Angeles") {
			t.Fatal("the new note form does not propose times on the program's clock, or does not say whose clock it is")
		}
		chip := fmt.Sprintf("%d:%d", plan.Goals[0].ID, plan.Goals[0].Interventions[0].ID)
		form := url.Values{"program_id": {strconv.FormatInt(prog.ID, 10)}, "kind": {"individual"}, "service_date": {"2026-01-13"},
			"start": {"13:00"}, "end": {"13:45"}, "location": {"home"}, "modality": {"in_person"}, "category": {"peer_mentoring_coaching"},
			"goals": {chip}, "peer_action": {"We practiced calls to landlords."}, "participant_response": {"He said it went well."},
			"next_steps": {"Visit Friday."}, "billable": {"1"}, "version": {"0"}, "next": {"save"}}
		res, _ := postForm(t, c, ts.URL+"/participants/"+pid+"/notes", form)
		edit := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(edit, "/notes/") {
			t.Fatalf("create: %d", res.StatusCode)
		}
		id, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(edit, "/notes/"), "/edit?saved=1"), 10, 64)
		n, err := db.Note(ctx, ts.f.Peer, id)
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Date(2026, 1, 13, 21, 0, 0, 0, time.UTC); !n.Start.Equal(want) {
			t.Fatalf("13:00 typed for a California program stored as %s; want %s", n.Start, want)
		}
		if _, body = get(t, c, ts.URL+edit); !strings.Contains(body, `name="start" type="time" value="13:00"`) {
			t.Fatal("the edit form does not show 13:00 back on the program's clock")
		}
		if _, body = get(t, c, fmt.Sprintf("%s/notes/%d/sign", ts.URL, id)); !strings.Contains(body, "1:00 PM PST") {
			t.Fatal("the signing page does not show the service at 1:00 PM PST")
		}
	})
}
