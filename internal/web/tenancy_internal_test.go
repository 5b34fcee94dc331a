package web

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestRequestsCarryTheActorsAgency: the guard hands every handler of a
// signed-in request a context naming the actor's agency, which is what
// narrows each of its transactions on PostgreSQL (row-level security);
// a public request names none.
func TestRequestsCarryTheActorsAgency(t *testing.T) {
	db := storetest.OpenSQLite(t)
	f := storetest.MustFixture(t, db)
	s, err := New(Config{DB: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	res, err := http.Post(ts.URL+"/api/v1/tokens", "application/json",
		strings.NewReader(`{"email":"`+f.Emails[goldthread.RolePeer]+`","password":"`+storetest.Password+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	var body struct{ Token string }
	json.NewDecoder(res.Body).Decode(&body)
	res.Body.Close()
	var got int64 = -1
	capture := func(w http.ResponseWriter, r *http.Request, _ goldthread.Actor) { got = store.AgencyOf(r.Context()) }
	for _, c := range []struct {
		name   string
		access Access
		token  string
		want   int64
	}{
		{"SignedIn", apiFor(goldthread.IsSignedIn), body.Token, f.Agency.ID},
		{"Public", Access{Public: true, API: true}, "", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			got = -1
			req := httptest.NewRequest("GET", "/probe", nil)
			if c.token != "" {
				req.Header.Set("Authorization", "Bearer "+c.token)
			}
			s.guard(route{"GET", "/probe", c.access, capture}).ServeHTTP(httptest.NewRecorder(), req)
			if got != c.want {
				t.Fatalf("the handler's context names agency %d, want %d", got, c.want)
			}
		})
	}
}
