package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// wfDate returns the date n days from the server's today.
func wfDate(ts *testServer, n int) goldthread.Date {
	return goldthread.DateOf(ts.db.Now().AddDate(0, 0, n))
}

func wfID(id int64) string { return strconv.FormatInt(id, 10) }

// wfCredential gives the fixture's peer a verified CPSS expiring in days.
func wfCredential(t *testing.T, ts *testServer, days int) goldthread.Credential {
	t.Helper()
	c, err := ts.db.AddCredential(context.Background(), ts.f.Admin, ts.f.Peer.UserID, store.CredentialInput{Type: "CPSS", Number: "NC-1",
		Issued: wfDate(ts, days-730), Expires: wfDate(ts, days), Evidence: "HR file"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestWorkforcePagesRender opens every workforce page as every role that
// may open it: 200, one h1, no message key missing from the catalog.
func TestWorkforcePagesRender(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts := newTestServer(t, db)
		f := ts.f
		c := wfCredential(t, ts, 23)
		ctx := context.Background()
		if _, err := db.AddCEHours(ctx, f.Peer, f.Peer.UserID, store.CEInput{Taken: wfDate(ts, -3), Minutes: 90, EthicsMinutes: 60, Topic: "Ethics", Evidence: "cert 1"}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.LogSupervision(ctx, f.Supervisor, store.SupervisionInput{PeerIDs: []int64{f.Peer.UserID}, Held: wfDate(ts, -2), Minutes: 30, Topics: "Boundaries"}); err != nil {
			t.Fatal(err)
		}
		peer := wfID(f.Peer.UserID)
		pages := map[string][]goldthread.Role{
			"/team":                                {goldthread.RoleSupervisor, goldthread.RoleAdministrator},
			"/staff/" + peer + "/credentials":      {goldthread.RolePeer, goldthread.RoleSupervisor, goldthread.RoleAdministrator, goldthread.RoleAuditor},
			"/credentials/" + wfID(c.ID) + "/edit": {goldthread.RoleSupervisor, goldthread.RoleAdministrator},
			"/supervision":                         {goldthread.RolePeer, goldthread.RoleSupervisor, goldthread.RoleAdministrator, goldthread.RoleAuditor},
			"/supervision?peer=" + peer:            {goldthread.RolePeer, goldthread.RoleSupervisor},
			"/supervision/new":                     {goldthread.RoleSupervisor},
			"/caseloads":                           {goldthread.RoleSupervisor, goldthread.RoleAdministrator},
			"/today":                               goldthread.Roles,
		}
		for path, roles := range pages {
			for _, role := range roles {
				res, body := get(t, ts.signIn(t, f.Emails[role]), ts.URL+path)
				if res.StatusCode != 200 || strings.Count(body, "<h1") != 1 {
					t.Errorf("%s as %s: %d, %d h1", path, role, res.StatusCode, strings.Count(body, "<h1"))
				}
				if m := missingKey.FindString(body); m != "" {
					t.Errorf("%s as %s: message %s is missing from the catalog", path, role, m)
				}
			}
		}
		res, _ := get(t, ts.signIn(t, f.Emails[goldthread.RoleClinician]), ts.URL+"/staff/"+peer+"/credentials")
		if res.StatusCode != 404 {
			t.Errorf("a clinician opening a peer's credentials: %d; want 404", res.StatusCode)
		}
	})
}

func TestSupervisorLogsSessionAndOverdueClears(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	f := ts.f
	sup := ts.signIn(t, f.Emails[goldthread.RoleSupervisor])
	_, body := get(t, sup, ts.URL+"/today")
	if !strings.Contains(body, "Supervision overdue") || !strings.Contains(body, "Pat Peer") {
		t.Fatal("Today must list a peer with no supervision logged as overdue")
	}
	form := url.Values{"peer_ids": {wfID(f.Peer.UserID)}, "kind": {"individual"}, "held_on": {wfDate(ts, 0).String()},
		"minutes": {"30"}, "topics": {"Boundaries when a participant texts late at night"}, "notes_reviewed": {"12, 14"}}
	res, _ := postForm(t, sup, ts.URL+"/supervision", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("log session: %d", res.StatusCode)
	}
	if _, body := get(t, sup, ts.URL+"/supervision"); !strings.Contains(body, "texts late at night") {
		t.Error("the logged session is not in the log")
	}
	if _, body := get(t, sup, ts.URL+"/today"); strings.Contains(body, "Supervision overdue") {
		t.Error("supervision logged today is still shown overdue")
	}
	form.Set("peer_ids", wfID(f.OtherPeer.UserID))
	if res, _ := postForm(t, sup, ts.URL+"/supervision", form); res.StatusCode != http.StatusForbidden {
		t.Errorf("logging supervision for another team's peer: %d; want 403", res.StatusCode)
	}
	form.Set("minutes", "")
	form.Set("peer_ids", wfID(f.Peer.UserID))
	res, body = postForm(t, sup, ts.URL+"/supervision", form)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="minutes-error"`) {
		t.Errorf("missing minutes: %d; want the error beside the field", res.StatusCode)
	}
}

func TestCertificationWarnings(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	f := ts.f
	peer := ts.signIn(t, f.Emails[goldthread.RolePeer])
	if _, body := get(t, peer, ts.URL+"/today"); !strings.Contains(body, "No valid certification on file") {
		t.Error("a peer without a credential must be told on Today")
	}
	admin := ts.signIn(t, f.Emails[goldthread.RoleAdministrator])
	res, _ := postForm(t, admin, ts.URL+"/staff/"+wfID(f.Peer.UserID)+"/credentials", url.Values{"type": {"CPSS"}, "number": {"NC-77"},
		"issued_on": {wfDate(ts, -707).String()}, "expires_on": {wfDate(ts, 23).String()}, "evidence": {"HR file"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add credential: %d", res.StatusCode)
	}
	if _, body := get(t, peer, ts.URL+"/today"); !strings.Contains(body, "My certification") || !strings.Contains(body, "in 23 days") {
		t.Error("the peer's Today must warn of the CPSS expiring in 23 days")
	}
	sup := ts.signIn(t, f.Emails[goldthread.RoleSupervisor])
	if _, body := get(t, sup, ts.URL+"/today"); !strings.Contains(body, "Credentials expiring") || !strings.Contains(body, "in 23 days") {
		t.Error("the supervisor's Today must list the team's expiring credential")
	}
	res, body := postForm(t, peer, ts.URL+"/staff/"+wfID(f.Peer.UserID)+"/ce", url.Values{"taken_on": {wfDate(ts, -1).String()}, "hours": {"1.5"}, "topic": {"WRAP"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="evidence_ce-error"`) {
		t.Errorf("CE without evidence: %d; want the error beside the CE form's evidence field", res.StatusCode)
	}
	api := ts.token(t, f.Emails[goldthread.RoleBilling])
	res, body = apiGet(t, ts.URL+"/api/v1/staff/"+wfID(f.Peer.UserID)+"/credential-check?date="+wfDate(ts, 30).String(), api)
	if res.StatusCode != 200 || !strings.Contains(body, `"reason":"expired"`) {
		t.Errorf("credential check after expiry: %d %s", res.StatusCode, body)
	}
}

func TestTeamShowsCaseloadLimitAndSource(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	f := ts.f
	sup := ts.signIn(t, f.Emails[goldthread.RoleSupervisor])
	_, body := get(t, sup, ts.URL+"/team")
	for _, want := range []string{"Pat Peer", "2 of 12 participants", "S1 (NC Medicaid: CPSS caseload 1:12)", "another source says 15", "No certification on file"} {
		if !strings.Contains(body, want) {
			t.Errorf("the Team page lacks %q", want)
		}
	}
	if strings.Contains(body, "Oli Other") {
		t.Error("a supervisor's Team page shows another team's peer")
	}
	admin := ts.signIn(t, f.Emails[goldthread.RoleAdministrator])
	name := goldthread.SettingCaseloadPrefix + f.Program.RulePack
	field := strings.ReplaceAll(name, ".", "-")
	res, _ := postForm(t, admin, ts.URL+"/team/settings", url.Values{"name": {name}, field + "-value": {"15"}, field + "-reason": {"MCO contract"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("setting: %d", res.StatusCode)
	}
	_, body = get(t, admin, ts.URL+"/team")
	if !strings.Contains(body, "2 of 15 participants") || !strings.Contains(body, "agency setting by Ada Admin") || !strings.Contains(body, "Oli Other") {
		t.Error("after the override the Team page must show 15 as the agency's setting, for every peer")
	}
}

func TestCaseloadReassignment(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	f := ts.f
	sup := ts.signIn(t, f.Emails[goldthread.RoleSupervisor])
	move := url.Values{"participant_id": {wfID(f.Mine.ID)}, "peer_id": {wfID(f.OtherPeer.UserID)}}
	if res, _ := postForm(t, sup, ts.URL+"/caseloads", move); res.StatusCode != http.StatusForbidden {
		t.Fatalf("moving a participant to another team's peer: %d; want 403", res.StatusCode)
	}
	if err := ts.db.LinkSupervisor(context.Background(), f.Agency.ID, f.Supervisor.UserID, f.OtherPeer.UserID, true); err != nil {
		t.Fatal(err)
	}
	_, body := get(t, sup, ts.URL+"/caseloads")
	if !strings.Contains(body, "Marcus Bell (Pat Peer)") || !strings.Contains(body, "Oli Other — 1 of 12 participants") {
		t.Fatal("the form must list the team's participants with their peer, and peers with their sizes")
	}
	if res, _ := postForm(t, sup, ts.URL+"/caseloads", move); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("reassign within the team: %d", res.StatusCode)
	}
	if _, body := get(t, sup, ts.URL+"/caseloads"); !strings.Contains(body, "Marcus Bell (Oli Other)") {
		t.Error("the participant did not move")
	}
	admin := ts.signIn(t, f.Emails[goldthread.RoleAdministrator])
	if _, body := get(t, admin, ts.URL+"/caseloads"); strings.Contains(body, "Marcus Bell") {
		t.Error("an administrator's caseload page must not show participant names")
	}
}
