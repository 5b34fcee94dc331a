package web_test

import (
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestRecordPDFKeepsEveryCharacter: a participant's name and words outside
// Windows-1252 (Vietnamese, Polish, Cyrillic) are in their record PDF as
// written, never turned into "?".
func TestRecordPDFKeepsEveryCharacter(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ts, _, _ := portalServer(t, db)
		if _, err := db.ExecRaw(t.Context(), "UPDATE participant SET first_name = ?, last_name = ?, preferred_name = ? WHERE id = ?",
			"Ngọc", "Nguyễn-Łukasiewicz", "Алёна", ts.f.Mine.ID); err != nil {
			t.Fatal(err)
		}
		me := ts.signIn(t, ts.f.Emails[goldthread.RoleParticipant])
		res, file := postForm(t, me, ts.URL+"/participants/"+portalID(ts.f.Mine.ID)+"/record.pdf", nil)
		if res.StatusCode != 200 {
			t.Fatalf("record.pdf: %d", res.StatusCode)
		}
		wantIn(t, "pdf", pdfText(t, file), "Ngọc Nguyễn-Łukasiewicz", "Алёна")
	})
}
