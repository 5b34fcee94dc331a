package web_test

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

var threadLink = regexp.MustCompile(`<a href="(/[^"]+)"`)

// linkIn returns the first link of body whose path starts with prefix.
func linkIn(t *testing.T, what, body, prefix string) string {
	t.Helper()
	for _, m := range threadLink.FindAllStringSubmatch(body, -1) {
		if u := html.UnescapeString(m[1]); strings.HasPrefix(u, prefix) {
			return u
		}
	}
	t.Fatalf("%s has no link to %s…", what, prefix)
	return ""
}

// TestThreadIsOneClickPerStep: an auditor walks a billed service from its
// claim line to the note, and from the note's thread to the approval, the
// author's credential that day, the plan version in force (naming the goal
// and intervention served), the eligibility page with the service order,
// and back to the claim: one link per step, each page opens.
func TestThreadIsOneClickPerStep(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts, c := exportedServer(t, db)
		f := ts.f
		auditor := ts.signIn(t, f.Emails[goldthread.RoleAuditor])
		open := func(what, path string) string {
			t.Helper()
			res, body := get(t, auditor, ts.URL+path)
			if res.StatusCode != 200 {
				t.Fatalf("%s (%s): %d", what, path, res.StatusCode)
			}
			if m := missingKey.FindString(body); m != "" {
				t.Fatalf("%s: message %s missing", what, m)
			}
			return body
		}
		claim := open("claim", "/claims/"+strconv.FormatInt(c.ID, 10))
		notePath := linkIn(t, "claim page", claim, "/notes/")
		if notePath != "/notes/"+strconv.FormatInt(c.Lines[0].NoteID, 10) {
			t.Fatalf("the claim line links to %s", notePath)
		}
		note := open("note", notePath)
		i := strings.Index(note, `id="service-thread"`)
		if i < 0 {
			t.Fatal("the note page has no thread section")
		}
		thread := note[i:]
		wantIn(t, "thread", thread, "approved by", "CPSS C-1", "version 1", "Own apartment — ", "service order by Cal Clinician",
			"authorization PA-100", c.Number)
		for _, step := range []struct{ prefix, want string }{
			{notePath + "/review", "Approv"},
			{"/staff/" + strconv.FormatInt(f.Peer.UserID, 10) + "/credentials", "C-1"},
			{"/plans/", "Own apartment"},
			{"/participants/" + strconv.FormatInt(f.Mine.ID, 10) + "/eligibility", "Cal Clinician"},
			{"/claims/" + strconv.FormatInt(c.ID, 10), c.Number},
		} {
			body := open(step.prefix, linkIn(t, "thread", thread, step.prefix))
			if !strings.Contains(body, step.want) {
				t.Errorf("%s does not show %q", step.prefix, step.want)
			}
		}
		tok := ts.token(t, f.Emails[goldthread.RoleAuditor])
		res, body := apiDo(t, "GET", ts.URL+"/api/v1/notes/"+strconv.FormatInt(c.Lines[0].NoteID, 10)+"/thread", tok, "")
		if res.StatusCode != 200 || !strings.Contains(body, `"valid":true`) || !strings.Contains(body, `"served":["Own apartment`) ||
			!strings.Contains(body, `"number":"`+c.Number+`"`) {
			t.Fatalf("API thread: %d %s", res.StatusCode, body)
		}
		// Billing sees the plan version but not the goal's words, and no
		// link to a plan it may not open.
		bill := ts.signIn(t, f.Emails[goldthread.RoleBilling])
		_, body = get(t, bill, ts.URL+notePath)
		if j := strings.Index(body, `id="service-thread"`); j < 0 || strings.Contains(body[j:], `href="/plans/`) {
			t.Errorf("billing's thread: missing, or links to a plan billing cannot open")
		}
	})
}
