package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// noteFields is a complete note form for the fixture's Marcus.
func noteFields(programID int64, version int, peerAction string) url.Values {
	return url.Values{"program_id": {strconv.FormatInt(programID, 10)}, "kind": {"individual"}, "service_date": {"2026-03-10"},
		"start": {"13:00"}, "end": {"13:45"}, "location": {"home"}, "modality": {"in_person"}, "category": {"peer_mentoring_coaching"},
		"peer_action": {peerAction}, "billable": {"1"}, "version": {strconv.Itoa(version)}}
}

// TestAutosaveReadsEitherEncoding: the page script's background save is
// read whether the browser sends the form URL-encoded or as multipart
// (FormData); either way the draft is saved and the answer names its new
// version and says when it was saved. Multipart used to lose every field
// ("Enter the date of the service." on a filled-in date).
func TestAutosaveReadsEitherEncoding(t *testing.T) {
	ts, _ := noteServer(t, storetest.OpenSQLite(t))
	c := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
	send := func(u string, v url.Values, multi bool) (int, map[string]any) {
		t.Helper()
		var body io.Reader
		ctype := "application/x-www-form-urlencoded"
		if multi {
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			for k, vs := range v {
				for _, x := range vs {
					mw.WriteField(k, x)
				}
			}
			mw.Close()
			body, ctype = &buf, mw.FormDataContentType()
		} else {
			body = strings.NewReader(v.Encode())
		}
		req, _ := http.NewRequest("POST", u, body)
		req.Header.Set("Content-Type", ctype)
		req.Header.Set("Accept", "application/json")
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		out := map[string]any{}
		json.NewDecoder(res.Body).Decode(&out)
		return res.StatusCode, out
	}
	code, out := send(fmt.Sprintf("%s/participants/%d/notes", ts.URL, ts.f.Mine.ID), noteFields(ts.f.Program.ID, 0, "First words."), true)
	if code != 200 || out["version"] != 1.0 || out["draft_key"] == nil || !strings.Contains(fmt.Sprint(out["saved_text"]), "saved at") {
		t.Fatalf("multipart create: %d %v", code, out)
	}
	id := int64(out["id"].(float64))
	for i, multi := range []bool{true, false} {
		code, out = send(fmt.Sprintf("%s/notes/%d", ts.URL, id), noteFields(ts.f.Program.ID, i+1, "Words "+strconv.Itoa(i)), multi)
		if code != 200 || out["version"] != float64(i+2) {
			t.Fatalf("save %d (multipart %v): %d %v", i, multi, code, out)
		}
	}
	n, err := ts.db.Note(t.Context(), ts.f.Peer, id)
	if err != nil || n.PeerAction != "Words 1" || n.ServiceDate.String() != "2026-03-10" {
		t.Fatalf("saved draft: %+v %v", n, err)
	}
}
