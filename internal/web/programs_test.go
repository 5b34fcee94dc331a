package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestProgramPages: an administrator adds a program by choosing its rule
// pack and zone, sees it listed, changes it; a refusal keeps what was typed.
func TestProgramPages(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	admin := ts.signIn(t, ts.f.Emails[goldthread.RoleAdministrator])
	res, body := get(t, admin, ts.URL+"/programs/new")
	if res.StatusCode != 200 || !strings.Contains(body, `value="us-ca-medi-cal-peer-support"`) || !strings.Contains(body, "The agency&#39;s (UTC)") {
		t.Fatalf("form: %d", res.StatusCode)
	}
	v := url.Values{"name": {"Peer Support — Sacramento"}, "time_zone": {"America/Los_Angeles"}}
	if res, body = postForm(t, admin, ts.URL+"/programs", v); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="rule_pack-error"`) ||
		!strings.Contains(body, `value="Peer Support — Sacramento"`) {
		t.Fatalf("no pack: %d", res.StatusCode)
	}
	v.Set("rule_pack", "us-ca-medi-cal-peer-support")
	res, _ = postForm(t, admin, ts.URL+"/programs", v)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %d", res.StatusCode)
	}
	_, body = get(t, admin, ts.URL+res.Header.Get("Location"))
	if !strings.Contains(body, "Peer Support — Sacramento") || !strings.Contains(body, "America/Los_Angeles") {
		t.Fatal("the new program is not listed with its zone")
	}
	res, body = postForm(t, admin, fmt.Sprintf("%s/programs/%d", ts.URL, ts.f.Program.ID), url.Values{"name": {"NC peer support"},
		"rule_pack": {ts.f.Program.RulePack}, "time_zone": {"America/New_York"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", res.StatusCode, body)
	}
	p, err := ts.db.Program(t.Context(), ts.f.Agency.ID, ts.f.Program.ID)
	if err != nil || p.Active || p.TimeZone != "America/New_York" {
		t.Fatalf("after saving with the box unticked: %+v %v", p, err)
	}
	sup := ts.signIn(t, ts.f.Emails[goldthread.RoleSupervisor])
	if _, body = get(t, sup, ts.URL+"/programs"); strings.Contains(body, "/programs/new") {
		t.Error("a supervisor is offered to add programs")
	}
}

// TestProgramAPI: the same over JSON, errors naming the field.
func TestProgramAPI(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	tok := ts.token(t, ts.f.Emails[goldthread.RoleAdministrator])
	res, out := apiDo(t, "POST", ts.URL+"/api/v1/programs", tok, `{"name":"MHOTRS Albany","rule_pack":"us-ny-omh-mhotrs-pss","time_zone":"Mars/Olympus"}`)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(out, `"field":"time_zone"`) {
		t.Fatalf("bad zone: %d %s", res.StatusCode, out)
	}
	res, out = apiDo(t, "POST", ts.URL+"/api/v1/programs", tok, `{"name":"MHOTRS Albany","rule_pack":"us-ny-omh-mhotrs-pss"}`)
	if res.StatusCode != http.StatusCreated || !strings.Contains(out, `"state":"NY"`) || !strings.Contains(out, `"active":true`) {
		t.Fatalf("add: %d %s", res.StatusCode, out)
	}
	res, out = apiDo(t, "PUT", fmt.Sprintf("%s/api/v1/programs/%d", ts.URL, ts.f.Program.ID), tok, `{"name":"NC 8G","active":false}`)
	if res.StatusCode != http.StatusOK || !strings.Contains(out, `"active":false`) || !strings.Contains(out, `"rule_pack":"us-nc-medicaid-8g-pss"`) {
		t.Fatalf("update: %d %s", res.StatusCode, out)
	}
}
