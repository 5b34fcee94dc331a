package web_test

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestCoachFindingsReadInTheReadersLanguage: a peer whose browser asks for
// Spanish, writing a note in English, reads the coach's explanation and
// suggestion in Spanish on the note form and from the live coach, while
// the words quoted from the note, the English example and the one-tap
// rewrite stay as written; the note's own text is not translated.
func TestCoachFindingsReadInTheReadersLanguage(t *testing.T) {
	ts, plan := noteServer(t, storetest.OpenSQLite(t))
	const text = "He refused to call the landlord."
	d := cpDraft(t, ts, plan, func(in *store.NoteInput) { in.PeerAction = text })
	const (
		enWhy = "&#34;Refused&#34; reads as a judgment of the person&#39;s choice."
		esWhy = "&#34;Refused&#34; se lee como un juicio sobre la decisión de la persona."
		esFix = "Escriba &#34;decided not to&#34; o &#34;declined&#34;, con el motivo del participante en sus palabras."
	)
	peer := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
	_, body := getIn(t, peer, ts.URL+"/notes/"+strconv.FormatInt(d.ID, 10)+"/edit", "es")
	if !strings.Contains(body, esWhy) || !strings.Contains(body, esFix) || strings.Contains(body, enWhy) {
		t.Errorf("note form: the coach's finding is not in Spanish (Spanish why %v, fix %v, English why %v)",
			strings.Contains(body, esWhy), strings.Contains(body, esFix), strings.Contains(body, enWhy))
	}
	if !strings.Contains(body, html.EscapeString(text)) {
		t.Error("note form: the peer's own words are not as written")
	}

	req, _ := http.NewRequest("POST", ts.URL+"/notes/coach", strings.NewReader(fmt.Sprintf(
		`{"program_id":%d,"participant_id":%d,"field":"peer_action","text":%q}`, ts.f.Program.ID, ts.f.Mine.ID, text)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept-Language", "es-MX,es;q=0.9")
	res, err := peer.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var out struct {
		Findings []struct {
			RuleID       string `json:"rule_id"`
			Words        string
			Why          string
			Suggestion   string
			Replacements []struct{ Text string }
		}
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range out.Findings {
		if f.RuleID != "judgment.refused" {
			continue
		}
		found = true
		if f.Why != html.UnescapeString(esWhy) || f.Suggestion != html.UnescapeString(esFix) || f.Words != "refused" {
			t.Errorf("live coach: words %q, why %q, suggestion %q", f.Words, f.Why, f.Suggestion)
		}
		if len(f.Replacements) == 0 || f.Replacements[0].Text != "declined to" {
			t.Errorf("live coach: the rewrite is not the English one: %+v", f.Replacements)
		}
	}
	if !found {
		t.Errorf("live coach: no judgment.refused finding in %s", raw)
	}
}

// TestSignPageCoachBlockReadsInSpanish: a coach finding that blocks signing
// is listed on the signing page in the reader's Spanish, the note's words
// quoted as written.
func TestSignPageCoachBlockReadsInSpanish(t *testing.T) {
	ts, plan := noteServer(t, storetest.OpenSQLite(t))
	d := cpDraft(t, ts, plan, func(in *store.NoteInput) { in.PeerAction = "I counseled the participant about housing." })
	peer := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
	_, body := getIn(t, peer, ts.URL+"/notes/"+strconv.FormatInt(d.ID, 10)+"/sign", "es")
	want := html.EscapeString(`"counseled the participant": La consejería les corresponde a los proveedores con licencia. ` +
		`Describa el apoyo de par, p. ej. "Encouraged the participant" o "Explored options together". Un(a) supervisor(a) puede descartarlo si no corresponde.`)
	if !strings.Contains(body, want) {
		t.Errorf("the signing page does not give the coach's block in Spanish")
	}
	if strings.Contains(body, "A supervisor can dismiss this") {
		t.Error("the signing page gives the coach's block in English too")
	}
}

// TestAPICoachFindingsGiveTheReaders: the findings API keeps a coach
// finding's why and suggestion in English and adds reader_why and
// reader_suggestion in the account's language.
func TestAPICoachFindingsGiveTheReaders(t *testing.T) {
	ts, plan := noteServer(t, storetest.OpenSQLite(t))
	d := cpDraft(t, ts, plan, func(in *store.NoteInput) { in.PeerAction = "He refused to call the landlord." })
	token := ts.token(t, ts.f.Emails[goldthread.RoleSupervisor])
	if res, _ := apiDo(t, "PUT", ts.URL+"/api/v1/me/language", token, `{"language":"es"}`); res.StatusCode != 200 {
		t.Fatalf("choose Spanish: %d", res.StatusCode)
	}
	_, raw := apiDo(t, "GET", ts.URL+"/api/v1/notes/"+strconv.FormatInt(d.ID, 10)+"/findings", token, "")
	var got struct {
		Coach []struct {
			RuleID string `json:"rule_id"`
			Why    string
			RW     string `json:"reader_why"`
			RS     string `json:"reader_suggestion"`
		}
	}
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatal(err)
	}
	for _, f := range got.Coach {
		if f.RuleID != "judgment.refused" {
			continue
		}
		if f.Why != `"Refused" reads as a judgment of the person's choice.` || f.RW != `"Refused" se lee como un juicio sobre la decisión de la persona.` ||
			!strings.HasPrefix(f.RS, `Escriba "decided not to"`) {
			t.Errorf("why %q, reader_why %q, reader_suggestion %q", f.Why, f.RW, f.RS)
		}
		return
	}
	t.Errorf("no judgment.refused finding in %s", raw)
}

// TestReviewHeldDraftCoachBlockReadsInSpanish: the supervisor's review
// queue lists a draft held by a coach block with the block's explanation
// and suggestion in the reader's Spanish.
func TestReviewHeldDraftCoachBlockReadsInSpanish(t *testing.T) {
	ts, plan := noteServer(t, storetest.OpenSQLite(t))
	cpDraft(t, ts, plan, func(in *store.NoteInput) { in.PeerAction = "I counseled the participant about housing." })
	sup := ts.signIn(t, ts.f.Emails[goldthread.RoleSupervisor])
	_, body := getIn(t, sup, ts.URL+"/review", "es")
	if !strings.Contains(body, "counseled the participant") {
		t.Fatal("the review queue does not list the held draft's block")
	}
	if !strings.Contains(body, "La consejería les corresponde a los proveedores con licencia.") ||
		strings.Contains(body, "Counseling is reserved for licensed providers.") {
		t.Error("the review queue gives the coach's block in English")
	}
}
