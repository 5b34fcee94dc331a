package web_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// reviewNotesOverDays signs n notes by the fixture's Peer for Marcus,
// twelve a day from 08:00 on Mar 8 (the first is the oldest), so more
// than a page of the queue fits without overlapping.
func reviewNotesOverDays(t *testing.T, db *store.DB, f *storetest.Fixture, plan goldthread.Plan, n int) []goldthread.Note {
	t.Helper()
	ctx := context.Background()
	g := plan.Goals[0]
	var out []goldthread.Note
	for i := range n {
		start := time.Date(2026, 3, 8+i/12, 8+i%12, 0, 0, 0, time.UTC)
		d, err := db.CreateDraftNote(ctx, f.Peer, store.NoteInput{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID,
			ServiceDate: goldthread.DateOf(start), Start: start, End: start.Add(45 * time.Minute), Location: "home",
			Modality: "in_person", Category: "peer_mentoring_coaching", Billable: true, LateEntryReason: "Written late in the test.",
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

var nextLink = regexp.MustCompile(`id="review-next" href="([^"]+)"`)

// TestReviewPageShowsAPageWithTheTotalAndANextLink: the queue page holds
// the oldest 25 notes, says how many wait in all, links to the next page
// by cursor, and a batch approval from that page still approves.
func TestReviewPageShowsAPageWithTheTotalAndANextLink(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts, plan := noteServer(t, db)
		notes := reviewNotesOverDays(t, db, ts.f, plan, store.ReviewPageDefault+1)
		sup := ts.signIn(t, ts.f.Emails[goldthread.RoleSupervisor])
		res, body := get(t, sup, ts.URL+"/review")
		last := notes[len(notes)-1]
		if res.StatusCode != 200 || strings.Count(body, `name="note_ids"`) != store.ReviewPageDefault ||
			!strings.Contains(body, fmt.Sprintf(`id="pick-%d"`, notes[0].ID)) || strings.Contains(body, fmt.Sprintf(`id="pick-%d"`, last.ID)) ||
			!strings.Contains(body, "25 of 26 waiting") || !strings.Contains(body, "Awaiting your review (26)") {
			t.Fatalf("first page: %d, want the oldest 25 of 26", res.StatusCode)
		}
		m := nextLink.FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no next link on the first page")
		}
		next := html.UnescapeString(m[1])
		res, body = get(t, sup, ts.URL+next)
		if res.StatusCode != 200 || strings.Count(body, `name="note_ids"`) != 1 || !strings.Contains(body, fmt.Sprintf(`id="pick-%d"`, last.ID)) ||
			!strings.Contains(body, "1 of 26 waiting") || nextLink.MatchString(body) || !strings.Contains(body, `href="/review">Back to the oldest`) {
			t.Fatalf("second page (%s): %d, want the newest note alone and no next link", next, res.StatusCode)
		}
		cursor, _ := url.Parse(next)
		form := url.Values{"note_ids": {strconv.FormatInt(last.ID, 10)}, "password": {storetest.Password}, "cursor": {cursor.Query().Get("cursor")}}
		res, _ = postForm(t, sup, ts.URL+"/review/approvals", form)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/review?approved=1" {
			t.Fatalf("approve from the second page: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		_, body = get(t, sup, ts.URL+"/review")
		if !strings.Contains(body, "25 of 25 waiting") || nextLink.MatchString(body) {
			t.Fatal("after approving the newest note the queue still shows 26 or a next page")
		}
		res, _ = get(t, sup, ts.URL+"/review?cursor=not-ours")
		if res.StatusCode != http.StatusBadRequest {
			t.Fatalf("a bad cursor: %d; want 400", res.StatusCode)
		}
	})
}

// TestReviewPageSpeaksSpanish: the page's count and link come from the
// catalog.
func TestReviewPageSpeaksSpanish(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts, plan := noteServer(t, db)
		reviewNotesOverDays(t, db, ts.f, plan, store.ReviewPageDefault+1)
		sup := ts.signIn(t, ts.f.Emails[goldthread.RoleSupervisor])
		req, _ := http.NewRequest("GET", ts.URL+"/review", nil)
		req.Header.Set("Accept-Language", "es")
		res, err := sup.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(body), "25 de 26 en espera") || !strings.Contains(string(body), "Siguiente: notas más recientes") {
			t.Fatal("the Spanish page lacks the count or the next link in Spanish")
		}
	})
}
