package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestGroupProblemsReadInSpanish: a facilitator whose browser asks for
// Spanish opens a draft group session with nobody present and no shared
// description and reads both problems in Spanish.
func TestGroupProblemsReadInSpanish(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	ts.db.Now = (&storetest.Clock{T: time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)}).Now
	if _, err := ts.db.ExecRaw(context.Background(), "UPDATE app_user SET credential = ? WHERE agency_id = ?", "CPSS", ts.f.Agency.ID); err != nil {
		t.Fatal(err)
	}
	c := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
	res, _ := postForm(t, c, ts.URL+"/groups", url.Values{"program_id": {strconv.FormatInt(ts.f.Program.ID, 10)}, "topic": {"Coping skills"},
		"service_date": {"2026-03-09"}, "start": {"00:05"}, "end": {"00:50"}, "location": {"community"}, "modality": {"in_person"},
		"category": {"skills_building_recovery_group"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", res.StatusCode)
	}
	group := ts.URL + strings.TrimSuffix(res.Header.Get("Location"), "#roster")
	_, body := getIn(t, c, group, "es")
	for _, want := range []string{"No hay nadie marcado como presente.", "Describa lo que hizo el grupo."} {
		if !strings.Contains(body, want) {
			t.Errorf("the group page does not say %q", want)
		}
	}
	for _, en := range []string{"Nobody is marked present.", "Describe what the group did."} {
		if strings.Contains(body, en) {
			t.Errorf("the group page says %q in English", en)
		}
	}
}

// TestImportErrorsReadInSpanish: a roster whose rows name an unknown
// program and an unreadable date is refused with each row's problem in
// Spanish on the page; the API keeps message in English and adds
// reader_message in the account's language.
func TestImportErrorsReadInSpanish(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	ts.db.Now = (&storetest.Clock{T: time.Date(2026, 6, 15, 14, 0, 0, 0, time.UTC)}).Now
	roster := "first_name,last_name,birth_date,program,peer_email\n" +
		"Ana,Lopez,1990-02-03,NC peer support,peer@fixture.test\n" +
		"Ben,Moss,1991-05-06,Nowhere,peer@fixture.test\n" +
		"Cleo,Ray,31.12.1990,NC peer support,peer@fixture.test\n"
	const (
		esProgram = "Ningún programa activo de la agencia se llama &#34;Nowhere&#34;; use el nombre o el id de un programa de la página Programas."
		esDate    = "&#34;31.12.1990&#34; no es una fecha; escríbala como AAAA-MM-DD o MM/DD/AAAA."
	)
	sup := ts.signIn(t, ts.f.Emails[goldthread.RoleSupervisor])
	res, body := postFileIn(t, sup, ts.URL+"/participants/import", "r.csv", roster, "es")
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("roster: %d", res.StatusCode)
	}
	for _, want := range []string{"<td>3</td><td><code>program</code></td><td>" + esProgram + "</td>", "<td>4</td><td><code>birth_date</code></td><td>" + esDate + "</td>"} {
		if !strings.Contains(body, want) {
			t.Errorf("the import page does not give %q", html.UnescapeString(want))
		}
	}
	if strings.Contains(body, "No active program") || strings.Contains(body, "is not a date") {
		t.Error("the import page gives a row's problem in English")
	}

	tok := ts.token(t, ts.f.Emails[goldthread.RoleSupervisor])
	if res, _ := apiDo(t, "PUT", ts.URL+"/api/v1/me/language", tok, `{"language":"es"}`); res.StatusCode != 200 {
		t.Fatalf("choose Spanish: %d", res.StatusCode)
	}
	_, raw := apiDo(t, "POST", ts.URL+"/api/v1/participants/import", tok, roster)
	var got struct {
		Rows []struct {
			Line    int
			Field   string
			Message string
			RM      string `json:"reader_message"`
		}
	}
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, r := range got.Rows {
		switch r.Field {
		case "program":
			seen++
			if !strings.HasPrefix(r.Message, `No active program of the agency is named "Nowhere"`) || r.RM != html.UnescapeString(esProgram) {
				t.Errorf("api program row: %q / %q", r.Message, r.RM)
			}
		case "birth_date": // the file's date, and the record's check that it has none (an error rendered for the reader too)
			seen++
			if r.Message == `"31.12.1990" is not a date; write it as YYYY-MM-DD or MM/DD/YYYY.` && r.RM == html.UnescapeString(esDate) ||
				r.Message == "Enter the date of birth as YYYY-MM-DD." && r.RM == "Escriba la fecha de nacimiento como AAAA-MM-DD." {
				continue
			}
			t.Errorf("api date row: %q / %q", r.Message, r.RM)
		}
	}
	if seen != 3 {
		t.Errorf("api rows: %s", raw)
	}
}

// postFileIn posts a roster file as the import form does, asking for
// acceptLanguage.
func postFileIn(t *testing.T, c *http.Client, u, name, content, acceptLanguage string) (*http.Response, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write([]byte(content))
	mw.Close()
	req, _ := http.NewRequest("POST", u, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept-Language", acceptLanguage)
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}
