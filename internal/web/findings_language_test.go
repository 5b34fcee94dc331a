package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestFindingsReadInTheReadersLanguage: a supervisor whose browser asks
// for Spanish opens a signed note and reads the payer rule findings, those
// stored with the signature and the re-check, in Spanish; in English the
// same page reads the English.
func TestFindingsReadInTheReadersLanguage(t *testing.T) {
	db := storetest.OpenSQLite(t)
	ts, plan := noteServer(t, db)
	f := ts.f
	signed := cpDraft(t, ts, plan, func(in *store.NoteInput) { in.Start, in.End = in.Start.Add(-2*time.Hour), in.End.Add(-2*time.Hour) })
	if _, _, err := db.SignNote(context.Background(), f.Peer, signed.ID, store.SignNoteInput{Password: storetest.Password, Attestation: "I attest.", Version: signed.Version}); err != nil {
		t.Fatal(err)
	}
	c := ts.signIn(t, f.Emails[goldthread.RoleSupervisor])
	path := ts.URL + "/notes/" + strconv.FormatInt(signed.ID, 10)
	const es, en = "Un(a) supervisor(a) todavía no aprobó esta nota.", "A supervisor has not approved this note yet."
	_, body := getIn(t, c, path, "es-MX,es;q=0.9")
	if !strings.Contains(body, `<html lang="es">`) || !strings.Contains(body, "supervision.approval") {
		t.Fatalf("the Spanish note page has no approval finding")
	}
	if n := strings.Count(body, es); n < 2 || strings.Contains(body, en) {
		t.Errorf("Spanish reader: %d Spanish approval findings (want the stored one and the re-check), English present: %v", n, strings.Contains(body, en))
	}
	if !strings.Contains(body, "El/la supervisor(a) revisa y aprueba la nota.") {
		t.Error("Spanish reader: the fix is not in Spanish")
	}
	if _, body = getIn(t, c, path, "en-US"); strings.Count(body, en) < 2 || strings.Contains(body, es) {
		t.Error("English reader does not read the English findings")
	}
}
