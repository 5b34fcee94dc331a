package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestPlanVisitFromTheParticipantPage: a peer plans a visit with the
// form, sees it on the participant's page and on Today's "Next visits",
// and cancels it; a bad time is named and nothing is saved.
func TestPlanVisitFromTheParticipantPage(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	// The store's clock, not the wall's: mid-day on Mar 10 in every US zone.
	ts.db.Now = (&storetest.Clock{T: time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)}).Now
	f := ts.f
	peer := ts.signIn(t, f.Emails["peer"])
	mine := strconv.FormatInt(f.Mine.ID, 10)
	if res, body := get(t, peer, ts.URL+"/participants/"+mine+"/visits/new"); res.StatusCode != http.StatusOK || !strings.Contains(body, `name="purpose"`) {
		t.Fatalf("form: %d %s", res.StatusCode, body)
	}
	day := ts.db.Now().AddDate(0, 0, 2).Format("2006-01-02")
	form := url.Values{"day": {day}, "time": {"25:99"}, "minutes": {"45"}, "purpose": {"Tour the apartment on Elm Street"}}
	res, body := postForm(t, peer, ts.URL+"/participants/"+mine+"/visits", form)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Enter the time as HH:MM") || !strings.Contains(body, `id="time-error"`) {
		t.Fatalf("bad time: %d %s", res.StatusCode, body)
	}
	form.Set("time", "10:30")
	if res, body := postForm(t, peer, ts.URL+"/participants/"+mine+"/visits", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("plan: %d %s", res.StatusCode, body)
	}
	_, today := get(t, peer, ts.URL+"/today")
	if !strings.Contains(today, "Next visits") || !strings.Contains(today, "Tour the apartment on Elm Street") || strings.Count(today, "Tour the apartment") != 1 {
		t.Fatalf("Today does not list the visit once: %s", today)
	}
	_, page := get(t, peer, ts.URL+"/participants/"+mine)
	if !strings.Contains(page, `id="visits"`) || !strings.Contains(page, "Tour the apartment on Elm Street") {
		t.Fatalf("participant page has no visit: %s", page)
	}
	i := strings.Index(page, `action="/visits/`)
	id := page[i+len(`action="/visits/`):]
	id = id[:strings.Index(id, "/")]
	other := ts.signIn(t, f.Emails["supervisor"])
	if res, _ := postForm(t, other, ts.URL+"/visits/"+id+"/cancel", url.Values{}); res.StatusCode != http.StatusNotFound {
		t.Fatalf("someone else cancelled the visit: %d", res.StatusCode)
	}
	if res, _ := postForm(t, peer, ts.URL+"/visits/"+id+"/cancel", url.Values{"participant": {mine}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("cancel: %d", res.StatusCode)
	}
	if _, today := get(t, peer, ts.URL+"/today"); strings.Contains(today, "Tour the apartment") {
		t.Fatal("a cancelled visit is still on Today")
	}
}
