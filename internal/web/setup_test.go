package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/goldthread/goldthread/internal/password"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/web"
)

// emptyServer serves a migrated database with no agency at all.
func emptyServer(t *testing.T, code string) (*httptest.Server, *store.DB) {
	t.Helper()
	db := storetest.OpenSQLite(t)
	srv, err := web.New(web.Config{DB: db, Logger: slog.New(slog.NewJSONHandler(io.Discard, nil)), SetupCode: code,
		PasswordCost: password.Params{Memory: 64, Time: 1, Threads: 1}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts, db
}

func noRedirects() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// TestFirstRun: on an empty database the setup code printed by serve opens
// the first-run page once; wrong codes are refused and then throttled;
// afterwards the page only points to sign-in.
func TestFirstRun(t *testing.T) {
	closed, _ := emptyServer(t, "")
	if res, _ := get(t, noRedirects(), closed.URL+"/setup"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("without a code the page is open: %d", res.StatusCode)
	}

	ts, db := emptyServer(t, "ABCD-EFGH-JKMN")
	c := noRedirects()
	_, body := get(t, c, ts.URL+"/signin")
	if !strings.Contains(body, `href="/setup"`) {
		t.Error("the sign-in page of an empty server does not point to the first run")
	}
	form := url.Values{"name": {"Blue Ridge Peers"}, "slug": {"blue-ridge"}, "time_zone": {"America/New_York"},
		"admin_name": {"Morgan Lee"}, "email": {"morgan@blueridge.example"}, "password": {"a long first password 2026"}}
	wrong := url.Values{}
	for k, v := range form {
		wrong[k] = v
	}
	wrong.Set("setup_code", "ABCD-EFGH-JKMM")
	res, body := postForm(t, c, ts.URL+"/setup", wrong)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="setup_code-error"`) || !strings.Contains(body, `value="Blue Ridge Peers"`) {
		t.Fatalf("wrong code: %d", res.StatusCode)
	}
	for i := 0; i < 6; i++ {
		res, _ = postForm(t, c, ts.URL+"/setup", wrong)
	}
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("the seventh wrong code: %d; want 429", res.StatusCode)
	}
	if n, _ := db.AgencyCount(t.Context()); n != 0 {
		t.Fatal("a wrong code created an agency")
	}

	ts, db = emptyServer(t, "ABCD-EFGH-JKMN")
	weak := url.Values{}
	for k, v := range form {
		weak[k] = v
	}
	weak.Set("setup_code", "abcdefghjkmn")
	weak.Set("password", "short")
	if res, body = postForm(t, c, ts.URL+"/setup", weak); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="password-error"`) {
		t.Fatalf("weak password: %d", res.StatusCode)
	}
	form.Set("setup_code", "abcd efgh jkmn")
	res, _ = postForm(t, c, ts.URL+"/setup", form)
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/signin?set_up=1") {
		t.Fatalf("setup: %d %s", res.StatusCode, loc)
	}
	_, body = get(t, c, ts.URL+loc)
	if !strings.Contains(body, "The agency is set up") || !strings.Contains(body, `value="morgan@blueridge.example"`) {
		t.Error("the sign-in page does not greet the new administrator with their email")
	}
	if step, err := db.SignIn(t.Context(), "morgan@blueridge.example", "a long first password 2026", "", store.SessionWeb, store.DefaultSessionPolicy); err != nil || !step.Actor.Has("administrator") {
		t.Fatalf("sign in: %v", err)
	}
	admin := (&testServer{Server: ts}).client()
	if res, _ = postForm(t, admin, ts.URL+"/signin", url.Values{"email": {"morgan@blueridge.example"}, "password": {"a long first password 2026"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the new administrator signs in: %d", res.StatusCode)
	}
	_, body = get(t, admin, ts.URL+"/today")
	if !strings.Contains(body, "Setting up the agency") || !strings.Contains(body, `href="/programs/new"`) || !strings.Contains(body, "Done:") {
		t.Error("the new administrator's Today has no set-up checklist (the time zone step done)")
	}
	if res, _ = postForm(t, c, ts.URL+"/setup", form); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/signin" {
		t.Fatalf("the first-run page after setup: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	if n, _ := db.AgencyCount(t.Context()); n != 1 {
		t.Fatalf("%d agencies; want 1", n)
	}
}

// setUpAgency runs the first run on ts (an emptyServer with code) and
// returns the new administrator signed in.
func setUpAgency(t *testing.T, ts *httptest.Server, code string) *http.Client {
	t.Helper()
	form := url.Values{"setup_code": {code}, "name": {"Blue Ridge Peers"}, "slug": {"blue-ridge"}, "time_zone": {"America/New_York"},
		"admin_name": {"Morgan Lee"}, "email": {"morgan@blueridge.example"}, "password": {"a long first password 2026"}}
	if res, _ := postForm(t, noRedirects(), ts.URL+"/setup", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("setup: %d", res.StatusCode)
	}
	admin := (&testServer{Server: ts}).client()
	if res, _ := postForm(t, admin, ts.URL+"/signin", url.Values{"email": {form.Get("email")}, "password": {form.Get("password")}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the new administrator signs in: %d", res.StatusCode)
	}
	return admin
}

// TestFirstBillingIdentityNotPlaceholder: a new agency's billing identity
// is a placeholder until saved, but the form the administrator fills in
// the first time does not mark what they type as placeholders; saved as
// it comes, the identity is real (a production batch may carry it).
func TestFirstBillingIdentityNotPlaceholder(t *testing.T) {
	ts, db := emptyServer(t, "ABCD-EFGH-JKMN")
	admin := setUpAgency(t, ts, "ABCD-EFGH-JKMN")
	_, body := get(t, admin, ts.URL+"/settings/billing-identity")
	if !strings.Contains(body, `id="placeholder" name="placeholder" value="on">`) {
		t.Fatalf("the first billing identity form marks the values placeholders:\n%s", body)
	}
	form := identityForm()
	if res, _ := postForm(t, admin, ts.URL+"/settings/billing-identity", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	a, err := db.AgencyBySlug(t.Context(), "blue-ridge")
	if err != nil || a.Billing.Placeholder || a.Billing.NPI != "1234567893" {
		t.Fatalf("the saved identity: %+v (%v)", a.Billing, err)
	}
	_, body = get(t, admin, ts.URL+"/settings/billing-identity")
	if strings.Contains(body, `id="placeholder" name="placeholder" value="on" checked`) {
		t.Error("the saved identity comes back marked placeholder")
	}
}

// TestSetupChecklistAsksForCertifications: a new agency's checklist asks
// for each peer's certification on the credentials pages (the staff
// form's "Credential" letters are not one), with the Team page's link.
func TestSetupChecklistAsksForCertifications(t *testing.T) {
	ts, _ := emptyServer(t, "ABCD-EFGH-JKMN")
	admin := setUpAgency(t, ts, "ABCD-EFGH-JKMN")
	_, body := get(t, admin, ts.URL+"/today")
	wantIn(t, "Today's checklist", body, `<a href="/team">Record each peer specialist&#39;s certification`)
}
