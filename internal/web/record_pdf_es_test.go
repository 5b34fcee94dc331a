package web_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/pdf/pdftest"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestRecordPDFReadsInSpanishThroughout: the record PDF of a participant
// whose record says Spanish, downloaded by him, is Spanish throughout: the
// page numbers, dates ("mar 10 mar 2026"), times of signatures ("1:45
// p.m." on the agency's clock) and every label; no line of it is an English
// message of the catalogs whose Spanish differs, no date or time is written
// the English way, and his own words stay as written.
func TestRecordPDFReadsInSpanishThroughout(t *testing.T) {
	ts, _, _ := portalServer(t, storetest.OpenSQLite(t))
	speaksSpanish(t, ts)
	me := ts.signIn(t, ts.f.Emails[goldthread.RoleParticipant])
	res, file := postForm(t, me, ts.URL+"/participants/"+portalID(ts.f.Mine.ID)+"/record.pdf", nil)
	if res.StatusCode != 200 || !strings.HasPrefix(file, "%PDF-") {
		t.Fatalf("record.pdf: %d", res.StatusCode)
	}
	raw, err := pdftest.Text([]byte(file))
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(raw), " ")
	wantIn(t, "pdf", flat, "Expediente de Marcus Bell", "Página 1 de 1", "mar 10 mar 2026", `Marcus said "I did the call myself this time."`)
	if !regexp.MustCompile(`\d{1,2}:\d\d [ap]\.m\.`).MatchString(flat) {
		t.Error("no time of day written the Spanish way (a.m./p.m.) in the PDF")
	}
	for _, english := range []*regexp.Regexp{
		regexp.MustCompile(`\bPage \d+ of\b`),
		regexp.MustCompile(`\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d`),
		regexp.MustCompile(`\d:\d\d (AM|PM)\b`),
	} {
		if m := english.FindString(flat); m != "" {
			t.Errorf("English in the Spanish PDF: %q", m)
		}
	}
	probes, sentences := spanishProbes()
	for _, line := range strings.Split(raw, "\n") {
		line = squeeze(line)
		if en, ok := sentences[strings.TrimRight(line, ":")]; ok {
			t.Errorf("PDF line %q is the English message %q", line, en)
			continue
		}
		for _, p := range probes {
			if p.match.MatchString(line) {
				t.Errorf("PDF line %q is the English message %q", line, p.english)
			}
		}
	}
}

// TestIntegrityProblemReadsInSpanish: a signed note altered behind the
// application's back warns its participant, whose record says Spanish, in
// Spanish: the warning and what does not match.
func TestIntegrityProblemReadsInSpanish(t *testing.T) {
	db := storetest.OpenSQLite(t)
	ts, note, _ := portalServer(t, db)
	speaksSpanish(t, ts)
	if _, err := db.ExecRaw(t.Context(), "DROP TRIGGER service_note_signed_no_update"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecRaw(t.Context(), "UPDATE service_note SET next_steps = 'altered' WHERE id = ?", note.ID); err != nil {
		t.Fatal(err)
	}
	me := ts.signIn(t, ts.f.Emails[goldthread.RoleParticipant])
	_, body := get(t, me, ts.URL+"/notes/"+portalID(note.ID))
	wantIn(t, "altered note", body, "el contenido no coincide con la huella tomada al firmarlo: se cambió después de la firma")
	if strings.Contains(body, "altered after signing") {
		t.Error("the integrity problem is in English on a Spanish record")
	}
}
