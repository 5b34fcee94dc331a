package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestUnreadableFormRefused: a form that cannot be read whole — over the
// form limit, a broken URL escape, a cut-off multipart body — is refused
// with its kind's status (413 too_large, 400 bad_request) in the reader's
// language, and the handler acts on nothing. Each body also carries the
// valid fields of a request that would succeed, so a handler that went on
// with what it could parse would change the record and be caught.
func TestUnreadableFormRefused(t *testing.T) {
	db := storetest.OpenSQLite(t)
	ts, plan := noteServer(t, db)
	ctx := context.Background()
	f := ts.f
	signed := reviewNotes(t, db, f, plan, 1)[0]
	g := plan.Goals[0]
	start := time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC)
	draft, err := db.CreateDraftNote(ctx, f.Peer, store.NoteInput{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID,
		ServiceDate: goldthread.NewDate(2026, 3, 10), Start: start, End: start.Add(45 * time.Minute), Location: "home",
		Modality: "in_person", Category: "peer_mentoring_coaching", Billable: true,
		Goals:      []goldthread.NoteGoal{{GoalID: g.ID, InterventionID: g.Interventions[0].ID}},
		PeerAction: "We practiced calling landlords and made a list of questions.", ParticipantResponse: "Marcus said he felt ready.",
		NextSteps: "Call two landlords."})
	if err != nil {
		t.Fatal(err)
	}
	peer := ts.signIn(t, f.Emails[goldthread.RolePeer])
	admin := ts.signIn(t, f.Emails[goldthread.RoleAdministrator])
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	note := func(n int64) func() string {
		return func() string {
			got, err := db.Note(ctx, f.Peer, n)
			if err != nil {
				t.Fatal(err)
			}
			return fmt.Sprintf("%s v%d %d addenda", got.Status, got.Version, len(got.Addenda))
		}
	}
	staff := func() string {
		list, err := db.StaffList(ctx, f.Admin)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(list)
	}
	scenarios := []struct {
		name   string
		client *http.Client
		path   string
		valid  url.Values // a request that would succeed
		state  func() string
	}{
		{"NoteSign", peer, "/notes/" + id(draft.ID) + "/sign",
			url.Values{"attest": {"1"}, "password": {storetest.Password}, "version": {strconv.Itoa(draft.Version)}}, note(draft.ID)},
		{"NoteSave", peer, "/notes/" + id(draft.ID),
			url.Values{"program_id": {id(f.Program.ID)}, "kind": {"individual"}, "service_date": {"2026-03-10"}, "start": {"15:00"},
				"end": {"15:30"}, "location": {"home"}, "modality": {"in_person"}, "category": {"peer_mentoring_coaching"},
				"peer_action": {"Changed."}, "version": {strconv.Itoa(draft.Version)}}, note(draft.ID)},
		{"NoteDismiss", peer, "/notes/" + id(draft.ID) + "/dismiss",
			url.Values{"field": {"peer_action"}, "rule_id": {"any"}, "words": {"refused"}, "reason": {"Not so."}}, note(draft.ID)},
		{"Addendum", peer, "/notes/" + id(signed.ID) + "/addenda",
			url.Values{"kind": {"clarification"}, "body": {"He called back on Monday."}, "attest": {"1"}, "password": {storetest.Password}}, note(signed.ID)},
		{"PlanReview", peer, "/plans/" + id(plan.ID) + "/reviews",
			url.Values{"outcome": {"continue"}, "note": {"On track."}, "reviewed_on": {"2026-03-10"}, "next_due": {"2026-06-10"}}, nil},
		{"StaffCreate", admin, "/staff",
			url.Values{"name": {"Nia New"}, "first_name": {"Nia"}, "last_name": {"New"}, "email": {"nia@fixture.test"},
				"roles": {"peer"}, "password": {"a long enough password 2026"}}, staff},
		{"StaffUpdate", admin, "/staff/" + id(f.OtherPeer.UserID),
			url.Values{"name": {"Renamed Peer"}, "first_name": {"Renamed"}, "last_name": {"Peer"}, "email": {"other@fixture.test"},
				"roles": {"peer"}, "active": {"on"}}, staff},
		{"SignIn", ts.client(), "/signin",
			url.Values{"email": {f.Emails[goldthread.RolePeer]}, "password": {storetest.Password}}, nil},
	}
	bodies := []struct {
		name, contentType string
		body              func(valid url.Values) string
		status            int
		says              string
	}{
		{"Oversized", "application/x-www-form-urlencoded",
			func(v url.Values) string { return v.Encode() + "&pad=" + strings.Repeat("x", 1<<20) }, http.StatusRequestEntityTooLarge, "too large"},
		{"BrokenEscape", "application/x-www-form-urlencoded",
			func(v url.Values) string { return v.Encode() + "&pad=%zz" }, http.StatusBadRequest, "could not be read"},
		{"CutOffMultipart", "multipart/form-data; boundary=XYZ",
			func(v url.Values) string {
				var b strings.Builder
				for k, vs := range v {
					for _, x := range vs {
						fmt.Fprintf(&b, "--XYZ\r\nContent-Disposition: form-data; name=%q\r\n\r\n%s\r\n", k, x)
					}
				}
				return b.String() + "--XYZ\r\nContent-Disposition: form-data; name=\"pad\"\r\n\r\ncut off here"
			}, http.StatusBadRequest, "could not be read"},
	}
	for _, sc := range scenarios {
		for _, bd := range bodies {
			t.Run(sc.name+"/"+bd.name, func(t *testing.T) {
				seq, _, err := db.AuditHead(ctx)
				if err != nil {
					t.Fatal(err)
				}
				since := db.Now().Add(-time.Hour)
				var before string
				if sc.state != nil {
					before = sc.state()
				}
				req, _ := http.NewRequest("POST", ts.URL+sc.path, strings.NewReader(bd.body(sc.valid)))
				req.Header.Set("Content-Type", bd.contentType)
				res, err := sc.client.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode != bd.status || !strings.Contains(string(b), bd.says) {
					t.Errorf("POST %s: %d, want %d saying %q", sc.path, res.StatusCode, bd.status, bd.says)
				}
				for _, c := range res.Cookies() {
					if c.Value != "" && c.MaxAge >= 0 {
						t.Errorf("POST %s set cookie %s", sc.path, c.Name)
					}
				}
				// Reading and listing records are audited too; any other event is a write.
				evs, err := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{From: since, Limit: 1000})
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range evs {
					if e.Seq > seq && e.Action != "read" && e.Action != "list" {
						t.Errorf("POST %s wrote: %s %s %d", sc.path, e.Action, e.RecordType, e.RecordID)
					}
				}
				if sc.state != nil {
					if after := sc.state(); after != before {
						t.Errorf("POST %s changed the record: %s → %s", sc.path, before, after)
					}
				}
			})
		}
	}
	// The refusal reads in the reader's language (both messages have
	// their Spanish in the catalog).
	for _, es := range []struct {
		name, body string
		status     int
		says       string
	}{
		{"SpanishOversized", "email=a&pad=" + strings.Repeat("x", 1<<20), http.StatusRequestEntityTooLarge, "Lo que envió es demasiado grande"},
		{"SpanishBrokenEscape", "email=a&password=%zz", http.StatusBadRequest, "No se pudo leer el formulario"},
	} {
		t.Run(es.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", ts.URL+"/signin", strings.NewReader(es.body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Accept-Language", "es")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != es.status || !strings.Contains(string(b), es.says) {
				t.Fatalf("%s in Spanish: %d", es.name, res.StatusCode)
			}
		})
	}
}

// TestOnlyReadFormParsesForms: no file of the web package but form.go
// parses a form itself. ParseForm, ParseMultipartForm, FormValue and
// PostFormValue each parse on their own and drop or hide the error, so a
// handler using them acts on an empty or partial form; readForm is the one
// way in (TestUnreadableFormRefused says what it answers).
func TestOnlyReadFormParsesForms(t *testing.T) {
	parses := regexp.MustCompile(`\.(ParseForm|ParseMultipartForm|FormValue|PostFormValue)\(`)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, name := range files {
		if name == "form.go" || strings.HasSuffix(name, "_test.go") {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for i, line := range strings.Split(string(b), "\n") {
			if m := parses.FindString(line); m != "" && !strings.HasPrefix(strings.TrimSpace(line), "//") {
				t.Errorf("%s:%d calls %s: read the form with s.readForm(w, r)", name, i+1, strings.TrimSuffix(m[1:], "("))
			}
		}
	}
	if checked < 50 {
		t.Fatalf("looked at only %d files; is the test running in internal/web?", checked)
	}
	b, err := os.ReadFile("form.go")
	if err != nil || !parses.Match(b) {
		t.Fatal("form.go no longer parses forms; the rule above checks nothing")
	}
}
