package web_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestParticipantDownloadsTheirFHIRRecord: from the portal the participant
// downloads their own record as a FHIR Bundle, with the note texts; the
// download is a line of the accounting of disclosures with the file's
// hash; someone else's record is not found.
func TestParticipantDownloadsTheirFHIRRecord(t *testing.T) {
	ts, _, _ := portalServer(t, storetest.OpenSQLite(t))
	c := ts.signIn(t, ts.f.Emails[goldthread.RoleParticipant])
	pid := portalID(ts.f.Mine.ID)
	_, page := get(t, c, ts.URL+"/me/record")
	wantIn(t, "my record", page, `action="/participants/`+pid+`/record.fhir.json"`)
	res, err := c.PostForm(ts.URL+"/participants/"+pid+"/record.fhir.json", url.Values{})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	var b struct {
		ResourceType string
		Entry        []struct{ Resource struct{ ResourceType string } }
	}
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/fhir+json") ||
		!strings.Contains(res.Header.Get("Content-Disposition"), "attachment") || res.Header.Get("X-Content-SHA256") != hash ||
		json.Unmarshal(body, &b) != nil || b.ResourceType != "Bundle" {
		t.Fatalf("download: %d %v %.200s", res.StatusCode, res.Header, body)
	}
	kinds := map[string]bool{}
	for _, e := range b.Entry {
		kinds[e.Resource.ResourceType] = true
	}
	for _, want := range []string{"Patient", "Organization", "Encounter", "DocumentReference", "Provenance"} {
		if !kinds[want] {
			t.Errorf("the participant's own Bundle has no %s", want)
		}
	}
	_, page = get(t, c, ts.URL+"/participants/"+pid+"/disclosures")
	wantIn(t, "disclosures", page, goldthread.OwnRequestRecipient, hash)
	t.Run("SomeoneElsesRecord404", func(t *testing.T) {
		res, err := c.PostForm(ts.URL+"/participants/"+portalID(ts.f.MineToo.ID)+"/record.fhir.json", url.Values{})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound {
			t.Fatalf("someone else's record answered %d", res.StatusCode)
		}
	})
}
