package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestGroupSessionPages walks journey 2 without script: start a group,
// check members present, write one line each, sign once, notes land in
// each member's record; the 13th member of an NC group is refused.
func TestGroupSessionPages(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	// The store's clock, not the wall's: mid-day on Mar 10 in every US zone.
	ts.db.Now = (&storetest.Clock{T: time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)}).Now
	ctx := context.Background()
	if _, err := ts.db.ExecRaw(ctx, "UPDATE app_user SET credential = ? WHERE agency_id = ?", "CPSS", ts.f.Agency.ID); err != nil {
		t.Fatal(err)
	}
	sys := goldthread.Operator(ts.f.Agency.ID, "test setup")
	ids := []string{strconv.FormatInt(ts.f.Mine.ID, 10), strconv.FormatInt(ts.f.MineToo.ID, 10)}
	for i := 0; i < 11; i++ {
		p := goldthread.Participant{FirstName: fmt.Sprintf("Member%d", i), LastName: "Group", BirthDate: goldthread.NewDate(1990, 1, 1)}
		ts.db.CreateParticipant(ctx, sys, &p)
		ts.db.Enroll(ctx, sys, p.ID, ts.f.Program.ID, goldthread.NewDate(2026, 1, 5))
		ts.db.AssignCaseload(ctx, sys, p.ID, ts.f.Peer.UserID, goldthread.NewDate(2026, 1, 5))
		ids = append(ids, strconv.FormatInt(p.ID, 10))
	}
	c := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
	// Yesterday on the store's clock, so the times are in the past.
	today := ts.db.Now().AddDate(0, 0, -1).Format("2006-01-02")
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
	group := ts.URL + strings.TrimSuffix(res.Header.Get("Location"), "#roster")
	g, err := ts.db.GroupSessions(ctx, ts.f.Peer, 1)
	if err != nil || len(g) != 1 {
		t.Fatal(err)
	}
	// The whole form at once: 12 members, each with a line; person 5 absent.
	form := url.Values{"version": {"1"}, "topic": {"Coping skills"}, "service_date": {today}, "start": {"00:05"}, "end": {"00:50"},
		"location": {"community"}, "modality": {"in_person"}, "category": {"skills_building_recovery_group"},
		"shared_description": {"We practised grounding skills together."}, "next_steps": {"Next group Thursday."}, "add": ids[:12]}
	res, body = postForm(t, c, group, form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("roster of 12: %d %s", res.StatusCode, body)
	}
	form.Del("add")
	form.Set("version", "2")
	form["member"] = ids[:12]
	for i, id := range ids[:12] {
		form.Set("response."+id, fmt.Sprintf("Shared skill %d that helps.", i))
		if i != 5 {
			form.Set("present."+id, "on")
		}
	}
	t.Run("ThirteenthRefusedWithTheRuleAndNothingLost", func(t *testing.T) {
		more := url.Values{}
		for k, v := range form {
			more[k] = v
		}
		more.Set("present."+ids[5], "on")
		more["add"] = ids[12:13]
		res, body := postForm(t, c, group, more)
		if res.StatusCode != 422 || !strings.Contains(body, "at most 12") || !strings.Contains(body, "Shared skill 11 that helps.") {
			t.Fatalf("13th: %d", res.StatusCode)
		}
	})
	res, body = postForm(t, c, group+"/sign", withPassword(form, "wrong"))
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `id="password-error"`) || !strings.Contains(body, "Shared skill 7 that helps.") {
		t.Fatalf("wrong password: %d", res.StatusCode)
	}
	form.Set("version", "3") // the refused signing saved the form first
	res, _ = postForm(t, c, group+"/sign", withPassword(form, storetest.Password))
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "signed=11") {
		t.Fatalf("sign: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	notes, err := ts.db.ListNotes(ctx, ts.f.Peer, goldthread.NoteFilter{ParticipantID: ts.f.Mine.ID})
	if err != nil || len(notes) != 1 || notes[0].Kind != goldthread.NoteGroup || notes[0].Status != goldthread.NoteSigned {
		t.Fatalf("%v %+v", err, notes)
	}
	// The member's page lists the group note (date, kind), and the note
	// itself reads the group's shared description.
	noteURL := "/notes/" + strconv.FormatInt(notes[0].ID, 10)
	_, body = get(t, c, ts.URL+"/participants/"+ids[0])
	if !strings.Contains(body, `href="`+noteURL+`"`) || !strings.Contains(body, "Group ·") {
		t.Fatalf("the participant page does not list the group note %s", noteURL)
	}
	if _, body = get(t, c, ts.URL+noteURL); !strings.Contains(body, "We practised grounding skills together.") {
		t.Fatal("the group note does not read the shared description")
	}
}

// withPassword is the group form with the attestation and a password.
func withPassword(form url.Values, pw string) url.Values {
	out := url.Values{"attest": {"on"}, "password": {pw}}
	for k, v := range form {
		out[k] = v
	}
	return out
}
