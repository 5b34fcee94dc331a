package web_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestStaffPageLinksCredentials: an administrator who has just added a
// peer (and lands on their staff page) reaches the peer's credentials from
// there, to record the certification billing needs; the new-account form
// has no account to link yet.
func TestStaffPageLinksCredentials(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	admin := ts.signIn(t, ts.f.Emails[goldthread.RoleAdministrator])
	peer := strconv.FormatInt(ts.f.Peer.UserID, 10)
	res, body := get(t, admin, ts.URL+"/staff/"+peer+"?saved=created")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("staff page: %d", res.StatusCode)
	}
	wantIn(t, "the peer's staff page", body, `<a id="staff-credentials" href="/staff/`+peer+`/credentials">Credentials and training</a>`)
	if _, body = get(t, admin, ts.URL+"/staff/new"); strings.Contains(body, `id="staff-credentials"`) {
		t.Error("the new-account form links credentials of nobody")
	}
}
