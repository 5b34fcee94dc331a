package web_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// postFile posts one file (and extra fields) as multipart/form-data.
func postFile(t *testing.T, c *http.Client, u, field, name, content string, extra map[string]string) (*http.Response, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile(field, name)
	fw.Write([]byte(content))
	for k, v := range extra {
		mw.WriteField(k, v)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", u, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out bytes.Buffer
	out.ReadFrom(res.Body)
	return res, out.String()
}

const patientJSON = `{"resourceType":"Patient","name":[{"use":"official","given":["Ana"],"family":"Lopez"}],"gender":"female",
	"birthDate":"1990-02-03","identifier":[{"system":"https://example.org/nc-medicaid","value":"123456789A"}],
	"telecom":[{"system":"phone","value":"(828) 555-0142"}]}`

// TestImportPages: a roster with a bad line imports nothing and names the
// line and column; checked, then imported; a FHIR Patient fills the intake
// form without saving anything.
func TestImportPages(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	ts.db.Now = (&storetest.Clock{T: time.Date(2026, 6, 15, 14, 0, 0, 0, time.UTC)}).Now
	sup := ts.signIn(t, ts.f.Emails[goldthread.RoleSupervisor])
	if res, body := get(t, sup, ts.URL+"/participants/import"); res.StatusCode != 200 || !strings.Contains(body, "<code>peer_email</code>") {
		t.Fatalf("page: %d", res.StatusCode)
	}
	head := "first_name,last_name,birth_date,program,peer_email\n"
	bad := head + "Ana,Lopez,1990-02-03,NC peer support,peer@fixture.test\nBen,Moss,1991-05-06,Nowhere,peer@fixture.test\n"
	res, body := postFile(t, sup, ts.URL+"/participants/import", "file", "r.csv", bad, nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "<td>3</td><td><code>program</code></td>") {
		t.Fatalf("bad roster: %d", res.StatusCode)
	}
	good := head + "Ana,Lopez,1990-02-03,NC peer support,peer@fixture.test\nBen,Moss,1991-05-06,NC peer support,peer@fixture.test\n"
	res, body = postFile(t, sup, ts.URL+"/participants/import", "file", "r.csv", good, map[string]string{"check": "on"})
	if res.StatusCode != 200 || !strings.Contains(body, "All 2 rows can be imported") {
		t.Fatalf("check: %d", res.StatusCode)
	}
	res, _ = postFile(t, sup, ts.URL+"/participants/import", "file", "r.csv", good, nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/participants/import?imported=2" {
		t.Fatalf("import: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	res, body = postFile(t, sup, ts.URL+"/participants/import/fhir", "patient", "p.json", strings.Replace(patientJSON, "Ana", "Cleo", 1), nil)
	if res.StatusCode != 200 || !strings.Contains(body, `value="Cleo"`) || !strings.Contains(body, `value="(828) 555-0142"`) || !strings.Contains(body, `action="/participants"`) {
		t.Fatalf("patient into the intake form: %d", res.StatusCode)
	}
	res, body = postFile(t, sup, ts.URL+"/participants/import/fhir", "patient", "p.json", `{"resourceType":"Patient"}`, nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Patient.name") {
		t.Fatalf("a Patient without a name: %d", res.StatusCode)
	}
}

// TestImportAPI: CSV in the body, errors by row; a FHIR Patient created
// with program and peer as parameters, errors as OperationOutcome.
func TestImportAPI(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	ts.db.Now = (&storetest.Clock{T: time.Date(2026, 6, 15, 14, 0, 0, 0, time.UTC)}).Now
	tok := ts.token(t, ts.f.Emails[goldthread.RoleClinician])
	res, out := apiDo(t, "POST", ts.URL+"/api/v1/participants/import", tok, "first_name,last_name,birth_date,program,peer_email\nA,B,2000-01-01,NC peer support,nobody@x.org\n")
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(out, `"line":2,"field":"peer_email"`) {
		t.Fatalf("bad row: %d %s", res.StatusCode, out)
	}
	res, out = apiDo(t, "POST", ts.URL+"/api/v1/participants/import?check=1", tok, "first_name,last_name,birth_date,program,peer_email\nA,B,2000-01-01,NC peer support,peer@fixture.test\n")
	if res.StatusCode != 200 || !strings.Contains(out, `"checked":1`) {
		t.Fatalf("check: %d %s", res.StatusCode, out)
	}
	u := fmt.Sprintf("%s/api/fhir/Patient?program_id=%d&peer_id=%d", ts.URL, ts.f.Program.ID, ts.f.Peer.UserID)
	res, out = apiDo(t, "POST", u, tok, patientJSON)
	if res.StatusCode != http.StatusCreated || !strings.HasPrefix(res.Header.Get("Location"), "/api/fhir/Patient/") || !strings.Contains(out, `"resourceType":"OperationOutcome"`) {
		t.Fatalf("create: %d %s", res.StatusCode, out)
	}
	res, out = apiDo(t, "POST", u, tok, patientJSON)
	if res.StatusCode != http.StatusConflict || !strings.Contains(out, `"code":"duplicate"`) || !strings.Contains(out, `"expression":["medicaid_id"]`) {
		t.Fatalf("the same Patient again: %d %s", res.StatusCode, out)
	}
	res, out = apiDo(t, "POST", u, tok, strings.Replace(patientJSON, `"1990-02-03"`, `"1990"`, 1))
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(out, `"expression":["Patient.birthDate"]`) {
		t.Fatalf("partial birth date: %d %s", res.StatusCode, out)
	}
}
