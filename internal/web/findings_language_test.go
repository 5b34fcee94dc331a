package web_test

import (
	"context"
	"encoding/json"
	"html"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/locale"
	"github.com/goldthread/goldthread/internal/rules"
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

	// The supervisor's review of the note lists the other stored findings,
	// each in Spanish.
	stored, _, err := db.SignatureFindings(context.Background(), f.Supervisor, signed.ID)
	if err != nil {
		t.Fatal(err)
	}
	_, body = getIn(t, c, path+"/review", "es")
	p, listed := locale.New("es", nil), 0
	for _, fd := range stored {
		if fd.RuleID == rules.RuleSupervisorApproval {
			continue
		}
		listed++
		if msg, _ := p.Finding(fd); msg == fd.Message || !strings.Contains(body, html.EscapeString(msg)) || strings.Contains(body, html.EscapeString(fd.Message)) {
			t.Errorf("review page: %s does not read %q in Spanish", fd.RuleID, msg)
		}
	}
	if listed == 0 {
		t.Error("the signed note has no stored finding besides the approval; the review page checks nothing")
	}

	// Billing's worklist gives the reason the service waits in Spanish.
	from := signed.ServiceDate.String()
	_, body = getIn(t, ts.signIn(t, f.Emails[goldthread.RoleBilling]),
		ts.URL+"/billing?program="+strconv.FormatInt(f.Program.ID, 10)+"&from="+from+"&to="+from, "es")
	if !strings.Contains(body, es) || strings.Contains(body, en) {
		t.Error("the billing worklist does not give the approval block in Spanish")
	}
}

// TestSignPageFindingsReadInSpanish: a peer reading Spanish who opens the
// signing page of a draft that does not say what they did reads the payer
// rule's finding, and the fragment it quotes, in Spanish.
func TestSignPageFindingsReadInSpanish(t *testing.T) {
	ts, plan := noteServer(t, storetest.OpenSQLite(t))
	d := cpDraft(t, ts, plan, func(in *store.NoteInput) { in.PeerAction = "" })
	_, body := getIn(t, ts.signIn(t, ts.f.Emails[goldthread.RolePeer]), ts.URL+"/notes/"+strconv.FormatInt(d.ID, 10)+"/sign", "es")
	if !strings.Contains(body, "<strong>La nota no dice lo que hizo el especialista de apoyo entre pares.</strong> Agregue lo que hizo el especialista de apoyo entre pares.") {
		t.Error("the signing page does not give the missing peer action in Spanish")
	}
	if strings.Contains(body, "The note does not say what the peer specialist did.") {
		t.Error("the signing page gives the finding in English too")
	}
}

// TestAPIFindingsKeepEnglishAndGiveTheReaders: the API's rule findings keep
// message and fix in English for every reader, and give reader_message and
// reader_fix in the reader's language (here the account's, Spanish).
func TestAPIFindingsKeepEnglishAndGiveTheReaders(t *testing.T) {
	db := storetest.OpenSQLite(t)
	ts, plan := noteServer(t, db)
	d := cpDraft(t, ts, plan, func(in *store.NoteInput) { in.PeerAction = "" })
	token := ts.token(t, ts.f.Emails[goldthread.RoleSupervisor])
	if res, _ := apiDo(t, "PUT", ts.URL+"/api/v1/me/language", token, `{"language":"es"}`); res.StatusCode != 200 {
		t.Fatalf("choose Spanish: %d", res.StatusCode)
	}
	_, body := apiDo(t, "GET", ts.URL+"/api/v1/notes/"+strconv.FormatInt(d.ID, 10)+"/findings", token, "")
	var got struct {
		Rules []struct {
			Field, Message, Fix string
			RM                  string `json:"reader_message"`
			RF                  string `json:"reader_fix"`
		}
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range got.Rules {
		if f.Field != "peer_action" {
			continue
		}
		found = true
		if f.Message != "The note does not say what the peer specialist did." || f.Fix != "Add what the peer specialist did." {
			t.Errorf("message and fix: %q / %q; want the English", f.Message, f.Fix)
		}
		if f.RM != "La nota no dice lo que hizo el especialista de apoyo entre pares." || f.RF != "Agregue lo que hizo el especialista de apoyo entre pares." {
			t.Errorf("reader_message and reader_fix: %q / %q; want the Spanish", f.RM, f.RF)
		}
	}
	if !found {
		t.Errorf("no missing peer action finding in %s", body)
	}
}
