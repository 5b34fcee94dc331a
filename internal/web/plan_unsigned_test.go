package web_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestPlanSaysWhoIsLeftToSign: a draft plan names the signatures its
// program still asks for, so the peer who signed knows the licensed
// professional is next; after each signature the page says it was saved
// (a status a screen reader announces), and after the last one that the
// plan is in force.
func TestPlanSaysWhoIsLeftToSign(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	p := readyDraft(t, ts)
	planURL := ts.URL + "/plans/" + strconv.FormatInt(p.ID, 10)
	peer := ts.signIn(t, ts.f.Emails[goldthread.RolePeer])
	_, body := get(t, peer, planURL)
	wantIn(t, "unsigned draft", body, `<p id="plan-unsigned">Still to sign: Participant, Peer specialist, Licensed professional.</p>`)
	for _, form := range []url.Values{{"role": {"participant"}, "name": {"Marcus Bell"}}, {"role": {"peer"}, "password": {storetest.Password}}} {
		if res, _ := postForm(t, peer, planURL+"/sign", form); res.StatusCode != 303 {
			t.Fatalf("%s signs: %d", form.Get("role"), res.StatusCode)
		}
	}
	_, body = get(t, peer, planURL+"?signed=1")
	wantIn(t, "after the peer signed", body, `role="status">Signature saved.`, `Still to sign: Licensed professional.</p>`)

	clinician := ts.signIn(t, ts.f.Emails[goldthread.RoleClinician])
	if res, _ := postForm(t, clinician, planURL+"/sign", url.Values{"role": {"clinician"}, "password": {storetest.Password}}); res.StatusCode != 303 {
		t.Fatalf("the clinician signs: %d", res.StatusCode)
	}
	_, body = get(t, clinician, planURL+"?signed=1")
	wantIn(t, "signed plan", body, "Everyone has signed: the plan is in force from")
	if strings.Contains(body, "Still to sign") {
		t.Error("a signed plan still lists signatures to collect")
	}
}
