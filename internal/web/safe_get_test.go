package web_test

import (
	"net/http"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestDownloadsThatDiscloseArePosts: the record PDF (each copy a line in
// the accounting of disclosures) and the 837P file (the first export marks
// claims exported) are POST actions; a GET of either, as a prefetch or a
// crawler would send, changes nothing and is refused as the wrong method.
func TestDownloadsThatDiscloseArePosts(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts, _, _ := portalServer(t, db)
		me := ts.signIn(t, ts.f.Emails[goldthread.RoleParticipant])
		pid := portalID(ts.f.Mine.ID)
		if res, _ := get(t, me, ts.URL+"/participants/"+pid+"/record.pdf"); res.StatusCode != http.StatusMethodNotAllowed {
			t.Fatalf("GET record.pdf: %d; want 405", res.StatusCode)
		}
		list, err := db.Disclosures(t.Context(), ts.f.ParticipantUser, ts.f.Mine.ID)
		if err != nil || len(list) != 0 {
			t.Fatalf("a GET wrote %d disclosures (%v)", len(list), err)
		}
		if res, _ := postForm(t, me, ts.URL+"/participants/"+pid+"/record.pdf", nil); res.StatusCode != http.StatusOK {
			t.Fatalf("POST record.pdf: %d", res.StatusCode)
		}
		if list, _ := db.Disclosures(t.Context(), ts.f.ParticipantUser, ts.f.Mine.ID); len(list) != 1 {
			t.Fatalf("%d disclosures after one copy; want 1", len(list))
		}
		bill := ts.signIn(t, ts.f.Emails[goldthread.RoleBilling])
		if res, _ := get(t, bill, ts.URL+"/billing/batches/1/837"); res.StatusCode != http.StatusMethodNotAllowed {
			t.Fatalf("GET 837: %d; want 405", res.StatusCode)
		}
	})
}
