package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/password"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/web"
)

func cheapPasswords(c *web.Config) { c.PasswordCost = password.Params{Memory: 64, Time: 1, Threads: 1} }

func postForm(t *testing.T, c *http.Client, u string, v url.Values) (*http.Response, string) {
	t.Helper()
	res, err := c.PostForm(u, v)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b := new(strings.Builder)
	buf := make([]byte, 4096)
	for {
		n, err := res.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return res, b.String()
}

func TestStaffAdministrationPages(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t), cheapPasswords)
	admin := ts.signIn(t, ts.f.Emails[goldthread.RoleAdministrator])
	t.Run("AddStaffMember", func(t *testing.T) {
		res, _ := postForm(t, admin, ts.URL+"/staff", url.Values{"name": {"Nia New"}, "first_name": {"Nia"}, "last_name": {"New"},
			"email": {"nia@fixture.test"}, "credential": {"CPSS"}, "roles": {"peer"}, "supervisor_id": {strconv.FormatInt(ts.f.Supervisor.UserID, 10)},
			"taxonomy": {"175T00000X"}, "password": {"welcome to the team today"}})
		if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "saved=created") {
			t.Fatalf("%d %s", res.StatusCode, res.Header.Get("Location"))
		}
		nia := ts.client()
		if res, _ := postForm(t, nia, ts.URL+"/signin", url.Values{"email": {"nia@fixture.test"}, "password": {"welcome to the team today"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("the new account cannot sign in: %d", res.StatusCode)
		}
	})
	t.Run("ErrorsNameTheField", func(t *testing.T) {
		res, body := postForm(t, admin, ts.URL+"/staff", url.Values{"name": {"Weak Pw"}, "email": {"weak@fixture.test"}, "roles": {"peer"}, "password": {"short"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="password-error"`) || !strings.Contains(body, "at least 12") {
			t.Fatalf("%d", res.StatusCode)
		}
		if !strings.Contains(body, `value="weak@fixture.test"`) {
			t.Fatal("the form lost what was typed")
		}
		res, body = postForm(t, admin, ts.URL+"/staff", url.Values{"name": {"No Role"}, "email": {"norole@fixture.test"}, "password": {"a fine long passphrase"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="roles-error"`) {
			t.Fatalf("no roles: %d", res.StatusCode)
		}
		// A peer renders services: claims need the last name typed apart.
		res, body = postForm(t, admin, ts.URL+"/staff", url.Values{"name": {"Mary Ann Lopez Garcia"}, "first_name": {"Mary Ann"},
			"email": {"mary@fixture.test"}, "roles": {"peer"}, "password": {"a fine long passphrase"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="last_name-error"`) ||
			!strings.Contains(body, "Enter Mary Ann Lopez Garcia&#39;s last name") || !strings.Contains(body, `value="Mary Ann"`) {
			t.Fatalf("a peer without a last name: %d", res.StatusCode)
		}
	})
	t.Run("DeactivateSignsTheyOut", func(t *testing.T) {
		peer := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
		id := strconv.FormatInt(ts.f.Peer.UserID, 10)
		res, _ := postForm(t, admin, ts.URL+"/staff/"+id, url.Values{"name": {"Pat Peer"}, "roles": {"peer"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%d", res.StatusCode)
		}
		if res, _ := get(t, peer, ts.URL+"/today"); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("a deactivated peer still reaches Today: %d", res.StatusCode)
		}
	})
	t.Run("ChangeOwnPassword", func(t *testing.T) {
		c := ts.signIn(t, ts.f.Emails[goldthread.RoleClinician])
		res, body := postForm(t, c, ts.URL+"/account/password", url.Values{"current_password": {storetest.Password},
			"new_password": {"a brand new passphrase"}, "confirm_password": {"a different passphrase"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="confirm_password-error"`) {
			t.Fatalf("mismatch: %d", res.StatusCode)
		}
		res, _ = postForm(t, c, ts.URL+"/account/password", url.Values{"current_password": {storetest.Password},
			"new_password": {"a brand new passphrase"}, "confirm_password": {"a brand new passphrase"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("change: %d", res.StatusCode)
		}
		if res, _ := postForm(t, ts.client(), ts.URL+"/signin", url.Values{"email": {ts.f.Emails[goldthread.RoleClinician]}, "password": {"a brand new passphrase"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("new password does not sign in: %d", res.StatusCode)
		}
	})
}
