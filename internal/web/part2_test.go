package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

const (
	part2Toggle = "42 CFR Part 2 program (substance use disorder records)"
	part2Label  = `class="notice warn part2-label"`
)

// TestProgramPart2Switch follows the flag from the administrator's
// programs page to every place that must show or enforce it: the label on
// the participant's page and note pages, the API, and a release.
func TestProgramPart2Switch(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts, note, _ := portalServer(t, db)
		ctx, f := context.Background(), ts.f
		admin, peer := ts.signIn(t, f.Emails[goldthread.RoleAdministrator]), ts.signIn(t, f.Emails[goldthread.RolePeer])
		pid, gid := portalID(f.Mine.ID), portalID(f.Program.ID)
		switchURL := ts.URL + "/programs/" + gid + "/part2"
		reasonField := "part2-" + gid + "-reason"
		post := func(t *testing.T, c *http.Client, u string, form url.Values) (*http.Response, string) {
			t.Helper()
			res, err := c.PostForm(u, form)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			return res, string(b)
		}
		labelled := func(t *testing.T, want bool) {
			t.Helper()
			for _, u := range []string{"/participants/" + pid, "/notes/" + portalID(note.ID)} {
				_, body := get(t, peer, ts.URL+u)
				if strings.Contains(body, part2Label) != want || strings.Contains(body, "42 CFR Part 2</strong>") != want {
					t.Errorf("%s: Part 2 label shown = %v; want %v", u, !want, want)
				}
			}
			_, body := apiGet(t, ts.URL+"/api/v1/participants/"+pid, ts.token(t, f.Emails[goldthread.RolePeer]))
			if !strings.Contains(body, `"part2":`+map[bool]string{true: "true", false: "false"}[want]) {
				t.Errorf("API participant: %s", body)
			}
		}

		t.Run("OnlyTheAdministratorSeesTheSwitch", func(t *testing.T) {
			_, body := get(t, admin, ts.URL+"/programs")
			wantIn(t, "admin programs page", body, part2Toggle, `action="/programs/`+gid+`/part2"`, "diagnosis, treatment or referral", `name="`+reasonField+`"`)
			if strings.Contains(body, `value="on" checked`) {
				t.Fatal("a new program shows as Part 2")
			}
			_, body = get(t, ts.signIn(t, f.Emails[goldthread.RoleBilling]), ts.URL+"/programs")
			if strings.Contains(body, part2Toggle) || strings.Contains(body, "/part2") {
				t.Fatal("billing sees the Part 2 switch")
			}
			labelled(t, false)
		})
		roi := goldthread.Consent{ParticipantID: f.Mine.ID, Kind: goldthread.ConsentROI, Recipient: "Mountain Housing Partners", Purpose: "Housing",
			Information: "Dates of service", Sections: []string{goldthread.SectionNotes}, Signed: goldthread.NewDate(2026, 3, 1), Expires: goldthread.NewDate(2027, 3, 1)}
		if err := db.AddConsent(ctx, f.Peer, &roi); err != nil {
			t.Fatal(err)
		}
		release := url.Values{"recipient": {roi.Recipient}, "purpose": {"Housing application"}, "sections": {goldthread.SectionNotes}}

		t.Run("TurningItOnLabelsTheRecord", func(t *testing.T) {
			res, _ := post(t, admin, switchURL, url.Values{"part2": {"on"}})
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/programs?saved="+gid+"#program-"+gid {
				t.Fatalf("turn on: %d %s", res.StatusCode, res.Header.Get("Location"))
			}
			_, body := get(t, admin, ts.URL+res.Header.Get("Location"))
			wantIn(t, "programs page after saving", body, "Saved.", `value="on" checked`, "Turned on by Ada Admin")
			labelled(t, true)
			_, body = apiGet(t, ts.URL+"/api/v1/programs", ts.token(t, f.Emails[goldthread.RoleBilling]))
			wantIn(t, "API programs", body, `"part2":true`)
		})
		t.Run("APart2RecordIsNotReleasedUnderAPlainROI", func(t *testing.T) {
			res, body := post(t, peer, ts.URL+"/participants/"+pid+"/disclosures", release)
			if res.StatusCode != http.StatusForbidden || !strings.Contains(body, "does not release it alone") {
				t.Fatalf("a peer releasing a Part 2 record: %d", res.StatusCode)
			}
			sup := ts.signIn(t, f.Emails[goldthread.RoleSupervisor])
			res, body = post(t, sup, ts.URL+"/participants/"+pid+"/disclosures", release)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Part 2 consent") {
				t.Fatalf("release under a plain ROI: %d", res.StatusCode)
			}
		})
		t.Run("TurningItOffNeedsAReason", func(t *testing.T) {
			res, body := post(t, admin, switchURL, url.Values{})
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("turn off without a reason: %d", res.StatusCode)
			}
			wantIn(t, "refused form", body, `id="`+reasonField+`-error"`, "Say why")
			if strings.Contains(body, `value="on" checked`) {
				t.Error("the refused form forgot the box was unticked")
			}
			labelled(t, true)
			res, _ = post(t, admin, switchURL, url.Values{reasonField: {"Marked by mistake"}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("turn off with a reason: %d", res.StatusCode)
			}
			labelled(t, false)
			_, body = get(t, admin, ts.URL+"/programs")
			wantIn(t, "programs page", body, "Turned off by Ada Admin", "Reason: Marked by mistake")
			res, _ = post(t, peer, ts.URL+"/participants/"+pid+"/disclosures", release)
			if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/pdf" {
				t.Fatalf("release under the ROI once the program is not Part 2: %d", res.StatusCode)
			}
		})
		t.Run("OtherAgencysProgramIsNotFound", func(t *testing.T) {
			far := goldthread.Program{AgencyID: f.Foreign.AgencyID, Name: "Elsewhere", RulePack: "us-nc-medicaid-8g-pss", State: "NC"}
			if err := db.CreateProgram(ctx, &far); err != nil {
				t.Fatal(err)
			}
			if res, _ := post(t, admin, ts.URL+"/programs/"+portalID(far.ID)+"/part2", url.Values{"part2": {"on"}}); res.StatusCode != http.StatusNotFound {
				t.Fatalf("another agency's program: %d", res.StatusCode)
			}
		})
	})
}
