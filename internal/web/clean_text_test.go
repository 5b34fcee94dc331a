package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestUncleanTextRefusedAtTheEdge: a NUL byte or bytes that are not UTF-8
// in a query string, a form, a JSON body or a multipart text field get 400
// with a sentence that says what to remove, on both engines (PostgreSQL
// answered 500 before), signed in or not; a NUL inside an uploaded file is
// the file's business.
func TestUncleanTextRefusedAtTheEdge(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts := newTestServer(t, db)
		peer := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
		token := ts.token(t, ts.f.Emails[goldthread.RolePeer])
		want400 := func(t *testing.T, res *http.Response, body string) {
			t.Helper()
			if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "cannot be stored") {
				t.Fatalf("%d %s; want 400 naming the character", res.StatusCode, body)
			}
		}
		t.Run("SignInWithoutSession", func(t *testing.T) {
			res, body := send(t, ts.client(), "POST", ts.URL+"/signin", "application/x-www-form-urlencoded", "email=a%00b@x.test&password=x")
			want400(t, res, body)
		})
		t.Run("SearchQuery", func(t *testing.T) {
			res, body := get(t, peer, ts.URL+"/participants?q=%00")
			want400(t, res, body)
			res, body = apiGet(t, ts.URL+"/api/v1/participants?q=%FF%FE", token)
			want400(t, res, body)
		})
		t.Run("JSONString", func(t *testing.T) {
			res, body := apiDo(t, "POST", ts.URL+"/api/v1/tokens", "", `{"email":"a\u0000@x.test","password":"x"}`)
			want400(t, res, body)
			res, body = apiDo(t, "POST", ts.URL+"/api/v1/tokens", "", "{\"email\":\"a\xff@x.test\",\"password\":\"x\"}")
			want400(t, res, body)
		})
		t.Run("MultipartTextField", func(t *testing.T) {
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			mw.WriteField("warning_signs", "quiet\x00")
			mw.Close()
			res, body := send(t, peer, "POST", ts.URL+"/plans/1/crisis", mw.FormDataContentType(), buf.String())
			want400(t, res, body)
		})
		t.Run("CleanTextPasses", func(t *testing.T) {
			res, _ := get(t, peer, ts.URL+"/participants?"+url.Values{"q": {"Bell ñ"}}.Encode())
			if res.StatusCode != http.StatusOK {
				t.Fatalf("a clean search: %d", res.StatusCode)
			}
		})
	})
}
