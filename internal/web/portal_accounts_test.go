package web_test

import (
	"encoding/json"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/web"
)

var (
	codeOnPage = regexp.MustCompile(`id="invitation-code">([A-Z0-9-]+)<`)
	linkOnPage = regexp.MustCompile(`id="invitation-link">([^<]+)<`)
)

// TestPortalAccountPages: Pat invites Renee from her page and sees the
// code and link once; Renee joins on a fresh device with the link (a
// password typed differently twice is refused beside the field) and lands
// on the welcome page, signed in; Pat turns her account off with a reason
// and her session ends at once. Neither the code nor the link reaches the
// logs.
func TestPortalAccountPages(t *testing.T) {
	var logs lockedBuffer
	ts := newTestServer(t, storetest.OpenSQLite(t), func(c *web.Config) { c.Logger = slog.New(slog.NewJSONHandler(&logs, nil)) })
	f := ts.f
	page := ts.URL + "/participants/" + strconv.FormatInt(f.MineToo.ID, 10) + "/portal-account"
	pat := ts.signIn(t, f.Emails[goldthread.RolePeer])
	t.Run("NoAccountYet", func(t *testing.T) {
		res, body := get(t, pat, page)
		if res.StatusCode != 200 || !strings.Contains(body, "No portal account yet") || !strings.Contains(body, `id="send-invitation"`) {
			t.Fatalf("%d", res.StatusCode)
		}
		_, body = get(t, pat, ts.URL+"/participants/"+strconv.FormatInt(f.MineToo.ID, 10))
		if !strings.Contains(body, `id="manage-portal-account"`) {
			t.Fatal("the participant page does not show the portal account")
		}
	})
	res, err := pat.PostForm(page+"/invitation", nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	code, link := codeOnPage.FindSubmatch(b), linkOnPage.FindSubmatch(b)
	if res.StatusCode != http.StatusCreated || code == nil || link == nil || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("%d; want the invitation's code and link on an uncached page", res.StatusCode)
	}
	joinURL := html.UnescapeString(string(link[1]))
	if !strings.HasPrefix(joinURL, ts.URL+"/portal/join?invite=") {
		t.Fatalf("link %s", joinURL)
	}
	renee := ts.client()
	t.Run("LinkFillsTheCode", func(t *testing.T) {
		res, body := get(t, renee, joinURL)
		if res.StatusCode != 200 || !strings.Contains(body, `name="token"`) || strings.Contains(body, `id="code"`) ||
			res.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("%d", res.StatusCode)
		}
	})
	token := strings.TrimPrefix(joinURL, ts.URL+"/portal/join?invite=")
	token, _ = url.QueryUnescape(token)
	form := url.Values{"token": {token}, "sign_in_name": {"renee.a"}, "password": {"a walk by the river on sunday"}, "confirm_password": {"a walk by the river"}}
	t.Run("ErrPasswordsDiffer", func(t *testing.T) {
		res, err := renee.PostForm(ts.URL+"/portal/join", form)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 422 || !strings.Contains(string(b), `id="confirm_password-error"`) || !strings.Contains(string(b), `value="renee.a"`) {
			t.Fatalf("%d; want the error beside the second password and the name kept", res.StatusCode)
		}
	})
	form.Set("confirm_password", form.Get("password"))
	t.Run("JoinedAndWelcomed", func(t *testing.T) {
		res, err := renee.PostForm(ts.URL+"/portal/join", form)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/portal/welcome" {
			t.Fatalf("%d %s", res.StatusCode, res.Header.Get("Location"))
		}
		res, body := get(t, renee, ts.URL+"/portal/welcome")
		if res.StatusCode != 200 || !strings.Contains(body, `href="/account/mfa"`) || !strings.Contains(body, "(optional)") {
			t.Fatalf("welcome: %d", res.StatusCode)
		}
		if res, _ := get(t, renee, ts.URL+"/me/record"); res.StatusCode != 200 {
			t.Fatalf("her record: %d", res.StatusCode)
		}
		if _, body := get(t, pat, page); !strings.Contains(body, "signs in as renee.a") {
			t.Fatal("Pat does not see the account active")
		}
	})
	t.Run("ErrTurnOffNeedsAReason", func(t *testing.T) {
		res, err := pat.PostForm(page+"/disable", nil)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 422 || !strings.Contains(string(b), `id="reason-error"`) {
			t.Fatalf("%d", res.StatusCode)
		}
	})
	t.Run("TurnedOffEndsHerSession", func(t *testing.T) {
		res, err := pat.PostForm(page+"/disable", url.Values{"reason": {"lost_device"}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%d", res.StatusCode)
		}
		res, _ = get(t, renee, ts.URL+"/today")
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/signin?expired=1" {
			t.Fatalf("Renee still in: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
	})
	t.Run("ErrOutOfReach", func(t *testing.T) {
		other := ts.signIn(t, "other@fixture.test")
		if res, _ := get(t, other, page); res.StatusCode != http.StatusNotFound {
			t.Fatalf("another peer: %d", res.StatusCode)
		}
	})
	out := logs.String()
	if !strings.Contains(out, `"path":"/portal/join"`) || strings.Contains(out, string(code[1])) || strings.Contains(out, token) {
		t.Fatal("the log lacks the join request or carries the code or the link")
	}
}

// TestWrongCodesThrottledPerAddress: wrong codes from one address count
// like wrong passwords; after the free attempts, the address waits (429
// with Retry-After) even with a good code.
func TestWrongCodesThrottledPerAddress(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	c := ts.client()
	try := func(code string) *http.Response {
		res, err := c.PostForm(ts.URL+"/portal/join", url.Values{"code": {code}, "sign_in_name": {"renee.a"},
			"password": {"a walk by the river on sunday"}, "confirm_password": {"a walk by the river on sunday"}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	for i := 0; i < 5; i++ {
		if res := try("ZZZZZ-ZZZZ" + strconv.Itoa(i)); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("wrong code %d: %d; want 401", i, res.StatusCode)
		}
	}
	inv, err := ts.db.InvitePortal(t.Context(), ts.f.Peer, ts.f.MineToo.ID)
	if err != nil {
		t.Fatal(err)
	}
	if res := try("ZZZZZ-ZZZZZ"); res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("sixth wrong code: %d", res.StatusCode)
	}
	if res := try(inv.Code); res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Fatalf("a good code from a throttled address: %d; want 429 with Retry-After", res.StatusCode)
	}
}

// TestPortalAccountAPI: the calls of the README's table, as a peer and as
// the participant joining from an app.
func TestPortalAccountAPI(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	f := ts.f
	base := ts.URL + "/api/v1/participants/" + strconv.FormatInt(f.MineToo.ID, 10)
	peer := ts.token(t, f.Emails[goldthread.RolePeer])
	res, body := apiDo(t, "POST", base+"/portal-invitation", peer, "")
	var made struct {
		Invitation struct{ Code, Link string }
	}
	json.Unmarshal([]byte(body), &made)
	if res.StatusCode != http.StatusCreated || made.Invitation.Code == "" || !strings.Contains(made.Invitation.Link, "/portal/join?invite=") {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	if res, body := apiGet(t, base+"/portal-account", peer); res.StatusCode != 200 || !strings.Contains(body, `"state":"invited"`) || strings.Contains(body, made.Invitation.Code) {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	t.Run("ErrJoinWithAWrongCode", func(t *testing.T) {
		res, body := apiDo(t, "POST", ts.URL+"/api/v1/portal/join", "", `{"code":"ZZZZZ-ZZZZZ","sign_in_name":"renee.a","password":"a walk by the river on sunday"}`)
		if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `"field":"code"`) {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
	})
	res, body = apiDo(t, "POST", ts.URL+"/api/v1/portal/join", "", `{"code":"`+made.Invitation.Code+`","sign_in_name":"renee.a","password":"a walk by the river on sunday"}`)
	var joined struct {
		Token string
		User  struct {
			ParticipantID int64 `json:"participant_id"`
		}
	}
	json.Unmarshal([]byte(body), &joined)
	if res.StatusCode != http.StatusCreated || joined.Token == "" || joined.User.ParticipantID != f.MineToo.ID {
		t.Fatalf("join: %d %s", res.StatusCode, body)
	}
	t.Run("ErrTurnOffWithoutAReason", func(t *testing.T) {
		if res, body := apiDo(t, "POST", base+"/portal-account/disable", peer, `{}`); res.StatusCode != 422 || !strings.Contains(body, `"field":"reason"`) {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
	})
	t.Run("TurnedOffAndOn", func(t *testing.T) {
		if res, body := apiDo(t, "POST", base+"/portal-account/disable", peer, `{"reason":"participant_asked"}`); res.StatusCode != 200 || !strings.Contains(body, `"state":"disabled"`) {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
		if res, _ := apiGet(t, ts.URL+"/api/v1/me", joined.Token); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("her token outlived the account: %d", res.StatusCode)
		}
		if res, body := apiDo(t, "POST", base+"/portal-account/enable", peer, `{}`); res.StatusCode != 200 || !strings.Contains(body, `"state":"active"`) {
			t.Fatalf("%d %s", res.StatusCode, body)
		}
	})
}
