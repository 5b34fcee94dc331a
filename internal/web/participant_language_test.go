package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// speaksSpanish records Spanish as the fixture's Marcus's language.
func speaksSpanish(t *testing.T, ts *testServer) {
	t.Helper()
	ctx := context.Background()
	p, err := ts.db.Participant(ctx, ts.f.Peer, ts.f.Mine.ID)
	if err != nil {
		t.Fatal(err)
	}
	p.Language = "español"
	if _, err := ts.db.UpdateParticipant(ctx, ts.f.Peer, p.ID, p); err != nil {
		t.Fatal(err)
	}
}

// TestPlanToSignInTheParticipantsLanguage: an English-reading peer who
// opens the draft plan of a participant who speaks Spanish gets the page
// to hand over in Spanish, goals as written; once the participant has
// signed, the plan reads in the peer's own language again.
func TestPlanToSignInTheParticipantsLanguage(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	speaksSpanish(t, ts)
	p := readyDraft(t, ts)
	c := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
	planURL := ts.URL + "/plans/" + strconv.FormatInt(p.ID, 10)
	_, body := getIn(t, c, planURL, "en-US")
	wantIn(t, "draft to sign", body, `<html lang="es">`, "Firmar como participante", p.Goals[0].Words)
	res, err := c.PostForm(planURL+"/sign", map[string][]string{"role": {"participant"}, "name": {"Marcus Bell"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	_, body = getIn(t, c, planURL, "en-US")
	wantIn(t, "after the participant signed", body, `<html lang="en">`, "Sign as the peer specialist")
}

// TestRecordPDFInTheParticipantsLanguage: a copy of the record released
// by an English-reading peer is written in the participant's language.
func TestRecordPDFInTheParticipantsLanguage(t *testing.T) {
	ts, _, _ := portalServer(t, storetest.OpenSQLite(t))
	speaksSpanish(t, ts)
	c := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
	res, file := postForm(t, c, ts.URL+"/participants/"+portalID(ts.f.Mine.ID)+"/disclosures",
		map[string][]string{"own_request": {"yes"}, "purpose": {"his own copy"}})
	if res.StatusCode != 200 || !strings.HasPrefix(file, "%PDF-") {
		t.Fatalf("release: %d", res.StatusCode)
	}
	body := pdfText(t, file)
	wantIn(t, "pdf", body, "Expediente de Marcus Bell", "Sobre el participante", "I want to get my own apartment")
	if strings.Contains(body, "Record of Marcus Bell") {
		t.Error("the PDF title is in English")
	}
	if !strings.Contains(file, "/Lang (es-US)") {
		t.Error("the PDF does not declare Spanish")
	}
}
