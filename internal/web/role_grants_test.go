package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/password"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestRoleGrantAlertAndSecondAdministrator: an administrator who gives a
// colleague clinician sees it waiting; every other administrator and the
// auditors see it on Today (the alert); a second administrator approves it
// there; an administrator giving themselves clinician is refused beside
// the roles.
func TestRoleGrantAlertAndSecondAdministrator(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts := newTestServer(t, db)
		f := ts.f
		hash, _ := password.Hash(storetest.Password, password.Params{Memory: 64, Time: 1, Threads: 1})
		bea := goldthread.Staff{AgencyID: f.Agency.ID, Email: "bea@fixture.test", Name: "Bea Admin", Roles: []goldthread.Role{goldthread.RoleAdministrator}}
		if err := db.CreateStaff(t.Context(), &bea, hash, 0); err != nil {
			t.Fatal(err)
		}
		ada := ts.signIn(t, f.Emails[goldthread.RoleAdministrator])
		billing := strconv.FormatInt(f.Billing.UserID, 10)
		form := url.Values{"name": {"Bo Billing"}, "roles": {"billing", "clinician"}, "active": {"on"}}
		if res, _ := postForm(t, ada, ts.URL+"/staff/"+billing, form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("grant: %d", res.StatusCode)
		}
		self := url.Values{"name": {"Ada Admin"}, "roles": {"administrator", "clinician"}, "active": {"on"}}
		if res, body := postForm(t, ada, ts.URL+"/staff/"+strconv.FormatInt(f.Admin.UserID, 10), self); res.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "cannot give yourself") {
			t.Fatalf("self-grant: %d", res.StatusCode)
		}
		if _, body := get(t, ada, ts.URL+"/today"); !strings.Contains(body, "waiting for a second administrator") || strings.Contains(body, "/approve") {
			t.Fatal("the asker does not see the grant waiting, or may approve it")
		}
		if _, body := get(t, ts.signIn(t, f.Emails[goldthread.RoleAuditor]), ts.URL+"/today"); !strings.Contains(body, "Roles that read records") {
			t.Fatal("the auditor is not alerted")
		}
		second := ts.signIn(t, "bea@fixture.test")
		_, body := get(t, second, ts.URL+"/today")
		m := regexp.MustCompile(`/staff/grants/(\d+)/approve`).FindStringSubmatch(body)
		if m == nil {
			t.Fatal("the second administrator is not offered the approval")
		}
		if res, _ := postForm(t, second, ts.URL+"/staff/grants/"+m[1]+"/approve", nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("approve: %d", res.StatusCode)
		}
		if _, body := get(t, second, ts.URL+"/today"); !strings.Contains(body, "approved") {
			t.Fatal("the approval is not shown")
		}
	})
}
