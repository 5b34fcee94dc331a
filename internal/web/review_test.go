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

// reviewNotes signs n notes by the fixture's Peer for Marcus on Mar 10,
// an hour apart (the first is the oldest), and returns them.
func reviewNotes(t *testing.T, db *store.DB, f *storetest.Fixture, plan goldthread.Plan, n int) []goldthread.Note {
	t.Helper()
	ctx := context.Background()
	g := plan.Goals[0]
	var out []goldthread.Note
	for i := range n {
		start := time.Date(2026, 3, 10, 8+i, 0, 0, 0, time.UTC)
		d, err := db.CreateDraftNote(ctx, f.Peer, store.NoteInput{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID,
			ServiceDate: goldthread.NewDate(2026, 3, 10), Start: start, End: start.Add(45 * time.Minute), Location: "home",
			Modality: "in_person", Category: "peer_mentoring_coaching", Billable: true,
			Goals:               []goldthread.NoteGoal{{GoalID: g.ID, InterventionID: g.Interventions[0].ID}},
			PeerAction:          fmt.Sprintf("Session %d: we practiced calling landlords and made a list of questions.", i+1),
			ParticipantResponse: "Marcus said he felt ready to call on his own.", NextSteps: "Call two landlords."})
		if err != nil {
			t.Fatal(err)
		}
		s, _, err := db.SignNote(ctx, f.Peer, d.ID, store.SignNoteInput{Password: storetest.Password, Attestation: "I attest.", Version: d.Version})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// TestReviewWithoutScript walks the supervisor's queue with plain forms:
// oldest first, a wrong password refused beside its field, a batch
// approval, a return with a comment the author sees on Today, and the
// author's reply.
func TestReviewWithoutScript(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts, plan := noteServer(t, db)
		notes := reviewNotes(t, db, ts.f, plan, 3)
		sup := ts.signIn(t, ts.f.Emails[goldthread.RoleSupervisor])
		res, body := get(t, sup, ts.URL+"/review")
		first, second := strings.Index(body, fmt.Sprintf(`id="pick-%d"`, notes[0].ID)), strings.Index(body, fmt.Sprintf(`id="pick-%d"`, notes[1].ID))
		if res.StatusCode != 200 || first < 0 || second < first || !strings.Contains(body, `href="/review" aria-current="page"`) ||
			!strings.Contains(body, "Own apartment") || !strings.Contains(body, "Pat Peer") {
			t.Fatalf("queue page: %d, oldest first %v", res.StatusCode, first >= 0 && second > first)
		}
		pick := func(ns ...goldthread.Note) url.Values {
			v := url.Values{}
			for _, n := range ns {
				v.Add("note_ids", strconv.FormatInt(n.ID, 10))
			}
			return v
		}
		form := pick(notes[0], notes[1])
		form.Set("password", "guess")
		res, body = postForm(t, sup, ts.URL+"/review/approvals", form)
		if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `id="password-error"`) ||
			!strings.Contains(body, fmt.Sprintf(`id="pick-%d" name="note_ids" value="%d" checked`, notes[0].ID, notes[0].ID)) {
			t.Fatalf("wrong password: %d; want 401 with the error beside the field and the ticks kept", res.StatusCode)
		}
		form.Set("password", storetest.Password)
		res, _ = postForm(t, sup, ts.URL+"/review/approvals", form)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/review?approved=2" {
			t.Fatalf("approve: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		_, body = get(t, sup, ts.URL+"/review?approved=2")
		if strings.Contains(body, fmt.Sprintf(`id="pick-%d"`, notes[0].ID)) || !strings.Contains(body, "Approved 2 notes.") {
			t.Fatal("an approved note is still in the queue")
		}
		third := fmt.Sprintf("%s/notes/%d", ts.URL, notes[2].ID)
		res, body = postForm(t, sup, third+"/return", url.Values{"comment": {""}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="comment-error"`) {
			t.Fatalf("empty return comment: %d", res.StatusCode)
		}
		res, _ = postForm(t, sup, third+"/return", url.Values{"comment": {"Say which goal the calls served."}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/review?returned=1" {
			t.Fatalf("return: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		peer := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
		_, body = get(t, peer, ts.URL+"/today")
		if !strings.Contains(body, "Returned by your supervisor") || !strings.Contains(body, "Say which goal the calls served.") ||
			strings.Contains(body, `href="/review"`) {
			t.Fatal("the author's Today page does not show the returned note (or shows the supervisor's queue)")
		}
		res, body = get(t, peer, third+"/review")
		if res.StatusCode != 200 || !strings.Contains(body, "Your reply") || !strings.Contains(body, "/addenda/new") || strings.Contains(body, `id="approve-note"`) {
			t.Fatalf("the author's review page: %d", res.StatusCode)
		}
		res, _ = postForm(t, peer, third+"/comments", url.Values{"body": {"I will add it today."}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("reply: %d", res.StatusCode)
		}
		res, _ = postForm(t, peer, third+"/approve", url.Values{"password": {storetest.Password}})
		if res.StatusCode != http.StatusForbidden {
			t.Fatalf("a peer approving: %d; want 403", res.StatusCode)
		}
		_, body = get(t, sup, third+"/review")
		if !strings.Contains(body, "I will add it today.") || !strings.Contains(body, "Returned to the author") {
			t.Fatal("the supervisor does not see the thread")
		}
	})
}

// TestReviewAPI drives the review through the JSON API.
func TestReviewAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts, plan := noteServer(t, db)
		notes := reviewNotes(t, db, ts.f, plan, 2)
		sup, peer := ts.token(t, ts.f.Emails[goldthread.RoleSupervisor]), ts.token(t, ts.f.Emails[goldthread.RolePeer])
		res, body := apiGet(t, ts.URL+"/api/v1/review-queue", sup)
		type page struct {
			Items      []goldthread.ReviewItem `json:"items"`
			Total      int                     `json:"total"`
			NextCursor *string                 `json:"next_cursor"`
		}
		var q page
		if err := json.Unmarshal([]byte(body), &q); err != nil || res.StatusCode != 200 || len(q.Items) != 2 || q.Items[0].Note.ID != notes[0].ID ||
			q.Total != 2 || q.NextCursor != nil {
			t.Fatalf("queue: %d %s", res.StatusCode, body)
		}
		// A page at a time: one note and a cursor, then the other and none.
		res, body = apiGet(t, ts.URL+"/api/v1/review-queue?limit=1", sup)
		var p1, p2 page
		if err := json.Unmarshal([]byte(body), &p1); err != nil || res.StatusCode != 200 || len(p1.Items) != 1 || p1.Items[0].Note.ID != notes[0].ID ||
			p1.Total != 2 || p1.NextCursor == nil || *p1.NextCursor == "" {
			t.Fatalf("first page: %d %s", res.StatusCode, body)
		}
		res, body = apiGet(t, ts.URL+"/api/v1/review-queue?limit=1&cursor="+url.QueryEscape(*p1.NextCursor), sup)
		if err := json.Unmarshal([]byte(body), &p2); err != nil || res.StatusCode != 200 || len(p2.Items) != 1 || p2.Items[0].Note.ID != notes[1].ID ||
			p2.Total != 2 || p2.NextCursor != nil {
			t.Fatalf("last page: %d %s", res.StatusCode, body)
		}
		for _, bad := range []struct{ query, field string }{
			{"limit=500", "limit"}, {"limit=0", "limit"}, {"limit=ten", "limit"}, {"cursor=not-ours", "cursor"},
		} {
			res, body := apiGet(t, ts.URL+"/api/v1/review-queue?"+bad.query, sup)
			if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, `"kind":"bad_request"`) || !strings.Contains(body, `"field":"`+bad.field+`"`) {
				t.Fatalf("%s: %d %s; want 400 bad_request on %s", bad.query, res.StatusCode, body, bad.field)
			}
		}
		ids := fmt.Sprintf(`{"note_ids":[%d],"password":"%%s"}`, notes[0].ID)
		res, body = apiDo(t, "POST", ts.URL+"/api/v1/notes/approvals", sup, fmt.Sprintf(ids, "guess"))
		if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `"field":"password"`) {
			t.Fatalf("wrong password: %d %s", res.StatusCode, body)
		}
		res, body = apiDo(t, "POST", ts.URL+"/api/v1/notes/approvals", peer, fmt.Sprintf(ids, storetest.Password))
		if res.StatusCode != http.StatusForbidden {
			t.Fatalf("peer approving: %d %s", res.StatusCode, body)
		}
		res, body = apiDo(t, "POST", ts.URL+"/api/v1/notes/approvals", sup, fmt.Sprintf(ids, storetest.Password))
		if res.StatusCode != 200 || !strings.Contains(body, fmt.Sprintf(`"approved":[%d]`, notes[0].ID)) {
			t.Fatalf("approve: %d %s", res.StatusCode, body)
		}
		second := fmt.Sprintf("%s/api/v1/notes/%d", ts.URL, notes[1].ID)
		res, body = apiDo(t, "POST", second+"/return", sup, `{"comment":"Add the participant's words."}`)
		if res.StatusCode != http.StatusCreated || !strings.Contains(body, `"kind":"return"`) {
			t.Fatalf("return: %d %s", res.StatusCode, body)
		}
		res, body = apiDo(t, "POST", second+"/comments", peer, `{"body":"Done in an addendum."}`)
		if res.StatusCode != http.StatusCreated || !strings.Contains(body, `"kind":"reply"`) {
			t.Fatalf("reply: %d %s", res.StatusCode, body)
		}
		res, body = apiDo(t, "POST", second+"/overrides", sup, `{"rule_id":"no.such.rule","reason":"Does not apply."}`)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `"field":"rule_id"`) {
			t.Fatalf("override of a missing finding: %d %s", res.StatusCode, body)
		}
		res, body = apiGet(t, second+"/review", peer)
		if res.StatusCode != 200 || !strings.Contains(body, `"state":"returned"`) || !strings.Contains(body, "Done in an addendum.") {
			t.Fatalf("review item: %d %s", res.StatusCode, body)
		}
	})
}
