package web_test

import (
	"encoding/json"
	"fmt"
	"github.com/goldthread/goldthread"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread/internal/store/storetest"
)

// get fetches u with c and an Accept-Language header (none when empty).
func getIn(t *testing.T, c *http.Client, u, acceptLanguage string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	if acceptLanguage != "" {
		req.Header.Set("Accept-Language", acceptLanguage)
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// TestLanguageBeforeSignIn: before sign-in the browser's Accept-Language
// chooses the language, and <html lang> says which.
func TestLanguageBeforeSignIn(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	for _, c := range []struct{ header, lang, text string }{
		{"", "en", "Sign in"},
		{"es-MX,es;q=0.9,en;q=0.5", "es", "Iniciar sesión"},
		{"fr-CA,fr;q=0.9,es;q=0.5", "es", "Iniciar sesión"}, // no French: the next one Goldthread has
		{"en-US,es;q=0.5", "en", "Sign in"},
		{"de", "en", "Sign in"},
	} {
		_, body := getIn(t, ts.client(), ts.URL+"/signin", c.header)
		if !strings.Contains(body, `<html lang="`+c.lang+`">`) || !strings.Contains(body, c.text) {
			t.Errorf("Accept-Language %q: want <html lang=%q> and %q", c.header, c.lang, c.text)
		}
	}
}

// TestAccountLanguageWinsOverTheBrowser: a person who chose Spanish reads
// Spanish whatever their browser asks, and back again.
func TestAccountLanguageWinsOverTheBrowser(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	c := ts.signIn(t, "peer@fixture.test")
	choose := func(lang string) {
		t.Helper()
		res, err := c.PostForm(ts.URL+"/account/language", url.Values{"language": {lang}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("choose %q: %d", lang, res.StatusCode)
		}
	}
	choose("es")
	if _, body := getIn(t, c, ts.URL+"/today", "en-US"); !strings.Contains(body, `<html lang="es">`) || !strings.Contains(body, "Hola, Pat Peer") {
		t.Errorf("after choosing Spanish, Today is not Spanish")
	}
	choose("")
	if _, body := getIn(t, c, ts.URL+"/today", "en-US"); !strings.Contains(body, `<html lang="en">`) || !strings.Contains(body, "Hello, Pat Peer") {
		t.Errorf("with no choice, an English browser does not get English")
	}
	res, err := c.PostForm(ts.URL+"/account/language", url.Values{"language": {"fr"}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(b), `id="language-error"`) {
		t.Errorf("fr: %d; want 422 with the error beside the choice", res.StatusCode)
	}
}

// TestAPIAnswersInTheReadersLanguage: API error messages follow the
// account's language, else Accept-Language; PUT /api/v1/me/language sets
// the account's.
func TestAPIAnswersInTheReadersLanguage(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	token := ts.token(t, "peer@fixture.test")
	put := func(body, acceptLanguage string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("PUT", ts.URL+"/api/v1/me/language", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		if acceptLanguage != "" {
			req.Header.Set("Accept-Language", acceptLanguage)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	status, body := put(`{"language":"fr"}`, "es")
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `"field":"language"`) || !strings.Contains(body, "Elija inglés o español") {
		t.Errorf("fr with Accept-Language es: %d %s; want a Spanish 422 on language", status, body)
	}
	status, body = put(`{"language":"fr"}`, "")
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "Choose English or Spanish") {
		t.Errorf("fr without Accept-Language: %d %s; want English", status, body)
	}
	if status, body = put(`{"language":"es"}`, ""); status != http.StatusOK || !strings.Contains(body, `"language":"es"`) {
		t.Errorf("es: %d %s", status, body)
	}
	if _, body = apiDo(t, "GET", ts.URL+"/api/v1/participants/999999", token, ""); !strings.Contains(body, "No hay un participante") {
		t.Errorf("after choosing Spanish an API error reads %s", body)
	}
}

// TestSignProblemsInTheReadersLanguage: what stops a note from being
// signed reads in the author's language (a draft dated in the future: its
// times are refused).
func TestSignProblemsInTheReadersLanguage(t *testing.T) {
	ts, _ := noteServer(t, storetest.OpenSQLite(t))
	tok := ts.token(t, ts.f.Emails[goldthread.RolePeer])
	if res, body := apiDo(t, "PUT", ts.URL+"/api/v1/me/language", tok, `{"language":"es"}`); res.StatusCode != 200 {
		t.Fatalf("choose Spanish: %d %s", res.StatusCode, body)
	}
	_, body := apiDo(t, "POST", ts.URL+"/api/v1/notes", tok, fmt.Sprintf(`{"participant_id":%d,"program_id":%d,"kind":"collateral",
		"service_date":"2099-03-10","start":"2099-03-10T13:00:00Z","end":"2099-03-10T13:45:00Z","location":"home","modality":"in_person",
		"single_event_reason":"Before the plan.","peer_action":"Met his sister.","participant_response":"She offered to help.",
		"next_steps":"Share the times.","billable":true}`, ts.f.Mine.ID, ts.f.Program.ID))
	var n goldthread.Note
	json.Unmarshal([]byte(body), &n)
	_, body = apiDo(t, "GET", ts.URL+"/api/v1/notes/"+strconv.FormatInt(n.ID, 10)+"/sign-check", tok, "")
	var check struct{ Problems []goldthread.SignProblem }
	json.Unmarshal([]byte(body), &check)
	for _, p := range check.Problems {
		if p.Field == "service_date" {
			if want := "El servicio está en el futuro; escriba la nota después de que ocurra el servicio."; p.Message != want {
				t.Errorf("the service in the future reads %q; want %q", p.Message, want)
			}
			return
		}
	}
	t.Fatalf("no problem with the times in %s", body)
}
