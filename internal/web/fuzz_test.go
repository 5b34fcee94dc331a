package web_test

import (
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// FuzzRequests sends arbitrary form bodies, JSON bodies, query strings and
// path ids to every route as a signed-in peer (pages) and with a bearer
// token (API), on SQLite and, when the PostgreSQL suite is on, on
// PostgreSQL too: whatever arrives (NUL bytes, text that is not UTF-8, the
// ids of another caseload's or another agency's records), the answer is
// never a 5xx and never a panic (ONC (d) "fuzz every parser that reads
// user input").
func FuzzRequests(f *testing.F) {
	// One server per engine for every input: building the agency per input
	// would make fuzzing too slow to be useful.
	servers := []*testServer{newTestServerTB(f, storetest.OpenSQLite(f))}
	if os.Getenv(storetest.PostgresEnv) != "" || os.Getenv("CI") == "true" {
		servers = append(servers, newTestServerTB(f, storetest.OpenPostgres(f)))
	}
	fx := servers[0].f
	others, foreign := strconv.FormatInt(fx.Others.ID, 10), strconv.FormatInt(fx.Foreign.ID, 10)
	for _, seed := range []struct {
		route       uint16
		id, q, body string
	}{
		{0, "1", "q=Marcus", "email=a%40b.c&password=x"},
		{3, "abc", "limit=-1&offset=zz", `{"email":1}`},
		{7, "999999999999999999999", "from=2026-13-45", `{"participant_id":"x","goals":[{"goal_id":-1}]}`},
		{11, "-5", "page=%ff", "service_date=31%2F12%2F2026&start=25:99&end=&goals=1:x"},
		{19, "0", "participant=1e9", strings.Repeat("a=b&", 200)},
		{23, "2", "", `[]`},
		{29, "3", "status=nope", `{"note_ids":[1,2,"x"],"password":null}`},
		{31, "1", "q=%00%ff", "\x00\xff{{"},
		{37, others, "q=%00", "recipient=a%00b&purpose=%ff%fe"},
		{41, foreign, "participant=" + foreign, `{"participant_id":` + foreign + `,"goals":[{"goal_id":999999,"intervention_id":1}],"peer_action":"a\u0000b"}`},
		{43, others, "", `{"participant_id":` + others + `,"goals":[{"goal_id":1,"intervention_id":1}]}`},
		{47, foreign, "q=\xc3\x28", "goals=999999:1&goals=" + others + ":1&participant_id=" + foreign},
		{53, "1", "", "{\"email\":\"\xff\"}"},
	} {
		f.Add(seed.route, seed.id, seed.q, seed.body)
	}
	type session struct {
		cookie *http.Client
		token  string
	}
	sessions := make([]session, len(servers))
	for i, ts := range servers {
		sessions[i] = session{ts.signInTB(f, ts.f.Emails[goldthread.RolePeer]), ts.tokenTB(f, ts.f.Emails[goldthread.RolePeer])}
	}
	f.Fuzz(func(t *testing.T, route uint16, id, query, body string) {
		for i, ts := range servers {
			routes := ts.srv.Routes()
			rt := routes[int(route)%len(routes)]
			if rt.Pattern == "/signout" || strings.HasSuffix(rt.Pattern, "/tokens/current") {
				return // would end the shared session
			}
			path := strings.NewReplacer("{id}", url.PathEscape(id), "{pid}", url.PathEscape(id), "{file}", url.PathEscape(id), "{$}", "").Replace(rt.Pattern)
			if _, err := url.ParseRequestURI(ts.URL + path); err != nil {
				return
			}
			req, err := http.NewRequest(rt.Method, ts.URL+path+"?"+url.PathEscape(query), strings.NewReader(body))
			if err != nil {
				return
			}
			c := sessions[i].cookie
			if rt.Access.API {
				req.Header.Set("Authorization", "Bearer "+sessions[i].token)
				req.Header.Set("Content-Type", "application/json")
				c = http.DefaultClient
			} else {
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			res, err := c.Do(req)
			if err != nil {
				t.Fatalf("%s: %s %s: %v", ts.db.Engine, rt.Method, path, err)
			}
			res.Body.Close()
			if res.StatusCode >= 500 {
				t.Fatalf("%s: %s %s?%s with %q: status %d", ts.db.Engine, rt.Method, path, query, body, res.StatusCode)
			}
		}
	})
}
