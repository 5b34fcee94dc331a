package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// readyDraft is a draft plan for the fixture's Marcus with its crisis plan,
// ready to sign.
func readyDraft(t *testing.T, ts *testServer) goldthread.Plan {
	t.Helper()
	p := ts.f.SamplePlan(goldthread.NewDate(2026, 2, 1))
	if err := ts.db.CreatePlan(context.Background(), ts.f.Peer, &p); err != nil {
		t.Fatal(err)
	}
	ts.f.MustCrisisPlan(t, ts.db, p.ID)
	return p
}

// TestPlanSignatureForms: on the plan page the peer collects the
// participant's typed name (initials refused beside the field) and signs
// with their password (a wrong one refused beside the field); the page
// works without script.
func TestPlanSignatureForms(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	f := ts.f
	p := readyDraft(t, ts)
	planURL := ts.URL + "/plans/" + strconv.FormatInt(p.ID, 10)
	c := ts.signIn(t, f.Emails[goldthread.RolePeer])
	// post sends one signature form and returns the answer with the page
	// it shows: itself when refused, the plan page after a redirect.
	post := func(form url.Values) (*http.Response, string) {
		t.Helper()
		res, err := c.PostForm(planURL+"/sign", form)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode == http.StatusSeeOther {
			_, page := get(t, c, planURL)
			return res, page
		}
		return res, string(b)
	}
	t.Run("PageAsksForTheFullNameAndThePassword", func(t *testing.T) {
		_, body := get(t, c, planURL)
		for _, want := range []string{`id="sign-participant"`, `id="sign-name" name="name"`, `id="sign-peer"`, `id="sign-password-peer" name="password" type="password"`, "(required)"} {
			if !strings.Contains(body, want) {
				t.Errorf("the plan page lacks %s", want)
			}
		}
	})
	t.Run("ErrInitialsBesideTheName", func(t *testing.T) {
		res, body := post(url.Values{"role": {"participant"}, "name": {"M.B."}})
		if res.StatusCode != 422 || !strings.Contains(body, `id="sign-name-error"`) || !strings.Contains(body, "Initials are not a signature") ||
			!strings.Contains(body, `value="M.B."`) {
			t.Fatalf("%d; want 422 with the error beside the name and the typed text kept", res.StatusCode)
		}
	})
	t.Run("ErrWrongPasswordBesideThePassword", func(t *testing.T) {
		res, body := post(url.Values{"role": {"peer"}, "password": {"wrong password entirely"}})
		if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `id="sign-password-peer-error"`) ||
			strings.Contains(body, "wrong password entirely") || strings.Contains(body, `id="sign-name-error"`) {
			t.Fatalf("%d; want 401 with the error beside the peer's password only, the password not echoed", res.StatusCode)
		}
	})
	t.Run("TypedNameAndPasswordSign", func(t *testing.T) {
		if res, _ := post(url.Values{"role": {"participant"}, "name": {"marcus bell"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("typed name: %d", res.StatusCode)
		}
		res, body := post(url.Values{"role": {"peer"}, "password": {storetest.Password}})
		if res.StatusCode != http.StatusSeeOther || !strings.Contains(body, "Peer specialist:") {
			t.Fatalf("peer: %d", res.StatusCode)
		}
		if strings.Contains(body, `id="sign-participant"`) || strings.Contains(body, `id="sign-peer"`) {
			t.Fatal("the page still offers signatures already given")
		}
	})
}

// TestPlanSignatureAPI: POST /api/v1/plans/{id}/signatures asks the peer
// and the clinician for their password (422 without, 401 wrong) and the
// participant's full name when typed (422 on name).
func TestPlanSignatureAPI(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	f := ts.f
	p := readyDraft(t, ts)
	u := ts.URL + "/api/v1/plans/" + strconv.FormatInt(p.ID, 10) + "/signatures"
	peer, clin := ts.token(t, f.Emails[goldthread.RolePeer]), ts.token(t, f.Emails[goldthread.RoleClinician])
	for _, c := range []struct {
		name, token, body string
		status            int
		field             string
	}{
		{"ErrPeerWithoutPassword", peer, `{"role":"peer"}`, 422, "password"},
		{"ErrClinicianWrongPassword", clin, `{"role":"clinician","password":"not it at all"}`, 401, "password"},
		{"ErrInitials", peer, `{"role":"participant","name":"MB"}`, 422, "name"},
		{"ParticipantTyped", peer, `{"role":"participant","name":"Marcus Bell"}`, 201, ""},
		{"Peer", peer, `{"role":"peer","password":"` + storetest.Password + `"}`, 201, ""},
		{"Clinician", clin, `{"role":"clinician","password":"` + storetest.Password + `"}`, 201, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, body := apiDo(t, "POST", u, c.token, c.body)
			var out struct {
				Error   struct{ Field string }
				Status  string
				InForce string `json:"in_force_from"`
			}
			json.Unmarshal([]byte(body), &out)
			if res.StatusCode != c.status || out.Error.Field != c.field {
				t.Fatalf("%d %s; want %d on %q", res.StatusCode, body, c.status, c.field)
			}
			if c.name == "Clinician" && (out.Status != goldthread.PlanSigned || out.InForce == "") {
				t.Fatalf("the last signature: %s", body)
			}
		})
	}
}
