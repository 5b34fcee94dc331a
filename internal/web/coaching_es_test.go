package web_test

import (
	"context"
	"html"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestCoachingReportNameSuggestionReadsInSpanish: the coaching report and
// the supervisor's Today count a full name in a signed note; the
// suggestion the coach composed for it ("Write "the participant's
// sponsor" instead of the name.") reads in the supervisor's Spanish, the
// role word offered as the note's English.
func TestCoachingReportNameSuggestionReadsInSpanish(t *testing.T) {
	ts, plan := noteServer(t, storetest.OpenSQLite(t))
	f := ts.f
	n := cpDraft(t, ts, plan, func(in *store.NoteInput) {
		in.PeerAction = "His sponsor Dana Whitaker came to the meeting with us."
		day := ts.db.Now().UTC().AddDate(0, 0, -2)
		in.ServiceDate = goldthread.NewDate(day.Year(), day.Month(), day.Day())
		in.Start = time.Date(day.Year(), day.Month(), day.Day(), 13, 0, 0, 0, time.UTC)
		in.End = in.Start.Add(45 * time.Minute)
	})
	if _, _, err := ts.db.SignNote(context.Background(), f.Peer, n.ID, store.SignNoteInput{Password: storetest.Password, Attestation: "I attest.", Version: n.Version}); err != nil {
		t.Fatal(err)
	}
	const (
		en = `Write "the participant's sponsor" instead of the name.`
		es = `Escriba "the participant's sponsor" en vez del nombre.`
	)
	sup := ts.signIn(t, f.Emails[goldthread.RoleSupervisor])
	for _, page := range []string{"/coaching?days=30", "/today"} {
		_, body := getIn(t, sup, ts.URL+page, "es")
		body = html.UnescapeString(body)
		if !strings.Contains(body, es) || strings.Contains(body, en) {
			t.Errorf("%s: the full-name suggestion is not in Spanish (Spanish %v, English %v)", page, strings.Contains(body, es), strings.Contains(body, en))
		}
	}
	if _, body := getIn(t, sup, ts.URL+"/coaching?days=30", "en"); !strings.Contains(html.UnescapeString(body), en) {
		t.Error("/coaching in English lacks the full-name suggestion")
	}
}
