package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestConsentScopeAndPart2ChecksOverHTTP: a peer records a Part 2 consent
// with its sections and 2.31 elements on the form (a missing element is
// named beside its field), attaches the signed form; the supervisor
// verifies it; the record, once Part 2, is refused to the peer and
// released by the clinician with only the covered sections, which the
// accounting lists.
func TestConsentScopeAndPart2ChecksOverHTTP(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts, _, _ := portalServer(t, db)
		f := ts.f
		pid := portalID(f.Mine.ID)
		peer := ts.signIn(t, f.Emails[goldthread.RolePeer])
		form := url.Values{"kind": {"part2"}, "recipient": {"Recovery Clinic"}, "purpose": {"Coordination"},
			"sections": {"notes", "plans"}, "information": {"Attendance and progress toward recovery goals"},
			"signed_on": {"2026-03-01"}, "expires_on": {"2027-03-01"}, "discloser": {"Fixture Peer Services"}, "signed_by": {"participant"}}
		res, body := postForm(t, peer, ts.URL+"/participants/"+pid+"/consents", form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="revocation_notice-error"`) {
			t.Fatalf("a Part 2 consent without the revocation statement: %d", res.StatusCode)
		}
		form.Set("revocation_notice", "yes")
		if res, _ := postForm(t, peer, ts.URL+"/participants/"+pid+"/consents", form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("add: %d", res.StatusCode)
		}
		_, page := get(t, peer, ts.URL+"/participants/"+pid+"/consents")
		m := regexp.MustCompile(`/consents/(\d+)/document`).FindStringSubmatch(page)
		if m == nil || !strings.Contains(page, "Not checked yet") || strings.Contains(page, "/verify") {
			t.Fatal("the new Part 2 consent is not shown as unchecked with its attach form, or the peer is offered to verify it")
		}
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("document", "consent.pdf")
		fw.Write([]byte("%PDF-1.4 the signed form"))
		mw.Close()
		if res, _ := send(t, peer, "POST", ts.URL+"/consents/"+m[1]+"/document", mw.FormDataContentType(), buf.String()); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("attach: %d", res.StatusCode)
		}
		sup := ts.signIn(t, f.Emails[goldthread.RoleSupervisor])
		if res, _ := postForm(t, sup, ts.URL+"/consents/"+m[1]+"/verify", nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("verify: %d", res.StatusCode)
		}
		if _, page := get(t, sup, ts.URL+"/participants/"+pid+"/consents"); !strings.Contains(page, "Signed form attached") || !strings.Contains(page, "Verified against the signed form by Sue Supervisor") {
			t.Fatal("the checks are not shown")
		}
		if _, err := db.SetProgramPart2(t.Context(), f.Admin, f.Program.ID, true, ""); err != nil {
			t.Fatal(err)
		}
		release := url.Values{"recipient": {"Recovery Clinic"}, "purpose": {"Coordination"}, "sections": {"notes"}}
		if res, _ := postForm(t, peer, ts.URL+"/participants/"+pid+"/disclosures", release); res.StatusCode != http.StatusForbidden {
			t.Fatalf("a peer releasing a Part 2 record alone: %d", res.StatusCode)
		}
		clin := ts.signIn(t, f.Emails[goldthread.RoleClinician])
		release.Add("sections", "demographics")
		if res, body := postForm(t, clin, ts.URL+"/participants/"+pid+"/disclosures", release); res.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(body, `id="sections-error"`) {
			t.Fatalf("more than the consent covers: %d", res.StatusCode)
		}
		release.Del("sections")
		release.Add("sections", "notes")
		if res, _ := postForm(t, clin, ts.URL+"/participants/"+pid+"/disclosures", release); res.StatusCode != http.StatusOK {
			t.Fatalf("release: %d", res.StatusCode)
		}
		if _, page := get(t, clin, ts.URL+"/participants/"+pid+"/disclosures"); !strings.Contains(page, "What was shared: Signed notes with addenda") {
			t.Fatal("the accounting does not show the sections sent")
		}
	})
}
