package web_test

import (
	"context"
	"encoding/json"
	"html"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestClaimChecksReadInTheReadersLanguage: billing's own claim check (here
// the participant's record lacks a city and a ZIP code) reads in Spanish on
// the worklist, in the service's blocks and the blocked reasons, for a
// reader whose browser asks for Spanish, each missing item translated, as do
// the placeholders a batch would carry; the
// API keeps message and fix in English and adds reader_message and
// reader_fix in the account's language.
func TestClaimChecksReadInTheReadersLanguage(t *testing.T) {
	db := storetest.OpenSQLite(t)
	ts, plan := noteServer(t, db)
	f := ts.f
	ctx := context.Background()
	n := cpDraft(t, ts, plan, nil)
	if _, _, err := db.SignNote(ctx, f.Peer, n.ID, store.SignNoteInput{Password: storetest.Password, Attestation: "I attest.", Version: n.Version}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecRaw(ctx, "UPDATE participant SET addr_line1 = '12 Elm St', addr_state = 'NC', addr_city = '', addr_postal = '' WHERE id = ?", f.Mine.ID); err != nil {
		t.Fatal(err)
	}
	const (
		en    = "The claim needs the participant's city, ZIP code; their record has none."
		es    = "Al reclamo le faltan datos del participante que su expediente no tiene: ciudad, código postal."
		esFix = "Su especialista de apoyo entre pares (o el supervisor) anota lo que falta en la página del participante, en Actualizar datos: ciudad, código postal."
	)
	q := "?program=" + strconv.FormatInt(f.Program.ID, 10) + "&from=2026-03-01&to=2026-03-31"
	bill := ts.signIn(t, f.Emails[goldthread.RoleBilling])
	_, body := getIn(t, bill, ts.URL+"/billing"+q, "es")
	if !strings.Contains(body, "claim.member") {
		t.Fatal("the worklist does not block the service for the participant's record")
	}
	// Once in the service's blocks, once as the example of its group.
	if got := strings.Count(body, html.EscapeString(es)); got != 2 || strings.Contains(body, html.EscapeString(en)) {
		t.Errorf("Spanish reader: %d Spanish member checks (want 2), English present: %v", got, strings.Contains(body, html.EscapeString(en)))
	}
	// The fixture's agency has no tax id: the placeholders a batch would
	// carry name the incomplete billing identity, in Spanish too.
	if !strings.Contains(body, "<li>la identidad de facturación de la agencia está incompleta: ") || strings.Contains(body, "billing identity is incomplete") {
		t.Error("Spanish reader: the placeholders are not in Spanish")
	}
	if !strings.Contains(body, html.EscapeString(esFix)) {
		t.Error("Spanish reader: the fix is not in Spanish")
	}
	// The group's source, billing's own, reads in Spanish too.
	if !strings.Contains(body, "837P 005010X222A1 (lo que debe llevar el archivo de reclamos)") || strings.Contains(body, "what the claim file must carry") {
		t.Error("Spanish reader: the blocked group's source is not in Spanish")
	}
	if _, body = getIn(t, bill, ts.URL+"/billing"+q, "en"); !strings.Contains(body, html.EscapeString(en)) {
		t.Error("English reader does not read the English check")
	}

	token := ts.token(t, f.Emails[goldthread.RoleBilling])
	if res, _ := apiDo(t, "PUT", ts.URL+"/api/v1/me/language", token, `{"language":"es"}`); res.StatusCode != 200 {
		t.Fatalf("choose Spanish: %d", res.StatusCode)
	}
	_, raw := apiDo(t, "GET", ts.URL+"/api/v1/billing/services"+q, token, "")
	var got struct {
		Blocked []struct {
			NoteID int64 `json:"note_id"`
			Blocks []struct {
				RuleID  string `json:"rule_id"`
				Message string
				RM      string `json:"reader_message"`
				RF      string `json:"reader_fix"`
			}
		}
		Groups []struct {
			RuleID string `json:"rule_id"`
			RE     string `json:"reader_example"`
		} `json:"blocked_groups"`
	}
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range got.Blocked {
		for _, b := range s.Blocks {
			if b.RuleID != store.RuleClaimMember {
				continue
			}
			found = true
			if b.Message != en || b.RM != es || b.RF != esFix {
				t.Errorf("api block: message %q, reader_message %q, reader_fix %q", b.Message, b.RM, b.RF)
			}
		}
	}
	for _, g := range got.Groups {
		if g.RuleID == store.RuleClaimMember && g.RE != es {
			t.Errorf("api group: reader_example %q", g.RE)
		}
	}
	if !found {
		t.Errorf("no member block in %s", raw)
	}
}
