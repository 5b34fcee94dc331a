package locale

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// TestFindingsRenderInTheReadersLanguage runs the rules on a short,
// incomplete note and reads its findings on a Spanish printer: each
// message and fix is the Spanish sentence with the note's own values
// filled in (a quoted fragment such as "what the peer specialist did" in
// Spanish too), on an English printer the finding's own English, and a
// finding stored before findings kept their formats reads its English.
func TestFindingsRenderInTheReadersLanguage(t *testing.T) {
	cat, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	pack, err := cat.Pack("us-nc-medicaid-8g-pss")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	start := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	findings := rules.Check(rules.Input{Pack: pack, Now: now, Note: rules.Note{
		ID: "n1", ParticipantID: "p1", AuthorID: "a1", PackID: pack.ID,
		ServiceDate: start, Start: start, End: start.Add(-30 * time.Minute), // ends before it starts
		Location: rules.Locations[0], Modality: rules.Modalities[0], Category: "No Such Service",
		ParticipantResponse: "x", NextSteps: "y", // no peer action
	}})
	es, en := New("es", nil), New("en", nil)
	want := map[string][2]string{ // rule id → Spanish message, Spanish fix
		rules.RuleTimes:             {"La hora de fin no es después de la hora de inicio.", "Corrija la hora de inicio o de fin."},
		rules.RuleCategory:          {`"No Such Service" no es un tipo de servicio de `, "Elija uno de estos: "},
		rules.RuleNonbillableReason: {"La nota está marcada como no facturable sin decir por qué.", "Diga por qué no se cobra el servicio"},
	}
	seen := map[string]bool{}
	for _, f := range findings {
		msg, fix := es.Finding(f)
		if f.RuleID == rules.RuleRequiredElements && f.Field == "peer_action" {
			seen["peer_action"] = true
			if msg != "La nota no dice lo que hizo el especialista de apoyo entre pares." || fix != "Agregue lo que hizo el especialista de apoyo entre pares." {
				t.Errorf("missing peer action in Spanish: %q / %q", msg, fix)
			}
		}
		if w, ok := want[f.RuleID]; ok {
			seen[f.RuleID] = true
			if !strings.HasPrefix(msg, w[0]) || !strings.HasPrefix(fix, w[1]) {
				t.Errorf("%s in Spanish: %q / %q; want %q… / %q…", f.RuleID, msg, fix, w[0], w[1])
			}
		}
		if m, x := en.Finding(f); m != f.Message || x != f.Fix {
			t.Errorf("%s in English: %q / %q; want %q / %q", f.RuleID, m, x, f.Message, f.Fix)
		}
	}
	for _, id := range []string{"peer_action", rules.RuleTimes, rules.RuleCategory, rules.RuleNonbillableReason} {
		if !seen[id] {
			t.Errorf("no %s finding among %d", id, len(findings))
		}
	}
	old := rules.Finding{Message: "Stored in English.", Fix: "As it was."}
	if m, x := es.Finding(old); m != old.Message || x != old.Fix {
		t.Errorf("a finding stored without formats reads %q / %q", m, x)
	}
}

// TestFindingTextSurvivesStorage: a finding's Text read back from the JSON
// it is stored as (with a note's signature) renders the same: whole
// numbers fill "%d" again, a quoted fragment is still translated and a
// quoted date still reads the reader's way.
func TestFindingTextSurvivesStorage(t *testing.T) {
	in := goldthread.Textf("This service overlaps %s by the same peer specialist (%s–%s).", goldthread.Textf("a group session"), "09:00", "10:00")
	n := goldthread.Textf("The service lasted %d minutes, longer than the usual maximum of %d.", 600, 480)
	due := goldthread.Textf("The note was due by %s and is late.", goldthread.TextDate{Time: time.Date(2026, 12, 1, 17, 0, 0, 0, time.FixedZone("EST", -5*3600)), Clock: true})
	es := New("es", nil)
	for _, tx := range []goldthread.Text{in, n, due} {
		b, err := json.Marshal(tx)
		if err != nil {
			t.Fatal(err)
		}
		var back goldthread.Text
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if got, want := es.Text(back), es.Text(tx); got != want || strings.Contains(got, "%!") {
			t.Errorf("stored %s reads %q; want %q", b, got, want)
		}
	}
	if got := es.Text(n); got != "El servicio duró 600 minutos, más que el máximo habitual de 480." {
		t.Errorf("duration: %q", got)
	}
	// A date reads the reader's way, on its own clock.
	if got := es.Text(due); got != "La nota debía estar lista el 1 dic 2026, 17:00 y está atrasada." {
		t.Errorf("due date in Spanish: %q", got)
	}
	if got, want := New("en", nil).Text(due), "The note was due by Dec 1, 2026 17:00 and is late."; got != want || due.String() != want {
		t.Errorf("due date in English: %q, String %q; want %q", got, due.String(), want)
	}
}

// TestTextListsAndQuotedReasons: a list of fragments (goldthread.TextJoin)
// reads each fragment in the reader's language with the separator as is;
// an error quoted in a Text, and a Text quoted in an error, render in the
// reader's language, while the English stays the English.
func TestTextListsAndQuotedReasons(t *testing.T) {
	es := New("es", nil)
	list := goldthread.TextJoin([]goldthread.Text{goldthread.Textf("city"), goldthread.Textf("ZIP code")}, ", ")
	if got := list.String(); got != "city, ZIP code" {
		t.Errorf("English list %q", got)
	}
	if got := es.Text(list); got != "ciudad, código postal" {
		t.Errorf("Spanish list %q", got)
	}
	if got := es.Text(goldthread.TextJoin(nil, ", ")); got != "" {
		t.Errorf("empty list %q", got)
	}
	reason := goldthread.FieldError("npi", "Enter the date as YYYY-MM-DD.")
	quoted := goldthread.Textf("The agency's billing identity cannot go on a claim: %s", reason)
	if got := quoted.String(); got != "The agency's billing identity cannot go on a claim: Enter the date as YYYY-MM-DD." {
		t.Errorf("English with a quoted error %q", got)
	}
	if got, want := es.Text(quoted), "La identidad de facturación de la agencia no puede ir en un reclamo: "+spanishFormats["Enter the date as YYYY-MM-DD."]; got != want {
		t.Errorf("Spanish with a quoted error %q, want %q", got, want)
	}
	err := goldthread.FieldError("frequency", "The replacement cannot be built: %s", goldthread.Textf("Note %d: %s %s", 4, list, list))
	if got := err.Message; got != "The replacement cannot be built: Note 4: city, ZIP code city, ZIP code" {
		t.Errorf("English error quoting a Text %q", got)
	}
	if got := es.Error(err); got != "No se puede armar el reemplazo: Nota 4: ciudad, código postal ciudad, código postal" {
		t.Errorf("Spanish error quoting a Text %q", got)
	}
}

// TestMoneyInMessages: an amount quoted in an error or a Text is
// goldthread.Money, written "$1,234.50" in English and by a Spanish
// printer (US Spanish writes dollars alike), the same as the pages'
// Printer.Money; a Text quoting one survives the stored findings' JSON.
func TestMoneyInMessages(t *testing.T) {
	es := New("es", nil)
	if got := goldthread.Money(-123450).String(); got != "-$1,234.50" || es.Money(-123450) != got {
		t.Errorf("Money: %q, printer %q", got, es.Money(-123450))
	}
	err := goldthread.FieldError("lines", "The line amounts add up to %s but the payment is %s; make them agree.", goldthread.Money(4788), goldthread.Money(100000))
	if err.Message != "The line amounts add up to $47.88 but the payment is $1,000.00; make them agree." {
		t.Errorf("English %q", err.Message)
	}
	if got := es.Error(err); !strings.Contains(got, "$47.88") || !strings.Contains(got, "$1,000.00") || got == err.Message {
		t.Errorf("Spanish %q", got)
	}
	b, jerr := json.Marshal(goldthread.Textf("Amount %q is not an amount such as 47.88.", goldthread.Money(5)))
	if jerr != nil {
		t.Fatal(jerr)
	}
	var back goldthread.Text
	if jerr := json.Unmarshal(b, &back); jerr != nil {
		t.Fatal(jerr)
	}
	if m, ok := back.Args[0].(goldthread.Money); !ok || m != 5 {
		t.Errorf("stored %s read back as %#v", b, back.Args)
	}
}
