package web_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

func fhirGet(t *testing.T, ts *testServer, token string, id int64, query ...string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", ts.URL+"/api/fhir/Patient/"+strconv.FormatInt(id, 10)+"/$everything?"+strings.Join(query, "&"), nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := ts.client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, body
}

// TestFHIREverything: the peer's token gets their participant's Bundle as
// application/fhir+json; another peer gets 404, billing 403, nobody 401,
// and a cookie session is not enough (the API takes bearer tokens only).
func TestFHIREverything(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	f := ts.f
	t.Run("PeerGetsTheBundle", func(t *testing.T) {
		res, body := fhirGet(t, ts, ts.token(t, f.Emails[goldthread.RolePeer]), f.Mine.ID)
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/fhir+json") {
			t.Fatalf("%d %s: %s", res.StatusCode, res.Header.Get("Content-Type"), body)
		}
		var b struct {
			ResourceType, Type string
			Entry              []struct {
				Resource struct{ ResourceType, ID string }
			}
		}
		if err := json.Unmarshal(body, &b); err != nil || b.ResourceType != "Bundle" || b.Type != "searchset" || len(b.Entry) == 0 ||
			b.Entry[0].Resource.ResourceType != "Patient" || b.Entry[0].Resource.ID != "participant-"+strconv.FormatInt(f.Mine.ID, 10) {
			t.Fatalf("%v %s", err, body)
		}
	})
	// Every refusal is an OperationOutcome with the status of its kind.
	outcome := func(t *testing.T, res *http.Response, body []byte, status int, code string) {
		t.Helper()
		var oo struct {
			ResourceType string
			Issue        []struct{ Severity, Code string }
		}
		if res.StatusCode != status || json.Unmarshal(body, &oo) != nil || oo.ResourceType != "OperationOutcome" ||
			len(oo.Issue) != 1 || oo.Issue[0].Code != code || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/fhir+json") {
			t.Fatalf("want %d %s OperationOutcome, got %d %s", status, code, res.StatusCode, body)
		}
	}
	t.Run("OtherPeer404", func(t *testing.T) {
		res, body := fhirGet(t, ts, ts.token(t, "other@fixture.test"), f.Mine.ID)
		outcome(t, res, body, http.StatusNotFound, "not-found")
	})
	t.Run("Billing403", func(t *testing.T) {
		res, body := fhirGet(t, ts, ts.token(t, f.Emails[goldthread.RoleBilling]), f.Mine.ID)
		outcome(t, res, body, http.StatusForbidden, "forbidden")
	})
	t.Run("Anonymous401", func(t *testing.T) {
		res, body := fhirGet(t, ts, "", f.Mine.ID)
		outcome(t, res, body, http.StatusUnauthorized, "login")
	})
	t.Run("BadSince400", func(t *testing.T) {
		res, body := fhirGet(t, ts, ts.token(t, f.Emails[goldthread.RolePeer]), f.Mine.ID, "_since=yesterday")
		outcome(t, res, body, http.StatusBadRequest, "invalid")
		if !strings.Contains(string(body), `"_since"`) {
			t.Fatalf("the outcome does not name _since: %s", body)
		}
	})
	t.Run("SinceKeepsOnlyWhatChanged", func(t *testing.T) {
		f.MustSignedPlan(t, ts.db, f.SamplePlan(goldthread.NewDate(2026, 1, 10)))
		if _, body := fhirGet(t, ts, ts.token(t, f.Emails[goldthread.RolePeer]), f.Mine.ID, "_since=2000-01-01T00:00:00Z"); !strings.Contains(string(body), `"CarePlan"`) ||
			!strings.Contains(string(body), `"Provenance"`) {
			t.Fatalf("a Bundle since 2000 lacks the signed plan or its signatures: %s", body)
		}
		_, body := fhirGet(t, ts, ts.token(t, f.Emails[goldthread.RolePeer]), f.Mine.ID, "_since=2999-01-01T00:00:00Z")
		for _, banned := range []string{`"CarePlan"`, `"Encounter"`, `"Provenance"`} {
			if strings.Contains(string(body), banned) {
				t.Fatalf("a Bundle since 2999 carries %s: %s", banned, body)
			}
		}
		if !strings.Contains(string(body), `"Patient"`) {
			t.Fatalf("the Patient always comes: %s", body)
		}
	})
	t.Run("CookieIsNotEnough", func(t *testing.T) {
		c := ts.signIn(t, f.Emails[goldthread.RolePeer])
		res, err := c.Get(ts.URL + "/api/fhir/Patient/" + strconv.FormatInt(f.Mine.ID, 10) + "/$everything")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("%d", res.StatusCode)
		}
	})
}
