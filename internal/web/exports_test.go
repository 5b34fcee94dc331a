package web_test

import (
	"context"
	"encoding/csv"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestCSVExports: billing downloads the roster as a CSV whose row count
// was announced, with a formula in a name defused; the page offers each
// role its exports; the API streams the same; refusals are pages or
// errors, never a half file.
func TestCSVExports(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	f := ts.f
	if _, err := ts.db.ExecRaw(context.Background(), "UPDATE participant SET first_name = ? WHERE id = ?", "=HYPERLINK(\"x\")", f.MineToo.ID); err != nil {
		t.Fatal(err)
	}
	billing := ts.signIn(t, f.Emails[goldthread.RoleBilling])
	res, err := billing.PostForm(ts.URL+"/exports/participants", url.Values{})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(res.Body).ReadAll()
	res.Body.Close()
	n, _ := strconv.Atoi(res.Header.Get("X-Export-Rows"))
	if err != nil || res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") ||
		!strings.Contains(res.Header.Get("Content-Disposition"), "attachment") || n != len(rows)-1 || n < 3 {
		t.Fatalf("%d %v %v: %d announced, %d rows", res.StatusCode, err, res.Header, n, len(rows))
	}
	found := false
	for _, r := range rows {
		found = found || r[1] == `'=HYPERLINK("x")`
		if strings.HasPrefix(r[1], "=") {
			t.Fatalf("a formula reached the spreadsheet: %v", r)
		}
	}
	if !found {
		t.Fatalf("the defused name is missing: %v", rows)
	}
	t.Run("PageOffersWhatTheRoleMayExport", func(t *testing.T) {
		_, page := get(t, billing, ts.URL+"/exports")
		wantIn(t, "billing's exports", page, `action="/exports/participants"`, `action="/exports/services"`, `action="/exports/claims"`, "/static/export.js")
		_, page = get(t, ts.signIn(t, f.Emails[goldthread.RolePeer]), ts.URL+"/exports")
		if !strings.Contains(page, `action="/exports/notes"`) || strings.Contains(page, `action="/exports/claims"`) {
			t.Fatal("a peer is offered claims, or not their notes")
		}
	})
	t.Run("RefusedAsAPage", func(t *testing.T) {
		res, err := ts.signIn(t, f.Emails[goldthread.RolePeer]).PostForm(ts.URL+"/exports/claims", url.Values{})
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden || strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
	})
	t.Run("API", func(t *testing.T) {
		res, body := apiDo(t, "POST", ts.URL+"/api/v1/exports/notes", ts.token(t, f.Emails[goldthread.RoleSupervisor]), "")
		if res.StatusCode != 200 || !strings.HasPrefix(body, "participant_id,note_id,") {
			t.Fatalf("%d %.200s", res.StatusCode, body)
		}
		res, body = apiDo(t, "POST", ts.URL+"/api/v1/exports/services", ts.token(t, f.Emails[goldthread.RoleBilling]), "")
		if res.StatusCode != 422 || !strings.Contains(body, `"field":"program"`) {
			t.Fatalf("services without a program: %d %s", res.StatusCode, body)
		}
	})
}

// TestBrowserExportsOnPhone: Ana opens Exports on a 360 px phone, the page
// passes axe and fits, and the roster downloads with its progress shown.
func TestBrowserExportsOnPhone(t *testing.T) {
	bin, axe := needBrowser(t)
	ts, _ := demoServer(t)
	ctx := phone(t, bin)
	do := stepper(t, ctx)
	do("sign in", demoSignIn(ts.URL, "ana@riverbend.example"))
	do("exports", chromedp.Navigate(ts.URL+"/exports"), chromedp.WaitVisible(chromedp.ID("export-participants-title")))
	checkFits(t, ctx, "exports")
	checkAxe(t, ctx, axe, "exports")
	const form = `form[action="/exports/participants"]`
	do("download", chromedp.Click(chromedp.CSS(form+` button`)))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector('`+form+` [data-export-status]').textContent.startsWith('Done')`)); err != nil {
		t.Fatalf("the download never finished: %v", err)
	}
	status, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(form+` [data-export-status]`)))
	if err != nil || !strings.Contains(status, "25 rows") {
		t.Fatalf("progress says %q (%v)", status, err)
	}
	checkAxe(t, ctx, axe, "exports after a download")
}
