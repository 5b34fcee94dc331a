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

// TestRecordBARC10: the form names the statement left unanswered and
// saves nothing; a complete one shows on the participant's page with its
// total, and two make a trend.
func TestRecordBARC10(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	// The store's clock, not the wall's: mid-day on Mar 10 in every US zone.
	ts.db.Now = (&storetest.Clock{T: time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)}).Now
	peer := ts.signIn(t, ts.f.Emails["peer"])
	mine := strconv.FormatInt(ts.f.Mine.ID, 10)
	if res, body := get(t, peer, ts.URL+"/participants/"+mine+"/recovery-capital/new"); res.StatusCode != http.StatusOK ||
		strings.Count(body, `type="radio" name="item_`) != 60 || !strings.Contains(body, "I am moving forward in my recovery.") {
		t.Fatalf("form: %d %s", res.StatusCode, body)
	}
	form := url.Values{"occasion": {"intake"}, "taken_on": {ts.db.Now().Format("2006-01-02")}}
	for i := 1; i <= 9; i++ {
		form.Set("item_"+strconv.Itoa(i), "4")
	}
	res, body := postForm(t, peer, ts.URL+"/participants/"+mine+"/recovery-capital", form)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="item_10-error"`) || !strings.Contains(body, "statement 10") {
		t.Fatalf("unanswered statement: %d %s", res.StatusCode, body)
	}
	form.Set("item_10", "5")
	if res, body := postForm(t, peer, ts.URL+"/participants/"+mine+"/recovery-capital", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("record: %d %s", res.StatusCode, body)
	}
	form.Set("occasion", "review")
	form.Set("item_1", "6")
	postForm(t, peer, ts.URL+"/participants/"+mine+"/recovery-capital", form)
	_, page := get(t, peer, ts.URL+"/participants/"+mine)
	if !strings.Contains(page, `id="barc"`) || !strings.Contains(page, "41 of 60") || !strings.Contains(page, "43 of 60") ||
		!strings.Contains(page, `<svg class="sparkline" role="img" aria-label="BARC-10 totals of Marcus Bell: 41, 43"`) {
		t.Fatalf("participant page: %s", page)
	}
	billing := ts.signIn(t, ts.f.Emails["billing"])
	if res, _ := postForm(t, billing, ts.URL+"/participants/"+mine+"/recovery-capital", form); res.StatusCode != http.StatusForbidden {
		t.Errorf("billing recorded a BARC-10: %d", res.StatusCode)
	}
}
