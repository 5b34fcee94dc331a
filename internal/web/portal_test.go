package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/pdf/pdftest"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

const portalNarrative = "We practised what to say when calling a landlord and made two calls together."

// portalServer is noteServer with one signed note and one draft for Marcus.
func portalServer(t *testing.T, db *store.DB) (*testServer, goldthread.Note, goldthread.Note) {
	t.Helper()
	ts, plan := noteServer(t, db)
	ctx, f := context.Background(), ts.f
	in := func(action string) store.NoteInput {
		g := plan.Goals[0]
		return store.NoteInput{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID, ServiceDate: goldthread.NewDate(2026, 3, 10),
			Start: time.Date(2026, 3, 10, 13, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 10, 13, 45, 0, 0, time.UTC),
			Location: "home", Modality: "in_person", Category: "peer_mentoring_coaching",
			Goals:      []goldthread.NoteGoal{{GoalID: g.ID, InterventionID: g.Interventions[0].ID}},
			PeerAction: action, ParticipantResponse: `Marcus said "I did the call myself this time."`, NextSteps: "Visit the apartment on Friday.", Billable: true}
	}
	d, err := db.CreateDraftNote(ctx, f.Peer, in(portalNarrative))
	if err != nil {
		t.Fatal(err)
	}
	signed, _, err := db.SignNote(ctx, f.Peer, d.ID, store.SignNoteInput{Password: storetest.Password, Attestation: "I attest.", Version: d.Version})
	if err != nil {
		t.Fatal(err)
	}
	draft, err := db.CreateDraftNote(ctx, f.Peer, in("Draft words the participant must not see yet."))
	if err != nil {
		t.Fatal(err)
	}
	return ts, signed, draft
}

func portalID(n int64) string { return strconv.FormatInt(n, 10) }

func wantIn(t *testing.T, where, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", where, w)
		}
	}
}

func TestParticipantReadsTheirRecord(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts, note, draft := portalServer(t, db)
		c := ts.signIn(t, ts.f.Emails[goldthread.RoleParticipant])
		pid := portalID(ts.f.Mine.ID)
		_, body := get(t, c, ts.URL+"/today")
		wantIn(t, "Today", body, "My whole record", "Your correction requests", "/participants/"+pid+"/record.pdf")
		_, body = get(t, c, ts.URL+"/participants/"+pid)
		wantIn(t, "own page", body, "Notes about me", "/notes/"+portalID(note.ID), "Who looked at my record")
		res, body := get(t, c, ts.URL+"/me/record")
		if res.StatusCode != 200 {
			t.Fatalf("/me/record: %d", res.StatusCode)
		}
		wantIn(t, "my record", body, "I want to get my own apartment", "Practice calling landlords together", "Stops answering texts",
			portalNarrative, "Integrity verified", "/amendments/new?note="+portalID(note.ID))
		if strings.Contains(body, "Draft words") {
			t.Fatal("a draft shows on the participant's record")
		}
		_, body = get(t, c, ts.URL+"/notes/"+portalID(note.ID))
		wantIn(t, "note page", body, portalNarrative, "Integrity verified", `id="ask-correction"`)
		if res, _ := get(t, c, ts.URL+"/notes/"+portalID(draft.ID)); res.StatusCode != 404 {
			t.Fatalf("the draft answered %d to the participant", res.StatusCode)
		}
		peer := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
		if _, body := get(t, peer, ts.URL+"/participants/"+pid); strings.Contains(body, "Notes about me") || !strings.Contains(body, "notes-title") {
			t.Fatal("staff see the participant's notes section instead of theirs")
		}
	})
}

func TestRecordPDFIsADisclosure(t *testing.T) {
	ts, _, _ := portalServer(t, storetest.OpenSQLite(t))
	c := ts.signIn(t, ts.f.Emails[goldthread.RoleParticipant])
	pid := portalID(ts.f.Mine.ID)
	res, file := postForm(t, c, ts.URL+"/participants/"+pid+"/record.pdf", nil)
	hash := res.Header.Get("X-Content-SHA256")
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(file, "%PDF-") || len(hash) != 64 {
		t.Fatalf("pdf: %d %s %q", res.StatusCode, res.Header.Get("Content-Type"), hash)
	}
	body := pdfText(t, file)
	wantIn(t, "pdf", body, "Record of Marcus Bell", "I want to get my own apartment", hash, "We practised what to say")
	if strings.Contains(body, "42 CFR part 2 prohibits") {
		t.Fatal("the Part 2 notice on a record of no Part 2 program")
	}
	_, page := get(t, c, ts.URL+"/participants/"+pid+"/disclosures")
	wantIn(t, "disclosures", page, goldthread.OwnRequestRecipient, "At the participant&#39;s own request", hash)
	if res, _ := postForm(t, c, ts.URL+"/participants/"+portalID(ts.f.MineToo.ID)+"/record.pdf", nil); res.StatusCode != 404 {
		t.Fatalf("someone else's record answered %d", res.StatusCode)
	}

	t.Run("Part2RecordsCarryTheNotice", func(t *testing.T) {
		const label = "This record is from a 42 CFR Part 2"
		consent := goldthread.Consent{ParticipantID: ts.f.Mine.ID, Kind: goldthread.ConsentPart2, Recipient: "Recovery Clinic", Purpose: "Coordination",
			Information: "Attendance", Signed: goldthread.NewDate(2026, 3, 1), Expires: goldthread.NewDate(2027, 3, 1)}
		storetest.Part2Elements(&consent)
		if err := ts.db.AddConsent(context.Background(), ts.f.Peer, &consent); err != nil {
			t.Fatal(err)
		}
		// A Part 2 consent on file does not make the record Part 2; the program does.
		if _, file := postForm(t, c, ts.URL+"/participants/"+pid+"/record.pdf", nil); strings.Contains(pdfText(t, file), "42 CFR part 2 prohibits") || strings.Contains(pdfText(t, file), label) {
			t.Fatal("the Part 2 notice on the record of a program not marked Part 2")
		}
		if _, err := ts.db.SetProgramPart2(context.Background(), ts.f.Admin, ts.f.Program.ID, true, ""); err != nil {
			t.Fatal(err)
		}
		_, file := postForm(t, c, ts.URL+"/participants/"+pid+"/record.pdf", nil)
		wantIn(t, "part 2 pdf", pdfText(t, file), "42 CFR part 2 prohibits unauthorized use or disclosure of these records.", label)
	})
}

func TestReleaseNeedsAConsentInEffect(t *testing.T) {
	ts, _, _ := portalServer(t, storetest.OpenSQLite(t))
	peer := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
	u := ts.URL + "/participants/" + portalID(ts.f.Mine.ID) + "/disclosures"
	form := url.Values{"recipient": {"Mountain Housing Partners"}, "purpose": {"Housing application"}, "sections": {goldthread.SectionPlans}}
	res, err := peer.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	_, body := get(t, peer, u) // the refusal is recorded nowhere on the list
	res.Body.Close()
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("release without consent: %d", res.StatusCode)
	}
	if strings.Contains(body, "Mountain Housing Partners") {
		t.Fatal("a refused release is listed as a disclosure")
	}
	consent := goldthread.Consent{ParticipantID: ts.f.Mine.ID, Kind: goldthread.ConsentROI, Recipient: "Mountain Housing Partners", Purpose: "Housing",
		Information: "Dates of service", Sections: []string{goldthread.SectionPlans}, Signed: goldthread.NewDate(2026, 3, 1), Expires: goldthread.NewDate(2027, 3, 1)}
	if err := ts.db.AddConsent(context.Background(), ts.f.Peer, &consent); err != nil {
		t.Fatal(err)
	}
	res, err = peer.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("release under consent: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	_, body = get(t, peer, u)
	wantIn(t, "disclosures", body, "Mountain Housing Partners", "Under consent "+portalID(consent.ID))
}

func TestAmendmentJourney(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts, note, _ := portalServer(t, db)
		me := ts.signIn(t, ts.f.Emails[goldthread.RoleParticipant])
		_, body := get(t, me, ts.URL+"/amendments/new?note="+portalID(note.ID))
		wantIn(t, "form", body, "What is wrong", "(required)", portalNarrative)
		res, err := me.PostForm(ts.URL+"/amendments", url.Values{"note_id": {portalID(note.ID)}, "what_is_wrong": {"Two calls"}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("missing should_say: %d", res.StatusCode)
		}
		res, err = me.PostForm(ts.URL+"/amendments", url.Values{"note_id": {portalID(note.ID)}, "what_is_wrong": {"It says two calls."}, "should_say": {"One call."}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		loc := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/amendments/") {
			t.Fatalf("request: %d %s", res.StatusCode, loc)
		}
		reqURL := ts.URL + strings.TrimSuffix(loc, "?done=asked")
		sup := ts.signIn(t, ts.f.Emails[goldthread.RoleSupervisor])
		_, body = get(t, sup, ts.URL+"/today")
		wantIn(t, "supervisor's Today", body, "Correction requests awaiting your decision", "Marcus Bell")
		res, err = sup.PostForm(reqURL+"/decision", url.Values{"outcome": {"denied"}, "password": {storetest.Password}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("denial without a reason: %d", res.StatusCode)
		}
		res, err = sup.PostForm(reqURL+"/decision", url.Values{"outcome": {"denied"}, "reason": {"Both calls happened; I checked with Pat."}, "password": {storetest.Password}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("denial: %d", res.StatusCode)
		}
		_, body = get(t, me, reqURL)
		wantIn(t, "denied request", body, "Not accepted", "Both calls happened", "Add your statement of disagreement")
		res, err = me.PostForm(reqURL+"/statement", url.Values{"statement": {"I only made one call; the second was Pat."}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("statement: %d", res.StatusCode)
		}
		peer := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
		_, body = get(t, peer, ts.URL+"/notes/"+portalID(note.ID))
		wantIn(t, "note page", body, "Statement of disagreement", "I only made one call")
		_, body = postForm(t, me, ts.URL+"/participants/"+portalID(ts.f.Mine.ID)+"/record.pdf", nil)
		wantIn(t, "pdf", pdfText(t, body), "I only made one call")
	})
}

func TestAccessLogAndIntegrityPages(t *testing.T) {
	db := storetest.OpenSQLite(t)
	ts, note, _ := portalServer(t, db)
	pid := portalID(ts.f.Mine.ID)
	bill := ts.signIn(t, ts.f.Emails[goldthread.RoleBilling])
	if res, _ := get(t, bill, ts.URL+"/participants/"+pid); res.StatusCode != 200 {
		t.Fatalf("billing reads: %d", res.StatusCode)
	}
	me := ts.signIn(t, ts.f.Emails[goldthread.RoleParticipant])
	_, body := get(t, me, ts.URL+"/participants/"+pid+"/access-log")
	wantIn(t, "access log", body, "Who looked at my record", "Billing for services")
	if strings.Contains(body, "Peer specialist") {
		t.Fatal("the assigned peer is listed as outside the care team")
	}
	if _, err := db.ExecRaw(context.Background(), "DROP TRIGGER service_note_signed_no_update"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecRaw(context.Background(), "UPDATE service_note SET next_steps = 'altered' WHERE id = ?", note.ID); err != nil {
		t.Fatal(err)
	}
	_, body = get(t, me, ts.URL+"/notes/"+portalID(note.ID))
	wantIn(t, "altered note", body, "Integrity warning", "altered after signing")
}

func TestPortalAPI(t *testing.T) {
	ts, note, _ := portalServer(t, storetest.OpenSQLite(t))
	tok := ts.token(t, ts.f.Emails[goldthread.RoleParticipant])
	pid := portalID(ts.f.Mine.ID)
	res, body := apiGet(t, ts.URL+"/api/v1/participants/"+pid+"/record", tok)
	if res.StatusCode != 200 || !strings.Contains(body, `"integrity"`) || !strings.Contains(body, `"ok":true`) || strings.Contains(body, "Draft words") {
		t.Fatalf("record: %d %.200s", res.StatusCode, body)
	}
	res, body = apiDo(t, "POST", ts.URL+"/api/v1/amendments", tok, `{"note_id":`+portalID(note.ID)+`,"what_is_wrong":"x"}`)
	if res.StatusCode != 422 || !strings.Contains(body, `"field":"should_say"`) {
		t.Fatalf("invalid request: %d %s", res.StatusCode, body)
	}
	res, body = apiDo(t, "POST", ts.URL+"/api/v1/amendments", tok, `{"note_id":`+portalID(note.ID)+`,"what_is_wrong":"x","should_say":"y"}`)
	if res.StatusCode != 201 || !strings.Contains(body, `"status":"pending"`) {
		t.Fatalf("request: %d %s", res.StatusCode, body)
	}
	res, body = apiDo(t, "POST", ts.URL+"/api/v1/participants/"+pid+"/disclosures", tok, `{}`)
	if res.StatusCode != 201 || !strings.Contains(body, `"own_request":true`) || !strings.Contains(body, `"pdf":"JVBERi0`) {
		t.Fatalf("own copy: %d %.300s", res.StatusCode, body)
	}
	peerTok := ts.token(t, ts.f.Emails[goldthread.RolePeer])
	res, body = apiDo(t, "POST", ts.URL+"/api/v1/participants/"+pid+"/disclosures", peerTok, `{"recipient":"Nobody","purpose":"x","sections":["notes"]}`)
	if res.StatusCode != 422 || !strings.Contains(body, `"field":"recipient"`) {
		t.Fatalf("release without consent: %d %s", res.StatusCode, body)
	}
}

// pdfText is the text of a record PDF, its lines joined by spaces so a
// sentence the layout wrapped reads whole.
func pdfText(t *testing.T, file string) string {
	t.Helper()
	text, err := pdftest.Text([]byte(file))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(text), " ")
}
