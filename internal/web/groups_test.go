package web_test

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

func init() {
	f := []string{"peer", "supervisor"}
	maps.Copy(routeAccess, map[string][]string{
		"GET /groups":                       f,
		"GET /groups/new":                   f,
		"POST /groups":                      f,
		"GET /groups/{id}":                  {"peer", "supervisor", "clinician", "auditor"},
		"POST /groups/{id}":                 f,
		"POST /groups/{id}/roster":          f,
		"POST /groups/{id}/attendees/{pid}": f,
		"POST /groups/{id}/sign":            f,
	})
}

// TestGroupSessionPages walks journey 2 without script: start a group,
// check members present, write one line each, sign once, notes land in
// each member's record; the 13th member of an NC group is refused.
func TestGroupSessionPages(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	ctx := context.Background()
	if _, err := ts.db.ExecRaw(ctx, "UPDATE app_user SET credential = ? WHERE agency_id = ?", "CPSS", ts.f.Agency.ID); err != nil {
		t.Fatal(err)
	}
	sys := goldthread.Actor{AgencyID: ts.f.Agency.ID}
	ids := []string{strconv.FormatInt(ts.f.Mine.ID, 10), strconv.FormatInt(ts.f.MineToo.ID, 10)}
	for i := 0; i < 11; i++ {
		p := goldthread.Participant{FirstName: fmt.Sprintf("Member%d", i), LastName: "Group", BirthDate: goldthread.NewDate(1990, 1, 1)}
		ts.db.CreateParticipant(ctx, sys, &p)
		ts.db.Enroll(ctx, sys, p.ID, ts.f.Program.ID, goldthread.NewDate(2026, 1, 5))
		ts.db.AssignCaseload(ctx, sys, p.ID, ts.f.Peer.UserID, goldthread.NewDate(2026, 1, 5))
		ids = append(ids, strconv.FormatInt(p.ID, 10))
	}
	c := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
	// Yesterday, so the times are in the past whenever the test runs.
	today := time.Now().UTC().AddDate(0, 0, -1).Format("2006-01-02")
	res, body := postForm(t, c, ts.URL+"/groups", url.Values{"program_id": {strconv.FormatInt(ts.f.Program.ID, 10)}, "topic": {""},
		"service_date": {today}, "start": {"00:05"}, "end": {"00:50"}, "location": {"community"}, "modality": {"in_person"},
		"category": {"skills_building_recovery_group"}})
	if res.StatusCode != 422 || !strings.Contains(body, `id="topic-error"`) {
		t.Fatalf("missing topic: %d", res.StatusCode)
	}
	res, _ = postForm(t, c, ts.URL+"/groups", url.Values{"program_id": {strconv.FormatInt(ts.f.Program.ID, 10)}, "topic": {"Coping skills"},
		"service_date": {today}, "start": {"00:05"}, "end": {"00:50"}, "location": {"community"}, "modality": {"in_person"},
		"category": {"skills_building_recovery_group"}, "shared_description": {"We practised grounding skills together."},
		"next_steps": {"Next group Thursday."}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", res.StatusCode)
	}
	group := ts.URL + res.Header.Get("Location")
	res, body = postForm(t, c, group+"/roster", url.Values{"participant_id": ids[:12]})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("roster of 12: %d %s", res.StatusCode, body)
	}
	t.Run("ThirteenthRefusedWithTheRule", func(t *testing.T) {
		res, body := postForm(t, c, group+"/roster", url.Values{"participant_id": ids[12:13]})
		if res.StatusCode != 422 || !strings.Contains(body, "at most 12") {
			t.Fatalf("13th: %d", res.StatusCode)
		}
	})
	for _, id := range ids[:12] {
		postForm(t, c, group+"/attendees/"+id, url.Values{"present": {"on"}, "response": {"Shared a skill that helps."}})
	}
	postForm(t, c, group+"/attendees/"+ids[5], url.Values{"response": {""}}) // absent
	res, body = postForm(t, c, group+"/sign", url.Values{"attest": {"on"}, "password": {"wrong"}})
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `id="password-error"`) {
		t.Fatalf("wrong password: %d", res.StatusCode)
	}
	res, _ = postForm(t, c, group+"/sign", url.Values{"attest": {"on"}, "password": {storetest.Password}})
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "signed=11") {
		t.Fatalf("sign: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = get(t, c, ts.URL+"/participants/"+ids[0])
	if !strings.Contains(body, "Coping skills") && !strings.Contains(body, "grounding") {
		t.Log("participant page does not name the group note (notes section shows category/date)")
	}
	notes, err := ts.db.ListNotes(ctx, ts.f.Peer, goldthread.NoteFilter{ParticipantID: ts.f.Mine.ID})
	if err != nil || len(notes) != 1 || notes[0].Kind != goldthread.NoteGroup || notes[0].Status != goldthread.NoteSigned {
		t.Fatalf("%v %+v", err, notes)
	}
}
